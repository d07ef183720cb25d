import type { FastifyInstance } from 'fastify'
import type { FieldErrors } from '../../src/domain/case'
import { type StaffUser, seesCenter } from '../../src/domain/roles'
import type { ServiceCalendar } from '../../src/domain/service-calendar'
import { validateCalendar, validateHolidayYear } from '../../src/domain/service-calendar-schema'
import { authenticate } from '../auth/authenticate'
import type { DB } from '../db/database'
import { badRequest, forbidden, notFound } from '../http-errors'
import { holidaysOfYear, loadCalendar, replaceHolidayYear, saveCalendar, seedOfficialHolidays } from './calendar-store'
import { sendFieldErrors } from './field-errors'

// Every staff member of the centre reads its calendar: their devices keep it for the day view offline.
const mayRead = (user: StaffUser, centerId: string) => seesCenter(user, centerId)

/** Item ids the calendar offers that the catalogue does not have, as field errors. */
async function unknownItems(db: DB, calendar: ServiceCalendar): Promise<FieldErrors> {
  const known = new Set((await db.selectFrom('service_items').select('id').execute()).map(row => row.id))
  const errors: FieldErrors = {}
  for (const list of ['weekend', 'holiday'] as const) {
    calendar[list].forEach((session, i) => {
      if (session.itemIds.some(id => !known.has(id))) errors[`${list}.${i}.itemIds`] = 'calendar.unknownItem'
    })
  }
  return errors
}

function yearParam(params: unknown): number {
  const { year } = params as { year: string }
  if (!/^20\d\d$/.test(year)) throw badRequest('year: must be a year from 2000 to 2099')
  return Number(year)
}

/**
 * GET /api/centers — the centres the user may read the calendar of (all for an admin, else their own).
 * GET/PUT /api/centers/:id/calendar — a centre's service calendar: admins read and save any
 * centre's, every staff member reads their own centre's (the devices keep it for the day view). PUT `{ baseVersion, calendar }`, where
 * baseVersion is the version read (0 before the first save); 409 if it is stale.
 * GET/PUT /api/holidays/:year — the official calendar: every signed-in staff member reads it (the
 * app needs it to know when the centre is open), admins replace a year with PUT `{ days }`.
 * Registering these routes also seeds the years of holidays-cn.ts into a new database.
 */
export function calendarRoutes(db: DB) {
  return async (app: FastifyInstance) => {
    await seedOfficialHolidays(db)

    const centerExists = async (id: string) => !!await db.selectFrom('centers').select('id').where('id', '=', id).executeTakeFirst()

    // The centres whose calendar the user may read: every centre for an admin (the calendar editor), else their own.
    app.get('/api/centers', { preHandler: authenticate(db) }, async (request, reply) => {
      const user = request.session!.user
      let query = db.selectFrom('centers').select(['id', 'code', 'name', 'name_en']).orderBy('code')
      if (user.role !== 'admin') query = query.where('id', '=', user.centerId)
      const centers = (await query.execute()).map(c => ({ id: c.id, code: c.code, name: c.name, nameEn: c.name_en }))
      return reply.send({ centers })
    })

    app.get('/api/centers/:id/calendar', { preHandler: authenticate(db) }, async (request, reply) => {
      const { id } = request.params as { id: string }
      if (!mayRead(request.session!.user, id)) throw forbidden('Only an administrator or this centre\'s staff may read its calendar')
      if (!await centerExists(id)) throw notFound('No service centre with this id')
      return reply.send(await loadCalendar(db, id))
    })

    app.put('/api/centers/:id/calendar', { preHandler: authenticate(db), bodyLimit: 256 * 1024 }, async (request, reply) => {
      const { id } = request.params as { id: string }
      if (request.session!.user.role !== 'admin') throw forbidden('Only an administrator may change a centre\'s calendar')
      if (!await centerExists(id)) throw notFound('No service centre with this id')
      const body = (request.body ?? {}) as { baseVersion?: unknown, calendar?: unknown }
      const baseVersion = body.baseVersion
      if (typeof baseVersion !== 'number' || !Number.isSafeInteger(baseVersion) || baseVersion < 0) {
        return sendFieldErrors(reply, { baseVersion: baseVersion === undefined ? 'required' : 'invalid' })
      }
      const checked = validateCalendar(body.calendar)
      if (!checked.ok) return sendFieldErrors(reply, checked.errors)
      const unknown = await unknownItems(db, checked.value)
      if (Object.keys(unknown).length) return sendFieldErrors(reply, unknown)
      const saved = await saveCalendar(db, id, checked.value, baseVersion)
      if (!saved) {
        const current = await loadCalendar(db, id)
        return reply.code(409).send({ error: 'CONFLICT', reason: 'calendar.stale', message: `The calendar was saved by someone else since version ${baseVersion}; it is now version ${current.version}`, current })
      }
      return reply.send(saved)
    })

    app.get('/api/holidays/:year', { preHandler: authenticate(db) }, async (request, reply) => {
      const year = yearParam(request.params)
      return reply.send({ year, days: await holidaysOfYear(db, year) })
    })

    app.put('/api/holidays/:year', { preHandler: authenticate(db), bodyLimit: 128 * 1024 }, async (request, reply) => {
      const year = yearParam(request.params)
      if (request.session!.user.role !== 'admin') throw forbidden('Only an administrator may change the official calendar')
      const checked = validateHolidayYear(year, ((request.body ?? {}) as { days?: unknown }).days)
      if (!checked.ok) {
        const fields = Object.entries(checked.errors).map(([path, key]) => [path === 'form' ? 'days' : `days.${path}`, key])
        return sendFieldErrors(reply, Object.fromEntries(fields))
      }
      await replaceHolidayYear(db, year, checked.value)
      return reply.send({ year, days: await holidaysOfYear(db, year) })
    })
  }
}
