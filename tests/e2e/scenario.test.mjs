// The "done when", played in a real browser against `baoxue serve`:
// the county admin signs in, changes the initial password, imports the household and student
// lists (each import says how it ended: never green when rows were rejected), runs the match,
// reads the ledgers (sorted, filtered by village, exported — the workbook holds every row of the
// filter), dispatches the suspected children to their residence; a village officer on a 375×667
// phone verifies one child with a photo; the county sees the photo on the review page and returns
// the answer; the returned task comes back with the last answer (and its photo) filled in; the
// county approves and the child moves to the 辍学台账; a township officer takes over another of the
// village's tasks (saying why) and answers it, the county approves and that child reads 已核实 in
// the 适龄儿童台账; the audit log reads in Chinese and finds what the story did; a township officer
// cannot widen his township; a school admin of another school sees none of it; every page is toured in
// both languages on a desktop and a phone.
//
// Steps made with `step` carry the story: when one fails the later ones are skipped. Steps made
// with `check` look at one behaviour; when one fails the story goes on.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  BASE, FILES, DESKTOP, PHONE, launch, newPage, shot, field, tid, number, signIn, apiGet, addUser, pngFile,
  choose, listAnswer, exportRows, tableOverflow, columnTexts, jobsSeen,
} from './lib.mjs'

const ADMIN = { user: process.env.ADMIN_USER || 'admin', pass: process.env.ADMIN_PASS, next: process.env.ADMIN_NEWPASS || 'Baoxue2026new' }
const LIST_TIMEOUT = 240000
const VILLAGE_DISPLAY = '赵村干'
const TOWNSHIP_DISPLAY = '钱专干'
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-'))
// A code shown as it is (in_school, group:single_parent, export_children): never on a page.
const RAW_CODE = /\b[a-z]+(?:_[a-z]+)+\b|\bgroup:[a-z_]+/

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

function check(name, fn, timeout = 120000) {
  it(name, { timeout }, async (t) => {
    if (broken) return t.skip(`an earlier step failed: ${broken}`)
    try {
      await fn()
    } catch (e) {
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

// Imports one file through the page; answers how it ended (data-outcome) and the alert's text.
async function importList(page, kind, file) {
  await tid(page, `kind-${kind}`).click()
  await page.locator('input[data-test="import-file"]').setInputFiles(file)
  await tid(page, 'file-name').waitFor()
  const posted = page.waitForResponse((r) => r.url().includes('/api/imports?') && r.request().method() === 'POST', { timeout: LIST_TIMEOUT })
  await tid(page, 'import-submit').click()
  const answer = await posted
  assert.equal(answer.status(), 202, 'an import is a job (202)')
  const summary = page.locator('[data-test="import-summary"]')
  await summary.waitFor({ timeout: LIST_TIMEOUT })
  await page.waitForFunction(() => document.querySelector('[data-test="import-submit"]') && !document.querySelector('[data-test="import-submit"].is-loading'), null, { timeout: LIST_TIMEOUT })
  const text = await summary.innerText()
  assert.match(text, new RegExp(path.basename(file).replace(/[.]/g, '\\.')))
  const outcome = await summary.getAttribute('data-outcome')
  const alert = summary.locator('.el-alert').first()
  return { outcome, text, alertClass: await alert.getAttribute('class'), title: (await alert.innerText()).trim() }
}

const ALERT_OF = { ok: 'el-alert--success', partly_rejected: 'el-alert--warning', all_rejected: 'el-alert--error', already_imported: 'el-alert--info' }

// Clicks a sortable header twice and checks the rows come back ascending, then descending.
async function checkSort(page, list, key, field) {
  const th = page.locator(`[data-test="table"] th.col-${key}`).first()
  const asc = listAnswer(page, list, [`sort=${field}`, 'order=asc'])
  await th.click()
  await asc
  const up = (await columnTexts(page, key)).filter(Boolean)
  assert.ok(up.length > 1, `rows to sort by ${key}`)
  assert.deepEqual(up, [...up].sort(), `${list} ascending by ${field}`)
  const desc = listAnswer(page, list, [`sort=${field}`, 'order=desc'])
  await th.click()
  await desc
  const down = (await columnTexts(page, key)).filter(Boolean)
  assert.deepEqual(down, [...down].sort().reverse(), `${list} descending by ${field}`)
  assert.notDeepEqual(down, up)
}

// The headers named are on the screen (not cut off or scrolled away) and the table is no wider
// than its box.
async function checkFits(page, headers) {
  assert.ok((await tableOverflow(page)) <= 1, 'the table is wider than the page at 1,440 px')
  const width = page.viewportSize().width
  for (const h of headers) {
    const box = await page.locator('[data-test="table"] th', { hasText: h }).first().boundingBox()
    assert.ok(box && box.x >= 0 && box.x + box.width <= width, `column ${h} is not on the screen`)
  }
}

// An <img> that has loaded (an evidence thumbnail served inline).
async function loaded(page, img) {
  await img.waitFor()
  await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle())
}

async function mainText(page) {
  return page.locator('.main').innerText()
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

  check('the server sends its Content-Security-Policy; a refused sign-in reads the same whoever asks', async () => {
    const page = await newPage(browser, DESKTOP, errors)
    s.current = page
    const res = await page.goto(`${BASE}/`)
    const csp = (await res.allHeaders())['content-security-policy'] || ''
    assert.match(csp, /script-src 'self'/)
    await page.waitForURL(/#\/login/)
    const refused = []
    for (const user of [ADMIN.user, 'no_such_user_e2e']) {
      await field(page, 'username').fill(user)
      await field(page, 'password').fill('Wrong2026pass')
      await tid(page, 'login').click()
      const error = tid(page, 'login-error')
      await error.waitFor()
      refused.push((await error.innerText()).trim())
      await page.reload()
    }
    assert.ok(refused[0].length > 0)
    assert.equal(refused[0], refused[1], 'a wrong password and an unknown user get one answer')
    await shot(page, '00-login-refused')
    await page.close()
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

  step('imports the household and student lists through the page; each says how it ended', async () => {
    await tid(admin, 'menu').getByText('数据导入').click()
    await tid(admin, 'imports').waitFor()
    for (const [kind, file] of [['hukou', listFile('hukou_', '.csv')], ['xueji', listFile('xueji_', '.xlsx')]]) {
      const r = await importList(admin, kind, file)
      assert.ok(['ok', 'partly_rejected'].includes(r.outcome), `${kind}: ${r.outcome}`)
      assert.ok(r.alertClass.includes(ALERT_OF[r.outcome]), `${kind}: ${r.outcome} shown as ${r.alertClass}`)
      s[kind] = r
    }
    await admin.locator('[data-test="batches"] .el-table__row').nth(1).waitFor()
    await shot(admin, '04-imports')
  }, LIST_TIMEOUT * 2 + 30000)

  check('a file imported before, and a file whose every row is rejected, say so — and not in green', async () => {
    const again = await importList(admin, 'hukou', listFile('hukou_', '.csv'))
    assert.equal(again.outcome, 'already_imported')
    assert.ok(again.alertClass.includes('el-alert--info'), again.alertClass)
    assert.equal(again.title, '该文件已导入过，未做改动')
    assert.equal(await admin.locator('[data-test="import-summary"] [data-test^="count-"]').count(), 0, 'no 新增/更新 counts beside "already imported"')
    await shot(admin, '04a-import-already')
    // two household rows that cannot be read: no birth date, no ID number, no name
    const bad = path.join(TMP, '错误户籍.csv')
    fs.writeFileSync(bad, '序号,姓名,性别,民族,出生日期,公民身份号码,户籍地址,乡镇（街道）,村（居）委会,户主姓名,与户主关系,联系电话\n' +
      '1,张三,男,汉族,20991399,12345,某地,某镇,某村,李四,子,123\n2,,女,汉族,,,,,,,,\n')
    const rejected = await importList(admin, 'hukou', bad)
    assert.equal(rejected.outcome, 'all_rejected')
    assert.ok(rejected.alertClass.includes('el-alert--error'), rejected.alertClass)
    assert.equal(rejected.title, '全部 2 行均被拒绝，请下载问题行修改后重新导入')
    await tid(admin, 'errors-link').waitFor()
    await shot(admin, '04b-import-all-rejected')
  }, LIST_TIMEOUT + 30000)

  check("back on the import page: the user's latest jobs, and the census date is the term's census day", async () => {
    await tid(admin, 'menu').getByText('首页').click()
    await tid(admin, 'dashboard').waitFor()
    await tid(admin, 'menu').getByText('数据导入').click()
    await tid(admin, 'imports').waitFor()
    const latest = admin.locator('[data-test="recent-job"]').first()
    await latest.waitFor()
    assert.match(await latest.innerText(), /错误户籍\.csv[\s\S]*全部 2 行均被拒绝/)
    const meta = await apiGet(admin, '/meta')
    const day = meta.body.settings?.census_day
    assert.match(day || '', /^\d{4}-\d{2}-\d{2}$/, 'meta.settings.census_day')
    assert.equal(await field(admin, 'as-of').inputValue(), day)
    await shot(admin, '04c-imports-return')
  })

  step('runs the match and sees the suspected count', async () => {
    await tid(admin, 'menu').getByText('数据导入').click()
    const posted = admin.waitForResponse((r) => r.url().endsWith('/api/census') && r.request().method() === 'POST')
    await tid(admin, 'run-census').click()
    assert.equal((await posted).status(), 202, 'the census is a job (202)')
    await tid(admin, 'run-summary').waitFor({ timeout: LIST_TIMEOUT })
    const seen = await jobsSeen(admin)
    assert.ok(seen.some((x) => /^census:(queued|running)$/.test(x)), `the census showed its progress: ${seen}`)
    assert.ok(seen.some((x) => /^import:(queued|running)$/.test(x)), `the imports showed their progress: ${seen}`)
    s.suspected = await number(tid(admin, 'run-suspected'))
    assert.ok(s.suspected > 0, 'the match finds suspected children')
    await shot(admin, '05-census')
    await tid(admin, 'menu').getByText('首页').click()
    await tid(admin, 'card-suspected').waitFor()
    s.openBefore = await number(tid(admin, 'card-suspected').locator('.num'))
    assert.equal(s.openBefore, s.suspected)
    // one chart per quantity
    await admin.locator('[data-test="chart-children"] canvas').waitFor()
    await admin.locator('[data-test="chart-suspected_open"] canvas').waitFor()
    // the standings add up to the compulsory-age children
    const children = await number(tid(admin, 'card-children').locator('.num'))
    let sum = 0
    for (const k of ['in_school', 'probable', 'verified', 'pending', 'dropout']) {
      s[`standing_${k}`] = await number(tid(admin, `standing-${k}`).locator('.snum'))
      sum += s[`standing_${k}`]
    }
    assert.equal(sum, children, 'in school + probable + verified + pending + dropout = the children of the band')
    await shot(admin, '06-dashboard')
  }, LIST_TIMEOUT + 30000)

  check('the children ledger fits at 1,440 px, sorts by birth date, filters by village and exports every row of the filter', async () => {
    s.current = admin
    await admin.goto(`${BASE}/#/children`)
    await admin.locator('[data-test="table"] .el-table__row').first().waitFor()
    await checkFits(admin, ['姓名', '出生日期', '村（居）', '学校', '台账状态'])
    await checkSort(admin, '/children', 'birth_date', 'birth_date')
    await choose(admin, 'f-township')
    const village = await choose(admin, 'f-village')
    const answer = listAnswer(admin, '/children', ['village='])
    await tid(admin, 'search').click()
    const got = await answer
    assert.ok(got.total > 0, `children in ${village}`)
    const villages = new Set(await columnTexts(admin, 'village'))
    assert.deepEqual([...villages], [village])
    assert.equal(await exportRows(admin, TMP), got.total, 'the export holds every row of the filter')
    await shot(admin, '07-children-village')
    s.childVillageCode = got.rows[0].village_code
    await admin.locator('[data-test="table"] .el-table__row').first().click()
    await tid(admin, 'child-drawer').locator('[data-test="section-child"]').waitFor()
    await tid(admin, 'child-drawer').locator('[data-test="section-standing"]').waitFor()
    assert.doesNotMatch(await tid(admin, 'child-drawer').innerText(), RAW_CODE)
    await shot(admin, '07a-child-drawer')
    await admin.keyboard.press('Escape')
  }, 240000)

  check('a page past the end of a list comes back as the last page, and says so', async () => {
    s.current = admin
    await admin.goto(`${BASE}/#/children?village=${s.childVillageCode}&page=9999`)
    const clamped = listAnswer(admin, '/children', ['page=9999'])
    await admin.reload()
    const last = await clamped
    assert.ok(last.notice, 'the server says the page was clamped')
    assert.equal((await tid(admin, 'list-notice').innerText()).trim(), last.notice)
    await shot(admin, '07b-children-notice')
  })

  check('the standing filter: 在校 lists as many children as the dashboard counts, each one in school', async () => {
    s.current = admin
    await admin.goto(`${BASE}/#/children`)
    await admin.reload() // the list as it starts, not as the last check left it
    await admin.locator('[data-test="table"] .el-table__row').first().waitFor()
    await tid(admin, 'standing-help').click()
    await tid(admin, 'standing-help-text').waitFor()
    assert.match(await tid(admin, 'standing-help-text').innerText(), /可能在校[\s\S]*不在义务教育年龄段/)
    await shot(admin, '07c-children-standing-help')
    await tid(admin, 'standing-help').click()
    const standing = await choose(admin, 'f-standing', /^在校$/)
    const answer = listAnswer(admin, '/children', ['standing=in_school'])
    await tid(admin, 'search').click()
    const got = await answer
    assert.equal(got.total, s.standing_in_school)
    assert.deepEqual([...new Set(await columnTexts(admin, 'standing'))], [standing])
    await shot(admin, '07d-children-in-school')
    // 不在义务教育年龄段: the band filter follows, the rows say so
    await choose(admin, 'f-standing', /^不在义务教育年龄段$/)
    const out = listAnswer(admin, '/children', ['standing=out_of_band', 'band=out'])
    await tid(admin, 'search').click()
    assert.ok((await out).total > 0, 'children outside the band')
    assert.deepEqual([...new Set(await columnTexts(admin, 'standing'))], ['不在义务教育年龄段'])
  })

  check('the whole 适龄儿童台账 of the county exports every child of the band', async () => {
    s.current = admin
    await admin.goto(`${BASE}/#/`)
    await tid(admin, 'card-children').waitFor()
    const answer = listAnswer(admin, '/children', ['band=in'])
    await tid(admin, 'card-children').click()
    const got = await answer
    assert.ok(got.total > 40000, `the demo county's children of compulsory age: ${got.total}`)
    assert.equal(await number(tid(admin, 'list-total')), got.total)
    assert.equal(await exportRows(admin, TMP), got.total, 'every child of the band in the workbook')
  }, 300000)

  step('dispatches suspected children to their residence with a deadline', async () => {
    s.current = admin
    await admin.goto(`${BASE}/#/suspected`)
    await tid(admin, 'suspected').waitFor()
    await admin.locator('[data-test="table"] .el-table__row').first().waitFor()
    assert.equal(await number(tid(admin, 'suspected-total')), s.suspected)
    // two chosen by hand …
    const boxes = admin.locator('[data-test="table"] .el-table__body .el-checkbox')
    await boxes.nth(0).click()
    await boxes.nth(1).click()
    await tid(admin, 'dispatch-selected').click()
    await tid(admin, 'dispatch-dialog').waitFor()
    await shot(admin, '08-dispatch-dialog')
    await tid(admin, 'to-residence').click()
    await tid(admin, 'dispatch-submit').click()
    await admin.locator('.el-message--success').first().waitFor()
    // … then every one still undispatched (a job with a progress bar)
    await tid(admin, 'dispatch-all').click()
    await tid(admin, 'to-residence').click()
    const posted = admin.waitForResponse((r) => r.url().endsWith('/api/suspected/dispatch') && r.request().method() === 'POST')
    await tid(admin, 'dispatch-submit').click()
    assert.equal((await posted).status(), 202, 'dispatching everything is a job (202)')
    await admin.waitForFunction(() => !document.querySelector('[data-test="dispatch-dialog"]')?.offsetParent || document.querySelector('[data-test="dispatch-dialog"] [data-test="dispatch-skipped"]'), null, { timeout: LIST_TIMEOUT })
    await admin.keyboard.press('Escape')
    const seen = await jobsSeen(admin)
    assert.ok(seen.some((x) => /^dispatch:/.test(x)), `dispatching showed its progress: ${seen}`)
    await shot(admin, '09-dispatched')
    // Which village got tasks (set-up only: the village officer's account is made for it).
    const tasks = await apiGet(admin, '/suspected?task=assigned&size=200')
    assert.equal(tasks.status, 200)
    const row = tasks.body.rows.find((r) => r.task && /^\d{12}$/.test(r.task.assignee_code) && !r.task.assignee_code.endsWith('000'))
    assert.ok(row, 'some child was sent to his village')
    s.village = row.task.assignee_code
    s.villageName = row.village
    s.villageEntries = tasks.body.rows.filter((r) => r.task?.assignee_code === s.village).map((r) => r.id)
  }, LIST_TIMEOUT)

  check('the suspected ledger shows 核查单位 / 期限 / 列入时间 at 1,440 px, sorts and exports every row', async () => {
    s.current = admin
    await admin.goto(`${BASE}/#/suspected`)
    await admin.locator('[data-test="table"] .el-table__row').first().waitFor()
    await checkFits(admin, ['姓名', '核查状态', '核查单位', '期限', '列入时间'])
    await checkSort(admin, '/suspected', 'birth_date', 'birth_date')
    const total = await number(tid(admin, 'suspected-total'))
    assert.equal(await exportRows(admin, TMP), total)
    await shot(admin, '10-suspected')
  }, 240000)

  step('a village officer verifies one child on a phone, with a photo', async () => {
    const user = process.env.VILLAGE_USER || `cun${s.village.slice(-6)}`
    const pass = process.env.VILLAGE_PASS || 'Chushi2026cun'
    if (!process.env.VILLAGE_USER) addUser(user, 'village', s.village, pass, VILLAGE_DISPLAY)
    s.villageUser = user
    phone = await newPage(browser, PHONE, errors)
    s.current = phone
    await signIn(phone, user, pass, 'Cunzhuan2026ok')
    await tid(phone, 'tasks').waitFor()
    await phone.locator('[data-test="card"]').first().waitFor()
    assert.equal(await phone.locator('[data-test="table"]').count(), 0, 'a phone shows cards, not a table')
    await shot(phone, '11-phone-tasks')
    await tid(phone, 'burger').click()
    await tid(phone, 'menu-m').waitFor()
    await shot(phone, '12-phone-menu')
    await phone.keyboard.press('Escape')
    await phone.locator('[data-test="card"]').first().locator('[data-test="task-go"]').click()
    await tid(phone, 'verify-form').waitFor()
    s.entry = phone.url().split('/verify/')[1]
    s.childName = (await tid(phone, 'verify-name').innerText()).trim()
    await shot(phone, '13-phone-verify-empty')
    await tid(phone, 'category').click()
    await phone.locator('.category-popper .el-select-dropdown__item', { hasText: /^\s*A\s/ }).click()
    await tid(phone, 'category-hint').waitFor()
    s.note = '入户核查：孩子在县城实验小学就读，已见到本人和家长，学籍在本省。'
    await field(phone, 'note').fill(s.note)
    const png = pngFile(path.join(TMP, '入户照片.png'))
    await phone.locator('input[data-test="file-input"]').setInputFiles(png)
    await tid(phone, 'upload-done').waitFor()
    await shot(phone, '14-phone-verify-filled')
    await tid(phone, 'submit').click()
    await phone.waitForURL(/#\/tasks/)
    await phone.locator('.el-message--success').first().waitFor()
    await shot(phone, '15-phone-submitted')
    // the task list and the task itself say what the server now has (no stale copy)
    await phone.goto(`${BASE}/#/verify/${s.entry}`)
    await tid(phone, 'not-editable').waitFor()
  })

  check("the village officer's phone: his village in the header, card lists on the ledgers", async () => {
    s.current = phone
    await phone.goto(`${BASE}/#/children`)
    await phone.locator('[data-test="card"]').first().waitFor()
    assert.equal(await phone.locator('[data-test="table"]').count(), 0)
    // his unit, named with its township (village names repeat across townships), never the county
    assert.ok((await tid(phone, 'unit').innerText()).trim().endsWith(s.villageName))
    await shot(phone, '16-phone-children')
    await phone.goto(`${BASE}/#/suspected`)
    await phone.locator('[data-test="card"]').first().waitFor()
    assert.equal(await phone.locator('[data-test="table"]').count(), 0)
    await shot(phone, '17-phone-suspected')
  })

  step('the county sees the photo on the review page and returns the answer', async () => {
    s.current = admin
    await admin.goto(`${BASE}/#/suspected/${s.entry}`)
    await admin.reload() // a fresh page: the session and its CSRF token come back from GET /api/session
    await tid(admin, 'approve').waitFor()
    const thumb = admin.locator('[data-test="evidence-thumb"] img').first()
    await thumb.waitFor()
    await admin.waitForFunction((el) => el.complete && el.naturalWidth > 0, await thumb.elementHandle())
    // the thumbnail is the file itself, served inline (not as a download)
    const src = await thumb.getAttribute('src')
    assert.match(src, /\/api\/evidence\/\d+\?inline=1$/)
    const disposition = await admin.evaluate(async (u) => (await fetch(u)).headers.get('content-disposition') || '', src)
    assert.match(disposition, /^inline/)
    await shot(admin, '20-review')
    await thumb.click()
    await admin.locator('.el-image-viewer__wrapper').waitFor()
    await shot(admin, '20a-review-photo')
    await admin.keyboard.press('Escape')
    await tid(admin, 'return').click()
    await field(admin, 'return-reason').fill('请补充学校出具的在读证明照片。')
    await tid(admin, 'return-submit').click()
    await admin.locator('.el-message--success').first().waitFor()
    await admin.locator('[data-test="tasks-card"] .el-tag', { hasText: '已退回' }).first().waitFor()
  })

  check('the timeline names the people and their units, not their accounts', async () => {
    s.current = admin
    const who = await admin.locator('[data-test="timeline-by"]').allInnerTexts()
    assert.ok(who.some((x) => x.includes(VILLAGE_DISPLAY) && x.includes(s.villageName)), who.join(' | '))
    assert.ok(!who.some((x) => x.includes(s.villageUser)), 'an account name in the timeline')
    assert.match(await admin.locator('[data-test="submission"]').first().innerText(), new RegExp(VILLAGE_DISPLAY))
  })

  step('the returned task comes back with the last answer filled in; the officer corrects it', async () => {
    s.current = phone
    await phone.goto(`${BASE}/#/tasks?state=returned`)
    const card = phone.locator('[data-test="card"]', { hasText: s.childName }).first()
    await card.waitFor()
    await card.locator('[data-test="task-go"]').click()
    await tid(phone, 'verify-form').waitFor()
    await tid(phone, 'returned-reason').waitFor()
    assert.match((await tid(phone, 'category').innerText()).trim(), /^A\s/)
    assert.equal(await field(phone, 'note').inputValue(), s.note)
    await tid(phone, 'upload-previous').waitFor()
    await shot(phone, '18-phone-returned')
    // on a second visit the child turns out to be ill at home: 因病 (I)
    await tid(phone, 'category').click()
    await phone.locator('.category-popper .el-select-dropdown__item', { hasText: /^\s*I\s/ }).click()
    await field(phone, 'note').fill('复核：孩子因病在家休养，未到校，已有医院诊断证明。')
    await tid(phone, 'submit').click()
    await phone.waitForURL(/#\/tasks/)
    await phone.locator('.el-message--success').first().waitFor()
  })

  step('the county approves; the child moves to the 辍学台账; the counts and the summary change', async () => {
    s.current = admin
    await admin.goto(`${BASE}/#/summary`)
    await tid(admin, 'summary-text').waitFor()
    const outBefore = await number(tid(admin, 'sum-out'))
    await admin.goto(`${BASE}/#/suspected/${s.entry}`)
    await tid(admin, 'approve').click()
    await admin.locator('.el-message-box .el-button--primary').click()
    await admin.locator('[data-test="entry-status"]', { hasText: '已销号' }).waitFor()
    // the corrected answer kept the photo of the first one (its evidence named again)
    const latest = admin.locator('[data-test="submission"]').first()
    assert.match(await latest.innerText(), /因病/)
    await loaded(admin, latest.locator('[data-test="evidence-thumb"] img').first())
    await shot(admin, '21-approved')
    await admin.goto(`${BASE}/#/`)
    await tid(admin, 'card-suspected').waitFor()
    await admin.waitForFunction((n) => Number(document.querySelector('[data-test="card-suspected"] .num')?.textContent.replace(/\D/g, '')) === n, s.openBefore - 1)
    await admin.goto(`${BASE}/#/summary`)
    await tid(admin, 'summary-text').waitFor()
    assert.equal(await number(tid(admin, 'sum-out')), outBefore + 1)
    await shot(admin, '22-summary')
    await admin.goto(`${BASE}/#/dropouts`)
    const row = admin.locator('[data-test="table"] .el-table__row', { hasText: s.childName }).first()
    await row.waitFor()
    await row.click()
    const drawer = tid(admin, 'dropout-drawer')
    for (const section of ['child', 'guardian', 'verification', 'source']) await drawer.locator(`[data-test="section-${section}"]`).waitFor()
    await loaded(admin, drawer.locator('[data-test="evidence-thumb"] img').first())
    await shot(admin, '23-dropout-drawer')
    await admin.keyboard.press('Escape')
  })

  step("a township officer takes over one of the village's tasks, saying why, and answers it", async () => {
    const township = s.village.slice(0, 9) + '000'
    s.townshipUser = `xiang${township.slice(6, 9)}`
    addUser(s.townshipUser, 'township', township, 'Chushi2026xiang', TOWNSHIP_DISPLAY)
    const page = await newPage(browser, DESKTOP, errors)
    s.township = page
    s.current = page
    await signIn(page, s.townshipUser, 'Chushi2026xiang', 'Xiangzhen2026ok')
    await tid(page, 'tasks').waitFor()
    // the township's list holds its villages' tasks; the ones still with the village can be taken over
    const row = page.locator('[data-test="table"] .el-table__row', { has: page.locator('[data-test="task-take-over"]') }).first()
    await row.waitFor()
    s.takenName = (await row.locator('td.col-name').innerText()).trim()
    await shot(page, '27-township-tasks')
    await row.locator('[data-test="task-take-over"]').click()
    const dialog = tid(page, 'take-over-dialog')
    await dialog.waitFor()
    await tid(page, 'take-over-submit').click() // no reason: the page asks for one
    await page.locator('.el-message--error').first().waitFor()
    s.takeOverReason = '村干部外出学习，本周无法入户，改由乡镇核查。'
    await field(page, 'take-over-reason').fill(s.takeOverReason)
    await shot(page, '27a-take-over-dialog')
    await tid(page, 'take-over-submit').click()
    await page.waitForURL(/#\/verify\/\d+/)
    s.taken = page.url().split('/verify/')[1]
    await tid(page, 'verify-form').waitFor()
    assert.equal((await tid(page, 'verify-name').innerText()).trim(), s.takenName)
    await tid(page, 'category').click()
    await page.locator('.category-popper .el-select-dropdown__item', { hasText: /^\s*A\s/ }).click()
    await field(page, 'note').fill('乡镇入户核查：孩子随父母在县城就读，已核对学籍。')
    await page.locator('input[data-test="file-input"]').setInputFiles(pngFile(path.join(TMP, '学籍证明.png')))
    await tid(page, 'upload-done').waitFor()
    await shot(page, '27b-township-verify')
    await tid(page, 'submit').click()
    await page.waitForURL(/#\/tasks/)
    await page.locator('.el-message--success').first().waitFor()
  })

  step('the county approves the township\'s answer: the timeline says who took it over and why', async () => {
    s.current = admin
    await admin.goto(`${BASE}/#/suspected/${s.taken}`)
    await tid(admin, 'approve').waitFor()
    const timeline = await tid(admin, 'timeline').innerText()
    assert.ok(timeline.includes(s.takeOverReason), timeline)
    assert.ok(timeline.includes(TOWNSHIP_DISPLAY), timeline)
    await shot(admin, '28-taken-over-review')
    await tid(admin, 'approve').click()
    await admin.locator('.el-message-box .el-button--primary').click()
    await admin.locator('[data-test="entry-status"]', { hasText: '已销号' }).waitFor()
  })

  check('the 适龄儿童台账: the verified child reads 已核实, the confirmed one 确认失学辍学', async () => {
    s.current = admin
    for (const [name, code, text] of [[s.takenName, 'verified', '已核实不属失学辍学'], [s.childName, 'dropout', '确认失学辍学（辍学台账）']]) {
      await admin.goto(`${BASE}/#/children`)
      await admin.locator('[data-test="table"] .el-table__row').first().waitFor()
      await field(admin, 'f-q').fill(name)
      await choose(admin, 'f-standing', new RegExp(`^${text.replace(/[()（）]/g, '.')}$`))
      const answer = listAnswer(admin, '/children', [`standing=${code}`])
      await tid(admin, 'search').click()
      const got = await answer
      assert.ok(got.total >= 1, `${name} is ${code}`)
      const row = admin.locator('[data-test="table"] .el-table__row', { hasText: name }).first()
      assert.equal((await row.locator('td.col-standing').innerText()).trim(), text)
      await row.click()
      const drawer = tid(admin, 'child-drawer')
      await drawer.locator('[data-test="section-standing"]').waitFor()
      assert.equal((await drawer.locator('[data-test="detail-standing"]').innerText()).trim(), text)
      await shot(admin, `29-child-${code}`)
      await admin.keyboard.press('Escape')
    }
  })

  check('the dropout ledger exports its rows; the summary reads by village and by school', async () => {
    s.current = admin
    await admin.goto(`${BASE}/#/dropouts`)
    await admin.locator('[data-test="table"] .el-table__row').first().waitFor()
    await checkFits(admin, ['姓名', '类别', '列入时间'])
    const total = await number(tid(admin, 'list-total'))
    assert.equal(await exportRows(admin, TMP), total)
    await admin.goto(`${BASE}/#/summary`)
    await tid(admin, 'summary-text').waitFor()
    for (const [by, header] of [['village', '村（居）'], ['school', '学校']]) {
      const answer = admin.waitForResponse((r) => r.url().includes('/api/verification/summary') && r.url().includes(`by=${by}`))
      await tid(admin, `by-${by}`).click()
      const body = await (await answer).json()
      assert.ok((body.rows || []).length > 0, `summary rows by ${by}`)
      await admin.locator('[data-test="place-table"] th', { hasText: header }).first().waitFor()
      await shot(admin, `24-summary-by-${by}`)
    }
  })

  check('the audit log reads in Chinese, filters by action and exports', async () => {
    s.current = admin
    await admin.goto(`${BASE}/#/audit`)
    await admin.locator('[data-test="table"] .el-table__row').first().waitFor()
    assert.doesNotMatch(await mainText(admin), RAW_CODE)
    assert.doesNotMatch(await mainText(admin), /\brows\b/)
    // filter by the action of the newest entry, by its name
    const newest = (await columnTexts(admin, 'action'))[0]
    const action = await choose(admin, 'f-action', new RegExp(`^${newest}$`))
    assert.equal(action, newest)
    const answer = listAnswer(admin, '/audit', ['action='])
    await tid(admin, 'search').click()
    const got = await answer
    assert.ok(got.total > 0)
    assert.deepEqual([...new Set(await columnTexts(admin, 'action'))], [action])
    assert.match(await tid(admin, 'list-total').innerText(), /共 \d+ 条/)
    assert.equal(await exportRows(admin, TMP), got.total)
    await shot(admin, '25-audit')
  })

  check('the audit log finds what the story did: sign-ins, the dispatch, the answers, the take-over, the approvals', async () => {
    s.current = admin
    const meta = (await apiGet(admin, '/meta')).body
    const name = (code) => meta.labels.audit_action.find((x) => x.code === code).label
    for (const [code, who] of [['sign_in', ''], ['dispatch', '县局管理员'], ['submit', VILLAGE_DISPLAY], ['take_over', TOWNSHIP_DISPLAY], ['approve', '县局管理员']]) {
      await admin.goto(`${BASE}/#/audit`)
      await admin.locator('[data-test="table"] .el-table__row').first().waitFor()
      await tid(admin, 'reset').click()
      await choose(admin, 'f-action', new RegExp(`^${name(code)}$`))
      const answer = listAnswer(admin, '/audit', [`action=${code}`])
      await tid(admin, 'search').click()
      const got = await answer
      assert.ok(got.total > 0, `the audit has ${code}`)
      assert.deepEqual([...new Set(await columnTexts(admin, 'action'))], [name(code)])
      if (who) assert.ok((await columnTexts(admin, 'user')).some((x) => x.includes(who)), `${code} by ${who}`)
      assert.doesNotMatch(await mainText(admin), RAW_CODE)
      if (code === 'take_over') {
        assert.ok((await columnTexts(admin, 'detail')).includes(s.takeOverReason), 'the take-over row says why')
        await shot(admin, '25a-audit-take-over')
      }
    }
    // by user (the village officer): his sign-ins and his answers
    await tid(admin, 'reset').click()
    await field(admin, 'f-user').fill(s.villageUser)
    let answer = listAnswer(admin, '/audit', [`user=${s.villageUser}`])
    await tid(admin, 'search').click()
    let got = await answer
    assert.ok(got.total > 0)
    assert.deepEqual([...new Set((await columnTexts(admin, 'user')).map((x) => x.split(/\s/)[0]))], [VILLAGE_DISPLAY])
    const actions = new Set(await columnTexts(admin, 'action'))
    for (const code of ['sign_in', 'submit']) assert.ok(actions.has(name(code)), `${s.villageUser}: ${[...actions]}`)
    // by unit (the village) and by day (today, the county's date)
    await tid(admin, 'reset').click()
    await choose(admin, 'f-unit', new RegExp(`^${s.villageName}$`))
    await admin.locator('[data-test="f-range"] input').first().fill(meta.today)
    await admin.locator('[data-test="f-range"] input').nth(1).fill(meta.today)
    await admin.locator('[data-test="f-range"] input').nth(1).press('Enter')
    answer = listAnswer(admin, '/audit', [`unit=${s.village}`, `from=${meta.today}`, `to=${meta.today}`])
    await tid(admin, 'search').click()
    got = await answer
    assert.ok(got.total > 0, 'the village did things today')
    const units = new Set(await columnTexts(admin, 'unit_name'))
    assert.ok([...units].every((u) => u.endsWith(s.villageName)), [...units].join(' | ')) // the village, named with its township
    await shot(admin, '25b-audit-unit-day')
  })

  check('a township officer is not offered 全部乡镇: his township is chosen and fixed', async () => {
    const township = s.village.slice(0, 9) + '000'
    const page = s.township // signed in when he took over the village's task
    s.current = page
    const meta = await apiGet(page, '/meta')
    const name = meta.body.townships.find((x) => x.code === township)?.name
    assert.ok(name)
    assert.equal((await tid(page, 'unit').innerText()).trim(), name)
    for (const p of ['/summary', '/children']) {
      await page.goto(`${BASE}/#${p}`)
      const select = tid(page, 'f-township')
      await select.waitFor()
      assert.equal(await select.locator('.is-disabled').count(), 1, `the township select on ${p} is not fixed`)
      assert.equal((await select.innerText()).trim(), name)
    }
    await shot(page, '26-township-summary')
    // his dashboard compares his villages (one township has nothing to compare)
    await page.goto(`${BASE}/#/`)
    await page.locator('[data-test="chart-village"] [data-test="chart-children"] canvas').waitFor()
    await shot(page, '26a-township-dashboard')
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
    await choose(school, 'f-status', '全部')
    const answer = listAnswer(school, '/suspected', ['status=all'])
    await tid(school, 'search').click()
    await answer
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
    await school.goto(`${BASE}/#/children`)
    await school.locator('[data-test="table"] .el-table__row').first().waitFor()
    const sexes = new Set(await columnTexts(school, 'sex'))
    assert.ok([...sexes].every((x) => ['Male', 'Female'].includes(x)), [...sexes].join(','))
    await shot(school, '33-school-children-en')
    await tid(school, 'lang').click()
    await tid(school, 'logout').click()
    await school.waitForURL(/#\/login/)
    await school.goto(`${BASE}/#/suspected`)
    await school.waitForURL(/#\/login/)
  })

  check('a tour of the pages in both languages, on a desktop and on a phone: names, never codes', async () => {
    const other = s.villageEntries.find((id) => ![s.entry, s.taken].map(String).includes(String(id))) ?? s.entry
    const adminPhone = await newPage(browser, PHONE, errors)
    await signIn(adminPhone, ADMIN.user, ADMIN.next)
    const tour = [
      [admin, 'desktop', ['/', '/children', '/suspected', `/suspected/${s.entry}`, '/dropouts', '/cases', '/summary', '/imports', '/audit']],
      [s.township, 'township', ['/', '/tasks', `/verify/${other}`, `/suspected/${s.taken}`]],
      [phone, 'phone', ['/tasks', `/verify/${other}`, '/children', '/suspected', '/dropouts', '/cases', '/summary', '/']],
      [adminPhone, 'phone-county', ['/', `/suspected/${s.entry}`, '/imports', '/audit']],
    ]
    const codes = [] // every page is shot before the check fails
    for (const [page, device, paths] of tour) {
      s.current = page
      for (const lang of ['zh-CN', 'en']) {
        await page.evaluate((l) => localStorage.setItem('baoxue.locale', l), lang)
        for (const p of paths) {
          await page.goto(`${BASE}/#${p}`)
          await page.reload()
          await page.locator('.main').waitFor()
          await page.waitForLoadState('networkidle')
          await page.waitForFunction(() => !document.querySelector('.main .el-loading-mask'))
          const name = p.replace(/^\//, '').replace(/[^\w]+/g, '-') || 'home'
          await shot(page, `40-tour-${device}-${name}-${lang}`)
          const raw = RAW_CODE.exec(await mainText(page))
          if (raw) codes.push(`${p} (${lang}, ${device}): ${raw[0]}`)
        }
      }
      await page.evaluate(() => localStorage.setItem('baoxue.locale', 'zh-CN'))
    }
    assert.deepEqual(codes, [])
  }, 600000)

  step('no script errors on the pages', async () => {
    assert.deepEqual(errors, [])
  })
})
