import { computed } from 'vue'
import { useI18n } from 'vue-i18n'

/**
 * Dates of the booking are the centre's calendar days (YYYY-MM-DD): they are formatted as UTC
 * calendar dates, so the phone's own time zone never shifts a day.
 */
export function useDateFormat() {
  const { locale } = useI18n()
  // 11月29日周日 / Sun, Nov 29: short enough for two days side by side on a phone.
  const long = computed(() => new Intl.DateTimeFormat(locale.value, { timeZone: 'UTC', month: locale.value === 'en' ? 'short' : 'long', day: 'numeric', weekday: 'short' }))
  const full = computed(() => new Intl.DateTimeFormat(locale.value, { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }))
  const utc = (date: string) => new Date(`${date}T00:00:00Z`)
  return {
    /** 3月14日周六 / Sat, Mar 14 */
    day: (date: string) => long.value.format(utc(date)),
    /** 2026年3月14日星期六 / Saturday, March 14, 2026 */
    fullDay: (date: string) => full.value.format(utc(date)),
  }
}

/** A centre's or item's name in the page's language. */
export function useLocalName() {
  const { locale } = useI18n()
  return (thing: { name: string, nameEn: string }) => (locale.value === 'en' ? thing.nameEn : thing.name)
}

/** A list (of materials) joined the way the page's language writes lists. */
export function useListJoin() {
  const { locale } = useI18n()
  return (list: readonly string[]) => list.join(locale.value === 'en' ? ', ' : '、')
}
