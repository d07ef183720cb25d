import path from 'node:path'
import { build } from 'vite'
import { E2E_DIST } from './dist-dir'

/**
 * Browser tests test what ships: the production build with its real service worker, built into a
 * folder of their own so they never overwrite the `dist/` that `npm start` serves. Vitest runs
 * with NODE_ENV=test, which would make Vite bundle Vue's development build: switch it for the build.
 */
export default async function setup(): Promise<void> {
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ configFile: 'vite.config.ts', mode: 'production', logLevel: 'warn', build: { outDir: E2E_DIST, emptyOutDir: true } })
    // The public booking page, into <dist>/booking as `npm run build` puts it.
    await build({ configFile: 'vite.booking.config.ts', mode: 'production', logLevel: 'warn', build: { outDir: path.join(E2E_DIST, 'booking'), emptyOutDir: true } })
  }
  finally {
    process.env.NODE_ENV = nodeEnv
  }
}
