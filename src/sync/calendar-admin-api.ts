import type { FieldErrors, HolidayEntry, ServiceCalendar, ServiceCenter } from '../domain'
import { CentralUnreachable } from './central-api'

/**
 * The calendar editor's calls to the central system (online only: an administrator's edit is
 * checked and saved there at once, not queued). Answers come back as status and body, so the
 * editor can show a 400's field errors under the fields and a 409's newer version.
 */
export interface StoredCalendar { centerId: string, version: number, updatedAt: string | null, calendar: ServiceCalendar }
export interface Answer<T> { status: number, body: T }
/** A 400's field errors, a 409's reason and current copy, or a message. */
export interface ErrorBody { message?: string, reason?: string, fields?: FieldErrors, current?: StoredCalendar }

async function call<T>(token: string, method: 'GET' | 'PUT', path: string, json?: unknown): Promise<Answer<T & ErrorBody>> {
  let response: Response
  try {
    response = await fetch(path, {
      method, cache: 'no-store', signal: AbortSignal.timeout(20_000),
      headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      body: json === undefined ? undefined : JSON.stringify(json),
    })
  }
  catch (error) {
    throw new CentralUnreachable(error instanceof Error ? error.message : String(error))
  }
  const body = await response.json().catch(() => null) as (T & ErrorBody) | null
  // A captive portal's HTML is no answer of the central system.
  if (body === null || typeof body !== 'object') throw new CentralUnreachable(`unexpected answer from ${path}`)
  return { status: response.status, body }
}

export const fetchCenters = (token: string) => call<{ centers: ServiceCenter[] }>(token, 'GET', '/api/centers')
export const fetchCalendar = (token: string, centerId: string) =>
  call<StoredCalendar>(token, 'GET', `/api/centers/${encodeURIComponent(centerId)}/calendar`)
export const saveCalendar = (token: string, centerId: string, baseVersion: number, calendar: ServiceCalendar) =>
  call<StoredCalendar>(token, 'PUT', `/api/centers/${encodeURIComponent(centerId)}/calendar`, { baseVersion, calendar })
export const fetchHolidays = (token: string, year: number) => call<{ year: number, days: HolidayEntry[] }>(token, 'GET', `/api/holidays/${year}`)
export const saveHolidays = (token: string, year: number, days: HolidayEntry[]) =>
  call<{ year: number, days: HolidayEntry[] }>(token, 'PUT', `/api/holidays/${year}`, { days })
