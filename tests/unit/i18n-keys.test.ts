import { createI18n } from 'vue-i18n'
import { describe, expect, it } from 'vitest'
import { knownReasons } from '../../server/sync/reasons'
import { CASE_ACTIONS, CASE_STATUSES, CHANNELS, OPS, REFUSAL_REASONS, ROLES } from '../../src/domain'
import en from '../../src/i18n/en'
import zhCN from '../../src/i18n/zh-CN'

type Tree = { [key: string]: string | Tree }

/** Every leaf path of a message tree, e.g. `field.residentId.checksum`. */
function leafKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [prefix + key] : leafKeys(value, `${prefix}${key}.`))
}

const zhKeys = leafKeys(zhCN)
const enKeys = leafKeys(en)

/** What the domain, the sync engine and the server hand to the UI as keys. */
const REQUIRED = [
  // Every reason the domain's rules refuse a change with (its `deny` takes only these).
  ...REFUSAL_REASONS,
  ...['credentials', 'rateLimited', 'unreachable', 'failed'].map(k => `signIn.error.${k}`),
  ...CASE_STATUSES.map(s => `status.${s}`),
  ...CASE_ACTIONS.map(a => `action.${a}`),
  ...CHANNELS.map(c => `channel.${c}`),
  ...ROLES.map(r => `role.${r}`),
  ...OPS.map(op => `op.${op}`),
]

describe('i18n messages', () => {
  it('has the same keys in zh-CN and en', () => {
    expect(enKeys.filter(k => !zhKeys.includes(k))).toEqual([])
    expect(zhKeys.filter(k => !enKeys.includes(k))).toEqual([])
  })

  it.each([['zh-CN', zhKeys], ['en', enKeys]])('%s translates every key the domain and server produce', (_locale, keys) => {
    const missing = [...REQUIRED, ...knownReasons()].filter(key => !keys.includes(key))
    expect(missing).toEqual([])
  })

  it.each(['zh-CN', 'en'] as const)('%s: every message compiles and no message is empty', (locale) => {
    const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en }, missingWarn: false, fallbackWarn: false })
    const { t } = i18n.global
    for (const key of locale === 'en' ? enKeys : zhKeys) {
      const text = t(key, { n: 2, name: '张三', role: 'x', time: 't', from: 1, to: 2, total: 3, label: 'l', caseNo: 'c',
        action: 'a', fields: 'f', field: 'f', reason: 'r', code: 'C', no: '3', value: 'v', note: 'n' }, 2)
      expect(text, key).not.toBe('')
      expect(text, key).not.toBe(key)
      expect(text, key).not.toMatch(/\{\w+\}/)
    }
  })
})
