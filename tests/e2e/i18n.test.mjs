// Every user-facing string of the web app exists in both languages, and every key the code asks
// for (t('…') with a literal key) is in the Chinese file.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'

const web = new URL('../../web/src/', import.meta.url).pathname
const zh = JSON.parse(fs.readFileSync(path.join(web, 'locales/zh-CN.json'), 'utf8'))
const en = JSON.parse(fs.readFileSync(path.join(web, 'locales/en.json'), 'utf8'))

function keys(obj, prefix = '') {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}
function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(path.join(dir, d.name)) : /\.(vue|js)$/.test(d.name) ? [path.join(dir, d.name)] : [])
}

test('the English and Chinese messages have the same keys', () => {
  const a = new Set(keys(zh))
  const b = new Set(keys(en))
  assert.deepEqual([...a].filter((k) => !b.has(k)), [], 'missing in en.json')
  assert.deepEqual([...b].filter((k) => !a.has(k)), [], 'missing in zh-CN.json')
})

test('every literal key used in the code exists', () => {
  const have = new Set(keys(zh))
  const prefixes = new Set(keys(zh).map((k) => k.slice(0, k.lastIndexOf('.') + 1)))
  const missing = []
  for (const f of files(web)) {
    const src = fs.readFileSync(f, 'utf8')
    for (const m of src.matchAll(/\bt\(\s*'([\w.]+)'\s*([,)+])/g)) {
      const [, key, next] = m
      if (next === '+') {
        if (!prefixes.has(key)) missing.push(`${path.basename(f)}: ${key}*`)
      } else if (!have.has(key)) missing.push(`${path.basename(f)}: ${key}`)
    }
  }
  assert.deepEqual(missing, [])
})

test('no message uses the characters vue-i18n would parse (| @ $ outside placeholders)', () => {
  const bad = []
  const walk = (o, p) => Object.entries(o).forEach(([k, v]) => (typeof v === 'object' ? walk(v, `${p}${k}.`) : /[|@$]/.test(v) && bad.push(`${p}${k}`)))
  walk(zh, 'zh.')
  walk(en, 'en.')
  assert.deepEqual(bad, [])
})
