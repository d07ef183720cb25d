import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { E2E_DIST } from './dist-dir'

const VITE = path.resolve('node_modules/vite/bin/vite.js')

/**
 * Browser tests test what ships: the production build with its real service worker, built into a
 * folder of their own so they never overwrite the `dist/` that `npm start` serves. The build runs
 * in a process of its own with NODE_ENV=production: in this one Vitest has set NODE_ENV=test and
 * loaded Vue's development compiler, whose output (kept comments, dev-only strings) differs from
 * what ships — and the first-load budget must measure what ships.
 */
export default function setup(): void {
  const build = (...args: string[]) => execFileSync(process.execPath, [VITE, 'build', '--logLevel', 'warn', '--emptyOutDir', ...args],
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  // With its manifest (.vite/manifest.json): the first-load test reads the chunk graph from it.
  build('--outDir', E2E_DIST, '--manifest')
  // The public booking page, into <dist>/booking as `npm run build` puts it.
  build('-c', 'vite.booking.config.ts', '--outDir', path.join(E2E_DIST, 'booking'))
}
