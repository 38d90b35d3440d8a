import { it } from 'node:test'
// Helpers for the end-to-end tests: Chromium through playwright-core (installed under web/),
// screenshots, a small PNG, accounts added with the `baoxue user add` command.
import { createRequire } from 'node:module'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

const require = createRequire(new URL('../../web/package.json', import.meta.url))
const { chromium } = require('playwright-core')

export let BASE = (process.env.BAOXUE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '')
// A test that runs against its own server (cases.test.mjs: the casework county) points the
// helpers at it.
export function useServer(url) {
  BASE = url.replace(/\/$/, '')
}
export const SHOTS = process.env.E2E_SHOTS || '/tmp/e2e-shots'
export const FILES = process.env.E2E_FILES || ''
fs.mkdirSync(SHOTS, { recursive: true })

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  })
}

// The users' browsers: Chinese, on China's clock (the county's dates and the times the pages show
// agree, as they do for the people who use it).
const USER = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }
export const DESKTOP = { viewport: { width: 1440, height: 900 }, ...USER }
export const PHONE = { viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, ...USER }

export async function newPage(browser, options, errors) {
  const context = await browser.newContext({ ...options, acceptDownloads: true })
  // Every Content-Security-Policy violation is a page error (the server sends script-src 'self',
  // no eval, no outside fonts); and every job progress the page shows is remembered (a job can end
  // between two looks of the test, the page's own record of it cannot be missed).
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || ''}:${e.lineNumber || ''})`)
    })
    window.__jobsSeen = []
    const look = () => {
      for (const el of document.querySelectorAll('[data-test="job-progress"]')) {
        const seen = `${el.dataset.kind}:${el.dataset.state}`
        if (!window.__jobsSeen.includes(seen)) window.__jobsSeen.push(seen)
      }
    }
    new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] })
  })
  const page = await context.newPage()
  page.setDefaultTimeout(20000)
  page.on('pageerror', (e) => errors.push(`${e.message}`))
  page.on('console', (m) => {
    const text = m.text()
    if (/Content Security Policy|CSP violation/i.test(text)) errors.push(`${page.url()}: ${text}`)
  })
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) console.log(`api ${r.request().method()} ${r.url()} → ${r.status()}`)
  })
  return page
}

// The steps of a walk in the browser: a step runs only when the walk's server is set (`url`) and
// no earlier step failed, and a failing step leaves a screenshot of the page it was on
// (`s.current`), named after the walk (`name`).
export function walk(name, url, s) {
  let broken = ''
  return function step(title, fn, timeout = 120000) {
    it(title, { timeout }, async (t) => {
      if (!url) return t.skip('CASES_URL is not set (tests/e2e/run.sh sets up the casework county)')
      if (broken) return t.skip(`an earlier step failed: ${broken}`)
      try {
        await fn()
      } catch (e) {
        broken = title
        if (s.current) await shot(s.current, `${name}-failed-${title.replace(/[^\w]+/g, '-')}`).catch(() => {})
        throw e
      }
    })
  }
}

// The text of the page's main column (the menu and header are the app's, not the page's).
export const mainText = (page) => page.locator('.main').innerText()
// How far the page is wider than its window (0: it fits a phone).
export const widerThanPhone = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

export async function shot(page, name) {
  await page.waitForTimeout(300) // let transitions settle
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
}

// The <input>/<textarea> an Element Plus field puts its data-test on (or inside).
export function field(page, name) {
  return page.locator(`input[data-test="${name}"], textarea[data-test="${name}"], [data-test="${name}"] input, [data-test="${name}"] textarea`).first()
}

export function tid(page, name) {
  return page.locator(`[data-test="${name}"]`).first()
}

export async function number(locator) {
  const text = (await locator.innerText()).replace(/[^\d]/g, '')
  return Number(text)
}

// Picks an option of an Element Plus select (the first one, or the one whose text matches);
// answers the option's text.
export async function choose(page, name, text) {
  await tid(page, name).click()
  const item = page.locator('.el-select-dropdown__item:visible', text ? { hasText: text } : {}).first()
  await item.waitFor()
  const label = (await item.innerText()).trim()
  await item.click()
  // the dropdown fades out: the next choose must not find this one's items still "visible"
  await item.waitFor({ state: 'hidden' })
  return label
}

// Waits for the next answer of a list endpoint (e.g. '/children') whose query has every `want`
// fragment, and for the table to show it.
export async function listAnswer(page, list, want = []) {
  const r = await page.waitForResponse((x) => {
    const u = x.url()
    return u.includes(`/api${list}?`) && want.every((w) => u.includes(w)) && x.request().method() === 'GET'
  })
  await page.waitForFunction(() => !document.querySelector('[data-test="table"] .el-loading-mask, [data-test="card-list"] .el-loading-mask'))
  return r.json()
}

// The data rows of the first sheet of an xlsx (unzip reads it; the frozen header rows — the
// pane's ySplit — are not data).
export function xlsxDataRows(file) {
  const xml = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { maxBuffer: 1 << 30 }).toString()
  const rows = (xml.match(/<row[ >]/g) || []).length
  const pane = /<pane [^>]*ySplit="(\d+)"/.exec(xml)
  return rows - (pane ? Number(pane[1]) : 1)
}

// Clicks 导出 on a list page, waits for the job and the download; answers the file's data rows.
export async function exportRows(page, dir) {
  const download = page.waitForEvent('download', { timeout: 180000 })
  // an export that fails says so (a message, or the job's error in the dialog): fail at once
  const failed = page
    .locator('.el-message--error, [data-test="export-dialog"] [data-test="job-error"]')
    .first()
    .waitFor({ timeout: 180000 })
    .then(async () => {
      throw new Error(`the export failed: ${await page.locator('.el-message--error, [data-test="job-error"]').first().innerText()}`)
    })
  await tid(page, 'export').click()
  const dl = await Promise.race([download, failed])
  failed.catch(() => {})
  download.catch(() => {})
  const file = path.join(dir, dl.suggestedFilename() || 'export.xlsx')
  await dl.saveAs(file)
  return xlsxDataRows(file)
}

// How far the ledger table is wider than its box (0: every column fits).
export function tableOverflow(page) {
  return page.evaluate(() => {
    const w = document.querySelector('[data-test="table"] .el-table__body-wrapper .el-scrollbar__wrap')
    return w ? w.scrollWidth - w.clientWidth : -1
  })
}

// The texts of one column of the ledger table (cells carry the class col-<key>).
export function columnTexts(page, key) {
  return page.locator(`[data-test="table"] .el-table__body td.col-${key}`).allInnerTexts().then((a) => a.map((x) => x.trim()))
}

// Signs in; when the account still has its initial password, changes it on the page it lands on.
export async function signIn(page, username, password, newPassword) {
  await page.goto(`${BASE}/#/login`)
  await field(page, 'username').fill(username)
  await field(page, 'password').fill(password)
  await tid(page, 'login').click()
  await page.waitForURL((u) => !u.hash.startsWith('#/login'))
  if (page.url().includes('#/password')) {
    if (!newPassword) throw new Error(`${username} must change the password`)
    await field(page, 'old-password').fill(password)
    await field(page, 'new-password').fill(newPassword)
    await field(page, 'new-password-again').fill(newPassword)
    await tid(page, 'change-password').click()
    await page.waitForURL((u) => !u.hash.startsWith('#/password'))
  }
}

// The job kinds and states the page has shown since it was loaded ("census:running", …).
export function jobsSeen(page) {
  return page.evaluate(() => window.__jobsSeen || [])
}

// JSON from the API with the page's cookie (for test set-up only; the checks go through the UI).
export async function apiGet(page, p) {
  return page.evaluate(async (url) => {
    const r = await fetch(url)
    return { status: r.status, body: await r.json().catch(() => null) }
  }, `/api${p}`)
}

export function addUser(name, role, org, password, display, db = process.env.BAOXUE_DB) {
  const bin = process.env.BAOXUE_BIN
  if (!bin || !db) throw new Error('BAOXUE_BIN and BAOXUE_DB are needed to add accounts')
  const args = ['user', 'add', name, '--role', role, '--org', org, '--password-stdin', '--db', db]
  if (display) args.push('--display', display)
  execFileSync(bin, args, {
    input: `${password}\n`,
    stdio: ['pipe', 'ignore', 'inherit'],
  })
}

// A small valid PNG (a red square on white), made here so the test needs no fixture files.
export function pngFile(file, size = 32) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type), data])
    const c = Buffer.alloc(4)
    c.writeUInt32BE(crc(td))
    return Buffer.concat([len, td, c])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  const rows = []
  for (let y = 0; y < size; y++) {
    const row = [0]
    for (let x = 0; x < size; x++) {
      const inside = x > size / 4 && x < (3 * size) / 4 && y > size / 4 && y < (3 * size) / 4
      row.push(...(inside ? [220, 30, 30] : [255, 255, 255]))
    }
    rows.push(Buffer.from(row))
  }
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
  fs.writeFileSync(file, png)
  return file
}
