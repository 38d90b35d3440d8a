// The "done when", played in a real browser against `baoxue serve`:
// the county admin signs in, changes the initial password, imports the household and student
// lists, runs the match and dispatches the suspected children to their residence; a village
// officer on a 375×667 phone verifies one child with a photo; the county approves; the counts and
// the summary change; a school admin of another school sees none of it.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  BASE, FILES, DESKTOP, PHONE, launch, newPage, shot, field, tid, number, signIn, apiGet, addUser, pngFile,
} from './lib.mjs'

const ADMIN = { user: process.env.ADMIN_USER || 'admin', pass: process.env.ADMIN_PASS, next: process.env.ADMIN_NEWPASS || 'Baoxue2026new' }
const LIST_TIMEOUT = 240000

let browser
let admin
let phone
let school
const errors = []
const s = {} // what one step learns for the next
let broken = ''

function step(name, fn, timeout = 120000) {
  it(name, { timeout }, async (t) => {
    if (broken) return t.skip(`an earlier step failed: ${broken}`)
    try {
      await fn()
    } catch (e) {
      broken = name
      const page = s.current
      if (page) await shot(page, `failed-${name.replace(/[^\w]+/g, '-')}`).catch(() => {})
      throw e
    }
  })
}

function listFile(prefix, ext) {
  const f = fs.readdirSync(FILES).find((n) => n.startsWith(prefix) && n.endsWith(ext))
  assert.ok(f, `no ${prefix}*${ext} in ${FILES}`)
  return path.join(FILES, f)
}

async function importList(page, kind, file) {
  await tid(page, `kind-${kind}`).click()
  await page.locator('input[data-test="import-file"]').setInputFiles(file)
  await assert.doesNotReject(tid(page, 'file-name').waitFor())
  await tid(page, 'import-submit').click()
  await tid(page, 'import-summary').waitFor({ timeout: LIST_TIMEOUT })
  const text = await tid(page, 'import-summary').innerText()
  assert.match(text, new RegExp(path.basename(file).replace(/[.]/g, '\\.')))
  return text
}

describe('保学 end to end', () => {
  before(async () => {
    assert.ok(ADMIN.pass, 'ADMIN_PASS is needed')
    browser = await launch()
    admin = await newPage(browser, DESKTOP, errors)
  })
  after(async () => {
    await browser?.close()
    if (errors.length) console.log('page errors:\n' + errors.join('\n'))
  })

  step('the county admin signs in and must change the initial password', async () => {
    s.current = admin
    await admin.goto(`${BASE}/`)
    await admin.waitForURL(/#\/login/)
    await shot(admin, '01-login')
    await field(admin, 'username').fill(ADMIN.user)
    await field(admin, 'password').fill(ADMIN.pass)
    await tid(admin, 'login').click()
    await admin.waitForURL(/#\/password/)
    await field(admin, 'old-password').fill(ADMIN.pass)
    await field(admin, 'new-password').fill('short1')
    await field(admin, 'new-password-again').fill('short1')
    await tid(admin, 'change-password').click()
    await tid(admin, 'password-error').waitFor() // the server's rule, in Chinese
    await shot(admin, '02-password-rule')
    await field(admin, 'new-password').fill(ADMIN.next)
    await field(admin, 'new-password-again').fill(ADMIN.next)
    await tid(admin, 'change-password').click()
    await tid(admin, 'dashboard').waitFor()
    await tid(admin, 'no-run').waitFor()
    await shot(admin, '03-dashboard-no-run')
  })

  step('imports the household and student lists through the page', async () => {
    await tid(admin, 'menu').getByText('数据导入').click()
    await tid(admin, 'imports').waitFor()
    s.hukou = await importList(admin, 'hukou', listFile('hukou_', '.csv'))
    s.xueji = await importList(admin, 'xueji', listFile('xueji_', '.xlsx'))
    await admin.locator('[data-test="batches"] .el-table__row').nth(1).waitFor()
    await shot(admin, '04-imports')
  }, LIST_TIMEOUT * 2 + 30000)

  step('runs the match and sees the suspected count', async () => {
    await tid(admin, 'run-census').click()
    await tid(admin, 'run-summary').waitFor({ timeout: LIST_TIMEOUT })
    s.suspected = await number(tid(admin, 'run-suspected'))
    assert.ok(s.suspected > 0, 'the match finds suspected children')
    await shot(admin, '05-census')
    await tid(admin, 'menu').getByText('首页').click()
    await tid(admin, 'card-suspected').waitFor()
    s.openBefore = await number(tid(admin, 'card-suspected').locator('.num'))
    assert.equal(s.openBefore, s.suspected)
    await admin.locator('[data-test="chart-township"] canvas').waitFor()
    await shot(admin, '06-dashboard')
  }, LIST_TIMEOUT + 30000)

  step('dispatches suspected children to their residence with a deadline', async () => {
    await tid(admin, 'card-suspected').click()
    await tid(admin, 'suspected').waitFor()
    await admin.locator('[data-test="table"] .el-table__row').first().waitFor()
    assert.equal(await number(tid(admin, 'suspected-total')), s.suspected)
    // two chosen by hand …
    const boxes = admin.locator('[data-test="table"] .el-table__body .el-checkbox')
    await boxes.nth(0).click()
    await boxes.nth(1).click()
    await tid(admin, 'dispatch-selected').click()
    await tid(admin, 'dispatch-dialog').waitFor()
    await shot(admin, '07-dispatch-dialog')
    await tid(admin, 'to-residence').click()
    await tid(admin, 'dispatch-submit').click()
    await admin.locator('.el-message--success').first().waitFor()
    // … then every one still undispatched
    await tid(admin, 'dispatch-all').click()
    await tid(admin, 'to-residence').click()
    await tid(admin, 'dispatch-submit').click()
    await admin.waitForFunction(() => !document.querySelector('[data-test="dispatch-dialog"]')?.offsetParent || document.querySelector('[data-test="dispatch-dialog"] .el-alert'))
    await admin.keyboard.press('Escape')
    await shot(admin, '08-dispatched')
    // Which village got tasks (set-up only: the village officer's account is made for it).
    const tasks = await apiGet(admin, '/suspected?task=assigned&size=200')
    assert.equal(tasks.status, 200)
    const row = tasks.body.rows.find((r) => r.task && /^\d{12}$/.test(r.task.assignee_code) && !r.task.assignee_code.endsWith('000'))
    assert.ok(row, 'some child was sent to his village')
    s.village = row.task.assignee_code
    s.villageName = row.village
    s.villageEntries = tasks.body.rows.filter((r) => r.task?.assignee_code === s.village).map((r) => r.id)
  })

  step('a village officer verifies one child on a phone, with a photo', async () => {
    const user = process.env.VILLAGE_USER || `cun${s.village.slice(-6)}`
    const pass = process.env.VILLAGE_PASS || 'Chushi2026cun'
    if (!process.env.VILLAGE_USER) addUser(user, 'village', s.village, pass)
    phone = await newPage(browser, PHONE, errors)
    s.current = phone
    await signIn(phone, user, pass, 'Cunzhuan2026ok')
    await tid(phone, 'tasks').waitFor()
    await phone.locator('[data-test="task-card"]').first().waitFor()
    await shot(phone, '10-phone-tasks')
    await tid(phone, 'burger').click()
    await tid(phone, 'menu-m').waitFor()
    await shot(phone, '11-phone-menu')
    await phone.keyboard.press('Escape')
    await phone.locator('[data-test="task-card"]').first().locator('button').click()
    await tid(phone, 'verify-form').waitFor()
    s.entry = phone.url().split('/verify/')[1]
    s.childName = (await tid(phone, 'verify-name').innerText()).trim()
    await shot(phone, '12-phone-verify-empty')
    await tid(phone, 'category').click()
    await phone.locator('.category-popper .el-select-dropdown__item', { hasText: /^\s*A\s/ }).click()
    await tid(phone, 'category-hint').waitFor()
    await field(phone, 'note').fill('入户核查：孩子在县城实验小学就读，已见到本人和家长，学籍在本省。')
    const png = pngFile(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-')), '入户照片.png'))
    await phone.locator('input[data-test="file-input"]').setInputFiles(png)
    await tid(phone, 'upload-done').waitFor()
    await shot(phone, '13-phone-verify-filled')
    await tid(phone, 'submit').click()
    await phone.waitForURL(/#\/tasks/)
    await phone.locator('.el-message--success').first().waitFor()
    await shot(phone, '14-phone-submitted')
  })

  step('the county approves; the ledger counts and the summary change', async () => {
    s.current = admin
    await admin.goto(`${BASE}/#/summary`)
    await tid(admin, 'summary-text').waitFor()
    const notOutBefore = await number(tid(admin, 'sum-not-out'))
    await admin.goto(`${BASE}/#/suspected/${s.entry}`)
    await admin.reload() // a fresh page: the session and its CSRF token come back from GET /api/session
    await tid(admin, 'approve').waitFor()
    await admin.locator('[data-test="evidence-link"]').first().waitFor()
    await shot(admin, '20-review')
    await tid(admin, 'approve').click()
    await admin.locator('.el-message-box .el-button--primary').click()
    await admin.locator('[data-test="entry-status"]', { hasText: '已销号' }).waitFor()
    await shot(admin, '21-approved')
    await admin.goto(`${BASE}/#/`)
    await tid(admin, 'card-suspected').waitFor()
    await admin.waitForFunction((n) => Number(document.querySelector('[data-test="card-suspected"] .num')?.textContent) === n, s.openBefore - 1)
    await admin.goto(`${BASE}/#/summary`)
    await tid(admin, 'summary-text').waitFor()
    assert.equal(await number(tid(admin, 'sum-not-out')), notOutBefore + 1)
    await shot(admin, '22-summary')
  })

  step('a school admin of another school sees none of it', async () => {
    // A school admin whose school is in another township than the village (from run.sh's accounts,
    // else one made here).
    const township = s.village.slice(0, 9) + '000'
    let user = process.env.SCHOOL_USER
    let pass = process.env.SCHOOL_PASS
    if (!user && process.env.E2E_SCHOOLS) {
      const pick = process.env.E2E_SCHOOLS.split(',').map((x) => x.split(':')).find(([, tw]) => tw !== township)
      if (pick) [user, pass] = [pick[0], process.env.SCHOOL_INITIAL_PASS]
    }
    if (!user) {
      const meta = await apiGet(admin, '/meta')
      const other = meta.body.schools.find((x) => x.township_code !== township)
      user = `xiao${other.code.slice(-6)}`
      pass = 'Chushi2026xiao'
      addUser(user, 'school_admin', other.code, pass)
    }
    school = await newPage(browser, DESKTOP, errors)
    s.current = school
    await signIn(school, user, pass, 'Xuexiao2026ok')
    await school.goto(`${BASE}/#/suspected`)
    await tid(school, 'suspected').waitFor()
    await school.waitForFunction(() => !document.querySelector('[data-test="table"] .el-loading-mask'))
    await school.locator('[data-test="f-status"]').click()
    await school.locator('.el-select-dropdown__item', { hasText: '全部' }).click()
    await tid(school, 'search').click()
    await school.waitForTimeout(500)
    const table = await tid(school, 'table').innerText()
    assert.ok(!table.includes(s.villageName), `the school admin sees children of ${s.villageName}`)
    await shot(school, '30-school-suspected')
    await school.goto(`${BASE}/#/suspected/${s.entry}`)
    await tid(school, 'not-found').waitFor()
    await shot(school, '31-school-404')
    const direct = await apiGet(school, `/suspected/${s.entry}`)
    assert.equal(direct.status, 404)
    // the English switch
    await tid(school, 'lang').click()
    await school.getByText('Page or record not found').waitFor()
    await tid(school, 'menu').getByText('Suspected ledger').waitFor()
    await shot(school, '32-school-404-en')
    await tid(school, 'logout').click()
    await school.waitForURL(/#\/login/)
    await school.goto(`${BASE}/#/suspected`)
    await school.waitForURL(/#\/login/)
  })

  step('no script errors on the pages', async () => {
    assert.deepEqual(errors, [])
  })
})
