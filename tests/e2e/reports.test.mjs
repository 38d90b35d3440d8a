// 四个一 reports, 学籍异动 and the indicators, played by their users in a real browser against the
// casework county (run.sh builds it with November's movements and its list of 11-30, on the
// server at CASES_URL). A school head on a 390 px phone opens this month's report of his school,
// signs it (填报人, 审核人) and submits: it is frozen, version 1, digest verified. The county sees
// it submitted; a changed student list is imported (one more pupil at that school); the submitted
// report still reads as it was, while the school's new draft shows the change, and a correction
// with its reason becomes version 2. The seed's village school reads 80 → 78, retention 100% in
// November. The county's movements page shows the transfers' states, and the audit log the
// submissions in words. Screenshots go to $E2E_SHOTS.
import { describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DESKTOP, PHONE, launch, newPage, shot, tid, signIn, apiGet, useServer, walk, mainText, widerThanPhone } from './lib.mjs'

const URL_ = process.env.CASES_URL
const PASS = 'Demo2026pass'
const RAW_CODE = /\b[a-z]+(?:_[a-z]+)+\b|\b(?:transfer_out|awaiting|overdue|confirmed|submitted|missing|monthly)\b/
const PHONE390 = { ...PHONE, viewport: { width: 390, height: 844 } }
const SEED_SCHOOL = '孟津区雷河村小学'

let browser
let head
let county
const errors = []
const s = {}
const step = walk('reports', URL_, s)

// A figure of the report sheet on the page, as shown ("1,177", "100.00%"), and as a number.
const figure = async (page, item) => (await page.locator(`[data-test="sheet-figures"] [data-item="${item}"] td.num`).first().innerText()).trim()
const count = async (page, item) => Number((await figure(page, item)).replace(/,/g, ''))

describe('四个一 reports end to end', () => {
  before(async () => {
    if (!URL_) return
    useServer(URL_)
    browser = await launch()
    head = await newPage(browser, PHONE390, errors)
    county = await newPage(browser, DESKTOP, errors)
  })
  after(async () => {
    if (browser) await browser.close()
    assert.deepEqual(errors, [], 'no page errors')
  })

  step('the school head opens his school\'s report of this month on a phone: a draft from the data', async () => {
    s.current = head
    await signIn(head, 'school_a', PASS)
    s.meta = (await apiGet(head, '/meta')).body
    s.school = s.meta.unit.code
    await head.goto(`${URL_}/#/reports`)
    await tid(head, 'my-report').waitFor()
    assert.match(await tid(head, 'my-report').innerText(), new RegExp(s.meta.unit.name))
    await tid(head, 'my-draft').click()
    await head.waitForURL((u) => u.hash.startsWith('#/reports/draft'))
    await tid(head, 'report-sheet').waitFor()
    assert.match(await tid(head, 'draft-banner').innerText(), /草稿/)
    assert.match(await tid(head, 'sheet-title').innerText(), /学生流动情况月报表/)
    s.end = await figure(head, 'end')
    assert.match(s.end, /^\d+/, 'the enrolment at the end is shown')
    assert.equal(await widerThanPhone(head), 0, 'the report fits 390 px')
    assert.doesNotMatch(await mainText(head), RAW_CODE, 'no code shown as it is')
    await shot(head, 'reports-01-draft-phone')
  })

  step('he signs and submits it: frozen, version 1, digest verified', async () => {
    s.current = head
    await tid(head, 'preparer').fill('王老师')
    await tid(head, 'approver').fill('李校长')
    const posted = head.waitForResponse((r) => r.url().endsWith('/api/reports') && r.request().method() === 'POST')
    await tid(head, 'submit-report').click()
    const res = await posted
    assert.equal(res.status(), 201, 'the report is submitted')
    s.report = (await res.json()).report
    await head.waitForURL((u) => /#\/reports\/\d+/.test(u.hash))
    await tid(head, 'frozen-banner').waitFor()
    assert.equal(await tid(head, 'frozen-banner').getAttribute('data-verified'), '1')
    assert.match(await tid(head, 'frozen-banner').innerText(), /第 ?1 ?版/)
    assert.equal(await figure(head, 'end'), s.end)
    await shot(head, 'reports-02-frozen-phone')
  })

  step('the county sees the school\'s report submitted and the others owed', async () => {
    s.current = county
    await signIn(county, 'county_staff', PASS)
    await county.goto(`${URL_}/#/reports`)
    // On a desktop the units are a table: the row that holds the school's name cell.
    const row = county.locator('[data-test="report-table"] tr.el-table__row', {
      has: county.locator(`[data-test="report-row"][data-code="${s.school}"]`),
    })
    await row.waitFor()
    assert.match(await row.locator('[data-test="report-status"]').innerText(), /已上报/)
    const submitted = Number(await tid(county, 'status-submitted').getAttribute('data-count'))
    assert.ok(submitted >= 1, 'one report at least is submitted')
    assert.doesNotMatch(await mainText(county), RAW_CODE, 'no code shown as it is')
    await shot(county, 'reports-03-county-status')
    await row.locator('[data-test="report-view"]').click()
    await county.waitForURL((u) => u.hash === `#/reports/${s.report.id}`)
    await tid(county, 'frozen-banner').waitFor()
    assert.match(await tid(county, 'digest-short').innerText(), new RegExp(s.report.digest.slice(0, 12)))
  })

  step('a changed student list comes in: one more pupil at the school', async () => {
    s.current = county
    // The county's admin imports a 学籍 list of one pupil (a partial list, dated today).
    await county.goto(`${URL_}/#/login`)
    await signIn(county, 'county_admin', PASS)
    await county.goto(`${URL_}/#/imports`)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baoxue-e2e-reports-'))
    const file = path.join(dir, '学籍补录.csv')
    const body = '410308201505120036'.slice(0, 17)
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    const sum = [...body].reduce((a, d, i) => a + Number(d) * weights[i], 0)
    const id = body + '10X98765432'[sum % 11]
    fs.writeFileSync(file, `姓名,身份证号,学校标识码,年级,班级\n补录生,${id},${s.school},三年级,1班\n`)
    await tid(county, 'kind-xueji').click()
    await county.locator('input[data-test="import-file"]').setInputFiles(file)
    await tid(county, 'file-name').waitFor()
    const posted = county.waitForResponse((r) => r.url().includes('/api/imports?') && r.request().method() === 'POST')
    await tid(county, 'import-submit').click()
    assert.equal((await posted).status(), 202)
    const summary = tid(county, 'import-summary')
    await summary.waitFor({ timeout: 60000 })
    await county.waitForFunction(() => document.querySelector('[data-test="import-summary"]')?.dataset.outcome === 'ok', null, { timeout: 60000 })
    await shot(county, 'reports-04-list-imported')
  })

  step('the submitted report is unchanged; the new draft shows the change; a correction is version 2', async () => {
    s.current = head
    await head.goto(`${URL_}/#/reports/${s.report.id}`)
    await tid(head, 'frozen-banner').waitFor()
    assert.equal(await figure(head, 'end'), s.end, 'a frozen report does not move')
    await tid(head, 'to-draft').click()
    await head.waitForURL((u) => u.hash.startsWith('#/reports/draft'))
    await tid(head, 'changes').waitFor()
    const end = await figure(head, 'end')
    assert.equal(Number(end.replace(/,/g, '')), Number(s.end.replace(/,/g, '')) + 1, 'the draft counts the new pupil')
    assert.match(await tid(head, 'changes').innerText(), /期末在籍/)
    await shot(head, 'reports-05-draft-changed-phone')
    await tid(head, 'preparer').fill('王老师')
    await tid(head, 'approver').fill('李校长')
    await tid(head, 'note').fill('补录本月转入的学生')
    const posted = head.waitForResponse((r) => r.url().endsWith('/api/reports') && r.request().method() === 'POST')
    await tid(head, 'submit-report').click()
    const res = await posted
    assert.equal(res.status(), 201)
    assert.equal((await res.json()).report.version, 2)
    await tid(head, 'frozen-banner').waitFor()
    assert.equal(await head.locator('[data-test="version"]').count(), 2, 'both versions are listed')
    await shot(head, 'reports-06-version-2-phone')
  })

  step('the seed\'s village school: 80 in November\'s start, 78 at its end, retention 100%', async () => {
    s.current = county
    const schools = (await apiGet(county, '/meta')).body.schools
    const seed = schools.find((x) => x.name === SEED_SCHOOL)
    assert.ok(seed, `${SEED_SCHOOL} is a school of the county`)
    await county.goto(`${URL_}/#/reports/draft?kind=monthly&period=2026-11&level=school&code=${seed.code}`)
    await tid(county, 'report-sheet').waitFor()
    assert.equal(await count(county, 'start'), 80)
    assert.equal(await count(county, 'transfers_in'), 1)
    assert.equal(await count(county, 'transfers_out'), 3)
    assert.equal(await count(county, 'end'), 78)
    assert.match(await figure(county, 'retention_rate'), /100\.00%/)
    assert.equal(await county.locator('[data-test="sheet-transfers_out"] tbody tr').count(), 3)
    await shot(county, 'reports-07-seed-school')
  })

  step('the county reads the indicators and the movements, and the audit log says what was done', async () => {
    s.current = county
    await county.goto(`${URL_}/#/indicators`)
    await tid(county, 'card-retention').waitFor()
    await tid(county, 'chart-retention').waitFor()
    assert.doesNotMatch(await mainText(county), RAW_CODE, 'no code shown as it is')
    await shot(county, 'reports-08-indicators')
    await county.goto(`${URL_}/#/movements`)
    await tid(county, 'movements').waitFor()
    await county.locator('[data-test="state-tag"]').first().waitFor()
    const states = await county.locator('[data-test="state-tag"]').allInnerTexts()
    assert.ok(states.some((t) => /已确认/.test(t)), 'confirmed transfers are listed')
    await shot(county, 'reports-09-movements')
    await county.goto(`${URL_}/#/audit`)
    await county.locator('.main').getByText('上报报表').first().waitFor()
    const log = await mainText(county)
    assert.match(log, /上报报表/)
    assert.match(log, /导入/)
    await shot(county, 'reports-10-audit')
  })
})
