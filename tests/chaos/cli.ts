import { randomSeed } from './prng'
import { formatReport } from './report'
import { runChaos } from './run-chaos'
import { SABOTAGES, type Sabotage } from './sabotage'
import { LONG, SHORT, seedFromEnv } from './settings'

/**
 * The chaos run from the command line (`npm run test:chaos` = the long setting):
 *   tsx tests/chaos/cli.ts [--long|--short] [--seed=<n>] [--sabotage=lose-change|apply-twice]
 * CHAOS_SEED=<n> works too. Exit code 1 when an invariant fails or the run breaks.
 */
const args = process.argv.slice(2)
const value = (name: string) => args.find(a => a.startsWith(`--${name}=`))?.split('=')[1]
const sabotage = value('sabotage') as Sabotage | undefined
if (sabotage && !SABOTAGES.includes(sabotage)) throw new Error(`--sabotage must be one of ${SABOTAGES.join(', ')}`)
const seedText = value('seed')
const seed = seedText === undefined ? seedFromEnv(randomSeed) : Number(seedText)
const setting = args.includes('--short') ? SHORT : LONG

console.info(`chaos: ${args.includes('--short') ? 'short' : 'long'} setting, seed ${seed} …`)
try {
  const report = await runChaos({ ...setting, seed, sabotage })
  console.info(formatReport(report, 25))
  process.exitCode = report.pass ? 0 : 1
}
catch (error) {
  console.error(`chaos run with seed ${seed} broke:`, error)
  process.exitCode = 1
}
