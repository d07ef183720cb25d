import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestServer, request, startServer } from './helpers'

let server: TestServer
let bare: TestServer
const SHELL = '<!doctype html><title>ShiftDesk test shell</title>'

beforeAll(async () => {
  // A tiny fake build output, the shape `vite build` makes.
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'shiftdesk-dist-'))
  fs.mkdirSync(path.join(dist, 'assets'))
  fs.writeFileSync(path.join(dist, 'index.html'), SHELL)
  fs.writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("install", () => {})')
  fs.writeFileSync(path.join(dist, 'manifest.webmanifest'), '{"name":"ShiftDesk"}')
  fs.writeFileSync(path.join(dist, 'assets', 'index-AbC123.js'), 'console.info("app")')
  server = await startServer({ demo: false, distDir: dist })
  bare = await startServer({ demo: false, distDir: path.join(dist, 'missing') })
  server.close = (close => async () => { await close(); fs.rmSync(dist, { recursive: true, force: true }) })(server.close)
})
afterAll(async () => { await server.close(); await bare.close() })

const html = { accept: 'text/html,application/xhtml+xml' }

describe('serving the built app', () => {
  it('serves index.html with no-cache and the security headers', async () => {
    const answer = await request(server, 'GET', '/', { headers: html })
    expect(answer.status).toBe(200)
    expect(answer.body).toBe(SHELL)
    expect(answer.headers.get('cache-control')).toBe('no-cache')
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer')
  })

  it('revalidates the service worker and manifest, and caches hashed assets for a year', async () => {
    expect((await request(server, 'GET', '/sw.js')).headers.get('cache-control')).toBe('no-cache')
    expect((await request(server, 'GET', '/manifest.webmanifest')).headers.get('cache-control')).toBe('no-cache')
    const asset = await request(server, 'GET', '/assets/index-AbC123.js')
    expect(asset.status).toBe(200)
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it('answers deep links with the app shell, but not missing assets or API routes', async () => {
    const deep = await request(server, 'GET', '/cases/0190aaaa-0000-7000-8000-000000000000', { headers: html })
    expect(deep.status).toBe(200)
    expect(deep.body).toBe(SHELL)
    expect(deep.headers.get('cache-control')).toBe('no-cache')
    expect((await request(server, 'GET', '/assets/missing.js')).status).toBe(404)
    const api = await request(server, 'GET', '/api/nothing-here', { headers: html })
    expect(api.status).toBe(404)
    expect(api.body).toEqual({ error: 'NOT_FOUND', message: 'No API route GET /api/nothing-here' })
    expect(api.headers.get('cache-control')).toBe('no-store')
  })

  it('answers 503 with a hint when the app is not built, while the API works', async () => {
    const answer = await request(bare, 'GET', '/')
    expect(answer.status).toBe(503)
    expect(answer.body).toContain('npm run build')
    expect((await request(bare, 'GET', '/api/health')).status).toBe(200)
  })
})
