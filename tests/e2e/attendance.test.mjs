// 考勤, played by its users in a real browser against the casework county (run.sh builds it; its
// demo casework seeds a term of roll calls, leave and streaks, on the server at CASES_URL): the
// head teacher, on a 390 px phone, lands on his class's roll call, marks one pupil 旷课 at this
// morning's roll and submits — the sheet says who took it and that a task was created; the level-1
// task (班主任当天电话联系监护人) is in his 待办; he logs the phone call through the home-visit form,
// which opens on the pupil with 电话家访, and the task reads 已办结. The school's day shows the
// absence; the school records and cancels a leave; the county reads the alerts and the roll-up,
// and finds the 12-day streak in the 疑似失学辍学台账 with 比对来源 考勤; the county's 易流失学生花名册
// gives the top pupil's reasons in words with their points, and 评分说明 the weights. Screenshots go
// to $E2E_SHOTS.
import { describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, DESKTOP, PHONE, launch, newPage, shot, field, tid, signIn, apiGet, useServer, tableOverflow, addUser, walk, mainText, widerThanPhone } from './lib.mjs'

const URL_ = process.env.CASES_URL
const PASS = 'Demo2026pass'
const NEW_PASS = 'Baoxue2026kaoqin'
const RAW_CODE = /\b[a-z]+(?:_[a-z]+)+\b|\b(?:truant|present|late|phone|home|joint|open|done|cancelled|am|pm)\b/
const PHONE390 = { ...PHONE, viewport: { width: 390, height: 844 } }

let browser
let teacher
let school
let county
const errors = []
const s = {}
const step = walk('attendance', URL_, s)


// Opens a page of the 考勤 menu group (the phone's drawer, or the side menu).
async function menu(page, text, mobile) {
  if (mobile) {
    await tid(page, 'burger').click()
    await page.locator('[data-test="menu-m"] .el-menu-item', { hasText: text }).click()
  } else {
    await page.locator('[data-test="menu"] .el-menu-item', { hasText: text }).click()
  }
}

describe('考勤 end to end', () => {
  before(async () => {
    if (!URL_) return
    useServer(URL_)
    browser = await launch()
    teacher = await newPage(browser, PHONE390, errors)
    school = await newPage(browser, DESKTOP, errors)
    county = await newPage(browser, DESKTOP, errors)
  })
  after(async () => {
    if (browser) await browser.close()
    assert.deepEqual(errors, [], 'no page errors')
  })

  step('the head teacher lands on his class roll call on a 390 px phone', async () => {
    s.current = teacher
    await signIn(teacher, 'teacher_a', PASS, NEW_PASS)
    await teacher.waitForURL((u) => u.hash.startsWith('#/attendance/roll-call'))
    await tid(teacher, 'rc-class-name').waitFor()
    // this morning's roll (the session starts by the clock: chosen here)
    await teacher.locator('[data-test="rc-session"] [data-code="am"]').click()
    await teacher.locator('[data-test="pupil"]').first().waitFor()
    const sheet = await apiGet(teacher, '/roll-call?session=am')
    assert.equal(sheet.status, 200)
    s.meta = (await apiGet(teacher, '/meta')).body
    assert.equal(sheet.body.day, s.meta.today, 'the sheet is today\'s')
    assert.equal(sheet.body.taken, null, 'this morning\'s roll is not taken yet')
    s.expected = sheet.body.pupils.length
    assert.equal(await teacher.locator('[data-test="pupil"]').count(), s.expected, 'every pupil of the class is on the sheet')
    // the pupil with a streak shows it as a badge
    const streak = sheet.body.pupils.find((p) => p.streak >= 1)
    assert.ok(streak, 'the demo class has a pupil absent days in a row')
    assert.match(await teacher.locator(`[data-test="pupil"][data-id="${streak.id}"] [data-test="streak-badge"]`).innerText(), new RegExp(`已连续旷课${streak.streak}天`))
    // everyone present by default, but a pupil on leave today starts on leave
    const onLeave = sheet.body.pupils.filter((p) => p.leave).length
    s.present = s.expected - onLeave
    assert.match(await tid(teacher, 'rc-submit').innerText(), new RegExp(`提交点名：应到${s.expected} 实到${s.present}`))
    // the pupil to mark: in school the last school day, not on leave
    s.pupil = sheet.body.pupils.find((p) => p.mark === 'present' && !p.streak && !p.leave)
    assert.ok(s.pupil, 'a pupil present the last school day')
    assert.equal(await widerThanPhone(teacher), 0, 'the sheet fits 390 px')
    assert.doesNotMatch(await mainText(teacher), RAW_CODE, 'no code shown as it is')
    await shot(teacher, 'attendance-01-roll-call-phone')
  })

  step('he marks one pupil 旷课 and submits: who took it, and a task created', async () => {
    s.current = teacher
    const row = teacher.locator(`[data-test="pupil"][data-id="${s.pupil.id}"]`)
    await row.locator('.p-main').click()
    await row.locator('[data-test="mark-choices"] [data-code="truant"]').click()
    await teacher.waitForFunction((id) => document.querySelector(`[data-test="pupil"][data-id="${id}"]`)?.dataset.mark === 'truant', s.pupil.id)
    assert.equal((await row.locator('[data-test="mark"]').innerText()).trim(), '旷课')
    assert.match(await tid(teacher, 'rc-submit').innerText(), new RegExp(`提交点名：应到${s.expected} 实到${s.present - 1}`))
    // the choices are big enough to hit with a thumb
    await row.locator('.p-main').click()
    const box = await row.locator('[data-test="mark-choices"] [data-code="late"]').boundingBox()
    assert.ok(box.height >= 44, `a choice is ${box.height}px high`)
    await shot(teacher, 'attendance-02-roll-call-marking-phone')
    await row.locator('[data-test="mark-choices"] [data-code="truant"]').click()
    const posted = teacher.waitForResponse((r) => r.url().endsWith('/api/roll-call') && r.request().method() === 'POST')
    await tid(teacher, 'rc-submit').click()
    const res = await posted
    assert.equal(res.status(), 201, 'the roll call is created')
    const body = await res.json()
    assert.ok(body.escalation.tasks_added >= 1, 'the streak rules created a task')
    assert.equal(body.escalation.cases_reopened, 0, 'no case reopened (cases.test.mjs walks the cases after this test)')
    await tid(teacher, 'rc-result').waitFor()
    const result = await tid(teacher, 'rc-result').innerText()
    assert.match(result, /点名已提交/)
    assert.match(result, new RegExp(`已生成待办 ${body.escalation.tasks_added} 项`))
    assert.match(await tid(teacher, 'rc-taken-by').innerText(), /于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 点名/)
    // the same day it can be corrected
    assert.match(await tid(teacher, 'rc-submit').innerText(), /提交更正/)
    await shot(teacher, 'attendance-03-roll-call-taken-phone')
  })

  step('the level-1 task is in his 待办; the phone call logged through the home-visit form closes it', async () => {
    s.current = teacher
    await menu(teacher, '预警与待办', true)
    await teacher.waitForURL((u) => u.hash.startsWith('#/attendance/alerts'))
    await teacher.locator('.el-tabs__item', { hasText: '待办' }).last().click()
    const tasks = tid(teacher, 'pane-tasks')
    const card = tasks.locator('[data-test="card"]', { hasText: s.pupil.name }).filter({ hasText: '班主任当天电话联系监护人' })
    await card.first().waitFor()
    assert.equal(await card.locator('[data-test="task-state"]').first().getAttribute('data-status'), 'open')
    assert.equal(await widerThanPhone(teacher), 0, 'the tasks fit 390 px')
    assert.doesNotMatch(await tasks.innerText(), RAW_CODE)
    await shot(teacher, 'attendance-04-tasks-phone')
    await card.locator('[data-test="task-log"]').first().click()
    await tid(teacher, 'visit-drawer').waitFor()
    const drawer = teacher.locator('.el-drawer', { has: teacher.locator('[data-test="v-save"]') })
    await drawer.locator('.el-drawer__title', { hasText: s.pupil.name }).waitFor()
    assert.match(await drawer.locator('[data-test="v-method"] .is-active').innerText(), /电话家访/, 'the form opens on a phone call')
    assert.match(await tid(teacher, 'visit-hint').innerText(), /班主任当天电话联系监护人/)
    await field(teacher, 'v-met').fill('母亲')
    await field(teacher, 'v-content').fill('电话联系母亲：孩子发烧在家，未及时请假；已提醒今后及时请假，明天到校')
    await shot(teacher, 'attendance-05-visit-form-phone')
    const saved = teacher.waitForResponse((r) => r.url().endsWith('/api/home-visits') && r.request().method() === 'POST')
    await tid(teacher, 'v-save').click()
    const res = await saved
    assert.equal(res.status(), 200)
    assert.ok((await res.json()).tasks_closed >= 1, 'the call closed the task')
    await teacher.waitForFunction(
      (name) => [...document.querySelectorAll('[data-test="pane-tasks"] [data-test="card"]')].some((c) => c.innerText.includes(name) && c.innerText.includes('班主任当天电话联系监护人') && c.querySelector('[data-test="task-state"]')?.dataset.status === 'done'),
      s.pupil.name,
    )
    assert.match(await card.first().innerText(), /已办结/)
    // and so it stays when the list is read again
    const done = teacher.waitForResponse((r) => r.url().includes('/api/attendance/tasks?') && r.url().includes('status=done'))
    await tid(teacher, 'task-done').click()
    await done
    await tasks.locator('[data-test="card"]', { hasText: s.pupil.name }).filter({ hasText: '班主任当天电话联系监护人' }).first().waitFor()
    await shot(teacher, 'attendance-06-task-done-phone')
  })

  step('the school\'s day shows the absence; the school records and cancels a leave', async () => {
    s.current = school
    await signIn(school, 'school_a', PASS, NEW_PASS)
    await menu(school, '全校出勤')
    await school.waitForURL((u) => u.hash.startsWith('#/attendance/day'))
    await tid(school, 'table').waitFor()
    const pupil = school.locator('[data-test="absent-pupil"]', { hasText: s.pupil.name })
    await pupil.first().waitFor()
    assert.match(await pupil.first().innerText(), /上午旷课/)
    assert.match(await tid(school, 'taken-am').innerText(), /^[1-9]\d* \/ \d+$/, 'the morning roll counts as taken')
    assert.doesNotMatch((await mainText(school)).replaceAll('teacher_a', ''), RAW_CODE, 'no code shown as it is (the API names who took a roll by account: teacher_a)')
    assert.equal(await tableOverflow(school), 0, 'every column fits')
    await shot(school, 'attendance-07-school-day-desktop')
    // 请假登记: a class, a pupil of its roster, 事假 today, a reason; then 撤销
    await menu(school, '请假登记')
    await tid(school, 'new-leave').click()
    await tid(school, 'leave-drawer').waitFor()
    await tid(school, 'l-class').click()
    await school.locator('.el-select-dropdown__item:visible').first().click()
    // The class list closes (an animation) before the pupil list opens: its items must not be
    // taken for the pupils'.
    await school.waitForFunction(() => ![...document.querySelectorAll('.el-select-dropdown__item')].some((e) => e.offsetParent !== null))
    await tid(school, 'l-pupil').click()
    const opt = school.locator('.el-select-dropdown__item:visible').first()
    await opt.waitFor()
    const name = (await opt.locator('span').first().innerText()).trim()
    await opt.click()
    await school.locator('[data-test="l-kind"] [data-code="personal_leave"]').click()
    await field(school, 'l-reason').fill('随家长外出探亲')
    const saved = school.waitForResponse((r) => r.url().endsWith('/api/leave') && r.request().method() === 'POST')
    await tid(school, 'l-save').click()
    assert.equal((await saved).status(), 201)
    const row = school.locator('[data-test="table"] .el-table__body tr', { hasText: '随家长外出探亲' }).filter({ hasText: name })
    await row.first().waitFor()
    assert.match(await row.first().innerText(), /事假/)
    await shot(school, 'attendance-08-leave-desktop')
    await row.first().locator('[data-test="cancel-leave"]').click()
    await school.locator('.el-message-box__btns .el-button--primary').click()
    await row.first().waitFor({ state: 'detached' })
  })

  step('the county reads the alerts and the roll-up, and finds the 12-day streak in the 疑似台账 from 考勤', async () => {
    s.current = county
    await signIn(county, 'county_staff', PASS, NEW_PASS)
    await menu(county, '预警与待办')
    await tid(county, 'pane-alerts').locator('[data-test="table"]').waitFor()
    await tid(county, 'task-rollups').waitFor()
    await tid(county, 'pane-alerts').locator('[data-test="table"] [data-level="4"]').first().waitFor()
    const text = await mainText(county)
    assert.match(text, /疑似辍学/)
    assert.doesNotMatch(text, RAW_CODE)
    await shot(county, 'attendance-09-alerts-county')
    const alerts = await apiGet(county, '/attendance/alerts?level=4')
    const long = alerts.body.rows.find((r) => r.streak >= 10)
    assert.ok(long, 'the demo has a streak of 10 school days or more')
    await menu(county, '疑似台账')
    await field(county, 'f-q').fill(long.name)
    await tid(county, 'search').click()
    const row = county.locator('[data-test="table"] .el-table__body tr', { hasText: long.name })
    await row.first().waitFor()
    await row.first().click()
    await county.waitForURL((u) => /#\/suspected\/\d+$/.test(u.hash))
    await county.locator('[data-test="field-comparison"]', { hasText: '考勤' }).waitFor()
    assert.match(await tid(county, 'field-comparison').innerText(), /比对来源\s*考勤/)
    await shot(county, 'attendance-10-suspected-from-attendance')
  })

  step('the 考勤 entry is closed by the existing verification: dispatched, answered on a phone, approved', async () => {
    s.current = county
    const entry = county.url().split('/suspected/')[1]
    await tid(county, 'dispatch-one').click()
    await tid(county, 'dispatch-dialog').waitFor()
    await tid(county, 'to-residence').click()
    await tid(county, 'dispatch-submit').click()
    await county.locator('.el-message--success').first().waitFor()
    const detail = await apiGet(county, `/suspected/${entry}`)
    const unit = detail.body.task?.assignee_code
    assert.ok(unit, `the entry was dispatched: ${JSON.stringify(detail.body.task)}`)
    const user = `kq${unit.slice(-6)}`
    addUser(user, unit.endsWith('000') ? 'township' : 'village', unit, 'Chushi2026kq', '核查员小李', process.env.CASES_DB)
    const officer = await newPage(browser, PHONE, errors)
    s.current = officer
    await signIn(officer, user, 'Chushi2026kq', 'Kaoqin2026ok')
    await officer.goto(`${BASE}/#/verify/${entry}`)
    await tid(officer, 'verify-form').waitFor()
    await tid(officer, 'category').click()
    await officer.locator('.category-popper .el-select-dropdown__item', { hasText: /^\s*A\s/ }).click()
    await field(officer, 'note').fill('入户核查：孩子生病在家十余天，家长未请假；已于本周返校上课。')
    await shot(officer, 'attendance-11-verify-attendance-entry-phone')
    await tid(officer, 'submit').click()
    // no photo: the form asks once whether to submit without one
    await officer.locator('.el-message-box .el-button--primary').click()
    await officer.waitForURL(/#\/tasks/)
    await officer.close()
    s.current = county
    await county.reload()
    await tid(county, 'approve').click()
    await county.locator('.el-message-box .el-button--primary').click()
    await county.locator('[data-test="entry-status"]', { hasText: '已销号' }).waitFor()
    await shot(county, 'attendance-12-attendance-entry-closed')
  })

  step('the county opens 易流失学生: the top pupil\'s reasons in words with their points, and the weights', async () => {
    s.current = county
    await menu(county, '易流失学生')
    const reasons = county.locator('[data-test="table"] [data-test="risk-reasons"]').first()
    await reasons.waitFor()
    assert.match(await reasons.innerText(), /近30天旷课\d+天 \+\d/)
    assert.match(await tid(county, 'risk-level-high').innerText(), /高风险\s*\d/)
    await tid(county, 'risk-model').locator('.el-collapse-item__header').click()
    const weight = tid(county, 'risk-factors').locator('[data-test="risk-weight"]').first()
    await weight.waitFor()
    assert.match(await weight.innerText(), /^\+\d+(\.\d)?$/)
    const model = await tid(county, 'risk-model').innerText()
    assert.match(model, /达到 \d+ 分为高风险/)
    assert.match(model, /近30天旷课\s+每旷课1天\s+\+\d/)
    assert.doesNotMatch(await mainText(county), RAW_CODE)
    await shot(county, 'attendance-11-risk-county')
  })
})
