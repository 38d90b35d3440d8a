// Rows seen in GET /api/tasks, by suspected-entry id: the verification page falls back on them when
// the entry's detail cannot be read.
const rows = new Map()
export function rememberTaskRow(row) {
  rows.set(String(row.id), row)
}
export function taskRow(id) {
  return rows.get(String(id)) || null
}
