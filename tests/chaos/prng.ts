import { seededRandom } from '../../server/seed/prng'

/**
 * Seeded randomness for the chaos run (mulberry32). Every random choice of the run comes from a
 * stream forked off the one seed, so `CHAOS_SEED=<n>` replays the same choices. Each device and the
 * proxy get their own stream, so one component drawing more numbers does not shift the others'.
 */
export interface Prng {
  /** A float in [0, 1). */
  next: () => number
  /** An integer in [min, max], both included. */
  int: (min: number, max: number) => number
  pick: <T>(items: readonly T[]) => T
  chance: (p: number) => boolean
  /** A new independent stream named `label`, derived from this one's seed. */
  fork: (label: string) => Prng
}

function hashLabel(seed: number, label: string): number {
  // FNV-1a over the label, mixed with the seed: stable across runs and platforms.
  let h = (0x811C9DC5 ^ seed) >>> 0
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0
  return h
}

export function prng(seed: number): Prng {
  const { next, int } = seededRandom(seed)
  return {
    next,
    int,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[Math.floor(next() * items.length)]!
    },
    chance: p => next() < p,
    fork: label => prng(hashLabel(seed, label)),
  }
}

/** A fresh seed when none is given: printed with the report so the run can be repeated. */
export const randomSeed = () => Math.floor(Math.random() * 2 ** 31)
