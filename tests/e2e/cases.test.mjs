// 劝返复学, played by its users in a real browser against the casework county (run.sh builds it:
// the demo county's lists, the census, the demo sign-ins and cases at every stage, on a server of
// its own at CASES_URL): the county reads the list (counts on the status tags, the roll-up, the
// export); the village cadre, on a 390 px phone, logs two attempts at the child's door, each with a
// photo, and corrects one; the township issues a 限期返校通知书 (its PDF opened through the page's
// link names the child); the return is confirmed (school, class, date), a follow-up note written
// and 销号 asked; the county approves on a desktop, the case reads 已销号 and the child's 辍学台账
// entry is closed; the dashboard's 劝返复学 card counts it; the pages read in English too; and a
// 送教上门 plan with a small target reaches it. Screenshots of every stage go to $E2E_SHOTS.
import { describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  BASE, DESKTOP, PHONE, launch, newPage, shot, field, tid, signIn, apiGet, pngFile, choose, exportRows,
  tableOverflow, useServer, walk, mainText,
} from './lib.mjs'

const URL_ = process.env.CASES_URL
const PASS = 'Demo2026pass'
const NEW_PASS = 'Baoxue2026case'
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-cases-'))
const RAW_CODE = /\b[a-z]+(?:_[a-z]+)+\b|\b(?:persuading|refused|agreed|considering)\b/
const PHONE390 = { ...PHONE, viewport: { width: 390, height: 844 } }

let browser
let county
let village
let township
const errors = []
const s = {}
const step = walk('cases', URL_, s)

const stateOf = (page) => page.locator('[data-test="case-header"] [data-code]').first().getAttribute('data-code')

async function openCase(page) {
  await page.goto(`${BASE}/#/cases/${s.id}`)
  await tid(page, 'case-name').waitFor()
  await page.waitForFunction(() => !document.querySelector('[data-test="case-page"] > .el-loading-mask'))
}

// Logs one attempt on the phone form; answers the number of attempt records afterwards.
async function logAttempt(page, { method, outcome, said, next, photo, shotName }) {
  await tid(page, 'attempt-form').waitFor()
  await page.locator(`[data-test="at-method"] [data-code="${method}"]`).click()
  await field(page, 'at-met').fill('父亲、祖母')
  await field(page, 'at-said').fill(said)
  await page.locator(`[data-test="at-outcome"] [data-code="${outcome}"]`).click()
  await field(page, 'at-next').fill(next)
  if (photo) {
    await page.locator('input[data-test="photo-input"]').setInputFiles(photo)
    await page.locator('[data-test="photo-thumb"][data-status="done"]').first().waitFor()
  }
  if (shotName) await shot(page, shotName)
  const saved = page.waitForResponse((r) => /\/api\/cases\/\d+\/attempts$/.test(r.url()) && r.request().method() === 'POST')
  await tid(page, 'at-save').click()
  assert.equal((await saved).status(), 200, 'the attempt is saved')
  await page.waitForURL((u) => /#\/cases\/\d+$/.test(u.hash))
  await tid(page, 'case-name').waitFor()
}

describe('劝返复学 end to end', () => {
  before(async () => {
    if (!URL_) return
    useServer(URL_)
    browser = await launch()
    county = await newPage(browser, DESKTOP, errors)
    village = await newPage(browser, PHONE390, errors)
    township = await newPage(browser, DESKTOP, errors)
  })
  after(async () => {
    if (browser) await browser.close()
    assert.deepEqual(errors, [], 'no page errors')
  })

  step('the county reads the list: counts on the status tags, the roll-up, the export', async () => {
    s.current = county
    await signIn(county, 'county_admin', PASS, NEW_PASS)
    await county.goto(`${BASE}/#/cases`)
    await tid(county, 'table').waitFor()
    await county.waitForFunction(() => document.querySelectorAll('[data-test="table"] .el-table__body tr').length > 0)
    const open = Number(await tid(county, 'status-open').getAttribute('data-count'))
    assert.ok(open >= 5, `未销号 counts the demo's open cases (${open})`)
    for (const code of ['persuading', 'returned', 'home_teaching', 'closing', 'closed'])
      assert.ok(Number(await tid(county, `status-${code}`).getAttribute('data-count')) >= 1, `a demo case is ${code}`)
    assert.match(await tid(county, 'status-overdue').innerText(), /劝返逾期 \d+/)
    const text = await mainText(county)
    assert.doesNotMatch(text, RAW_CODE, 'no code shown as it is')
    assert.equal(await tableOverflow(county), 0, 'every column fits at 1440')
    await tid(county, 'rollups').waitFor()
    assert.match(await tid(county, 'rollups').innerText(), /未返校/)
    await shot(county, 'cases-01-list-desktop')
    const rows = await exportRows(county, TMP)
    assert.equal(rows, open, 'the export holds every case of the filter')
  })

  step('the village cadre finds the case on a 390 px phone', async () => {
    s.current = village
    await signIn(village, 'village', PASS, NEW_PASS)
    // the village's case still being persuaded with no refusal yet
    const list = await apiGet(village, '/cases?status=persuading&size=50')
    const k = list.body.rows.find((r) => r.refusals === 0) || list.body.rows[0]
    assert.ok(k, 'the village has a case being persuaded')
    Object.assign(s, { id: k.id, name: k.name, attempts: k.attempts, dropout: null })
    await village.goto(`${BASE}/#/cases`)
    await tid(village, 'card-list').waitFor()
    await village.locator('[data-test="card"]', { hasText: s.name }).first().waitFor()
    assert.equal(await tableOverflow(village), -1, 'a phone shows cards, not the table')
    assert.equal(await village.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, 'nothing wider than the phone')
    await shot(village, 'cases-02-list-phone')
    await village.locator('[data-test="card"]', { hasText: s.name }).first().click()
    await tid(village, 'case-name').waitFor()
    assert.equal(await tid(village, 'case-name').innerText(), s.name)
    await shot(village, 'cases-03-case-phone-persuading')
  })

  step('two attempts with a photo each, logged one-handed on the phone; one corrected', async () => {
    s.current = village
    const photo = pngFile(path.join(TMP, '入户照片.png'))
    await tid(village, 'm-log-attempt').click()
    await tid(village, 'attempt-form').waitFor()
    const meta = await apiGet(village, '/meta')
    assert.equal(await field(village, 'at-date').inputValue(), meta.body.today, 'the date starts as today')
    assert.equal(await village.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, 'the form fits 390 px')
    await logAttempt(village, { method: 'home_visit', outcome: 'refused', said: '入户宣讲义务教育法，家长认为读书无用', next: '联合家访', photo })
    await tid(village, 'do-log_attempt').click()
    await logAttempt(village, {
      method: 'joint_visit', outcome: 'considering', said: '联合家访：乡镇干部、班主任讲明政策，家长表示考虑', next: '联系学校安排插班', photo,
      shotName: 'cases-04-attempt-form-phone',
    })
    const items = village.locator('[data-test="attempt"]')
    assert.equal(await items.count(), s.attempts + 2, 'both attempts are on the case')
    assert.ok(await items.first().locator('[data-test="evidence-thumb"]').count() >= 1, 'the newest attempt shows its photo')
    assert.ok(await items.nth(1).locator('[data-test="evidence-thumb"]').count() >= 1, 'the first one too')
    // 更正: the form starts from the record; the old one stays, struck through
    const newest = await items.first().getAttribute('data-id')
    await items.first().locator('[data-test="correct-attempt"]').click()
    await tid(village, 'correcting').waitFor()
    assert.equal(await field(village, 'at-said').inputValue(), '联合家访：乡镇干部、班主任讲明政策，家长表示考虑')
    await field(village, 'at-said').fill('联合家访：乡镇干部、班主任讲明政策，家长表示月底前答复')
    const saved = village.waitForResponse((r) => /\/attempts$/.test(r.url()) && r.request().method() === 'POST')
    await tid(village, 'at-save').click()
    assert.equal((await saved).status(), 200)
    await village.waitForURL((u) => /#\/cases\/\d+$/.test(u.hash))
    const old = village.locator(`[data-test="attempt"][data-id="${newest}"]`)
    await old.locator('[data-test="attempt-corrected"]').waitFor()
    assert.equal(await old.locator('[data-test="see-correction"]').count(), 1, 'the corrected record links to its correction')
    await shot(village, 'cases-05-case-phone-attempts')
  })

  step('the township issues a 限期返校通知书; its PDF names the child', async () => {
    s.current = township
    await signIn(township, 'township', PASS, NEW_PASS)
    await openCase(township)
    await tid(township, 'do-deadline_notice').click()
    await tid(township, 'notice-dialog').waitFor()
    assert.match(await field(township, 'n-deadline').inputValue(), /^\d{4}-\d{2}-\d{2}$/, 'the deadline starts from the county setting')
    await field(township, 'n-contact').fill('李建国')
    await field(township, 'n-phone').fill('13937901122')
    const issued = township.waitForResponse((r) => /\/notices$/.test(r.url()) && r.request().method() === 'POST')
    await tid(township, 'n-issue').click()
    assert.equal((await issued).status(), 200)
    const link = township.locator('[data-test="notice"]', { hasText: '限期返校通知书' }).locator('[data-test="notice-pdf"]')
    await link.waitFor()
    const href = await link.getAttribute('href')
    assert.match(href, /^\/api\/cases\/\d+\/files\/\d+\?inline=1$/)
    const res = await township.context().request.get(BASE + href)
    assert.equal(res.status(), 200)
    assert.match(res.headers()['content-type'], /application\/pdf/)
    assert.match(res.headers()['content-disposition'] || 'inline', /^inline/)
    const pdf = path.join(TMP, 'notice.pdf')
    fs.writeFileSync(pdf, await res.body())
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-']).toString()
    assert.ok(text.includes('限期返校通知书'), 'the PDF is a 限期返校通知书')
    assert.ok(text.replace(/\s+/g, '').includes(s.name), `the PDF names ${s.name}`)
    await shot(township, 'cases-06-case-desktop-notice')
  })

  step('the return is confirmed: school, class, date, 复学适应方案', async () => {
    s.current = township
    await tid(township, 'do-confirm_return').click()
    await tid(township, 'case-action-dialog').waitFor()
    s.school = await choose(township, 'ca-school')
    await field(township, 'ca-class').fill('3 班')
    await field(township, 'ca-adaptation').fill('班主任每周谈心一次，结对教师补习语文、数学')
    assert.match(await field(township, 'ca-date').inputValue(), /^\d{4}-\d{2}-\d{2}$/, 'the return date starts as today')
    const moved = township.waitForResponse((r) => /\/transitions$/.test(r.url()))
    await tid(township, 'ca-submit').click()
    assert.equal((await moved).status(), 200)
    await township.waitForFunction(() => document.querySelector('[data-test="case-header"] [data-code]')?.dataset.code === 'returned')
    const ret = await tid(township, 'case-return').innerText()
    assert.ok(ret.includes(s.school) && ret.includes('3 班'), 'the return names the school and class')
    await shot(township, 'cases-07-case-desktop-returned')
  })

  step('a follow-up note, then 申请销号', async () => {
    s.current = township
    await tid(township, 'do-follow_up_note').click()
    await tid(township, 'follow-up-dialog').waitFor()
    await field(township, 'fu-attendance').fill('本周全勤')
    await field(township, 'fu-note').fill('按时到校，作业能完成，与同学相处融洽')
    await tid(township, 'fu-save').click()
    await township.locator('[data-test="follow-up"]', { hasText: '按时到校' }).waitFor()
    // case.follow_up_days is 0 for this county (run.sh): the follow-up is over the day he is back
    await tid(township, 'do-request_close').click()
    await tid(township, 'case-action-dialog').waitFor()
    await tid(township, 'ca-submit').click()
    await township.waitForFunction(() => document.querySelector('[data-test="case-header"] [data-code]')?.dataset.code === 'closing')
    assert.match(await tid(township, 'case-standing').innerText(), /等待县教育局审核/)
    assert.equal(await tid(township, 'do-approve_close').count(), 0, 'only the county approves')
    await shot(township, 'cases-08-case-desktop-closing')
  })

  step('the county approves 销号: 已销号, and the 辍学台账 entry is closed', async () => {
    s.current = county
    await openCase(county)
    await tid(county, 'do-approve_close').click()
    await tid(county, 'case-action-dialog').waitFor()
    await tid(county, 'ca-submit').click()
    await county.waitForFunction(() => document.querySelector('[data-test="case-header"] [data-code]')?.dataset.code === 'closed')
    assert.equal((await tid(county, 'case-state').innerText()).trim(), '已销号')
    assert.match(await tid(county, 'case-standing').innerText(), /已于 .* 销号（已返校复学）/)
    assert.equal(await county.locator('[data-test="case-buttons"] [data-test^="do-"]').count(), 1, 'only 重新打开 is left')
    await tid(county, 'do-reopen').waitFor()
    const tl = await tid(county, 'case-timeline').innerText()
    for (const w of ['确认返校', '申请销号', '审核同意销号', '出具通知书']) assert.ok(tl.includes(w), `the timeline has ${w}`)
    assert.doesNotMatch(await mainText(county), RAW_CODE)
    await shot(county, 'cases-09-case-desktop-closed')
    // the child's dropout entry: closed, and it links back to the case
    await county.locator('[data-test="case-child"] a', { hasText: '辍学记录' }).click()
    await tid(county, 'dropout-drawer').waitFor()
    await county.locator('[data-test="dropout-drawer"] [data-test="field-status"] [data-code="closed"]').waitFor()
    await tid(county, 'open-case').waitFor()
    await shot(county, 'cases-10-dropout-closed')
  })

  step('the dashboard card counts the closed case and the children not back', async () => {
    s.current = county
    await county.goto(`${BASE}/#/`)
    await tid(county, 'cases-card').waitFor()
    const d = await apiGet(county, '/dashboard')
    const c = d.body.cases
    assert.ok(c.closed >= 2, 'the demo closed case and ours')
    assert.equal(Number((await tid(county, 'cases-closed').innerText()).replace(/\D+/g, '')), c.closed)
    assert.match(await tid(county, 'not-back-n').innerText(), new RegExp(`未返校 ${c.not_back} 人`))
    await shot(county, 'cases-11-dashboard-desktop')
    await tid(county, 'cases-overdue').click()
    await county.waitForURL((u) => u.hash.includes('status=overdue'))
    await tid(county, 'table').waitFor()
    s.current = village
    await village.goto(`${BASE}/#/`)
    await tid(village, 'cases-card').waitFor()
    await shot(village, 'cases-12-dashboard-phone')
  })

  step('in English the pages name states, actions and methods in English', async () => {
    s.current = county
    await county.evaluate(() => localStorage.setItem('baoxue.locale', 'en'))
    await county.goto(`${BASE}/#/cases/${s.id}`)
    await county.reload()
    await tid(county, 'case-name').waitFor()
    await county.waitForFunction(() => document.querySelector('[data-test="case-state"]')?.innerText.trim() === 'Closed')
    const text = await mainText(county)
    assert.doesNotMatch(text, RAW_CODE)
    for (const w of ['Attempts', 'Notices', 'Timeline', 'Working group', 'Home visit', 'Return-by-deadline notice', 'Approve closing'])
      assert.ok(text.includes(w), `English: ${w}`)
    for (const w of ['劝返记录', '时间线', '工作组', '已销号']) assert.ok(!text.includes(w), `no Chinese name left: ${w}`)
    await shot(county, 'cases-13-case-desktop-en')
    await county.goto(`${BASE}/#/cases`)
    await tid(county, 'table').waitFor()
    await county.waitForFunction(() => document.querySelectorAll('[data-test="table"] .el-table__body tr').length > 0)
    assert.match(await tid(county, 'status-overdue').innerText(), /Overdue \d+/)
    assert.doesNotMatch(await mainText(county), RAW_CODE)
    assert.equal(await tableOverflow(county), 0, 'the English columns fit too')
    await shot(county, 'cases-14-list-desktop-en')
    await county.evaluate(() => localStorage.setItem('baoxue.locale', 'zh-CN'))
    await county.reload()
    await tid(county, 'table').waitFor()
  })

  step('送教上门: a plan with a small target reaches it', async () => {
    s.current = county
    const kids = await apiGet(county, '/children?standing=in_school&size=5')
    const child = kids.body.rows[0]
    assert.ok(child, 'a child to teach')
    await county.goto(`${BASE}/#/home-teaching`)
    await tid(county, 'new-plan').click()
    await tid(county, 'plan-dialog').waitFor()
    await tid(county, 'plan-child').click()
    await county.keyboard.type(child.name)
    const opt = county.locator('.el-select-dropdown__item:visible', { hasText: child.name }).first()
    await opt.waitFor()
    await opt.click()
    await field(county, 'plan-assessment').fill('县残疾人教育专家委员会评估：暂不能到校就读，建议送教上门')
    await field(county, 'plan-teachers').fill('李秀梅、张建华')
    await field(county, 'plan-subjects').fill('生活适应、语文')
    const target = county.locator('[data-test="plan-dialog"] .el-input-number').nth(1).locator('input')
    await target.fill('4')
    await target.blur()
    await tid(county, 'plan-save').click()
    await county.waitForURL((u) => /#\/home-teaching\/\d+$/.test(u.hash))
    await tid(county, 'progress').waitFor()
    for (const content of ['生活自理训练（穿脱衣服）', '语文识字：认读 10 个生字']) {
      await field(county, 's-content').fill(content)
      const saved = county.waitForResponse((r) => /\/sessions$/.test(r.url()) && r.request().method() === 'POST')
      await tid(county, 's-save').click()
      assert.equal((await saved).status(), 200)
      await county.locator('[data-test="session"]', { hasText: content }).waitFor()
    }
    const meta = await apiGet(county, '/meta')
    const reached = meta.body.labels.home_teaching_progress.find((o) => o.code === 'reached').label
    await county.waitForFunction((w) => document.querySelector('[data-test="plan-state"]')?.innerText.trim() === w, reached)
    assert.match(await tid(county, 'progress').innerText(), /4\s*\/\s*4/)
    await shot(county, 'cases-15-home-teaching-reached')
  })
})
