import { useI18n } from 'vue-i18n'
import { formatCenterTime, formatRelative } from '../utils/format-time'
import { useNow } from './use-now'

/** Centre-time and relative-time formatting in the current UI language. */
export function useTimeFormat() {
  const { t, locale } = useI18n()
  const now = useNow()
  const centerTime = (iso: string | null | undefined) => formatCenterTime(iso, locale.value)
  const relative = (iso: string) => formatRelative(iso, now.value, locale.value) ?? t('time.justNow')
  return { centerTime, relative }
}
