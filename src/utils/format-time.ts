import { CENTER_TIME_ZONE } from '../domain'

/**
 * Times are shown in the centre's zone (Beijing time) whatever the tablet's clock zone is, so a
 * receipt and the case list agree with the centre's wall clock.
 */
const formats = new Map<string, Intl.DateTimeFormat>()

function centerFormat(locale: string): Intl.DateTimeFormat {
  let format = formats.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: CENTER_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    })
    formats.set(locale, format)
  }
  return format
}

/** e.g. 2026/11/28 09:05 (zh-CN) or 11/28/2026, 09:05 (en); '' for a missing or bad time. */
export function formatCenterTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return ''
  const at = new Date(iso)
  return Number.isNaN(at.getTime()) ? '' : centerFormat(locale).format(at)
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000],
]

/** "2 分钟前" / "2 minutes ago"; null under a minute, so the caller can say "just now". */
export function formatRelative(iso: string, now: number, locale: string): string | null {
  const diff = Date.parse(iso) - now
  if (Number.isNaN(diff) || Math.abs(diff) < 60_000) return null
  const [unit, ms] = UNITS.find(([, size]) => Math.abs(diff) >= size)!
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(diff / ms), unit)
}
