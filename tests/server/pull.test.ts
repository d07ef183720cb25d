import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PulledChange } from '../../src/domain/protocol'
import { encodeCursor } from '../../server/sync/cursor'
import { casesAfter, serviceItemsAfter } from '../../server/sync/pull-changes'
import { type Session, type TestServer, catalogue, createCase, login, pull, push, request, startServer } from './helpers'

let server: TestServer
let clerk: Session
let admin: Session

beforeAll(async () => {
  server = await startServer()
  clerk = await login(server, 'ord-clerk1')
  admin = await login(server, 'admin')
})
afterAll(() => server.close())

async function pullAll(session: Session, limit: number, cursor = '') {
  const changes: PulledChange[] = []
  for (let page = 0; page < 1000; page++) {
    const answer = await pull(server, session, `?limit=${limit}&cursor=${cursor}`)
    expect(answer.status).toBe(200)
    expect(answer.body.changes.length).toBeLessThanOrEqual(limit)
    changes.push(...answer.body.changes)
    cursor = answer.body.cursor
    if (!answer.body.hasMore) return { changes, cursor }
  }
  throw new Error('pull never finished')
}

/** What a user should receive, straight from the database in change order. */
function expectedIds(centerId: string | null): string[] {
  const where = centerId ? 'where center_id = ?' : ''
  return (server.sql.prepare(`select id from (select id, seq from service_items union all select id, seq from cases ${where}) order by seq`)
    .all(...(centerId ? [centerId] : [])) as { id: string }[]).map(row => row.id)
}

describe('pull', () => {
  it('walks pages by cursor, every change once and in order, only the user\'s centre', async () => {
    const { changes } = await pullAll(clerk, 7)
    expect(changes.map(c => c.id)).toEqual(expectedIds(clerk.user.centerId))
    const cases = changes.filter(c => c.entity === 'case')
    expect(cases.length).toBeGreaterThanOrEqual(40)
    expect(cases.every(c => c.data?.centerId === clerk.user.centerId)).toBe(true)
    expect(changes.filter(c => c.entity === 'serviceItem').length).toBeGreaterThanOrEqual(16)
  })

  it('gives an admin every centre', async () => {
    const { changes } = await pullAll(admin, 500)
    expect(changes.map(c => c.id)).toEqual(expectedIds(null))
    const centres = new Set(changes.flatMap(c => c.entity === 'case' && c.data ? [c.data.centerId] : []))
    expect(centres.size).toBe(4)
  })

  it('returns only what changed after the cursor, and the same cursor when nothing did', async () => {
    const { cursor } = await pullAll(clerk, 1000)
    const idle = await pull(server, clerk, `?cursor=${cursor}`)
    expect(idle.body).toEqual({ changes: [], cursor, hasMore: false })
    const item = (await catalogue(server, clerk))[0]!
    const create = createCase(clerk, item)
    await push(server, clerk, [create])
    const lzx = await login(server, 'lzx-clerk1')
    await push(server, lzx, [createCase(lzx, item)])
    const next = await pull(server, clerk, `?cursor=${cursor}`)
    expect(next.body.changes).toHaveLength(1)
    expect(next.body.changes[0]).toMatchObject({ entity: 'case', id: create.entityId, version: 1, data: { id: create.entityId, version: 1 } })
    expect(next.body.cursor).not.toBe(cursor)
  })

  it('refuses invalid cursors and limits with 400, and no session with 401', async () => {
    const ahead = `?cursor=${encodeCursor(10_000_000)}` // e.g. a device that synced with a database since replaced
    for (const query of ['?cursor=garbage!', '?cursor=eHl6', '?cursor=czAx', ahead, '?limit=0', '?limit=1001', '?limit=abc', '?limit=2.5']) {
      const answer = await pull(server, clerk, query)
      expect(answer.status, query).toBe(400)
      expect(answer.body).toMatchObject({ error: 'BAD_REQUEST' })
    }
    expect((await pull(server, clerk, `?cursor=${encodeCursor(1)}&limit=1`)).status).toBe(200)
    expect((await request(server, 'GET', '/api/sync/pull')).status).toBe(401)
  })

  it('uses indexes for every change query (EXPLAIN QUERY PLAN)', async () => {
    await server.app.store.read(async (tx) => {
      for (const query of [serviceItemsAfter(tx, 5, 10), casesAfter(tx, clerk.user, 5, 10), casesAfter(tx, admin.user, 5, 10)]) {
        const { sql, parameters } = query.compile()
        const plan = (server.sql.prepare(`explain query plan ${sql}`).all(...parameters) as { detail: string }[]).map(r => r.detail)
        expect(plan.join(' | ')).toMatch(/USING (COVERING )?INDEX (service_items_seq|cases_center_seq|cases_seq)/)
        expect(plan.join(' | ')).not.toMatch(/SCAN|TEMP B-TREE/)
      }
    })
  })
})
