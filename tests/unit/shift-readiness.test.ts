import { describe, expect, it } from 'vitest'
import { MIN_FREE_BYTES, type ReadinessFacts, assessReadiness } from '../../src/domain'

const NOW = Date.parse('2026-11-28T00:30:00Z') // Saturday 08:30 in Beijing
const READY: ReadinessFacts = {
  now: NOW,
  shiftHours: 8,
  storage: { persisted: true, usage: 50e6, quota: 2e9 },
  updateWaiting: false,
  session: { expiresAt: new Date(NOW + 12 * 3_600_000).toISOString(), refused: false },
  pendingChanges: 0,
  answeredChanges: 0,
  catalogueItems: 16,
  lastSyncAt: new Date(NOW - 5 * 60_000).toISOString(),
}
const problemOf = (facts: Partial<ReadinessFacts>, check: string) =>
  assessReadiness({ ...READY, ...facts }).find(item => item.check === check)!.problem

describe('shift readiness', () => {
  it('is all green for a device that is ready', () => {
    expect(assessReadiness(READY).every(item => item.problem === null)).toBe(true)
  })

  it.each([
    [{ storage: { persisted: false, usage: 0, quota: 2e9 } }, 'storage', 'notPersistent'],
    [{ storage: { persisted: true, usage: 2e9 - MIN_FREE_BYTES + 1, quota: 2e9 } }, 'storage', 'lowSpace'],
    [{ updateWaiting: true }, 'appVersion', 'updateWaiting'],
    [{ session: null }, 'session', 'none'],
    [{ session: { expiresAt: new Date(NOW + 12 * 3_600_000).toISOString(), refused: true } }, 'session', 'refused'],
    [{ session: { expiresAt: new Date(NOW + 4 * 3_600_000).toISOString(), refused: false } }, 'session', 'expiresDuringShift'],
    [{ pendingChanges: 3 }, 'outbox', 'pending'],
    [{ pendingChanges: 3, answeredChanges: 1 }, 'outbox', 'answered'],
    [{ catalogueItems: 0 }, 'freshness', 'noCatalogue'],
    [{ lastSyncAt: null }, 'freshness', 'stale'],
    [{ lastSyncAt: new Date(NOW - 31 * 60_000).toISOString() }, 'freshness', 'stale'],
  ] as const)('%o → %s: %s', (facts, check, problem) => {
    expect(problemOf(facts as Partial<ReadinessFacts>, check)).toBe(problem)
  })

  it('does not fail storage when the browser cannot tell', () => {
    expect(problemOf({ storage: { persisted: null, usage: null, quota: null } }, 'storage')).toBeNull()
  })

  it('counts the shift from now: a session good for 8 h suits an 8 h shift, not a 10 h one', () => {
    const session = { expiresAt: new Date(NOW + 8 * 3_600_000).toISOString(), refused: false }
    expect(problemOf({ session, shiftHours: 8 }, 'session')).toBeNull()
    expect(problemOf({ session, shiftHours: 10 }, 'session')).toBe('expiresDuringShift')
  })
})
