import { createI18n } from 'vue-i18n'
import { describe, expect, it } from 'vitest'
import { compileMessage } from '../../src/i18n/compile-message'
import en from '../../src/i18n/en'
import zhCN from '../../src/i18n/zh-CN'

type Tree = { [key: string]: string | Tree }
const leafKeys = (tree: Tree, prefix = ''): string[] => Object.entries(tree).flatMap(([key, value]) =>
  typeof value === 'string' ? [prefix + key] : leafKeys(value, `${prefix}${key}.`))

const VALUES = { n: 2, name: '张三', role: 'x', time: 't', from: 1, to: 2, total: 3, label: 'l', caseNo: 'c', action: 'a',
  fields: 'f', field: 'f', reason: 'r', code: 'C', no: '3', value: 'v', note: 'n', index: 7, count: 5 }

type Translate = (key: string, values: Record<string, unknown>, plural?: number) => string

/** The same messages through vue-i18n's own compiler and through ours. */
function both(locale: 'zh-CN' | 'en', messages: object): [Translate, Translate] {
  const options = { legacy: false as const, locale, messages: { [locale]: messages } as never, missingWarn: false, fallbackWarn: false }
  const translate = (i18n: { global: { t: unknown } }): Translate => (key, values, plural) =>
    (i18n.global.t as (...args: unknown[]) => string)(...(plural === undefined ? [key, values] : [key, values, plural]))
  return [translate(createI18n(options)), translate(createI18n({ ...options, messageCompiler: compileMessage }))]
}

describe('the app\'s message compiler', () => {
  it.each([['zh-CN', zhCN], ['en', en]] as const)('%s: every message reads as vue-i18n\'s compiler makes it', (locale, messages) => {
    const [reference, ours] = both(locale, messages)
    for (const key of leafKeys(messages as unknown as Tree)) {
      for (const n of [0, 1, 2, 5]) {
        const values = { ...VALUES, n }
        expect(ours(key, values, n), key).toBe(reference(key, values, n))
      }
    }
  })

  it.each([
    ['plain text', {}],
    ['{n} item | {n} items', { n: 1 }],
    ['{n} item | {n} items', { n: 4 }],
    ['none | one | {count} many', { count: 0 }],
    ['none | one | {count} many', { count: 9 }],
    ['{ name } and {0}', { name: 'A' }],
    ['a {\'{\'}brace{\'}\'} and {\'|\'} pipe', {}],
    ['{\'it\\\'s\'} {x}', { x: 1 }],
    ['{missing} stays empty', {}],
  ] as [string, Record<string, unknown>][])('%s', (message, values) => {
    const [reference, ours] = both('en', { m: message })
    const count = 'count' in values ? values.count as number : 'n' in values ? values.n as number : undefined
    expect(ours('m', values, count)).toBe(reference('m', values, count))
  })
})
