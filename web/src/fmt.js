// Display helpers shared by the pages: code → name in the chosen language, instants, dates.
import { useI18n } from 'vue-i18n'
import { state } from './state'

// Instants come as UTC ("YYYY-MM-DD HH:MM:SS" or ISO "…T…Z"); shown in the browser's local time.
export function fmtTime(s) {
  if (!s) return ''
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(\.\d+)?Z?$/.exec(String(s))
  if (!m) return String(s)
  const d = new Date(`${m[1]}T${m[2]}${m[3] || ':00'}Z`)
  if (Number.isNaN(d.getTime())) return String(s)
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

// The local calendar day of an instant (tables show the day; the detail shows the time).
export function fmtDay(s) {
  return fmtTime(s).slice(0, 10)
}

export function fmtCount(n) {
  return n === null || n === undefined ? '—' : Number(n).toLocaleString('en-US')
}

// The code table of one kind: categories and key groups as /api/meta sends them, every other kind
// from meta.labels.
function table(kind) {
  const m = state.meta
  if (kind === 'category') return m?.categories || []
  if (kind === 'key_group') return m?.key_groups || []
  return m?.labels?.[kind] || []
}

// The name of a code in the chosen language. Categories read "A 在校就读有学籍（本省）"; a list
// kind "group:<code>" is that key group's list. An unknown code is shown as it is (a data problem
// to see, not to hide).
export function labelOf(kind, code, en) {
  if (code === null || code === undefined || code === '') return ''
  const c = String(code)
  if (kind === 'list_kind' && c.startsWith('group:')) return labelOf('key_group', c.slice(6), en)
  const o = table(kind).find((x) => x.code === c)
  if (!o) return c
  const text = (en && o.label_en) || o.label || o.name || c
  return kind === 'category' ? `${o.code} ${text}` : text
}

// label(kind, code) in templates; label.options(kind) for selects; label.list(kind, codes) joins.
export function useLabel() {
  const { locale } = useI18n()
  const en = () => locale.value === 'en'
  const label = (kind, code) => labelOf(kind, code, en())
  label.options = (kind, filter) =>
    table(kind)
      .filter(filter || (() => true))
      .map((o) => ({ code: o.code, label: labelOf(kind, o.code, en()), item: o }))
  label.list = (kind, codes) => (codes || []).map((c) => labelOf(kind, c, en())).join(en() ? ', ' : '、')
  // "显示名（单位）" — a person named with his unit, never his account
  label.who = (name, unit) => (!unit ? name || '' : en() ? `${name} (${unit})` : `${name}（${unit}）`)
  // "字段：结果" with the language's colon
  label.pair = (a, b) => (en() ? `${a}: ${b}` : `${a}：${b}`)
  return label
}

export function category(code) {
  return (state.meta?.categories || []).find((c) => c.code === code) || null
}
