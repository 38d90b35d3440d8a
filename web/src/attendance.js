// 考勤 (issue 13): who sees which attendance page, and the display helpers its pages share — class
// names in the chosen language, marks, streak levels, the session by the clock.
import { useI18n } from 'vue-i18n'
import { state } from './state'

// The pages of the 考勤 menu group and the roles that see each (router.js guards them, App.vue
// lists them). Head teachers and schools keep the roll and the leave; the school and those above
// it read a school's day; everyone who acts on absences reads the alerts and tasks.
export const ATTENDANCE_PAGES = [
  { path: '/attendance/roll-call', key: 'att.nav.rollCall', roles: ['teacher', 'school_admin'] },
  { path: '/attendance/leave', key: 'att.nav.leave', roles: ['teacher', 'school_admin'] },
  { path: '/attendance/day', key: 'att.nav.day', roles: ['school_admin', 'township', 'county_admin', 'county_staff', 'inspector'] },
  { path: '/attendance/alerts', key: 'att.nav.alerts', roles: ['teacher', 'school_admin', 'township', 'county_admin', 'county_staff', 'inspector'] },
  { path: '/risk', key: 'risk.nav', roles: ['teacher', 'school_admin', 'township', 'county_admin', 'county_staff', 'inspector'] },
  { path: '/support-pairs', key: 'supportPairs.nav', roles: ['teacher', 'school_admin', 'township', 'county_admin', 'county_staff', 'inspector'] },
]

export function attendancePages(role) {
  return ATTENDANCE_PAGES.filter((p) => p.roles.includes(role))
}

// The marks a roll call sets (labels table attendance_mark), in the order the sheet offers them.
export const MARKS = ['present', 'truant', 'late', 'left_early', 'sick_leave', 'personal_leave']
// Marks that mean the pupil is not in school that session (实到 leaves them out).
export const AWAY = ['truant', 'sick_leave', 'personal_leave']
export const MARK_TYPES = { present: 'success', truant: 'danger', late: 'warning', left_early: 'warning', sick_leave: 'info', personal_leave: 'info' }
// What a streak level asks, as the home-visit method that answers it (1 a call, 2 a home visit,
// 3 and over a joint visit).
export const LEVEL_METHOD = { 1: 'phone', 2: 'home', 3: 'joint', 4: 'joint' }
const LEVEL_TAGS = { 1: { type: 'primary' }, 2: { type: 'warning' }, 3: { type: 'danger' }, 4: { type: 'danger', effect: 'dark' } }

const ZH_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九']

// Before noon the morning roll, after it the afternoon's (the browser's clock).
export function sessionByClock(now = new Date()) {
  return now.getHours() < 12 ? 'am' : 'pm'
}

// A date picker's Date (local midnight) as YYYY-MM-DD.
export function isoDay(d) {
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}
// Days after today cannot be picked.
export const afterToday = (d) => isoDay(d) > today()

export function today() {
  return state.meta?.today || new Date().toISOString().slice(0, 10)
}

// A code from its Chinese name (some answers name marks only in Chinese: the school's day).
export function codeOfName(kind, name) {
  const o = (state.meta?.labels?.[kind] || []).find((x) => x.label === name || x.code === name)
  return o ? o.code : name
}

export function useAttendance() {
  const { t, locale } = useI18n()
  // "一年级(1)班" / "Grade 1, class 1"; from grade and number, or from the Chinese name an answer
  // sends (a leave record names its class only so).
  function className(grade, number, fallback) {
    let g = grade
    let n = number
    if ((!g || !n) && fallback) {
      const m = /^(.)年级\((\d+)\)班$/.exec(fallback)
      if (m) {
        g = ZH_DIGITS.indexOf(m[1])
        n = Number(m[2])
      }
    }
    if (!g || !n || g < 1) return fallback || ''
    return t('att.className', { grade: locale.value === 'en' ? g : ZH_DIGITS[g] || g, n })
  }
  const levelTag = (level) => ({ ...(LEVEL_TAGS[Math.min(4, level)] || { type: 'info' }), 'data-level': level })
  // The date pickers' shortcuts: today, and the school day before it (a Monday's is the Friday).
  const dayShortcuts = [
    { text: t('att.today'), value: () => new Date(today() + 'T00:00:00') },
    {
      text: t('att.lastSchoolDay'),
      value: () => {
        const d = new Date(today() + 'T00:00:00')
        do {
          d.setDate(d.getDate() - 1)
        } while (d.getDay() === 0 || d.getDay() === 6)
        return d
      },
    },
  ]
  const levelName = (level) => (level ? t('att.level.' + Math.min(4, level)) : '')
  const streakText = (n) => (n ? t('att.streak', { n }) : '')
  return { className, levelName, levelTag, streakText, dayShortcuts }
}
