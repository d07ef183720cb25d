import { centerDay } from './center-time'

/**
 * 办件编号: centre code, day, device tag and the device's sequence for that day, e.g.
 * `ORD-20261128-K7Q2X-0003`. Made on the device so a receipt can be printed offline; the device tag
 * (random per installation) keeps numbers from two tablets apart without asking the server.
 */
export function formatCaseNo(centerCode: string, day: string, deviceTag: string, seq: number): string {
  return `${centerCode}-${day.replaceAll('-', '')}-${deviceTag}-${String(seq).padStart(4, '0')}`
}

export const CASE_NO_PATTERN = /^[A-Z]{2,6}-\d{8}-[0-9A-Z]{5}-\d{4,}$/

const TAG_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ' // Crockford base32: no I, L, O, U to misread

export function newDeviceTag(random: (n: number) => Uint8Array = n => crypto.getRandomValues(new Uint8Array(n))): string {
  return Array.from(random(5), byte => TAG_ALPHABET[byte % 32]).join('')
}

const DAY_MS = 86_400_000
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS

/**
 * The centre's day of an instant, as a day number. The centre's zone is offset from UTC by whole
 * hours, so the day follows from the UTC hour: remembered per hour, since formatting a date in a
 * time zone is the dearest step of checking a batch of new cases (push profile).
 */
const dayOfHour = new Map<number, number>()
function centerDayNumber(at: string): number {
  const hour = Math.floor(Date.parse(at) / 3_600_000)
  let day = dayOfHour.get(hour)
  if (day === undefined) {
    if (dayOfHour.size > 1000) dayOfHour.clear()
    day = dayNumber(centerDay(new Date(hour * 3_600_000)))
    dayOfHour.set(hour, day)
  }
  return day
}

/**
 * Why the server refuses a new case's number, or null: it must carry the actor's centre code (no
 * centre can squat another's numbers) and a real date within a day of `receivedAt` by the centre's
 * clock, and not after the server's tomorrow (a device clock years ahead cannot take future numbers).
 */
export function caseNoProblem(caseNo: string, ctx: { centerCode: string, receivedAt: string, now: string }): 'center' | 'date' | null {
  const [code, digits] = caseNo.split('-')
  if (code !== ctx.centerCode) return 'center'
  const day = `${digits!.slice(0, 4)}-${digits!.slice(4, 6)}-${digits!.slice(6, 8)}`
  const number = dayNumber(day)
  // 20261131 parses as a date in some engines' lenient modes; the round trip refuses it.
  if (!Number.isFinite(number) || new Date(number * DAY_MS).toISOString().slice(0, 10) !== day) return 'date'
  if (Math.abs(number - centerDayNumber(ctx.receivedAt)) > 1) return 'date'
  return number > centerDayNumber(ctx.now) + 1 ? 'date' : null
}
