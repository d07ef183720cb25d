import fastifyStatic from '@fastify/static'
import { buildApp } from '../../server/app'

/**
 * The real central server in its own process (so the load generator and Chromium do not share its
 * event loop), with the benchmark page beside the app under /__bench/. Run by bench/lib/server.ts.
 * Args: dataDir appDist benchDist port. Prints {"port": n} once listening.
 */
const [dataDir, appDist, benchDist, port] = process.argv.slice(2)
const app = await buildApp({ dataDir: dataDir!, demo: true, distDir: appDist!, logger: false })
await app.register(fastifyStatic, { root: benchDist!, prefix: '/__bench/', decorateReply: false })
await app.listen({ port: Number(port ?? 0), host: '127.0.0.1' })
const address = app.server.address()
console.info(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }))
process.on('SIGTERM', () => { void app.close().then(() => process.exit(0)) })
