import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'

/**
 * The staff app loads only its own scripts, styles, workers and API; inline styles are Vue
 * transitions'. No `upgrade-insecure-requests`: a centre may serve tablets over plain HTTP on its
 * own network, and upgraded requests would then fail.
 */
export const APP_CSP = {
  defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"], workerSrc: ["'self'"], manifestSrc: ["'self'"], baseUri: ["'none'"], frameAncestors: ["'none'"],
}

/**
 * Helmet's headers (CSP, nosniff, no-referrer, frame and cross-origin policies) on every answer.
 * Helmet would send Strict-Transport-Security on every answer, over plain HTTP too; that is
 * `registerHsts`'s job instead.
 */
export async function registerSecurityHeaders(app: FastifyInstance, csp: Record<string, string[]> = APP_CSP): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: csp },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  })
}

/**
 * A year, without includeSubDomains: the server cannot know whether every other site under the
 * centre's domain speaks HTTPS.
 */
export const HSTS = 'max-age=31536000'

/**
 * Strict-Transport-Security only on answers to HTTPS requests: made over TLS to this server, or
 * said to be HTTPS by a trusted proxy's X-Forwarded-Proto (TRUST_PROXY; Fastify ignores the header
 * from anyone else). A browser ignores it over HTTP anyway, but a centre serving tablets over plain
 * HTTP on its own network must never be told to insist on HTTPS by a forged header.
 */
export function registerHsts(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.protocol === 'https') reply.header('Strict-Transport-Security', HSTS)
    return payload
  })
}

/** Case data must never sit in a browser or proxy cache; the device keeps it in IndexedDB. */
export function registerNoStoreForApi(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') || request.url === '/api') reply.header('Cache-Control', 'no-store')
    return payload
  })
}
