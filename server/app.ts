import path from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import { MAX_BODY_BYTES } from '../src/domain/protocol'
import { keyChain } from './audit/append'
import { loadAuditKey } from './audit/audit-key'
import { auditHandlers } from './audit/routes'
import { authHandlers } from './auth/routes'
import { bookingPage } from './booking/page'
import { publicBookingHandlers } from './booking/public-routes'
import { calendarHandlers } from './calendar/routes'
import { registerApi } from './http/api'
import { registerErrorHandlers } from './http/errors'
import { registerJsonParser } from './http/json-body'
import { registerNoStoreForApi, registerSecurityHeaders } from './http/security-headers'
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
  /** Check every answer against the contract (src/domain/api) and answer 500 when one does not match: on in tests. */
  checkResponses?: boolean
  /** The clock the public booking routes go by (today, slots still to come); tests set it. */
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

  const app = Fastify({
    // Request bodies and headers (tokens) are never logged; the serializers keep only method and URL.
    logger: opts.logger ? { serializers: { req: req => ({ method: req.method, url: req.url.split('?')[0] }) } } : false,
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: false,
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
  registerNoStoreForApi(app)

  await registerApi(app, store, {
    ...syncHandlers(store, new ServiceItemCache(), auditKey),
    ...await authHandlers(store),
    ...auditHandlers(store, auditKey),
    ...await calendarHandlers(store),
    ...publicBookingHandlers(store, opts.now),
  }, { checkResponses: opts.checkResponses })
  await app.register(bookingPage(opts.distDir))
  await registerStatic(app, opts.distDir ? path.resolve(opts.distDir) : null)
  return app
}
