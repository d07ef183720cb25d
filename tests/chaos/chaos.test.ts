import { expect, it } from 'vitest'
import { randomSeed } from './prng'
import { formatReport } from './report'
import { runChaos } from './run-chaos'
import { SHORT, seedFromEnv } from './settings'

/** The short chaos setting: a different seed each run (printed), CHAOS_SEED=<n> to repeat one. */
it('keeps every change exactly once and converges under dropped, delayed, duplicated requests and crashes', async () => {
  const seed = seedFromEnv(randomSeed)
  console.info(`chaos: short setting, seed ${seed} (rerun: CHAOS_SEED=${seed})`)
  const report = await runChaos({ ...SHORT, seed })
  console.info(formatReport(report))
  expect(report.serverKills, 'at least one crash mid-batch').toBeGreaterThanOrEqual(1)
  expect(report.invariants.filter(r => !r.pass).map(r => r.name), `seed ${seed}`).toEqual([])
}, 180_000)
