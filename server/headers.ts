import type { FastifyInstance } from 'fastify'

/** The app loads only its own scripts, styles, workers and API; inline styles are Vue transitions'. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
  "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'", "base-uri 'none'", "frame-ancestors 'none'",
].join('; ')

export function registerHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff')
    // Case data must never sit in a browser or proxy cache; the device keeps it in IndexedDB.
    if (request.url.startsWith('/api/') || request.url === '/api') reply.header('Cache-Control', 'no-store')
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
      reply.header('Referrer-Policy', 'no-referrer')
    }
    return payload
  })
}
