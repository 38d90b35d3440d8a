// A paged, sorted list bound to an API list endpoint: filters and the page (seeded from the route's
// query, so a link can name them), page, size, sort and order (server-side, per the list's sortable
// set).
import { computed, reactive, ref } from 'vue'
import { api } from './api'

// `send(params)`: the filters as the endpoint names them, when they differ (a list's school picker
// sets `school`; an endpoint may take `school_code`).
export function usePagedList(path, initialFilters, { route, size = 20, sort = '', order = '', send } = {}) {
  const filters = reactive({ ...initialFilters })
  if (route) {
    for (const k of Object.keys(initialFilters)) {
      if (typeof route.query[k] === 'string') filters[k] = route.query[k]
    }
  }
  const page = ref(route && /^\d+$/.test(route.query.page || '') ? Number(route.query.page) : 1)
  const pageSize = ref(size)
  const sorting = reactive({ sort, order })
  const total = ref(0)
  const rows = ref([])
  const notice = ref('')
  const loading = ref(false)
  const failed = ref(false)
  const last = ref(null) // the last answer whole (a list may send more than its rows: counts)
  let seq = 0

  // The filters and the sort as the API and the export take them (empty values left out).
  function params() {
    const out = {}
    for (const [k, v] of Object.entries(filters)) if (v !== '' && v != null) out[k] = v
    if (sorting.sort) {
      out.sort = sorting.sort
      out.order = sorting.order || 'asc'
    }
    return out
  }

  async function load() {
    const mine = ++seq
    loading.value = true
    failed.value = false
    try {
      const answer = await api.get(path, { ...(send ? send(params()) : params()), page: page.value, size: pageSize.value })
      if (mine !== seq) return
      last.value = answer
      rows.value = answer.rows || []
      total.value = answer.total ?? 0
      // A page past the end comes back as the last page, with a notice saying so.
      if (answer.page && answer.page !== page.value) page.value = answer.page
      notice.value = answer.notice || ''
    } catch {
      if (mine !== seq) return
      failed.value = true
      rows.value = []
      total.value = 0
    } finally {
      if (mine === seq) loading.value = false
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

  // el-table's sort-change: a column's server sort field (asc|desc), or (order empty) back to the
  // list's default order.
  function sortBy(field, dir) {
    sorting.sort = dir ? field : sort
    sorting.order = dir ? dir : order
    return search()
  }

  // How many filters (besides the search box) differ from where the list started.
  const changed = computed(() => Object.keys(initialFilters).filter((k) => k !== 'q' && filters[k] !== initialFilters[k] && filters[k] !== '').length)

  return { filters, changed, page, size: pageSize, sorting, total, rows, notice, loading, failed, last, load, search, reset, sortBy, params }
}

// A list an endpoint sends whole (no pages: a school's leave, a day's alerts, a school's classes),
// shaped like usePagedList so ListToolbar and Pager take it: `fetch(filters)` answers
// {rows, …}; `match(row, filters)` keeps a row for the filters the endpoint does not apply; the
// pages are cut here. rows: the page shown; shown: every row that matches.
export function useLocalList(fetch, initialFilters, { route, size = 50, match } = {}) {
  const filters = reactive({ ...initialFilters })
  if (route) {
    for (const k of Object.keys(initialFilters)) {
      if (typeof route.query[k] === 'string') filters[k] = route.query[k]
    }
  }
  const page = ref(1)
  const pageSize = ref(size)
  const all = ref([])
  const notice = ref('')
  const loading = ref(false)
  const failed = ref(false)
  const last = ref(null)
  let seq = 0

  const shown = computed(() => (match ? all.value.filter((r) => match(r, filters)) : all.value))
  const total = computed(() => shown.value.length)
  const rows = computed(() => shown.value.slice((page.value - 1) * pageSize.value, page.value * pageSize.value))

  function params() {
    const out = {}
    for (const [k, v] of Object.entries(filters)) if (v !== '' && v != null) out[k] = v
    return out
  }

  async function load() {
    const mine = ++seq
    loading.value = true
    failed.value = false
    try {
      const answer = await fetch(filters)
      if (mine !== seq) return
      last.value = answer
      all.value = answer?.rows || []
      notice.value = answer?.notice || ''
      if ((page.value - 1) * pageSize.value >= shown.value.length) page.value = 1
    } catch {
      if (mine !== seq) return
      failed.value = true
      last.value = null
      all.value = []
    } finally {
      if (mine === seq) loading.value = false
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

  const changed = computed(() => Object.keys(initialFilters).filter((k) => k !== 'q' && filters[k] !== initialFilters[k] && filters[k] !== '').length)

  return { filters, changed, page, size: pageSize, total, rows, shown, all, notice, loading, failed, last, load, search, reset, params }
}
