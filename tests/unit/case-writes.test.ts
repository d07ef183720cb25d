import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recordCaseChange, takeInCase } from '../../src/db/case-writes'
import { isQuotaError } from '../../src/db/storage-errors'
import { LocalRejection } from '../../src/domain'
import type { ShiftDeskDB } from '../../src/db/database'
import { CASE_NO_PATTERN } from '../../src/domain'
import { CENTER, CLERK, PERSON_INTAKE } from '../support/fixtures'
import { freshDeviceDb } from '../support/device-db'

let db: ShiftDeskDB
beforeEach(async () => { db = await freshDeviceDb() })
afterEach(() => db.delete())

describe('taking in a case on the device', () => {
  it('stores the case and its outbox mutation together', async () => {
    const record = await takeInCase(db, CLERK, CENTER, PERSON_INTAKE)
    expect(record.caseNo).toMatch(CASE_NO_PATTERN)
    expect(await db.cases.count()).toBe(1)
    const [entry] = await db.outbox.toArray()
    expect(entry).toMatchObject({ state: 'pending', entityId: record.id, actorId: CLERK.id })
    expect(entry!.mutation).toMatchObject({ op: 'case.create', baseVersion: 0, payload: { caseNo: record.caseNo } })
  })

  it('numbers cases of one device one after another', async () => {
    const first = await takeInCase(db, CLERK, CENTER, PERSON_INTAKE)
    const second = await takeInCase(db, CLERK, CENTER, PERSON_INTAKE)
    expect(first.caseNo.slice(-4)).toBe('0001')
    expect(second.caseNo.slice(-4)).toBe('0002')
    expect(second.caseNo.slice(0, -4)).toBe(first.caseNo.slice(0, -4))
  })

  it('leaves neither the case nor the mutation when the outbox write fails', async () => {
    db.outbox.hook('creating', () => { throw new Error('disk full') })
    await expect(takeInCase(db, CLERK, CENTER, PERSON_INTAKE)).rejects.toThrow('disk full')
    expect(await db.cases.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
    expect(await db.caseBases.count()).toBe(0)
  })

  it('leaves neither when the case write fails', async () => {
    db.cases.hook('creating', () => { throw new Error('quota') })
    await expect(takeInCase(db, CLERK, CENTER, PERSON_INTAKE)).rejects.toThrow('quota')
    expect(await db.outbox.count()).toBe(0)
  })

  it('refuses what the domain refuses, storing nothing', async () => {
    const bad = { ...PERSON_INTAKE, idNumber: '110105194912310021' }
    await expect(takeInCase(db, CLERK, CENTER, bad)).rejects.toBeInstanceOf(LocalRejection)
    expect(await db.cases.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
  })

  it('applies a transition locally at once and queues it after the create', async () => {
    const record = await takeInCase(db, CLERK, CENTER, PERSON_INTAKE)
    const started = await recordCaseChange(db, CLERK, 'case.transition', record.id, { action: 'start' })
    expect(started.status).toBe('in_progress')
    expect((await db.cases.get(record.id))!.status).toBe('in_progress')
    const ops = (await db.outbox.orderBy('seq').toArray()).map(e => e.mutation.op)
    expect(ops).toEqual(['case.create', 'case.transition'])
  })
  it('reopens the database and writes once more when WebKit lost the connection', async () => {
    let failures = 0
    db.cases.hook('creating', () => {
      if (failures++ === 0) throw Object.assign(new Error('Connection to Indexed Database server lost. Refresh the page to try again'), { name: 'UnknownError' })
    })
    const record = await takeInCase(db, CLERK, CENTER, PERSON_INTAKE)
    expect(failures).toBe(2)
    expect(await db.cases.count()).toBe(1)
    expect((await db.outbox.toArray()).map(e => e.entityId)).toEqual([record.id])
  })

  it('recognises a full disk, also inside the AbortError of the transaction it ended', async () => {
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' })
    db.outbox.hook('creating', () => { throw quota })
    const error = await takeInCase(db, CLERK, CENTER, PERSON_INTAKE).catch((e: unknown) => e)
    expect(isQuotaError(error)).toBe(true)
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true)
    expect(isQuotaError(new Error('other'))).toBe(false)
  })
})
