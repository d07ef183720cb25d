import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { walkCheckpoints } from '../../src/db/case-list-checkpoints'
import { listKeyOf, readFrom, readNewer } from '../../src/db/case-list-keyset'
import { readWindow } from '../../src/db/case-list-window'
import type { ShiftDeskDB } from '../../src/db/database'
import { CASE_STATUSES, type CaseRecord } from '../../src/domain'
import { freshDeviceDb } from '../support/device-db'
import { CENTER, PERSON_INTAKE } from '../support/fixtures'

let db: ShiftDeskDB
beforeEach(async () => { db = await freshDeviceDb() })
afterEach(() => db.delete())

/** 250 cases, three at each minute (ties in receivedAt), in a mix of statuses. */
const CASES: CaseRecord[] = Array.from({ length: 250 }, (_, i) => {
  const receivedAt = new Date(Date.parse('2026-11-28T00:00:00.000Z') - Math.floor(i / 3) * 60_000).toISOString()
  return {
    ...PERSON_INTAKE, id: `0190d000-0000-7000-8000-${String((i * 7919) % 1000).padStart(12, '0')}`, caseNo: `ORD-20261128-WIN00-${String(i).padStart(4, '0')}`,
    centerId: CENTER.id, serviceItemName: '个人征信报告打印', applicantName: '王芳', status: CASE_STATUSES[i % 3]!, statusNote: '', receivedAt,
    receivedBy: 'u', receivedByName: '韩梅', updatedAt: receivedAt, version: 1, history: [],
  }
})

/** The list order the app shows: newest first, equal times by id descending (the index order reversed). */
const listOrder = (rows: CaseRecord[]) => [...rows].sort((a, b) =>
  a.receivedAt === b.receivedAt ? (a.id < b.id ? 1 : -1) : a.receivedAt < b.receivedAt ? 1 : -1).map(c => c.id)

describe.each([null, CASE_STATUSES[1]!] as const)('the case list window (status %s)', (status) => {
  const expected = () => listOrder(CASES.filter(c => !status || c.status === status))
  beforeEach(() => db.cases.bulkPut(CASES))

  it('reads from the top, from a case on, and the cases just newer than one, across equal times', async () => {
    const all = expected()
    expect((await readFrom(db, status, null, 10)).map(c => c.id)).toEqual(all.slice(0, 10))
    for (const at of [1, 7, 40, all.length - 2]) {
      const key = listKeyOf((await db.cases.get(all[at]!))!)
      expect((await readFrom(db, status, key, 12)).map(c => c.id), `from ${at}`).toEqual(all.slice(at, at + 12))
      expect((await readNewer(db, status, key, 5)).map(c => c.id), `newer than ${at}`).toEqual(all.slice(Math.max(0, at - 5), at))
    }
  })

  it('walks a checkpoint every step cases, a few per transaction', async () => {
    const all = expected()
    let last
    for await (const found of walkCheckpoints(db, status, 7, 3)) last = found
    expect(last!.done).toBe(true)
    expect(last!.keys.map(key => key.id)).toEqual(all.filter((_, i) => i % 7 === 0))
  })

  it('shows a case taken in after a window at the top was planned at the top of that window', async () => {
    const all = expected()
    const anchor = listKeyOf((await db.cases.get(all[10]!))!)
    const spec = { kind: 'keyset', query: { status, search: '' }, anchor, anchorIndex: 10, newer: 10, older: 20 } as const
    expect((await readWindow(db, spec)).rows.map(c => c.id)).toEqual(all.slice(0, 30))
    const taken: CaseRecord = { ...CASES[0]!, id: '0190d000-0000-7000-8000-999999999999', caseNo: 'ORD-20261128-WIN00-9999', status: status ?? 'received', receivedAt: '2026-11-28T08:00:00.000Z' }
    await db.cases.put(taken)
    const window = await readWindow(db, spec)
    expect(window.first).toBe(0)
    expect(window.rows.map(c => c.id)).toEqual([taken.id, ...all.slice(0, 29)])
  })
})
