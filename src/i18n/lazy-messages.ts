import { type Ref, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import type { AppLocale } from '.'

/**
 * Messages of pages outside the first load, kept out of zh-CN.ts / en.ts so the first load stays
 * within its budget: merged into the UI language's messages when a page that shows them opens.
 * Each bundle has the same keys in both languages (tests/unit/i18n-lazy-messages.test.ts).
 */
const BUNDLES = {
  /** 今日 · 预约与延时, check-in at intake, a case's appointment: today.*, appointments.* */
  dayView: { 'zh-CN': () => import('./day-view.zh-CN'), en: () => import('./day-view.en') },
  /** 设置, the settings page: settings.* */
  settings: { 'zh-CN': () => import('./settings.zh-CN'), en: () => import('./settings.en') },
  /** 受理回执, the receipt after intake: receipt.* */
  receipt: { 'zh-CN': () => import('./receipt.zh-CN'), en: () => import('./receipt.en') },
  /** 班前检查, the shift readiness page: readiness.* */
  readiness: { 'zh-CN': () => import('./readiness.zh-CN'), en: () => import('./readiness.en') },
  /** The approval queue, approval arrivals and the returned-case panel: approvals.*, returned.* */
  approvals: { 'zh-CN': () => import('./approvals.zh-CN'), en: () => import('./approvals.en') },
  /** The administrators' calendar editor: calendarAdmin.* */
  calendarAdmin: { 'zh-CN': () => import('./calendar-admin.zh-CN'), en: () => import('./calendar-admin.en') },
} satisfies Record<string, Record<AppLocale, () => Promise<{ default: Record<string, unknown> }>>>
export type MessageBundle = keyof typeof BUNDLES

const loaded = new Set<string>()

/**
 * Loads a bundle for the UI language, now and whenever it changes; `ready` turns true once it is
 * there. The language's own messages are loaded before it is switched to (index.ts), so the bundle
 * merges into complete messages.
 */
export function useLazyMessages(bundle: MessageBundle): Ref<boolean> {
  // The global composer, not the i18n module: importing it here would pull it out of the first-load chunk.
  const { locale, mergeLocaleMessage } = useI18n({ useScope: 'global' })
  const ready = ref(loaded.has(`${bundle}:${locale.value}`))
  watch(locale, async (current) => {
    const key = `${bundle}:${current}`
    ready.value = loaded.has(key)
    if (ready.value) return
    try {
      mergeLocaleMessage(current, (await BUNDLES[bundle][current as AppLocale]()).default)
      loaded.add(key)
    }
    catch (error) { console.error(`${bundle} messages not loaded`, error) }
    ready.value = locale.value === current
  }, { immediate: true })
  return ready
}
