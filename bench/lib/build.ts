import path from 'node:path'
import { build } from 'vite'

/** The app as it ships (with its service worker) and the bench page, each in a folder of its own. */
export const APP_DIST = path.resolve('.tmp/bench-app-dist')
export const BENCH_DIST = path.resolve('.tmp/bench-dist')

/** The bench page is always rebuilt (a few seconds); the app unless `app` is false (--no-build). */
export async function buildAll(app = true): Promise<void> {
  if (app) await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir: APP_DIST, emptyOutDir: true } })
  await build({ configFile: 'vite.bench.config.ts' })
}
