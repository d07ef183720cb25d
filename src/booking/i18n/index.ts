import { createI18n } from 'vue-i18n'
import { compileMessage } from '../../i18n/compile-message'
import en from './en'
import zhCN, { type BookingMessages } from './zh-CN'

/**
 * zh-CN first, English one tap away; both are small, so both are bundled. The choice is kept on
 * the phone. Messages go through the staff app's small compiler (vue-i18n's own is left out).
 */
export const LOCALES = ['zh-CN', 'en'] as const
export type BookingLocale = (typeof LOCALES)[number]
const STORAGE_KEY = 'shiftdesk.booking.locale'

export const i18n = createI18n<[BookingMessages], BookingLocale, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
  messageCompiler: compileMessage,
})

export function storedLocale(): BookingLocale {
  try { return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN' }
  catch { return 'zh-CN' }
}

export function setLocale(locale: BookingLocale, remember = false): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  document.title = i18n.global.t('app.title')
  if (!remember) return
  try { localStorage.setItem(STORAGE_KEY, locale) }
  catch { /* switched, not remembered */ }
}
