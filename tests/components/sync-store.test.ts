import 'fake-indexeddb/auto'
import type { DBCore, Middleware } from 'dexie'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { OutboxEntry } from '../../src/db/database'
import { db } from '../../src/db/db'
import type { StaffUser } from '../../src/domain'
import { useSessionStore } from '../../src/stores/session'
import { PENDING_SHOWN, useSyncStore } from '../../src/stores/sync'
import { SESSION, resetDb, until } from './support/fixtures'

vi.mock('../../src/sync/page/sync-scheduler', () => ({
  requestSync: vi.fn(async () => {}), requestSyncSoon: vi.fn(), syncInPage: vi.fn(async () => {}), startSyncScheduler: vi.fn(),
}))

/** Outbox entries the store made IndexedDB load (values, not keys or counts). */
let loaded = 0
const countLoads: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'CountOutboxLoads',
  create: down => ({
    ...down,
    table: (name) => {
      const table = down.table(name)
      if (name !== 'outbox') return table
      return {
        ...table,
        query: req => table.query(req).then((res) => { if (req.values) loaded += res.result.length; return res }),
        getMany: req => table.getMany(req).then((rows) => { loaded += rows.filter(Boolean).length; return rows }),
      }
    },
  }),
}

const GONE: StaffUser = { id: 'u-clerk2', username: 'ord-clerk2', name: '赵磊', role: 'clerk', centerId: 'c-ord' }
let seq = 0
const entry = (actor: StaffUser, entityId: string, state: OutboxEntry['state'] = 'pending'): OutboxEntry => {
  const id = `0190d000-0000-7000-8000-${String(++seq).padStart(12, '0')}`
  return {
    id, entityId, actorId: actor.id, actor, state,
    mutation: {
      id, deviceId: 'd', actorId: actor.id, entity: 'case', entityId, op: 'case.update', baseVersion: 1,
      payload: { fields: {} }, clientTime: '2026-11-28T03:30:00.000Z',
    },
  }
}

beforeEach(async () => {
  db.close()
  db.use(countLoads)
  await db.open()
  await resetDb()
  await db.sessions.put(SESSION)
  await db.sessions.put({ ...SESSION, userId: GONE.id, user: GONE, token: '', expired: true }) // signed out: their changes wait
  // 300 waiting changes of the signed-in clerk, 40 of a colleague who signed out, 2 answered.
  await db.outbox.bulkAdd([
    ...Array.from({ length: 300 }, (_, i) => entry(SESSION.user, `case-${i}`)),
    ...Array.from({ length: 40 }, (_, i) => entry(GONE, `case-g${i % 20}`)),
    entry(SESSION.user, 'case-rejected', 'rejected'),
    entry(SESSION.user, 'case-0', 'conflict'),
  ])
  setActivePinia(createPinia())
  useSessionStore().session = SESSION
  loaded = 0
})
afterEach(async () => {
  useSyncStore().$dispose() // its live queries end with it
  db.close()
  db.unuse({ stack: 'dbcore', name: 'CountOutboxLoads' })
  await db.open()
})

describe('sync store', () => {
  it('shows counts, authors waiting for sign-in, answered changes and unsynced cases without loading the queue', async () => {
    const sync = useSyncStore()
    await until(() => expect(sync.pendingCount).toBe(340))
    await until(() => expect(sync.waitingForSignIn).toEqual([{ actorId: GONE.id, actorName: GONE.name, centerName: SESSION.center.name, otherScope: false, count: 40 }]))
    await until(() => expect(sync.answered.map(e => e.entityId)).toEqual(['case-rejected', 'case-0']))
    expect(await sync.unsyncedAmong(['case-rejected', 'case-0', 'case-1', 'case-g3', 'case-x'])).toEqual(new Set(['case-0', 'case-1', 'case-g3']))
    await until(() => expect(sync.firstPending).toHaveLength(PENDING_SHOWN))
    expect(sync.firstPending[0]!.entityId).toBe('case-0')
    expect(await sync.pendingCountFor(SESSION.userId)).toBe(300)
    expect(await sync.pendingCountFor(GONE.id)).toBe(40)
    expect(sync.conflicted).toEqual(new Set(['case-0']))
    // The first PENDING_SHOWN and the answered ones (read by a few of the live queries): far from 342.
    expect(loaded).toBeLessThan(150)

    // A new waiting change moves the count without reading the queue either.
    loaded = 0
    await db.outbox.add(entry(SESSION.user, 'case-new'))
    await until(() => expect(sync.pendingCount).toBe(341))
    expect(await sync.unsyncedAmong(['case-new'])).toEqual(new Set(['case-new']))
    expect(loaded).toBeLessThan(150)
  })
})
