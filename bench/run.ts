import fs from 'node:fs'
import path from 'node:path'
import { buildAll } from './lib/build'
import { type Figure, formatTable, passes } from './lib/figures'
import type { Scenario, ScenarioContext } from './lib/scenario'
import { BenchServer } from './lib/server'
import { coldStart } from './scenarios/cold-start'
import { deviceQueries } from './scenarios/device-queries'
import { firstLoad } from './scenarios/first-load'
import { heap } from './scenarios/heap'
import { lighthouseScores } from './scenarios/lighthouse'
import { pull } from './scenarios/pull'
import { replay } from './scenarios/replay'
import { serverThroughput } from './scenarios/server-throughput'

/**
 * `npm run bench`: the performance figures of the issue "Performance at scale", measured in the
 * system Chromium against the real server on this machine, printed as one table.
 *   --only=device,replay,…  run some scenarios (keys below)   --quick  smaller sizes, fewer runs
 *   --no-build  reuse the app in .tmp/bench-app-dist             --server-prof  write the server's
 *   CPU profile (node --cpu-prof) to .tmp/bench-prof
 */
const SCENARIOS: Scenario[] = [deviceQueries, replay, pull, serverThroughput, firstLoad, coldStart, heap, lighthouseScores]

const args = process.argv.slice(2)
const flag = (name: string) => args.includes(`--${name}`)
const only = args.find(a => a.startsWith('--only='))?.slice('--only='.length).split(',')
const unknown = only?.filter(key => !SCENARIOS.some(s => s.key === key))
if (unknown?.length) {
  console.error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map(s => s.key).join(', ')}`)
  process.exit(2)
}
const chosen = SCENARIOS.filter(s => !only || only.includes(s.key))
const quick = flag('quick')
const started = Date.now()
const log = (message: string) => console.info(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`)

log(flag('no-build') ? 'building the bench page' : 'building the app and the bench page')
await buildAll(!flag('no-build'))
const profDir = path.resolve('.tmp/bench-prof')
const server = await new BenchServer(flag('server-prof') ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []).start()
log(`server on ${server.url} (pid ${server.pid})`)

const raw: Record<string, unknown> = {}
const figures: Figure[] = []
const failures: string[] = []
try {
  for (const scenario of chosen) {
    log(`${scenario.key}: ${scenario.title}`)
    const ctx: ScenarioContext = { server, quick, raw, log: message => log(`  ${message}`) }
    try {
      const got = await scenario.run(ctx)
      figures.push(...got)
      for (const f of got) log(`  ${f.name}: ${f.value.toFixed(2)} ${f.unit} ${passes(f) ? 'pass' : 'FAIL'}`)
    }
    catch (error) {
      // One broken scenario must not cost the figures of the others.
      failures.push(`${scenario.key}: ${error instanceof Error ? error.stack : String(error)}`)
      log(`  ${scenario.key} failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}
finally {
  await server.dispose()
}

fs.mkdirSync('.tmp', { recursive: true })
const out = path.resolve('.tmp/bench-results.json')
fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), quick, figures, raw, failures }, null, 2))
console.info(`\nShiftDesk performance (${quick ? 'quick' : 'full'} run, ${((Date.now() - started) / 60_000).toFixed(1)} min; raw runs: ${out})\n`)
console.info(formatTable(figures))
for (const failure of failures) console.error(`\nscenario failed: ${failure}`)
process.exitCode = failures.length ? 1 : 0
