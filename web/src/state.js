// What the app keeps in memory: the signed-in user, the CSRF token (never stored on disk) and the
// reference data of GET /api/meta.
import { reactive, computed } from 'vue'

export const state = reactive({
  user: null,
  csrf: '',
  meta: null,
  checked: false, // GET /api/session has been asked once since the page loaded
  mobile: false,
  tasksChanged: 0, // bumped after a submit or a review: task lists read again
})

const mq = typeof window !== 'undefined' ? window.matchMedia('(max-width: 768px)') : null
if (mq) {
  state.mobile = mq.matches
  mq.addEventListener('change', (e) => (state.mobile = e.matches))
}

export const COUNTY_ROLES = ['county_admin', 'county_staff']

export const perms = computed(() => state.meta?.permissions || {})
export const isCounty = computed(() => COUNTY_ROLES.includes(state.user?.role))

// The user's own unit (meta.unit): a village cadre's header names his village, not the county.
export const unit = computed(() => state.meta?.unit || null)

// A region filter the user cannot widen: a township user's township, a village cadre's village,
// a school user's school. Preselected and shown disabled; never "全部乡镇" for them.
const LOCKS = { township: ['township', 'village'], village: ['village'], school: ['school', 'class'] }
export function lockedRegion(level) {
  const u = unit.value
  const lists = { township: state.meta?.townships, village: state.meta?.villages, school: state.meta?.schools }
  const list = lists[level] || []
  if (!u || !LOCKS[level].includes(u.level) || list.length !== 1) return ''
  return list[0].code
}

export function notifyTasksChanged() {
  state.tasksChanged++
}

// The region filters a list starts from (the locked ones preselected).
export function regionDefaults() {
  return { township: lockedRegion('township'), village: lockedRegion('village'), school: lockedRegion('school') }
}
