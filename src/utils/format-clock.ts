import { CENTER_TIME_ZONE } from '../domain'

/** e.g. 02:43: the centre's wall-clock time, for moments minutes away (a PIN pause ends the same day). */
export function formatCenterClock(iso: string, locale: string): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return ''
  return new Intl.DateTimeFormat(locale, { timeZone: CENTER_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at)
}
