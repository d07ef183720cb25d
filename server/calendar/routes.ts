import type { FieldErrors } from '../../src/domain/case'
import type { ServiceCalendar } from '../../src/domain/service-calendar'
import { validateHolidayYear } from '../../src/domain/service-calendar-schema'
import { centerExists, centersOf } from '../centers/center-queries'
import type { Handlers } from '../http/api'
import { ApiError, badFields, notFound } from '../http/errors'
import type { ReadTx, Store } from '../store/store'
import { holidaysOfYear, loadCalendar, replaceHolidayYear, saveCalendar, seedOfficialHolidays } from './calendar-store'

/** Item ids the calendar offers that the catalogue does not have, as field errors (keyed as the body sends them). */
async function unknownItems(tx: ReadTx, calendar: ServiceCalendar): Promise<FieldErrors> {
  const known = new Set((await tx.selectFrom('service_items').select('id').execute()).map(row => row.id))
  const errors: FieldErrors = {}
  for (const list of ['weekend', 'holiday'] as const) {
    calendar[list].forEach((session, i) => {
      if (session.itemIds.some(id => !known.has(id))) errors[`calendar.${list}.${i}.itemIds`] = 'calendar.unknownItem'
    })
  }
  return errors
}

async function knownCenter(tx: ReadTx, id: string): Promise<void> {
  if (!await centerExists(tx, id)) throw notFound('No service centre with this id')
}

/**
 * The centres, their service calendars and the official calendar (src/domain/api/calendar-routes.ts).
 * Setting them up also seeds the years of holidays-cn.ts into a new database.
 */
export async function calendarHandlers(store: Store): Promise<Pick<Handlers, 'centers' | 'centerCalendar' | 'saveCenterCalendar' | 'holidays' | 'saveHolidays'>> {
  await store.write(seedOfficialHolidays)
  return {
    centers: async (_input, { user }) => ({ centers: await store.read(tx => centersOf(tx, user)) }),

    centerCalendar: ({ params: { id } }) => store.read(async (tx) => {
      await knownCenter(tx, id)
      return loadCalendar(tx, id)
    }),

    async saveCenterCalendar({ params: { id }, body: { baseVersion, calendar } }) {
      const outcome = await store.write(async (tx) => {
        await knownCenter(tx, id)
        const unknown = await unknownItems(tx, calendar)
        if (Object.keys(unknown).length) throw badFields(unknown)
        return await saveCalendar(tx, id, calendar, baseVersion) ?? { stale: await loadCalendar(tx, id) }
      })
      if ('stale' in outcome) {
        throw new ApiError(409, 'CONFLICT', `The calendar was saved by someone else since version ${baseVersion}; it is now version ${outcome.stale.version}`,
          { reason: 'calendar.stale', current: outcome.stale })
      }
      return outcome
    },

    holidays: async ({ params: { year } }) => ({ year, days: await store.read(tx => holidaysOfYear(tx, year)) }),

    async saveHolidays({ params: { year }, body }) {
      const checked = validateHolidayYear(year, body.days)
      if (!checked.ok) {
        throw badFields(Object.fromEntries(Object.entries(checked.errors).map(([path, key]) => [path === 'form' ? 'days' : `days.${path}`, key])))
      }
      const days = await store.write(async (tx) => {
        await replaceHolidayYear(tx, year, checked.value)
        return holidaysOfYear(tx, year)
      })
      return { year, days }
    },
  }
}
