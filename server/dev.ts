import path from 'node:path'
import { createServer } from 'vite'
import { buildApp } from './app'

/**
 * `npm run dev`: the API on 127.0.0.1:8787 (vite.config.ts proxies /api there) and Vite's dev
 * server for the app, in one process so one Ctrl+C stops both.
 */
const API_PORT = 8787
const api = await buildApp({ dataDir: path.resolve(process.env.DATA_DIR ?? './data'), demo: process.env.DEMO !== '0', distDir: null, logger: true })
await api.listen({ port: API_PORT, host: '127.0.0.1' })
console.info(`API on http://127.0.0.1:${API_PORT}`)

const vite = await createServer({ configFile: 'vite.config.ts' })
await vite.listen()
vite.printUrls()

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    Promise.all([vite.close(), api.close()]).then(() => process.exit(0), () => process.exit(1))
  })
}
