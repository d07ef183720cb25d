import type { Figure } from './figures'
import type { BenchServer } from './server'

/** What every scenario gets: the running server, the size mode, and a place for its raw data. */
export interface ScenarioContext {
  server: BenchServer
  quick: boolean
  /** Raw runs and details, written to .tmp/bench-results.json beside the table. */
  raw: Record<string, unknown>
  log: (message: string) => void
}

export interface Scenario {
  /** Name for --only=… */
  key: string
  title: string
  run: (ctx: ScenarioContext) => Promise<Figure[]>
}
