import fs from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { registerSecurityHeaders } from '../http/security-headers'

/**
 * The public booking page at /book/ (built by vite.booking.config.ts into <dist>/booking). Same
 * cache rules as the staff app (server/static.ts): the HTML is revalidated on every load, hashed
 * /book/assets files are kept for a year. Its own CSP, narrower than the staff app's: no workers,
 * no manifest, no inline styles, no images but its own; it talks only to this server's API.
 */
export const BOOKING_CSP = {
  defaultSrc: ["'none'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'"], connectSrc: ["'self'"],
  baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"],
}

export function bookingPage(distDir: string | null | undefined) {
  const root = distDir ? path.resolve(distDir, 'booking') : null
  const built = !!root && fs.existsSync(path.join(root, 'index.html'))

  return async (app: FastifyInstance) => {
    // /book, as people type it or read it on a poster, goes to the page.
    app.get('/book', async (_request, reply) => reply.redirect('/book/', 301))
    // The build output also lies under the staff app's root (dist/booking): not served from there.
    app.get('/booking/*', async (_request, reply) => reply.redirect('/book/', 301))
    await app.register(async (scope) => {
      // Runs after the app-wide headers (server/http/security-headers.ts), so this page gets its own policy.
      await registerSecurityHeaders(scope, BOOKING_CSP)
      // Anything under /book/ that is not a file of the page is a plain 404, never the staff app.
      scope.setNotFoundHandler(async (_request, reply) => built
        ? reply.code(404).type('text/plain; charset=utf-8').send('Not found')
        : reply.code(503).type('text/plain; charset=utf-8').send('The booking page is not built yet: run `npm run build`, then restart the server.'))
      if (!built) return
      await scope.register(fastifyStatic, {
        root: root!,
        prefix: '/',
        decorateReply: false,
        cacheControl: false,
        setHeaders: (reply: FastifyReply, filePath: string) => {
          const relative = path.relative(root!, filePath).split(path.sep).join('/')
          reply.header('Cache-Control', relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
        },
      })
    }, { prefix: '/book' })
  }
}
