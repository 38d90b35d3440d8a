// A paged list bound to an API list endpoint: filters (seeded from the route's query), page, size.
import { reactive, ref } from 'vue'
import { api } from './api'

export function usePagedList(path, initialFilters, route) {
  const filters = reactive({ ...initialFilters })
  if (route) {
    for (const k of Object.keys(initialFilters)) {
      if (typeof route.query[k] === 'string') filters[k] = route.query[k]
    }
  }
  const page = ref(1)
  const size = ref(20)
  const total = ref(0)
  const rows = ref([])
  const loading = ref(false)
  const failed = ref(false)

  async function load() {
    loading.value = true
    failed.value = false
    try {
      const answer = await api.get(path, { ...filters, page: page.value, size: size.value })
      rows.value = answer.rows || []
      // A list answered without "total" still pages: one more page while pages come back full.
      total.value = answer.total ?? (page.value - 1) * size.value + rows.value.length + (rows.value.length === size.value ? 1 : 0)
    } catch {
      failed.value = true
      rows.value = []
      total.value = 0
    } finally {
      loading.value = false
    }
  }

  function search() {
    page.value = 1
    return load()
  }

  function reset() {
    Object.assign(filters, initialFilters)
    return search()
  }

  function params() {
    const out = {}
    for (const [k, v] of Object.entries(filters)) if (v !== '' && v != null) out[k] = v
    return out
  }

  return { filters, page, size, total, rows, loading, failed, load, search, reset, params }
}
