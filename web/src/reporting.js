// 学籍异动, 控辍指标 and the 四个一 reports (issue 14): who reads the pages, how rates are shown,
// the kinds of movement by name, the periods a report is for, and who submits a unit's report.
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { state } from './state'
import { useLabel } from './fmt'
import { today } from './attendance'

// The roles that read movements, indicators and reports (router.js guards the pages, App.vue
// lists them); the others get 403 from the API.
export const REPORTING_ROLES = ['county_admin', 'county_staff', 'inspector', 'township', 'school_admin']
export const REPORTING_PAGES = [
  { path: '/movements', key: 'nav.movements' },
  { path: '/indicators', key: 'nav.indicators' },
  { path: '/reports', key: 'nav.reports' },
]
export const mayReadReports = (role) => REPORTING_ROLES.includes(role)

// A rate arrives as a fraction (0.9987) or null (its denominator was 0): "99.87%" or "—".
export function fmtRate(v) {
  if (v === null || v === undefined || v === '' || Number.isNaN(Number(v))) return '—'
  return (Number(v) * 100).toFixed(2) + '%'
}
// The same as a number of percent for a chart (null stays null: no bar).
export const pct = (v) => (v === null || v === undefined ? null : Math.round(Number(v) * 10000) / 100)

// The kinds of movement: from /api/meta's movement_kind table when the server sends it; otherwise
// the defaults named in the locales, and a county's own kind by the name its row carries.
const DEFAULT_KINDS = ['transfer_out', 'transfer_in', 'suspend', 'resume', 'death', 'abroad', 'lawful_other', 'dropout', 'repeat', 'skip', 'graduate']
export function useMovementKinds() {
  const { t, te } = useI18n()
  const label = useLabel()
  const served = () => (state.meta?.labels?.movement_kind || []).length > 0
  const name = (code, fallback) => {
    if (served()) return label('movement_kind', code)
    return te('mv.kinds.' + code) ? t('mv.kinds.' + code) : fallback || code
  }
  const options = computed(() => (served() ? label.options('movement_kind') : DEFAULT_KINDS.map((code) => ({ code, label: name(code) }))))
  return { name, options }
}

// Whether the user submits this unit's report: the school itself, the township itself, the
// bureau's operators for the county (as the server decides; the inspector only reads).
export function submitsUnit(unit) {
  const u = state.user
  if (!u || !unit) return false
  if (unit.level === 'school') return u.role === 'school_admin' && u.school_code === unit.code
  if (unit.level === 'township') return u.role === 'township' && u.township_code === unit.code
  return u.role === 'county_admin' || u.role === 'county_staff'
}

// The periods offered for a kind, newest first: quarters and terms of the last years (a month is
// picked on a month picker). Codes as the server takes them: 2026-Q4, 2026-autumn / 2027-spring.
export function periodChoices(kind, t) {
  const d = today()
  const y = Number(d.slice(0, 4))
  const m = Number(d.slice(5, 7))
  const out = []
  if (kind === 'quarterly') {
    let q = Math.floor((m - 1) / 3) + 1
    let yy = y
    for (let i = 0; i < 8; i++) {
      out.push({ code: `${yy}-Q${q}`, label: t('rp.quarter', { y: yy, q: t('rp.quarterName.' + q) }) })
      if (--q === 0) {
        q = 4
        yy--
      }
    }
  } else if (kind === 'term') {
    // autumn from September, spring from March (census.term_days); January and February are still
    // the autumn term of the year before.
    let yy = m >= 9 ? y : m >= 3 ? y : y - 1
    let autumn = m >= 9 || m < 3
    for (let i = 0; i < 6; i++) {
      out.push({ code: `${yy}-${autumn ? 'autumn' : 'spring'}`, label: t(autumn ? 'rp.autumn' : 'rp.spring', { y: yy }) })
      if (autumn) autumn = false
      else {
        autumn = true
        yy--
      }
    }
  }
  return out
}

// This month so far: the indicators' default range.
export function thisMonth() {
  const d = today()
  return [d.slice(0, 8) + '01', d]
}

// A period by name: the server's Chinese label ("2026年12月"), in English said from its code.
export function periodName(p, t, en) {
  if (!p) return ''
  if (!en) return p.label
  const q = /^(\d{4})-Q(\d)$/.exec(p.code || '')
  if (q) return t('rp.quarter', { y: q[1], q: t('rp.quarterName.' + q[2]) })
  const term = /^(\d{4})-(autumn|spring)$/.exec(p.code || '')
  if (term) return t('rp.' + term[2], { y: term[1] })
  return p.code
}
