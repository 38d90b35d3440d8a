// The ledgers' columns: the person columns every ledger shares, and the column chooser's memory
// (per list, in localStorage). A column is {key, label, width|minWidth, sort (the server's sort
// field, when the list sorts by it), kind (how LedgerTable draws it), optional (hidden until the
// user shows it)}.
import { computed, reactive, watch } from 'vue'

// The person columns, in their order. `sortable`: the list's server sort fields.
export function personColumns(t, { sortable = [], optional = [], omit = [] } = {}) {
  const all = [
    { key: 'name', label: t('field.name'), width: 82, fixed: 'left', always: true },
    { key: 'sex', label: t('field.sex'), width: 56, kind: 'code', codeKind: 'sex' },
    { key: 'birth_date', label: t('field.birthDate'), width: 104 },
    { key: 'id_number', label: t('field.idNumber'), width: 156 },
    { key: 'township', label: t('field.township'), width: 92 },
    { key: 'village', label: t('field.village'), minWidth: 104, tooltip: true },
    { key: 'school', prop: 'school_name', label: t('field.school'), minWidth: 124, tooltip: true },
    { key: 'grade', label: t('field.grade'), width: 84 },
    { key: 'key_groups', label: t('field.keyGroup'), minWidth: 112, kind: 'groups' },
  ]
  return all
    .filter((c) => !omit.includes(c.key))
    .map((c) => ({ ...c, sort: sortable.includes(c.key) ? c.key : undefined, optional: optional.includes(c.key) }))
}

function readPrefs(key) {
  try {
    const v = JSON.parse(localStorage.getItem(key) || '{}')
    return { hidden: Array.isArray(v.hidden) ? v.hidden : [], shown: Array.isArray(v.shown) ? v.shown : [] }
  } catch {
    return { hidden: [], shown: [] }
  }
}

// The chosen columns of one list. `columns` is a computed array (labels follow the language).
export function useColumns(listKey, columns) {
  const storeKey = `baoxue.columns.${listKey}`
  const prefs = reactive(readPrefs(storeKey))
  watch(prefs, (p) => localStorage.setItem(storeKey, JSON.stringify(p)), { deep: true })
  const isShown = (c) => c.always || (c.optional ? prefs.shown.includes(c.key) : !prefs.hidden.includes(c.key))
  const visible = computed(() => columns.value.filter(isShown))
  function toggle(key, on) {
    const c = columns.value.find((x) => x.key === key)
    if (!c || c.always) return
    const list = c.optional ? prefs.shown : prefs.hidden
    const want = c.optional ? on : !on
    const i = list.indexOf(key)
    if (want && i < 0) list.push(key)
    if (!want && i >= 0) list.splice(i, 1)
  }
  function reset() {
    prefs.hidden.splice(0)
    prefs.shown.splice(0)
  }
  return { all: columns, visible, isShown, toggle, reset }
}
