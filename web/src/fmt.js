// Display helpers shared by the pages.
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'

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

// Code-table labels from /api/meta in the chosen language (label_en when English and present).
export function useLabel() {
  const { locale } = useI18n()
  const en = computed(() => locale.value === 'en')
  return (o) => (o ? (en.value && o.label_en ? o.label_en : o.label || o.name || o.code) : '')
}

// "hukou,xueji" → the lists' names.
export function listNames(t, value) {
  const codes = Array.isArray(value) ? value : String(value || '').split(/[,，;；\s]+/).filter(Boolean)
  return codes.map((c) => (['hukou', 'xueji', 'village', 'group', 'present', 'school'].includes(c) ? t('imports.kinds.' + c) : c)).join('、')
}

export function splitList(value) {
  return Array.isArray(value) ? value : String(value || '').split(/[,，;；\s]+/).filter(Boolean)
}
