import path from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import { MAX_BODY_BYTES } from '../src/domain/protocol'
import { auditRoutes } from './audit/routes'
import { authRoutes } from './auth/routes'
import { bookingPage } from './booking/page'
import { publicBookingRoutes } from './booking/public-routes'
import { calendarRoutes } from './calendar/routes'
import { startCheckpointer } from './db/checkpointer'
import { openDatabase, sqliteOf } from './db/database'
import { migrateToLatest } from './db/migrations'
import { registerErrorHandlers } from './http-errors'
import { registerHeaders } from './headers'
import { seedDemoIfEmpty } from './seed/demo'
import { registerStatic } from './static'
import { pullRoutes } from './sync/pull'
import { pushRoutes } from './sync/push'

export interface AppOptions {
  dataDir: string
  /** Seed demo centres, accounts, catalogue and cases when the database is new. */
  demo?: boolean
  /** The built app (vite build output); null or missing serves the API only. */
  distDir?: string | null
  logger?: boolean
  /** The clock the public booking routes go by (today, slots still to come); tests set it. */
  now?: () => Date
}

/** The central sync server: one SQLite file under dataDir, the sync API, and the built app. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const db = openDatabase(opts.dataDir)
  try {
    await migrateToLatest(db)
    if (opts.demo) await seedDemoIfEmpty(db)
  } catch (error) {
    await db.destroy()
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
  app.decorateRequest('session', null)
  const stopCheckpoints = startCheckpointer(sqliteOf(db))
  app.addHook('onClose', async () => {
    await stopCheckpoints()
    await db.destroy()
  })
  registerErrorHandlers(app)
  registerHeaders(app)

  app.get('/api/health', async () => ({ ok: true, time: new Date().toISOString() }))
  await app.register(authRoutes(db))
  await app.register(pushRoutes(db))
  await app.register(pullRoutes(db))
  await app.register(auditRoutes(db))
  await app.register(calendarRoutes(db))
  await app.register(publicBookingRoutes(db, opts.now))
  await app.register(bookingPage(opts.distDir))
  await registerStatic(app, opts.distDir ? path.resolve(opts.distDir) : null)
  return app
}
