// The API client: a fetch wrapper that adds X-CSRF-Token on writes and turns every non-2xx answer
// into a thrown ApiError after showing the server's (Chinese) message. 401 sends the user back to
// the sign-in page; 403 password_change_required to the password page.
import { ElMessage } from 'element-plus'
import { state } from './state'

let handlers = { unauthorized: () => {}, passwordRequired: () => {} }
export function setHandlers(h) {
  handlers = { ...handlers, ...h }
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`)
    this.status = status
    this.code = code
  }
}

function query(params) {
  if (!params) return ''
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue
    q.append(k, String(v))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

export function apiUrl(path, params) {
  return `/api${path}${query(params)}`
}

async function failure(res, path, quiet) {
  let body = {}
  try {
    body = await res.json()
  } catch {
    body = {}
  }
  return fail(res.status, body, path, quiet)
}

function fail(status, body, path, quiet) {
  const err = new ApiError(status, body.code, body.message)
  if (status === 401 && path !== '/session') {
    state.user = null
    state.csrf = ''
    handlers.unauthorized()
  } else if (status === 403 && body.code === 'password_change_required') {
    if (state.user) state.user.must_change_password = true
    handlers.passwordRequired()
  }
  if (!quiet && !(status === 401 && path === '/session' && !body.message)) {
    ElMessage.error({ message: err.message, grouping: true })
  }
  throw err
}

function writeHeaders(method, extra) {
  const headers = { ...(extra || {}) }
  if (method !== 'GET' && method !== 'HEAD' && state.csrf) headers['X-CSRF-Token'] = state.csrf
  return headers
}

export async function request(method, path, { params, body, quiet, raw } = {}) {
  const headers = writeHeaders(method, { Accept: 'application/json' })
  const init = { method, headers, credentials: 'same-origin' }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(body)
  }
  let res
  try {
    res = await fetch(apiUrl(path, params), init)
  } catch (e) {
    if (!quiet) ElMessage.error({ message: String(e.message || e), grouping: true })
    throw new ApiError(0, 'network', String(e.message || e))
  }
  if (!res.ok) return failure(res, path, quiet)
  if (raw) return res
  const text = await res.text()
  return text ? JSON.parse(text) : {}
}

export const api = {
  get: (path, params, opts) => request('GET', path, { params, ...opts }),
  post: (path, body, opts) => request('POST', path, { body: body ?? {}, ...opts }),
  del: (path, opts) => request('DELETE', path, opts),
}

// Sends a file as the raw request body (evidence, imports) with upload progress (0..100).
export function upload(path, file, { params, onProgress, quiet } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', apiUrl(path, params))
    xhr.withCredentials = true
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream')
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name))
    xhr.setRequestHeader('Accept', 'application/json')
    if (state.csrf) xhr.setRequestHeader('X-CSRF-Token', state.csrf)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onerror = () => {
      const msg = 'network error'
      if (!quiet) ElMessage.error(msg)
      reject(new ApiError(0, 'network', msg))
    }
    xhr.onload = () => {
      let body = {}
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : {}
      } catch {
        body = {}
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        if (onProgress) onProgress(100)
        resolve(body)
      } else {
        try {
          fail(xhr.status, body, path, quiet)
        } catch (e) {
          reject(e)
        }
      }
    }
    xhr.send(file)
  })
}

function fileNameFrom(disposition, fallback) {
  if (!disposition) return fallback
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition)
  return plain ? plain[1] : fallback
}

// Downloads a file answer (exports, error workbooks) under the name the server gives it.
export async function download(path, params, fallbackName = 'export.xlsx') {
  const res = await request('GET', path, { params, raw: true })
  const blob = await res.blob()
  const name = fileNameFrom(res.headers.get('Content-Disposition'), fallbackName)
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
  return name
}

// errors_url and similar come as absolute `/api/...` paths.
export function stripApi(url) {
  return url.startsWith('/api') ? url.slice(4) : url
}
