import { createI18n } from 'vue-i18n'
import { compileMessage } from './compile-message'
import zhCN, { type Messages } from './zh-CN'

/**
 * zh-CN is bundled (the default for the staff); English is loaded on demand, so the first load
 * stays small. The locale follows the browser until someone picks one in the header.
 */
export const LOCALES = ['zh-CN', 'en'] as const
export type AppLocale = (typeof LOCALES)[number]

const STORAGE_KEY = 'shiftdesk.locale'

export const i18n = createI18n<[Messages], AppLocale, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN } as Record<AppLocale, Messages>,
  missingWarn: false,
  fallbackWarn: false,
  // Our own small compiler: vite.config.ts leaves vue-i18n's out of the bundle.
  messageCompiler: compileMessage,
})

const isLocale = (value: unknown): value is AppLocale => LOCALES.includes(value as AppLocale)

/** The remembered choice, else the browser's language (English for any en-*), else zh-CN. */
export function preferredLocale(): AppLocale {
  let stored: string | null = null
  try { stored = localStorage.getItem(STORAGE_KEY) }
  catch { /* storage blocked: follow the browser */ }
  if (isLocale(stored)) return stored
  return navigator.language?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN'
}

async function loadMessages(locale: AppLocale) {
  if (i18n.global.availableLocales.includes(locale)) return
  if (locale === 'en') i18n.global.setLocaleMessage('en', (await import('./en')).default)
}

/** Switches the UI language and keeps <html lang> in step; `remember` stores the choice on the device. */
export async function setLocale(locale: AppLocale, remember = false): Promise<void> {
  await loadMessages(locale)
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  document.title = `${i18n.global.t('app.name')} ${i18n.global.t('app.tagline')}`
  if (remember) {
    try { localStorage.setItem(STORAGE_KEY, locale) }
    catch { /* not remembered, still switched */ }
  }
}
