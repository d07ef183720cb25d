import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { recordCaseChange, takeInCase } from '../../src/db/case-writes'
import type { ShiftDeskDB } from '../../src/db/database'
import { readMeta } from '../../src/db/meta'
import type { CaseRecord } from '../../src/domain'
import { pullChanges } from '../../src/sync/pull-changes'
import { CENTER, CLERK, PERSON_INTAKE } from '../support/fixtures'
import { FakeCentral, deviceWithCentral, dropDevice } from './support/fake-central'

let db: ShiftDeskDB
let central: FakeCentral
beforeEach(async () => { ({ db, central } = await deviceWithCentral()) })
afterEach(() => dropDevice(db))

const pulledCopy = (record: CaseRecord, over: Partial<CaseRecord> = {}): CaseRecord =>
  ({ ...record, version: 1, updatedAt: '2026-11-28T09:00:00.000Z', ...over })

describe('pulling changes', () => {
  it('stores cases without local changes as pulled, with no server copy kept beside them', async () => {
    const record = await takeInCase(db, CLERK, CENTER, PERSON_INTAKE)
    await db.outbox.clear()
    await db.caseBases.clear()
    central.page(pulledCopy(record, { notes: '已电话联系' }))
    expect(await pullChanges(db, '')).toBe(1)
    expect(await db.cases.get(record.id)).toMatchObject({ version: 1, notes: '已电话联系' })
    expect(await db.caseBases.count()).toBe(0)
  })

  it('rebases a case with local changes on the pulled copy and keeps that copy as its base', async () => {
    const record = await takeInCase(db, CLERK, CENTER, PERSON_INTAKE)
    await db.outbox.clear()
    await db.caseBases.clear()
    await recordCaseChange(db, CLERK, 'case.update', record.id, { fields: { phone: '13900139000' } })
    central.page(pulledCopy(record, { version: 2, notes: '已电话联系' }))
    await pullChanges(db, '')
    expect(await db.cases.get(record.id)).toMatchObject({ version: 2, notes: '已电话联系', phone: '13900139000' })
    expect((await db.caseBases.get(record.id))!.data).toMatchObject({ version: 2, phone: PERSON_INTAKE.phone })
  })

  it('does not write again a case it already holds exactly as pulled, and does write one that differs', async () => {
    const record = await takeInCase(db, CLERK, CENTER, PERSON_INTAKE)
    await db.outbox.clear()
    await db.caseBases.clear()
    const copy = pulledCopy(record)
    central.page(copy).page(copy).page({ ...copy, history: [] })
    const writes = vi.fn()
    db.cases.hook('updating', writes)
    await pullChanges(db, '')
    // The first page replaces the device's own copy; the second is the same again; the third differs.
    expect(writes).toHaveBeenCalledTimes(2)
    expect(await db.cases.get(record.id)).toEqual({ ...copy, history: [] })
  })

  it('stores every page in order, each with its cursor, and stops where the session was refused', async () => {
    const a = await takeInCase(db, CLERK, CENTER, PERSON_INTAKE)
    const b = await takeInCase(db, CLERK, CENTER, PERSON_INTAKE)
    await db.outbox.clear()
    await db.caseBases.clear()
    central.page(pulledCopy(a)).page(pulledCopy(b, { status: 'in_progress' })).page(pulledCopy(a, { version: 2, status: 'completed' }))
    expect(await pullChanges(db, '')).toBe(3)
    expect(central.pulls).toEqual(['', '1', '2'])
    expect(await readMeta(db, 'pullCursor', '')).toBe('3')
    expect((await db.cases.get(a.id))!.status).toBe('completed')

    // Refused while page 4 is asked for: page 4 (already answered) is kept, the session marked.
    central.page(pulledCopy(b, { version: 2, status: 'completed' })).page(pulledCopy(b, { version: 3 }))
    const fetchPage = vi.mocked(fetch).getMockImplementation()!
    vi.mocked(fetch).mockImplementation(async (input, init) =>
      String(input).includes('cursor=4') ? new Response('{}', { status: 401 }) : fetchPage(input, init))
    expect(await pullChanges(db, '')).toBe(1)
    expect(await readMeta(db, 'pullCursor', '')).toBe('4')
    expect((await db.cases.get(b.id))!.status).toBe('completed')
    expect((await db.sessions.get(CLERK.id))!.expired).toBe(true)
  })

  it('asks for the next page while it stores the one before', async () => {
    const record = await takeInCase(db, CLERK, CENTER, PERSON_INTAKE)
    await db.outbox.clear()
    central.page(pulledCopy(record)).page(pulledCopy(record, { version: 2 }))
    const askedWhenStoring: number[] = []
    db.cases.hook('updating', () => { askedWhenStoring.push(central.pulls.length) })
    await pullChanges(db, '')
    expect(askedWhenStoring).toEqual([2, 2])
  })

  it('reports a page that could not be stored, and keeps the cursor before it', async () => {
    const a = await takeInCase(db, CLERK, CENTER, PERSON_INTAKE)
    await db.outbox.clear()
    central.page(pulledCopy(a)).page(pulledCopy(a, { version: 2 })).page(pulledCopy(a, { version: 3 }))
    db.cases.hook('updating', (changes) => { if ((changes as Partial<CaseRecord>).version === 1) throw new Error('disk full') })
    await expect(pullChanges(db, '')).rejects.toThrow('disk full')
    expect(await readMeta(db, 'pullCursor', '')).toBe('')
  })
})
