// What the app keeps in memory: the signed-in user, the CSRF token (never stored on disk) and the
// reference data of GET /api/meta.
import { reactive, computed } from 'vue'

export const state = reactive({
  user: null,
  csrf: '',
  meta: null,
  checked: false, // GET /api/session has been asked once since the page loaded
  mobile: false,
})

const mq = typeof window !== 'undefined' ? window.matchMedia('(max-width: 768px)') : null
if (mq) {
  state.mobile = mq.matches
  mq.addEventListener('change', (e) => (state.mobile = e.matches))
}

export const COUNTY_ROLES = ['county_admin', 'county_staff']

export const perms = computed(() => state.meta?.permissions || {})
export const isCounty = computed(() => COUNTY_ROLES.includes(state.user?.role))

export function optionName(list, code) {
  if (!code) return ''
  const found = (list || []).find((x) => x.code === code)
  return found ? found.name || found.label : code
}
