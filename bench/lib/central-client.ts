import { uuidv7 } from 'uuidv7'
import type { LoginResponse, Mutation, PullResponse, PushResponse, ServiceItem } from '../../src/domain'
import { centerDay, formatCaseNo } from '../../src/domain'
import { fakeIntake } from '../shared/fake-cases'

/** A simulated device talking plain HTTP to the central server: what a tablet sends, made in Node. */
export interface NodeDevice { url: string, deviceId: string, tag: string, login: LoginResponse, items: ServiceItem[], made: number }

const DEMO_PASSWORD = 'shiftdesk-demo'

async function call<T>(url: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers = { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) }
  const response = await fetch(url, { ...init, headers })
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`)
  return response.json() as Promise<T>
}

/** Signs in as a demo user with its own device id and fetches the catalogue. `tag` keeps its case numbers apart. */
export async function nodeDevice(url: string, username: string, deviceId: string, tag: string): Promise<NodeDevice> {
  const login = await call<LoginResponse>(`${url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ username, password: DEMO_PASSWORD, deviceId }) })
  const page = await call<PullResponse>(`${url}/api/sync/pull?limit=100`, { token: login.token })
  const items = page.changes.flatMap(c => c.entity === 'serviceItem' && c.data ? [c.data] : [])
  return { url, deviceId, tag, login, items, made: 0 }
}

/** `count` case.create mutations as the app makes them (valid intakes, the device's next case numbers). */
export function createMutations(device: NodeDevice, random: () => number, count: number): Mutation[] {
  const now = new Date()
  const day = centerDay(now)
  return Array.from({ length: count }, () => {
    const intake = fakeIntake(random, device.login.center, device.items)
    const caseNo = formatCaseNo(device.login.center.code, day, device.tag, ++device.made)
    return {
      id: uuidv7(), deviceId: device.deviceId, actorId: device.login.user.id, entity: 'case', entityId: uuidv7(),
      op: 'case.create', baseVersion: 0, payload: { ...intake, caseNo, receivedAt: now.toISOString() }, clientTime: now.toISOString(),
    }
  })
}

/** GET as a signed-in device (e.g. the audit verification as admin). */
export const getAs = <T>(device: NodeDevice, path: string) => call<T>(`${device.url}${path}`, { token: device.login.token })

/** The JSON body of a push of `mutations` by this device, made ahead of sending. */
export const pushBody = (device: NodeDevice, mutations: Mutation[]) => JSON.stringify({ deviceId: device.deviceId, mutations })

export const pushPrepared = (device: NodeDevice, body: string) =>
  call<PushResponse>(`${device.url}/api/sync/push`, { method: 'POST', token: device.login.token, body })

export const pushBatch = (device: NodeDevice, mutations: Mutation[]) => pushPrepared(device, pushBody(device, mutations))

/** A device tag (5 Crockford base32 characters) from a number, so simulated devices never collide. */
export function deviceTag(n: number): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
  let tag = ''
  for (let i = 0; i < 5; i++, n = Math.floor(n / 32)) tag = alphabet[n % 32] + tag
  return tag
}
