import path from 'node:path'
import rateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyInstance } from 'fastify'
import { MAX_BODY_BYTES } from '../src/domain/protocol'
import { accountHandlers } from './accounts/routes'
import { keyChain } from './audit/append'
import { loadAuditKey } from './audit/audit-key'
import { auditHandlers } from './audit/routes'
import { authHandlers } from './auth/routes'
import { bookingPage } from './booking/page'
import { publicBookingHandlers } from './booking/public-routes'
import { calendarHandlers } from './calendar/routes'
import { DeviceContact } from './devices/device-contact'
import { deviceHandlers } from './devices/routes'
import { registerApi } from './http/api'
import { registerErrorHandlers } from './http/errors'
import { registerJsonParser } from './http/json-body'
import { registerHsts, registerNoStoreForApi, registerSecurityHeaders } from './http/security-headers'
import { type TrustProxy, fastifyTrustProxy } from './http/trust-proxy'
import { seedDemoIfEmpty } from './seed/demo'
import { registerStatic } from './static'
import { openSqliteStore } from './store/sqlite-store'
import type { Store } from './store/store'
import { ServiceItemCache } from './sync/service-items'
import { syncHandlers } from './sync/routes'

export interface AppOptions {
  dataDir: string
  /** Seed demo centres, accounts, catalogue and cases when the database is new. */
  demo?: boolean
  /** The built app (vite build output); null or missing serves the API only. */
  distDir?: string | null
  logger?: boolean
  /** Where the log goes (JSON lines) instead of stdout; turns the logger on (tests read it). */
  logStream?: NodeJS.WritableStream
  /** Peers trusted to give the client's address and protocol (TRUST_PROXY, server/http/trust-proxy.ts); off by default. */
  trustProxy?: TrustProxy
  /** Check every answer against the contract (src/domain/api) and answer 500 when one does not match: on in tests. */
  checkResponses?: boolean
  /** The clock the public booking routes (today, slots still to come), the sign-in limits and devices' last contact go by; tests set it. */
  now?: () => Date
  /** Environment for the audit key (AUDIT_KEY, AUDIT_KEY_FILE); process.env unless given. */
  env?: NodeJS.ProcessEnv
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The central database (server/store). */
    store: Store
    /** Every route this server serves (method and path), for tests that walk them all. */
    served: readonly { method: string, url: string }[]
  }
}

/** The central sync server: the database under dataDir, the API of src/domain/api, and the built app. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  // Made at the first start; refused before the database is touched when it cannot be read.
  const auditKey = loadAuditKey(opts.dataDir, { create: true, env: opts.env })
  const store = openSqliteStore(opts.dataDir)
  try {
    await store.migrate()
    await store.write(tx => keyChain(tx, auditKey))
    if (opts.demo) await seedDemoIfEmpty(store, auditKey)
  }
  catch (error) {
    await store.close()
    throw error
  }

  // Request bodies, headers (tokens) and client addresses are never logged; the serializers keep only
  // method and URL. Limits log a keyed hash of the address (server/http/limit-log.ts).
  const serializers = { req: (req: { method: string, url: string }) => ({ method: req.method, url: req.url.split('?')[0] }) }
  const app = Fastify({
    logger: opts.logStream ? { serializers, stream: opts.logStream } : opts.logger ? { serializers } : false,
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: fastifyTrustProxy(opts.trustProxy ?? false),
  })
  // The API speaks JSON only; other bodies get one clear 400 instead of a confusing validation error.
  app.removeContentTypeParser('text/plain')
  registerJsonParser(app)
  app.decorate('store', store)
  const served: { method: string, url: string }[] = []
  app.decorate('served', served)
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) served.push({ method, url: route.url })
  })
  app.addHook('onClose', () => store.close())
  registerErrorHandlers(app)
  await registerSecurityHeaders(app)
  registerHsts(app)
  registerNoStoreForApi(app)
  // Only where a route asks for it (perAddress in server/http/rate-limit.ts); only Retry-After, on a 429.
  await app.register(rateLimit, {
    global: false,
    addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': true },
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
  })

  await registerApi(app, store, {
    ...syncHandlers(store, new ServiceItemCache(), auditKey),
    ...await authHandlers(store, app, opts.now && (() => opts.now!().getTime())),
    ...accountHandlers(store),
    ...deviceHandlers(store),
    ...auditHandlers(store, auditKey),
    ...await calendarHandlers(store),
    ...publicBookingHandlers(store, app, opts.now),
  }, { checkResponses: opts.checkResponses, deviceContact: new DeviceContact(store, opts.now) })
  await app.register(bookingPage(opts.distDir))
  await registerStatic(app, opts.distDir ? path.resolve(opts.distDir) : null)
  return app
}
