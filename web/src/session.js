import { api } from './api'
import { state } from './state'

export async function loadMeta() {
  state.meta = await api.get('/meta')
  return state.meta
}

function accept(answer) {
  state.user = answer.user
  if (answer.csrf) state.csrf = answer.csrf
}

// Asks the server once per page load who is signed in (the cookie survives a reload, the CSRF
// token comes back with the answer).
export async function restoreSession() {
  if (state.checked) return state.user
  state.checked = true
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      accept(await api.get('/session', null, { quiet: true }))
      if (!state.user.must_change_password) await loadMeta().catch(() => {})
      return state.user
    } catch (e) {
      state.user = null
      if (e.status === 401 || e.status === 403) break // not signed in: the sign-in page
      await new Promise((r) => setTimeout(r, 400 * (attempt + 1))) // server busy or unreachable: try again
    }
  }
  return state.user
}

export async function signIn(username, password) {
  accept(await api.post('/session', { username, password }))
  state.checked = true
  if (!state.user.must_change_password) await loadMeta()
  return state.user
}

export async function changePassword(oldPassword, newPassword) {
  const answer = await api.post('/session/password', {
    old_password: oldPassword,
    new_password: newPassword,
  })
  state.user = answer.user
  await loadMeta()
  return state.user
}

// `leave` moves to the sign-in page before the user is forgotten, so no page of the signed-in
// layout is mounted again without a session.
export async function signOut(leave) {
  try {
    await api.del('/session', { quiet: true })
  } catch {
    /* signed out anyway */
  }
  if (leave) await leave()
  state.user = null
  state.csrf = ''
  state.meta = null
}

// A head teacher lands on his class's roll call; a village or township officer on his tasks.
export function homeFor(user) {
  if (user?.role === 'teacher') return '/attendance/roll-call'
  return user && ['village', 'township'].includes(user.role) ? '/tasks' : '/'
}
