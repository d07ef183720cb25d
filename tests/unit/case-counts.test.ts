import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { countCasesByStatus } from '../../src/db/case-queries'
import { recordCaseChange, takeInCase } from '../../src/db/case-writes'
import { ShiftDeskDB } from '../../src/db/database'
import { discardChange, resolveConflict } from '../../src/db/outbox-writes'
import { CASE_STATUSES, type CaseRecord, type CaseStatus } from '../../src/domain'
import { pullChanges } from '../../src/sync/pull-changes'
import { pushOutbox } from '../../src/sync/push-outbox'
import { CENTER, CLERK, PERSON_INTAKE } from '../support/fixtures'
import { SCHEMA_V1 } from '../support/schema-v1'
import { FakeCentral, deviceWithCentral, dropDevice } from './support/fake-central'

let db: ShiftDeskDB
let central: FakeCentral
beforeEach(async () => { ({ db, central } = await deviceWithCentral()) })
afterEach(() => dropDevice(db))

/** What the chips must show: a real count of the stored cases. */
async function realCounts(target = db): Promise<Record<CaseStatus, number>> {
  const counts = Object.fromEntries(CASE_STATUSES.map(s => [s, 0])) as Record<CaseStatus, number>
  for (const c of await target.cases.toArray()) counts[c.status]++
  return counts
}
const expectCountersTrue = async (target = db) => expect(await countCasesByStatus(target)).toEqual(await realCounts(target))

let serverSeq = 0
/** A case as the central system would send it, of another device. */
const serverCase = (over: Partial<CaseRecord> = {}): CaseRecord => {
  const n = ++serverSeq
  return {
    id: `0190b000-0000-7000-8000-${String(n).padStart(12, '0')}`, caseNo: `ORD-20261128-ZZZZZ-${String(n).padStart(4, '0')}`,
    centerId: CENTER.id, serviceItemId: PERSON_INTAKE.serviceItemId, serviceItemName: '个人征信报告打印', applicantType: 'person',
    applicantName: '李雷', idNumber: PERSON_INTAKE.idNumber, contactName: '', phone: '13800138000', materials: [], channel: 'window',
    windowNo: '1', notes: '', status: 'received', statusNote: '', receivedAt: `2026-11-28T0${n % 10}:00:00.000Z`, receivedBy: 'other',
    receivedByName: '韩梅', updatedAt: '2026-11-28T09:00:00.000Z', version: 1, history: [], ...over,
  }
}

describe('status counters', () => {
  it('equal a real count after intakes, changes, pushes, pulls, rebases, discards and conflicts', async () => {
    const taken: CaseRecord[] = []
    for (let i = 0; i < 6; i++) taken.push(await takeInCase(db, CLERK, CENTER, { ...PERSON_INTAKE, applicantName: `王${i}` }))
    await recordCaseChange(db, CLERK, 'case.transition', taken[0]!.id, { action: 'start' })
    await recordCaseChange(db, CLERK, 'case.transition', taken[1]!.id, { action: 'start' })
    await recordCaseChange(db, CLERK, 'case.transition', taken[2]!.id, { action: 'withdraw', note: '申请人撤回' })
    await recordCaseChange(db, CLERK, 'case.update', taken[3]!.id, { fields: { phone: '13900139000' } })
    expect(await countCasesByStatus(db)).toMatchObject({ received: 3, in_progress: 2, withdrawn: 1 })
    await expectCountersTrue()

    // The central system refuses the create of case 4 and reports a conflict on case 3's phone.
    central.answer = (m) => {
      if (m.entityId === taken[4]!.id) return { id: m.id, status: 'rejected', code: 'INVALID', message: 'no', reason: 'reject.invalid' }
      if (m.entityId === taken[3]!.id && m.op === 'case.update')
        return { id: m.id, status: 'conflict', fields: ['phone'], current: { ...taken[3]!, version: 2, status: 'in_progress' } }
      return undefined
    }
    await pushOutbox(db, '')
    await expectCountersTrue()

    // Pulled: a new case, a newer copy of case 0 (completed), case 1 deleted, case 3 (with its
    // conflict still on the device, so rebased), and a case the device already holds as pulled.
    const theirs = serverCase({ status: 'approved' })
    central.page(theirs, { ...(await db.cases.get(taken[0]!.id))!, version: 3, status: 'completed' })
      .page({ id: taken[1]!.id, data: null, version: 4 }, { ...taken[3]!, version: 3, status: 'returned' }, theirs)
    await pullChanges(db, '')
    expect(central.pulls).toEqual(['', '1'])
    await expectCountersTrue()

    await discardChange(db, (await db.outbox.where('entityId').equals(taken[4]!.id).first())!.seq!)
    expect(await db.cases.get(taken[4]!.id)).toBeUndefined()
    await expectCountersTrue()

    await resolveConflict(db, (await db.outbox.where('entityId').equals(taken[3]!.id).first())!.seq!, 'theirs')
    await expectCountersTrue()

    // Seeding straight into the table (the bench does) and clearing it count too.
    await db.cases.bulkPut([serverCase({ status: 'declined' }), serverCase({ status: 'declined' }), { ...theirs, status: 'completed' }])
    await expectCountersTrue()
    await db.cases.bulkDelete([theirs.id, 'no-such-case'])
    await expectCountersTrue()
    await db.cases.clear()
    expect(Object.values(await countCasesByStatus(db)).every(n => n === 0)).toBe(true)
  })

  it('roll back with the write they belong to', async () => {
    await takeInCase(db, CLERK, CENTER, PERSON_INTAKE)
    await expect(db.transaction('rw', db.cases, async () => {
      await db.cases.put(serverCase({ status: 'completed' }))
      throw new Error('quota')
    })).rejects.toThrow('quota')
    expect(await countCasesByStatus(db)).toMatchObject({ received: 1, completed: 0 })
  })

  it('count a case written twice in one transaction once', async () => {
    const c = serverCase()
    await db.transaction('rw', db.cases, async () => {
      await db.cases.bulkPut([c, { ...c, status: 'in_progress' }])
      await db.cases.put({ ...c, status: 'completed' })
      await db.cases.put(serverCase())
    })
    expect(await countCasesByStatus(db)).toMatchObject({ received: 1, in_progress: 0, completed: 1 })
    await expectCountersTrue()
  })

  it('count only the writes that succeed when a caller catches a failed one', async () => {
    const a = serverCase()
    await db.cases.put(a)
    await db.transaction('rw', db.cases, async () => {
      await db.cases.get(a.id) // the counters are read with it: the adds below move them at once
      await db.cases.bulkAdd([serverCase({ status: 'completed' }), serverCase({ status: 'declined', caseNo: a.caseNo })]).catch(() => {})
      await db.cases.bulkPut([{ ...a, status: 'in_progress' }, serverCase({ status: 'approved', caseNo: a.caseNo })]).catch(() => {})
    })
    expect(await countCasesByStatus(db)).toMatchObject({ received: 0, in_progress: 1, completed: 1, declined: 0, approved: 0 })
    await expectCountersTrue()
  })

  it('stay true under random mixes of reads, bulk writes, updates, deletes, concurrent and failed writes', async () => {
    let seed = 7
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const idOf = (n: number) => `0190e000-0000-7000-8000-${String(n).padStart(12, '0')}`
    // 60 cases the steps write: 30 side by side, 30 with another case between each, and 200
    // others after them. Writes of many cases read their id range (theirs alone, half theirs, or
    // far too many others'), writes of few read case by case.
    const ids = [...Array.from({ length: 30 }, (_, i) => i), ...Array.from({ length: 30 }, (_, i) => 100 + 2 * i)]
      .map(n => serverCase({ id: idOf(n) }))
    const others = [...Array.from({ length: 30 }, (_, i) => 101 + 2 * i), ...Array.from({ length: 200 }, (_, i) => 200 + i)]
    await db.cases.bulkPut(others.map(n => serverCase({ id: idOf(n), status: 'completed' })))
    const some = () => {
      const share = [0.05, 0.5, 0.95][Math.floor(random() * 3)]!
      const [from, to] = ([[0, 30], [30, 60], [0, 60]] as const)[Math.floor(random() * 3)]!
      return ids.filter((_, i) => i >= from && i < to && random() < share)
    }
    const status = () => CASE_STATUSES[Math.floor(random() * CASE_STATUSES.length)]!
    for (let round = 0; round < 40; round++) {
      await db.transaction('rw', db.cases, async () => {
        for (let step = 0; step < 4; step++) {
          const roll = random()
          if (roll < 0.2) {
            const asked = [...some(), 'no-such-case'].map(c => (typeof c === 'string' ? c : c.id))
            const got = await db.cases.bulkGet(asked)
            expect(got).toEqual(await Promise.all(asked.map(id => db.cases.get(id))))
          }
          else if (roll < 0.4) await db.cases.bulkPut([...some(), ...some()].map(c => ({ ...c, status: status() })))
          else if (roll < 0.5) await db.cases.bulkDelete(some().map(c => c.id))
          else if (roll < 0.6) await db.cases.bulkAdd(some().map(c => ({ ...c, status: status() })), { allKeys: false }).catch(() => {})
          else if (roll < 0.65) await db.cases.where('id').between(ids[10]!.id, ids[40]!.id).delete()
          else if (roll < 0.7) await db.cases.update(ids[Math.floor(random() * ids.length)]!.id, { status: status() })
          else if (roll < 0.75) await db.cases.bulkUpdate(some().map(c => ({ key: c.id, changes: { status: status() } })))
          else if (roll < 0.8) await db.cases.where('id').anyOf(some().map(c => c.id)).modify((c) => { c.status = status() })
          else if (roll < 0.9) {
            // A few writes at once, the same case more than once among them, none awaited before the next.
            const few = some().slice(0, 4)
            await Promise.all([...few, ...few].map((c, i) => (i % 3 === 2 ? db.cases.delete(c.id) : db.cases.put({ ...c, status: status() }))))
          }
          else {
            // A put refused (another case's number) and caught: it moves nothing.
            const [a, b] = [ids[Math.floor(random() * ids.length)]!, ids[Math.floor(random() * ids.length)]!]
            if (a.id !== b.id && await db.cases.get(b.id)) await db.cases.put({ ...a, status: status(), caseNo: b.caseNo }).catch(() => {})
          }
        }
      })
      await expectCountersTrue()
    }
  })

  it('are counted from the stored cases when a device upgrades to version 3', async () => {
    const name = `upgrade-counts-${process.pid}`
    const old = new Dexie(name)
    old.version(2).stores({ ...SCHEMA_V1, pins: 'userId' })
    await old.open()
    await old.table('cases').bulkAdd([serverCase(), serverCase(), serverCase({ status: 'completed' })])
    old.close()
    const upgraded = new ShiftDeskDB(name)
    try {
      expect(await countCasesByStatus(upgraded)).toMatchObject({ received: 2, completed: 1 })
      await upgraded.cases.put(serverCase({ status: 'completed' }))
      await expectCountersTrue(upgraded)
    }
    finally { await upgraded.delete() }
  })
})
