import { describe, expect, it } from 'vitest'
import type { DeviceSession, OutboxEntry } from '../../src/db/database'
import { nextBatch } from '../../src/sync/push-outbox'
import { CENTER, CLERK, SUPERVISOR, mutation } from '../support/fixtures'

const session = (user = CLERK): DeviceSession =>
  ({ userId: user.id, user, center: CENTER, token: 't', expiresAt: '2999-01-01T00:00:00Z', expired: false })

let seq = 0
const entry = (entityId: string, actor = CLERK): OutboxEntry => {
  const m = mutation('case.update', entityId, { fields: {} }, { actorId: actor.id })
  return { seq: ++seq, id: m.id, entityId, actorId: actor.id, actor, state: 'pending', mutation: m }
}

describe('choosing the next push batch', () => {
  it('takes one actor’s changes in order', () => {
    const pending = [entry('a'), entry('b'), entry('a')]
    expect(nextBatch(pending, new Map([[CLERK.id, session()]]), new Set())).toEqual(pending)
  })

  it('skips an actor without a session, and every later change of the same case', () => {
    const pending = [entry('a', SUPERVISOR), entry('b'), entry('a'), entry('c')]
    const batch = nextBatch(pending, new Map([[CLERK.id, session()]]), new Set())
    expect(batch.map(e => e.entityId)).toEqual(['b', 'c'])
  })

  it('stops at another actor so changes never overtake each other', () => {
    const pending = [entry('a'), entry('a', SUPERVISOR), entry('a')]
    const usable = new Map([[CLERK.id, session()], [SUPERVISOR.id, session(SUPERVISOR)]])
    expect(nextBatch(pending, usable, new Set())).toEqual([pending[0]])
  })

  it('skips changes to a case whose earlier change waits for a person', () => {
    const pending = [entry('a'), entry('b')]
    expect(nextBatch(pending, new Map([[CLERK.id, session()]]), new Set(['a'])).map(e => e.entityId)).toEqual(['b'])
  })

  it('caps a batch at 500 changes', () => {
    const pending = Array.from({ length: 620 }, (_, i) => entry(`e${i}`))
    expect(nextBatch(pending, new Map([[CLERK.id, session()]]), new Set())).toHaveLength(500)
  })
})
