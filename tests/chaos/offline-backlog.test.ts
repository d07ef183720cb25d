import 'fake-indexeddb/auto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { takeInCase } from '../../src/db/case-writes'
import { ShiftDeskDB } from '../../src/db/database'
import { outboxInState } from '../../src/db/outbox-queries'
import { MAX_BODY_BYTES } from '../../src/domain'
import { signInAtCentral } from '../../src/sync/central-auth'
import { runSync } from '../../src/sync/run-sync'
import { DEMO_PASSWORD } from '../../server/seed/demo-org'
import { type TestServer, startServer } from '../server/helpers'
import { randomIntake } from './random-changes'
import { prng } from './prng'

/**
 * A tablet back from a long offline spell with a big backlog of intakes whose notes are long
 * Chinese text. The push batch is capped by size on the device; the cap must hold in the bytes the
 * server counts (UTF-8, up to three per CJK character), or every push is refused with 413 and the
 * outbox never drains.
 */
let server: TestServer
beforeAll(async () => { server = await startServer() })
afterAll(async () => { await server.close() })

const LONG_NOTE = '申请人因外出务工长期不在本地，委托家属代为咨询，现场核对材料后约定补正时间并电话回访确认。'.repeat(12).slice(0, 500)

it('pushes an offline backlog of long Chinese notes in batches the server accepts', async () => {
  const db = new ShiftDeskDB(`chaos-backlog-${process.pid}`)
  const session = await signInAtCentral(db, server.url, 'ord-outreach', DEMO_PASSWORD)
  await runSync(db, server.url)
  const items = await db.serviceItems.toArray()
  const rng = prng(7)
  for (let i = 0; i < 460; i++) {
    await takeInCase(db, session.user, session.center, { ...randomIntake(rng, items), notes: LONG_NOTE, applicantName: '欧阳'.repeat(30) })
  }
  const pending = await outboxInState(db, 'pending').toArray()
  const body = JSON.stringify({ deviceId: pending[0]!.mutation.deviceId, mutations: pending.map(e => e.mutation) })
  // The backlog is under the device's 900 KiB cap in UTF-16 code units, over the server's limit in UTF-8 bytes.
  expect(body.length).toBeLessThan(900 * 1024)
  expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_BODY_BYTES)

  const report = await runSync(db, server.url)
  const status = (await db.meta.get('syncStatus'))?.value as { lastError: string | null }
  expect({ outcome: report.outcome, pending: report.pending, lastError: status.lastError }).toEqual({ outcome: 'synced', pending: 0, lastError: null })
  db.close()
  await db.delete()
}, 120_000)
