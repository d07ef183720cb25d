import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { uuidv7 } from 'uuidv7'
import { formatCaseNo } from '../../src/domain/case-number'
import type { LoginResponse, Mutation, PullResponse, PushResponse } from '../../src/domain/protocol'
import { creditCodeCheckChar } from '../../src/domain/credit-code'
import { residentIdCheckChar } from '../../src/domain/resident-id'
import type { ServiceItem } from '../../src/domain/service-item'
import { type AppOptions, buildApp } from '../../server/app'
import { DB_FILE } from '../../server/store/sqlite-store'
import { DEMO_PASSWORD } from '../../server/seed/demo-org'

/** A real server on a free port over a real SQLite file in a fresh temp dir. */
export interface TestServer {
  app: FastifyInstance
  url: string
  dataDir: string
  /** A second connection to the same file, for assertions and for breaking things on purpose. */
  sql: SQLite.Database
  close: () => Promise<void>
}

export async function startServer(opts: Pick<AppOptions, 'demo' | 'distDir' | 'now' | 'trustProxy' | 'logStream'> = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shiftdesk-'))
  const app = await buildApp({ ...opts, dataDir, demo: opts.demo ?? true, distDir: opts.distDir ?? null, logger: false, checkResponses: true })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const sql = new SQLite(path.join(dataDir, DB_FILE))
  return {
    app, url: address, dataDir, sql,
    close: async () => {
      sql.close()
      await app.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface Answer<T = unknown> { status: number, headers: Headers, body: T }

export async function request<T = unknown>(server: TestServer, method: string, url: string, opts: { token?: string, json?: unknown, raw?: string, headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...opts.headers }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  if (opts.json !== undefined || opts.raw !== undefined) headers['content-type'] ??= 'application/json'
  const response = await fetch(server.url + url, { method, headers, body: opts.raw ?? (opts.json === undefined ? undefined : JSON.stringify(opts.json)) })
  const text = await response.text()
  const isJson = response.headers.get('content-type')?.includes('json') && text
  return { status: response.status, headers: response.headers, body: (isJson ? JSON.parse(text) : text) as T }
}

/**
 * A request from the local address `address` (any of 127.0.0.0/8 on Linux), as a client on a
 * machine of its own would send it: per-address limits see it as that client.
 */
export function requestFrom<T = unknown>(address: string, server: { url: string }, method: string, path: string, opts: { json?: unknown, headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const url = new URL(path, server.url)
  const body = opts.json === undefined ? undefined : JSON.stringify(opts.json)
  const headers = { ...opts.headers, ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }) }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, localAddress: address, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (chunk: string) => { text += chunk }).on('end', () => {
        const isJson = res.headers['content-type']?.includes('json') && text
        const answerHeaders = new Headers()
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') answerHeaders.set(name, value)
        resolve({ status: res.statusCode!, headers: answerHeaders, body: (isJson ? JSON.parse(text) : text) as T })
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

export async function login(server: TestServer, username: string, deviceId = `dev-${username}`): Promise<LoginResponse & { deviceId: string }> {
  const answer = await request<LoginResponse>(server, 'POST', '/api/auth/login', { json: { username, password: DEMO_PASSWORD, deviceId } })
  if (answer.status !== 200) throw new Error(`login ${username} failed: ${answer.status} ${JSON.stringify(answer.body)}`)
  return { ...answer.body, deviceId }
}

export type Session = Awaited<ReturnType<typeof login>>

export const push = (server: TestServer, session: Session, mutations: unknown[], deviceId = session.deviceId) =>
  request<PushResponse>(server, 'POST', '/api/sync/push', { token: session.token, json: { deviceId, mutations } })

export const pull = (server: TestServer, session: Session, query = '') =>
  request<PullResponse>(server, 'GET', `/api/sync/pull${query}`, { token: session.token })

export async function catalogue(server: TestServer, session: Session): Promise<ServiceItem[]> {
  const answer = await pull(server, session, '?limit=1000')
  return answer.body.changes.flatMap(c => c.entity === 'serviceItem' && c.data ? [c.data] : [])
}

/** A valid resident ID (Ordos region, checksum computed), varied by n. */
export function residentId(n: number): string {
  const first17 = `150602199${n % 10}0${(n % 9) + 1}1${n % 10}${String(n % 1000).padStart(3, '0')}`
  return first17 + residentIdCheckChar(first17)
}

/** A valid unified social credit code from its first 17 characters. */
export const creditCode = (first17: string) => first17 + creditCodeCheckChar(first17)

let caseCounter = 0
type Base = { session: Session, baseVersion?: number, deviceId?: string }

function mutation(m: Base & { entityId: string, op: Mutation['op'], payload: Record<string, unknown> }): Mutation {
  return {
    id: uuidv7(), deviceId: m.deviceId ?? m.session.deviceId, actorId: m.session.user.id, entity: 'case',
    entityId: m.entityId, op: m.op, baseVersion: m.baseVersion ?? 0, payload: m.payload, clientTime: new Date().toISOString(),
  }
}

export function createCase(session: Session, item: ServiceItem, fields: Record<string, unknown> = {}): Mutation {
  const n = ++caseCounter
  return mutation({
    session, entityId: uuidv7(), op: 'case.create', payload: {
      caseNo: formatCaseNo(session.center.code, new Date().toISOString().slice(0, 10), 'TEST0', n),
      receivedAt: new Date().toISOString(),
      applicantType: 'person', applicantName: '测试申请人', idNumber: residentId(n), contactName: '', phone: '13812345678',
      serviceItemId: item.id, materials: [], channel: 'window', windowNo: 'A01', notes: '', ...fields,
    },
  })
}

export const updateCase = (session: Session, entityId: string, fields: Record<string, unknown>, opts: { baseVersion?: number, deviceId?: string } = {}) =>
  mutation({ session, entityId, op: 'case.update', payload: { fields }, ...opts })

export const transitionCase = (session: Session, entityId: string, action: string, opts: { baseVersion?: number, deviceId?: string, note?: string } = {}) =>
  mutation({ session, entityId, op: 'case.transition', payload: { action, ...(opts.note ? { note: opts.note } : {}) }, ...opts })

export const countRows = (server: TestServer, table: string, where = '1 = 1', ...params: unknown[]) =>
  (server.sql.prepare(`select count(*) as n from ${table} where ${where}`).get(...params) as { n: number }).n

export const currentSeq = (server: TestServer) =>
  Number((server.sql.prepare('select value from meta where key = \'seq\'').get() as { value: string }).value)

/** A server with the demo data and a clerk signed in, with the catalogue item cases are taken in for. */
export async function serverWithClerk(username = 'ord-clerk1', itemCode = 'SI-001') {
  const server = await startServer()
  const clerk = await login(server, username)
  const item = (await catalogue(server, clerk)).find(i => i.code === itemCode)!
  return { server, clerk, item }
}
