import { describe, expect, it } from 'vitest'
import { formatReport } from './report'
import { runChaos } from './run-chaos'
import { SHORT, SHORT_SEEDS, envSeed } from './settings'

/** The short chaos setting over fixed seeds (printed); CHAOS_SEED=<n> runs that one seed instead. */
const replay = envSeed()
const seeds = replay === null ? SHORT_SEEDS : [replay]
console.info(`chaos: short setting, seeds ${seeds.join(', ')} (rerun one: CHAOS_SEED=<seed>)`)

describe.each(seeds)('chaos seed %i', (seed) => {
  it('keeps every change exactly once and converges under dropped, delayed, duplicated requests and crashes', async () => {
    const report = await runChaos({ ...SHORT, seed })
    console.info(formatReport(report))
    expect(report.serverKills, 'at least one crash mid-batch').toBeGreaterThanOrEqual(1)
    expect(report.invariants.filter(r => !r.pass).map(r => r.name), `seed ${seed}`).toEqual([])
  }, 180_000)
})
