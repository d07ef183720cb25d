import { createI18n } from 'vue-i18n'
import { describe, expect, it } from 'vitest'
import { BOOKING_STATUSES, FESTIVALS, HOLIDAY_KINDS, SESSION_KINDS } from '../../src/domain'
import accountsEn from '../../src/i18n/accounts.en'
import accountsZhCN from '../../src/i18n/accounts.zh-CN'
import { PASSWORD_PROBLEMS } from '../../src/domain/password-policy'
import approvalsEn from '../../src/i18n/approvals.en'
import approvalsZhCN from '../../src/i18n/approvals.zh-CN'
import settingsEn from '../../src/i18n/settings.en'
import settingsZhCN from '../../src/i18n/settings.zh-CN'
import lockEn from '../../src/i18n/lock.en'
import lockZhCN from '../../src/i18n/lock.zh-CN'
import sharedTabletEn from '../../src/i18n/shared-tablet.en'
import sharedTabletZhCN from '../../src/i18n/shared-tablet.zh-CN'
import receiptEn from '../../src/i18n/receipt.en'
import receiptZhCN from '../../src/i18n/receipt.zh-CN'
import readinessEn from '../../src/i18n/readiness.en'
import readinessZhCN from '../../src/i18n/readiness.zh-CN'
import calendarAdminEn from '../../src/i18n/calendar-admin.en'
import caseFormsEn from '../../src/i18n/case-forms.en'
import caseFormsZhCN from '../../src/i18n/case-forms.zh-CN'
import calendarAdminZhCN from '../../src/i18n/calendar-admin.zh-CN'
import dayViewEn from '../../src/i18n/day-view.en'
import dayViewZhCN from '../../src/i18n/day-view.zh-CN'
import en from '../../src/i18n/en'
import zhCN from '../../src/i18n/zh-CN'

type Tree = { [key: string]: string | Tree }
const leafKeys = (tree: Tree, prefix = ''): string[] => Object.entries(tree).flatMap(([key, value]) =>
  typeof value === 'string' ? [prefix + key] : leafKeys(value, `${prefix}${key}.`))

/** Every key the server's calendar and holiday validation answers with (src/domain/service-calendar-schema.ts, server/calendar). */
const CALENDAR_PROBLEMS = [
  'required', 'invalid', 'tooLong',
  ...['time', 'date', 'capacity', 'duplicate', 'order', 'lunchOutside', 'days', 'tooShort', 'overlap', 'slotMinutes', 'unknownItem', 'stale'].map(k => `calendar.${k}`),
  ...['otherYear', 'duplicate', 'workdayNotWeekend'].map(k => `holiday.${k}`),
]

/** Messages loaded with their pages (src/i18n/lazy-messages.ts) follow the same rules as zh-CN.ts and en.ts. */
describe.each([
  ['day view', dayViewZhCN, dayViewEn, [
    ...BOOKING_STATUSES.map(s => `appointments.status.${s}`), ...SESSION_KINDS.map(k => `appointments.kind.${k}`),
  ]],
  ['intake and case pages', caseFormsZhCN, caseFormsEn, []],
  ['approvals', approvalsZhCN, approvalsEn, []],
  ['shift readiness', readinessZhCN, readinessEn, []],
  ['receipt', receiptZhCN, receiptEn, []],
  ['settings', settingsZhCN, settingsEn, []],
  // Every key the password policy and the account routes answer with (src/domain/password-policy.ts, server/accounts).
  ['accounts and devices', accountsZhCN, accountsEn, [
    ...PASSWORD_PROBLEMS.map(p => `password.${p}`), 'password.wrongCurrent', 'password.unchanged', 'password.changedMeanwhile',
    ...['usernameFormat', 'usernameTaken', 'hiddenCharacters', 'departmentsSupervisorOnly', 'unknownCenter', 'lastAdmin'].map(k => `staff.${k}`),
  ]],
  ['shared tablet', sharedTabletZhCN, sharedTabletEn, []],
  ['lock and PIN', lockZhCN, lockEn, []],
  ['calendar editor', calendarAdminZhCN, calendarAdminEn, [
    ...CALENDAR_PROBLEMS.map(p => `calendarAdmin.problem.${p}`), ...FESTIVALS.map(f => `calendarAdmin.festival.${f}`),
    ...HOLIDAY_KINDS.map(k => `calendarAdmin.holidays.${k}`),
  ]],
] as const)('%s messages', (_name, zh, english, required) => {
  const zhKeys = leafKeys(zh as Tree)

  it('have the same keys in zh-CN and en, the keys the code needs, and none of the main messages', () => {
    expect(leafKeys(english as Tree)).toEqual(zhKeys)
    expect(required.filter(key => !zhKeys.includes(key))).toEqual([])
    const main = new Set([...leafKeys(zhCN as Tree), ...leafKeys(en as Tree)])
    expect(zhKeys.filter(key => main.has(key))).toEqual([])
  })

  it.each([['zh-CN', zh], ['en', english]])('%s: every message compiles with its parameters', (locale, messages) => {
    const { t } = createI18n({ legacy: false, locale, messages: { [locale]: messages }, missingWarn: false, fallbackWarn: false }).global
    for (const key of zhKeys) {
      const text = t(key, { n: 2, name: '周丽', time: '09:00–09:30', code: 'K7Q2XM4P', year: 2027 })
      expect(text, key).not.toBe(key)
      expect(text, key).not.toMatch(/\{\w+\}/)
    }
  })
})
