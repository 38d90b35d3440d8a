// Long work runs as a server job (imports, the census, dispatching everything, exports): start it,
// then poll GET /api/jobs/{id} until it is done or failed. The job survives the page being closed;
// GET /api/jobs lists the user's recent ones.
import { computed, onBeforeUnmount, ref } from 'vue'
import { api, download, stripApi } from './api'

export const FINISHED = ['done', 'failed']
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

export function jobPercent(job) {
  if (!job) return 0
  if (job.state === 'done') return 100
  if (!job.total) return 0
  return Math.min(100, Math.floor((100 * (job.done || 0)) / job.total))
}

// A reactive job followed to its end. `start(fn)`: fn starts the job (answers {job}); `follow(job)`
// polls one already running (e.g. from GET /api/jobs on return to the page). Polling stops when the
// component goes away; the job itself goes on on the server.
export function useJob() {
  const job = ref(null)
  let alive = true
  let token = 0
  onBeforeUnmount(() => (alive = false))

  async function follow(j) {
    const mine = ++token
    job.value = j
    let wait = 300
    let misses = 0
    while (alive && mine === token && j && j.id != null && !FINISHED.includes(j.state)) {
      await sleep(wait)
      wait = Math.min(1500, wait * 1.5)
      if (!alive || mine !== token) break
      try {
        j = (await api.get(`/jobs/${j.id}`, null, { quiet: true })).job
        misses = 0
        if (mine === token) job.value = j
      } catch (e) {
        if (e.status === 401 || e.status === 404 || ++misses > 5) {
          j = { ...j, state: 'failed', error: { code: e.code || 'network', message: e.message } }
          if (mine === token) job.value = j
        }
      }
    }
    return j
  }

  async function start(fn, kind) {
    job.value = { id: null, kind, state: 'queued', done: 0, total: 0, phase: '' }
    let answer
    try {
      answer = await fn()
    } catch (e) {
      job.value = null
      throw e
    }
    return follow(answer.job)
  }

  function clear() {
    token++
    job.value = null
  }

  const busy = computed(() => !!job.value && !FINISHED.includes(job.value.state))
  return { job, busy, start, follow, clear }
}

// The xlsx of a finished export job, under the name the server gives it.
export function downloadJobFile(job) {
  const r = job?.result || {}
  return download(stripApi(r.file_url), null, r.file_name || 'export.xlsx')
}
