import type { ChaosOptions } from './run-chaos'

/** `npm test`: small and quick, but with every fault kind and at least one crash mid-batch. */
export const SHORT: Omit<ChaosOptions, 'seed'> = {
  devices: 3, mutationsPerDevice: 20, faultRate: 0.25, minRestarts: 1, syncChance: 0.3, settleChance: 0.05,
  offlineChance: 0.02, maxOfflineSteps: 30, killBatchSize: 1, maxQuietRounds: 30, lateAdmin: true, locks: 'per-device',
}

/**
 * The seeds `npm test` runs, the same on every machine, so a red CI run repeats with the seed it
 * prints. Between them they meet conflicts settled both ways, rejections (finalCase, transition.state,
 * earlierFailed), duplicates and a kill mid-push. New random seeds are `npm run test:chaos`'s job.
 */
export const SHORT_SEEDS = [3, 7]

/** `npm run test:chaos`: thousands of mutations, several restarts, within CI's time. */
export const LONG: Omit<ChaosOptions, 'seed'> = {
  devices: 6, mutationsPerDevice: 700, faultRate: 0.25, minRestarts: 8, syncChance: 0.4, settleChance: 0.05,
  offlineChance: 0.01, maxOfflineSteps: 300, killBatchSize: 40, maxQuietRounds: 60, lateAdmin: true, locks: 'per-device',
}

/** CHAOS_SEED=<n> repeats a run's random choices; null when it is not set. */
export function envSeed(): number | null {
  const text = process.env.CHAOS_SEED
  if (!text) return null
  const seed = Number(text)
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`CHAOS_SEED must be a non-negative integer, got ${text}`)
  return seed
}

export const seedFromEnv = (fallback: () => number): number => envSeed() ?? fallback()
