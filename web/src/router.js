import { createRouter, createWebHashHistory } from 'vue-router'
import { state } from './state'
import { restoreSession } from './session'
import { setHandlers } from './api'
import { ATTENDANCE_PAGES } from './attendance'
import { REPORTING_ROLES } from './reporting'

const routes = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
  { path: '/password', name: 'password', component: () => import('./views/PasswordView.vue'), meta: { bare: true } },
  { path: '/', name: 'dashboard', component: () => import('./views/DashboardView.vue') },
  { path: '/children', name: 'children', component: () => import('./views/ChildrenView.vue') },
  { path: '/suspected', name: 'suspected', component: () => import('./views/SuspectedView.vue') },
  { path: '/suspected/:id', name: 'suspected-detail', component: () => import('./views/SuspectedDetailView.vue'), props: true },
  { path: '/tasks', name: 'tasks', component: () => import('./views/TasksView.vue'), meta: { perm: 'verify' } },
  { path: '/verify/:id', name: 'verify', component: () => import('./views/VerifyView.vue'), props: true },
  { path: '/dropouts', name: 'dropouts', component: () => import('./views/DropoutsView.vue') },
  { path: '/cases', name: 'cases', component: () => import('./views/CasesView.vue') },
  { path: '/cases/:id', name: 'case', component: () => import('./views/CaseView.vue'), props: true },
  { path: '/cases/:id/attempt', name: 'case-attempt', component: () => import('./views/CaseAttemptView.vue'), props: true },
  { path: '/summary', name: 'summary', component: () => import('./views/SummaryView.vue') },
  { path: '/imports', name: 'imports', component: () => import('./views/ImportsView.vue'), meta: { perm: 'import' } },
  { path: '/home-teaching', name: 'home-teaching', component: () => import('./views/HomeTeachingView.vue') },
  { path: '/home-teaching/:id', name: 'home-teaching-plan', component: () => import('./views/HomeTeachingPlanView.vue'), props: true },
  { path: '/home-visits', name: 'home-visits', component: () => import('./views/HomeVisitsView.vue') },
  ...[
    ['/attendance/roll-call', 'roll-call', () => import('./views/RollCallView.vue')],
    ['/attendance/leave', 'leave', () => import('./views/LeaveView.vue')],
    ['/attendance/day', 'school-day', () => import('./views/SchoolDayView.vue')],
    ['/attendance/alerts', 'attendance-alerts', () => import('./views/AttendanceAlertsView.vue')],
    ['/risk', 'risk', () => import('./views/RiskView.vue')],
    ['/support-pairs', 'support-pairs', () => import('./views/SupportPairsView.vue')],
  ].map(([path, name, component]) => ({ path, name, component, meta: { roles: ATTENDANCE_PAGES.find((p) => p.path === path).roles } })),
  // 学籍异动, 控辍指标 and the 四个一 reports (issue 14): the bureau, the inspector, townships and schools.
  ...[
    ['/movements', 'movements', () => import('./views/MovementsView.vue')],
    ['/indicators', 'indicators', () => import('./views/IndicatorsView.vue')],
    ['/reports', 'reports', () => import('./views/ReportsView.vue')],
    ['/reports/draft', 'report-draft', () => import('./views/ReportDraftView.vue')],
    ['/reports/:id(\\d+)', 'report', () => import('./views/ReportView.vue')],
  ].map(([path, name, component]) => ({ path, name, component, props: name === 'report', meta: { roles: REPORTING_ROLES } })),
  { path: '/audit', name: 'audit', component: () => import('./views/AuditView.vue'), meta: { perm: 'audit' } },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
]

const router = createRouter({ history: createWebHashHistory(), routes })

router.beforeEach(async (to) => {
  if (!state.checked) await restoreSession()
  if (to.meta.public) return true
  if (!state.user) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} }
  if (state.user.must_change_password && to.name !== 'password') return { name: 'password' }
  if (to.meta.roles && !to.meta.roles.includes(state.user.role)) return { name: 'not-found', params: { rest: to.path.slice(1).split('/') } }
  if (to.meta.perm && state.meta && !state.meta.permissions?.[to.meta.perm]) return { name: 'not-found', params: { rest: to.path.slice(1).split('/') } }
  return true
})

setHandlers({
  unauthorized: () => {
    const cur = router.currentRoute.value
    if (cur.name !== 'login') router.replace({ name: 'login', query: { next: cur.fullPath } })
  },
  passwordRequired: () => router.replace({ name: 'password' }),
})

export default router
