import type { Prng } from './prng'
import type { FaultKind } from './proxy-stats'

/** Relative weights of the fault kinds; restart applies to pushes only. */
export type FaultWeights = Record<FaultKind, number>
export const DEFAULT_WEIGHTS: FaultWeights = { dropRequest: 2, dropResponse: 3, delayRequest: 1, delayResponse: 1, duplicate: 2, restart: 1 }

export type Decision =
  | { kind: 'pass' | 'dropRequest' | 'dropResponse' }
  | { kind: 'delayRequest' | 'delayResponse', ms: number }
  | { kind: 'duplicate', concurrent: boolean, answerWith: 0 | 1 }
  | { kind: 'restart', killAfterMs: number }

/** How many mutations a push body carries (0 when it is not one). */
export function pushedCount(body: Buffer): number {
  try { return (JSON.parse(body.toString('utf8')) as { mutations?: unknown[] }).mutations?.length ?? 0 }
  catch { return 0 }
}

/** A kill lands 0–30 ms after the push was forwarded: before, during or just after its transaction. */
export const restartDecision = (rng: Prng): Decision => ({ kind: 'restart', killAfterMs: rng.int(0, 30) })

/**
 * One request's fate: pass with probability 1 - rate, else a fault kind by weight, with its
 * parameters (delays 50–1500 ms; a duplicate sent concurrently or back-to-back, answered with either copy).
 */
export function rollFault(rng: Prng, weights: FaultWeights, rate: number, canRestart: boolean): Decision {
  if (!rng.chance(rate)) return { kind: 'pass' }
  const kinds = (Object.keys(weights) as FaultKind[]).filter(k => k !== 'restart' || canRestart)
  let roll = rng.next() * kinds.reduce((sum, k) => sum + weights[k], 0)
  const kind = kinds.find(k => (roll -= weights[k]) < 0) ?? kinds[0]!
  switch (kind) {
    case 'delayRequest': case 'delayResponse': return { kind, ms: rng.int(50, 1500) }
    case 'duplicate': return { kind, concurrent: rng.chance(0.5), answerWith: rng.chance(0.5) ? 1 : 0 }
    case 'restart': return restartDecision(rng)
    default: return { kind }
  }
}
