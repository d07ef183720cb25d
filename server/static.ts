import fs from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ErrorBody } from '../src/domain/api/route'

/**
 * Serves the built app. Files a new release must replace at once (the HTML shell, the service
 * worker and its registration, the manifest) are revalidated on every load; hashed files under
 * /assets never change, so browsers may keep them for a year.
 */

export const hasBuiltApp = (distDir: string | null | undefined): distDir is string =>
  !!distDir && fs.existsSync(path.join(distDir, 'index.html'))

// index.html, sw.js, registerSW.js, manifest.webmanifest and unhashed files like icons: revalidate
// (cheap with their ETag); only content-hashed /assets files are immutable.
const cacheControlFor = (relativePath: string) =>
  relativePath.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'

const wantsHtml = (request: FastifyRequest) =>
  (request.method === 'GET' || request.method === 'HEAD') && (request.headers.accept ?? '').includes('text/html')

const isApi = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?')

export async function registerStatic(app: FastifyInstance, distDir: string | null | undefined): Promise<void> {
  const root = hasBuiltApp(distDir) ? path.resolve(distDir) : null
  if (root) {
    await app.register(fastifyStatic, {
      root,
      cacheControl: false,
      setHeaders: (reply: FastifyReply, filePath: string) => {
        reply.header('Cache-Control', cacheControlFor(path.relative(root, filePath).split(path.sep).join('/')))
      },
    })
  }

  app.setNotFoundHandler(async (request, reply) => {
    if (isApi(request.url)) {
      return reply.code(404).send({ error: 'NOT_FOUND', message: `No API route ${request.method} ${request.url.split('?')[0]}` } satisfies ErrorBody)
    }
    const url = request.url.split('?')[0]!
    if (!root && (url === '/' || wantsHtml(request))) {
      return reply.code(503).type('text/plain; charset=utf-8')
        .send('ShiftDesk is not built yet: run `npm run build`, then restart the server. The API under /api works.')
    }
    // Deep links of the single-page app (e.g. /cases/123) get the shell; the router takes it from there.
    if (root && wantsHtml(request) && !url.startsWith('/assets/')) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html')
    }
    return reply.code(404).type('text/plain; charset=utf-8').send('Not found')
  })
}
