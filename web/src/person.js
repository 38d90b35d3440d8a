// The sections of a person's detail view (PersonForm): the child, the guardian and address, the
// school record — the same for a child of the 适龄儿童台账, a suspected entry and a dropout. Each
// page adds its own sections (the standing, the verification, where the entry came from).
// A field the answer does not carry at all is left out; a field it carries empty shows "—".

import { ref } from 'vue'
import { api } from './api'

export function field(p, key, label, extra = {}) {
  return { key, label, value: p[key], ...extra }
}

const has = (p, key) => p && Object.prototype.hasOwnProperty.call(p, key)

export function groupTags(p, t, label) {
  const tags = []
  if (p.poverty) tags.push({ text: t('field.poverty'), type: 'danger' })
  for (const g of p.key_groups || []) tags.push({ text: label('key_group', g), type: 'info' })
  return tags
}

export function personSections(p, { t, label }) {
  const pick = (list) => list.filter((f) => has(p, f.key) || f.always)
  const child = pick([
    field(p, 'name', t('field.name')),
    { key: 'sex', label: t('field.sex'), value: label('sex', p.sex) },
    field(p, 'birth_date', t('field.birthDate')),
    field(p, 'id_number', t('field.idNumber')),
    { key: 'in_band', label: t('field.band'), value: has(p, 'in_band') ? label('band', p.in_band ? 'in' : 'out') : undefined },
    { key: 'key_groups', label: t('field.keyGroup'), kind: 'tags', value: groupTags(p, t, label), always: true },
    { key: 'on_lists', label: t('field.onLists'), value: label.list('list_kind', p.on_lists), span: true },
  ])
  const guardian = pick([
    field(p, 'guardian_name', t('field.guardian')),
    field(p, 'guardian_phone', t('field.phone'), { kind: 'tel' }),
    field(p, 'township', t('field.township')),
    field(p, 'village', t('field.village')),
    field(p, 'address', t('field.address'), { span: true }),
  ])
  const school = pick([
    field(p, 'school_name', t('field.school')),
    field(p, 'grade', t('field.grade')),
    field(p, 'expected_grade', t('field.expectedGrade')),
    field(p, 'student_no', t('field.studentNo')),
  ])
  return [
    { key: 'child', title: t('person.child'), fields: child },
    { key: 'guardian', title: t('person.guardian'), fields: guardian },
    { key: 'school', title: t('person.school'), fields: school },
  ].filter((s) => s.fields.length)
}

// A form's pupil picker (a remote el-select): the children of the user's scope whose name or ID
// number's tail matches what was typed.
export function useChildSearch() {
  const found = ref([])
  async function find(q) {
    if (!q) return
    try {
      const a = await api.get('/children', { q, size: 20 }, { quiet: true })
      found.value = a.rows || []
    } catch {
      found.value = []
    }
  }
  return { found, find }
}
