import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rebaseCase } from '../../src/db/case-rebase'
import { recordCaseChange, takeInCase } from '../../src/db/case-writes'
import type { ShiftDeskDB } from '../../src/db/database'
import { discardChange } from '../../src/db/outbox-writes'
import { CENTER, CLERK, PERSON_INTAKE } from '../support/fixtures'
import { freshDeviceDb } from '../support/device-db'

let db: ShiftDeskDB
beforeEach(async () => { db = await freshDeviceDb() })
afterEach(() => db.delete())

const inTx = (work: () => Promise<void>) => db.transaction('rw', [db.cases, db.caseBases, db.outbox, db.serviceItems], work)

describe('rebasing local changes over pulled data', () => {
  it('shows the server’s state with this device’s pending changes on top', async () => {
    const record = await takeInCase(db, CLERK, CENTER, PERSON_INTAKE)
    // The create reached the server; its copy has version 1 and a colleague's note.
    await db.outbox.clear()
    await inTx(() => rebaseCase(db, record.id, { ...record, version: 1 }))
    await recordCaseChange(db, CLERK, 'case.update', record.id, { fields: { phone: '13900139000' } })
    await inTx(() => rebaseCase(db, record.id, { ...record, version: 2, notes: '已电话联系' }))
    const view = await db.cases.get(record.id)
    expect(view).toMatchObject({ version: 2, notes: '已电话联系', phone: '13900139000' })
    expect((await db.caseBases.get(record.id))!.data).toMatchObject({ version: 2, phone: PERSON_INTAKE.phone })
  })

  it('takes the server’s copy as is when nothing is pending', async () => {
    const record = await takeInCase(db, CLERK, CENTER, PERSON_INTAKE)
    await db.outbox.clear()
    await inTx(() => rebaseCase(db, record.id, { ...record, version: 3, status: 'completed' }))
    expect(await db.cases.get(record.id)).toMatchObject({ version: 3, status: 'completed' })
    expect(await db.caseBases.count()).toBe(0)
  })

  it('drops a rejected create from the list once its author discards it', async () => {
    const record = await takeInCase(db, CLERK, CENTER, PERSON_INTAKE)
    const [entry] = await db.outbox.toArray()
    await db.outbox.update(entry!.seq!, { state: 'rejected' })
    await discardChange(db, entry!.seq!)
    expect(await db.cases.get(record.id)).toBeUndefined()
    expect(await db.outbox.count()).toBe(0)
  })
})
