import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { markNoShow } from '../../src/db/appointment-writes'
import { takeInCase } from '../../src/db/case-writes'
import type { ShiftDeskDB } from '../../src/db/database'
import { discardChange } from '../../src/db/outbox-writes'
import { type Appointment, LocalRejection } from '../../src/domain'
import { pullChanges } from '../../src/sync/pull-changes'
import { pushOutbox } from '../../src/sync/push-outbox'
import { freshDeviceDb } from '../support/device-db'
import { CENTER, CLERK, ITEM, PERSON_INTAKE } from '../support/fixtures'
import { FakeCentral } from './support/fake-central'

/** Appointments on the device: shown changed at once, kept so over pulls until answered, undone when discarded. */
const server: Appointment = {
  id: '0193a6f0-0000-7000-8000-000000000001', code: 'K7Q2XM4P', centerId: CENTER.id, itemId: ITEM.id, itemName: ITEM.name,
  date: '2026-11-28', slotStart: '09:00', slotEnd: '09:30', kind: 'weekend', name: '王芳', mobile: '13800138000',
  idNumber: PERSON_INTAKE.idNumber, status: 'booked', caseId: null, version: 1, updatedAt: '2026-11-20T02:00:00.000Z',
}
const afterSlot = new Date('2026-11-28T09:45:00+08:00')

let db: ShiftDeskDB
let central: FakeCentral
beforeEach(async () => {
  db = await freshDeviceDb()
  central = new FakeCentral().install()
  await db.appointments.put(server)
})
afterEach(async () => {
  vi.unstubAllGlobals()
  await db.delete()
})

const pulled = (data: Appointment) => central.pages.push([{ entity: 'appointment', id: data.id, version: data.version, data }])

describe('appointments on the device', () => {
  it('refuses a no-show before the slot ends and stores nothing', async () => {
    await expect(markNoShow(db, CLERK, server.id, new Date('2026-11-28T09:20:00+08:00'))).rejects.toMatchObject({ reason: 'reject.slotNotEnded' })
    await expect(markNoShow(db, CLERK, server.id, new Date('2026-11-28T09:20:00+08:00'))).rejects.toBeInstanceOf(LocalRejection)
    expect(await db.outbox.count()).toBe(0)
    expect(await db.appointments.get(server.id)).toEqual(server)
  })

  it('shows a no-show at once, keeps it over a pull until the central system has it, then takes the central copy', async () => {
    const marked = await markNoShow(db, CLERK, server.id, afterSlot)
    expect(marked).toMatchObject({ status: 'no_show', local: { base: { status: 'booked', caseId: null } } })
    const [entry] = await db.outbox.toArray()
    expect(entry!.mutation).toMatchObject({ entity: 'appointment', op: 'appointment.noShow', entityId: server.id, payload: {}, baseVersion: 1 })

    // A pull before the push brings the old copy: the change made here still shows.
    pulled({ ...server, name: '王芳（改）' })
    await pullChanges(db, '')
    expect(await db.appointments.get(server.id)).toMatchObject({ status: 'no_show', name: '王芳（改）' })

    expect(await pushOutbox(db, '')).toBe(1)
    expect(await db.outbox.count()).toBe(0)
    expect(await db.cases.count()).toBe(0)
    pulled({ ...server, status: 'no_show', version: 2 })
    await pullChanges(db, '')
    const synced = await db.appointments.get(server.id)
    expect(synced).toMatchObject({ status: 'no_show', version: 2 })
    expect(synced!.local).toBeUndefined()
  })

  it('undoes a refused no-show when its author discards it', async () => {
    central.answer = m => ({ id: m.id, status: 'rejected', code: 'ILLEGAL_TRANSITION', message: 'x', reason: 'reject.appointmentNotBooked' })
    await markNoShow(db, CLERK, server.id, afterSlot)
    await pushOutbox(db, '')
    const [entry] = await db.outbox.toArray()
    expect(entry!.state).toBe('rejected')
    await discardChange(db, entry!.seq!)
    expect(await db.appointments.get(server.id)).toEqual(server)
  })

  it('checks an appointment in with the intake that names it, in the same transaction', async () => {
    const record = await takeInCase(db, CLERK, CENTER, { ...PERSON_INTAKE, channel: 'appointment', appointmentId: server.id })
    expect(record.appointmentId).toBe(server.id)
    expect(await db.appointments.get(server.id)).toMatchObject({ status: 'checked_in', caseId: record.id, local: { mutationId: record.history[0]!.mutationId } })
    // An appointment this device does not hold refuses the intake: nothing is stored.
    await expect(takeInCase(db, CLERK, CENTER, { ...PERSON_INTAKE, appointmentId: '0193a6f0-0000-7000-8000-0000000000ff' }))
      .rejects.toMatchObject({ reason: 'reject.appointmentNotFound', field: 'appointmentId' })
    expect(await db.cases.count()).toBe(1)
  })
})
