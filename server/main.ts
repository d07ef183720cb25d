import path from 'node:path'
import { NO_ADMIN_HELP, hasAdministrator, refusalToListen } from './accounts/first-admin'
import { buildApp } from './app'
import { demoSignIns } from './seed/demo'
import { DEMO_PASSWORD } from './seed/demo-org'
import { parseTrustProxy } from './http/trust-proxy'
import { hasBuiltApp } from './static'

/** `npm run serve` / `npm start`: the sync API and the built app, configured by environment. */
const port = Number(process.env.PORT ?? 8080)
const host = process.env.HOST ?? '127.0.0.1'
const dataDir = path.resolve(process.env.DATA_DIR ?? './data')
const distDir = path.resolve(process.env.DIST_DIR ?? './dist')
const demo = process.env.DEMO !== '0'
let trustProxy
try {
  trustProxy = parseTrustProxy(process.env.TRUST_PROXY)
}
catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}

if (!hasBuiltApp(distDir)) {
  console.warn(`No built app in ${distDir}: serving the API only (run \`npm run build\` for the app).`)
}
const app = await buildApp({ dataDir, demo, distDir, logger: true, trustProxy })
// The demo's published password must never be reachable from the network.
const refusal = await refusalToListen(app.store, host)
if (refusal) {
  console.error(refusal)
  await app.close()
  process.exit(1)
}
await app.listen({ port, host })
console.info(`ShiftDesk listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port} (data: ${dataDir})`)
console.info(trustProxy === false
  ? 'TRUST_PROXY is off: X-Forwarded-For and X-Forwarded-Proto are ignored, limits key on the connecting address.'
  : `Trusted proxies (TRUST_PROXY): ${Array.isArray(trustProxy) ? trustProxy.join(', ') : `${trustProxy} hop(s)`}`)
await printDemoSignIns()
if (!await hasAdministrator(app.store)) console.warn(NO_ADMIN_HELP)

let closing = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return
    closing = true
    console.info(`${signal}: closing`)
    // app.close() stops accepting connections, lets running requests finish, then closes the database.
    app.close().then(() => process.exit(0), (error: unknown) => {
      console.error(error)
      process.exit(1)
    })
  })
}

async function printDemoSignIns(): Promise<void> {
  const rows = await demoSignIns(app.store)
  if (!rows.length) return
  console.info(`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`)
  const table = [['username', 'password', 'role', 'name', 'centre'], ...rows.map(r => [r.username, DEMO_PASSWORD, r.role, r.name, `${r.code} ${r.centerName}`])]
  for (const line of formatTable(table)) console.info(line)
}

/** Columns padded by display width (a CJK character takes two terminal cells). */
function formatTable(rows: string[][]): string[] {
  const width = (text: string) => [...text].reduce((sum, ch) => sum + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0)
  const columns = rows[0]!.map((_, i) => Math.max(...rows.map(row => width(row[i]!))))
  return rows.map(row => '  ' + row.map((cell, i) => cell + ' '.repeat(columns[i]! - width(cell))).join('  ').trimEnd())
}
