import type { StoredCalendar } from '../../src/domain/api/calendar-routes'
import { CN_HOLIDAYS, type HolidayEntry, type HolidayKind } from '../../src/domain/holidays-cn'
import { type HolidayLookup, type ServiceCalendar, holidayLookup } from '../../src/domain/service-calendar'
import type { ReadTx, WriteTx } from '../store/store'

export type { StoredCalendar }

/**
 * What a centre has until an admin saves its calendar: weekday hours with a lunch break, no online
 * booking (capacity 0) and no weekend or holiday sessions.
 */
export const DEFAULT_CALENDAR: ServiceCalendar = {
  slotMinutes: 30,
  weekday: { open: '09:00', close: '17:00', lunch: { start: '12:00', end: '13:30', continuous: false }, capacity: 0 },
  weekend: [],
  holiday: [],
  closedDates: [],
}

/** A centre's calendar; version 0 (and the default calendar) when it has not saved one yet. */
export async function loadCalendar(tx: ReadTx, centerId: string): Promise<StoredCalendar> {
  const row = await tx.selectFrom('calendars').selectAll().where('center_id', '=', centerId).executeTakeFirst()
  if (!row) return { centerId, version: 0, updatedAt: null, calendar: DEFAULT_CALENDAR }
  return { centerId, version: row.version, updatedAt: row.updated_at, calendar: JSON.parse(row.data) as ServiceCalendar }
}

/** Saves over `baseVersion`; null when someone saved a newer version in between (nothing written). */
export async function saveCalendar(tx: WriteTx, centerId: string, calendar: ServiceCalendar, baseVersion: number, now = new Date()): Promise<StoredCalendar | null> {
  const row = await tx.selectFrom('calendars').select('version').where('center_id', '=', centerId).executeTakeFirst()
  if ((row?.version ?? 0) !== baseVersion) return null
  const saved = { data: JSON.stringify(calendar), version: baseVersion + 1, updated_at: now.toISOString() }
  await tx.insertInto('calendars').values({ center_id: centerId, ...saved })
    .onConflict(oc => oc.column('center_id').doUpdateSet(saved)).execute()
  return { centerId, version: saved.version, updatedAt: saved.updated_at, calendar }
}

const toEntry = (row: { date: string, kind: string, name: string }): HolidayEntry =>
  ({ date: row.date, kind: row.kind as HolidayKind, name: row.name })

/** The whole official calendar (a few dozen rows a year). */
export async function loadHolidays(tx: ReadTx): Promise<HolidayLookup> {
  return holidayLookup((await tx.selectFrom('holidays').selectAll().execute()).map(toEntry))
}

export async function holidaysOfYear(tx: ReadTx, year: number): Promise<HolidayEntry[]> {
  const rows = await tx.selectFrom('holidays').selectAll().where('date', 'like', `${year}-%`).orderBy('date').execute()
  return rows.map(toEntry)
}

export async function replaceHolidayYear(tx: WriteTx, year: number, days: readonly HolidayEntry[]): Promise<void> {
  await tx.deleteFrom('holidays').where('date', 'like', `${year}-%`).execute()
  if (days.length) await tx.insertInto('holidays').values(days.map(d => ({ date: d.date, kind: d.kind, name: d.name }))).execute()
}

const SEEDED_KEY = 'official_holiday_years'

/**
 * Puts each year of holidays-cn.ts into the table once, whatever DEMO says (it is the real
 * calendar, not demo data). A year seeded before is left alone, so an admin's edits stay; a year
 * added to holidays-cn.ts reaches a running installation on its next start.
 */
export async function seedOfficialHolidays(tx: WriteTx): Promise<void> {
  const row = await tx.selectFrom('meta').select('value').where('key', '=', SEEDED_KEY).executeTakeFirst()
  const seeded = new Set(row ? JSON.parse(row.value) as number[] : [])
  const missing = Object.keys(CN_HOLIDAYS).map(Number).filter(year => !seeded.has(year))
  if (!missing.length) return
  for (const year of missing) {
    const days = CN_HOLIDAYS[year]!.map(d => ({ date: d.date, kind: d.kind, name: d.name }))
    await tx.insertInto('holidays').values(days).onConflict(oc => oc.column('date').doNothing()).execute()
    seeded.add(year)
  }
  const value = JSON.stringify([...seeded].sort())
  await tx.insertInto('meta').values({ key: SEEDED_KEY, value }).onConflict(oc => oc.column('key').doUpdateSet({ value })).execute()
}
