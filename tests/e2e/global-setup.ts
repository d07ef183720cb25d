import { build } from 'vite'
import { E2E_DIST } from './dist-dir'

/**
 * Browser tests test what ships: the production build with its real service worker, built into a
 * folder of their own so they never overwrite the `dist/` that `npm start` serves.
 */
export default async function setup(): Promise<void> {
  await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir: E2E_DIST, emptyOutDir: true } })
}
