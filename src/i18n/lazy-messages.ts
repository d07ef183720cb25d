import { type Ref, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import type { AppLocale } from '.'

/**
 * Messages of pages outside the first load, kept out of zh-CN.ts / en.ts so the first load stays
 * within its budget: merged into the UI language's messages when a page that shows them opens.
 * Each bundle has the same keys in both languages (tests/unit/i18n-lazy-messages.test.ts).
 */
const BUNDLES = {
  /** 受理 and a case's page: the intake form, receipt, case detail, and the queue and day view that change cases: intake.*, detail.* */
  caseForms: { 'zh-CN': () => import('./case-forms.zh-CN'), 'en': () => import('./case-forms.en') },
  /** 今日 · 预约与延时, check-in at intake, a case's appointment: today.*, appointments.* */
  dayView: { 'zh-CN': () => import('./day-view.zh-CN'), 'en': () => import('./day-view.en') },
  /** 设置, the settings page: settings.* */
  settings: { 'zh-CN': () => import('./settings.zh-CN'), 'en': () => import('./settings.en') },
  /** 受理回执, the receipt after intake: receipt.* */
  receipt: { 'zh-CN': () => import('./receipt.zh-CN'), 'en': () => import('./receipt.en') },
  /** 班前检查, the shift readiness page: readiness.* */
  readiness: { 'zh-CN': () => import('./readiness.zh-CN'), 'en': () => import('./readiness.en') },
  /** The approval queue, approval arrivals and the returned-case panel: approvals.*, returned.* */
  approvals: { 'zh-CN': () => import('./approvals.zh-CN'), 'en': () => import('./approvals.en') },
  /** The administrators' calendar editor: calendarAdmin.* */
  calendarAdmin: { 'zh-CN': () => import('./calendar-admin.zh-CN'), 'en': () => import('./calendar-admin.en') },
  /** 员工账户, 设备, 修改密码 (also the forced change after a one-time password): staffAdmin.*, devices.*, password.*, passwordChange.*, staff.* */
  accounts: { 'zh-CN': () => import('./accounts.zh-CN'), 'en': () => import('./accounts.en') },
  /** 锁定 / 换人: the lock page, PIN unlock and setup, the sign-in page's way back to the lock: lock.* but lock.lockNow */
  lock: { 'zh-CN': () => import('./lock.zh-CN'), 'en': () => import('./lock.en') },
  /** Shared tablets: another centre's waiting changes, a revoked device, a disabled account: sharedTablet.* */
  sharedTablet: { 'zh-CN': () => import('./shared-tablet.zh-CN'), 'en': () => import('./shared-tablet.en') },
} satisfies Record<string, Record<AppLocale, () => Promise<{ default: Record<string, unknown> }>>>
export type MessageBundle = keyof typeof BUNDLES

const loaded = new Set<string>()

/**
 * Loads bundles for the UI language, now and whenever it changes; `ready` turns true once they are
 * there. The language's own messages are loaded before it is switched to (index.ts), so a bundle
 * merges into complete messages.
 */
export function useLazyMessages(...bundles: MessageBundle[]): Ref<boolean> {
  // The global composer, not the i18n module: importing it here would pull it out of the first-load chunk.
  const { locale, mergeLocaleMessage } = useI18n({ useScope: 'global' })
  const missing = (current: string) => bundles.filter(bundle => !loaded.has(`${bundle}:${current}`))
  const ready = ref(!missing(locale.value).length)
  watch(locale, async (current) => {
    const wanted = missing(current)
    ready.value = !wanted.length
    if (ready.value) return
    await Promise.all(wanted.map(async (bundle) => {
      try {
        mergeLocaleMessage(current, (await BUNDLES[bundle][current as AppLocale]()).default)
        loaded.add(`${bundle}:${current}`)
      }
      catch (error) { console.error(`${bundle} messages not loaded`, error) }
    }))
    ready.value = locale.value === current
  }, { immediate: true })
  return ready
}
