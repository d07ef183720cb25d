import * as v from 'valibot'
import { tellDeviceRevoked } from './device-revoked-hook'
import { type ApiRoute, type ErrorBody, ErrorBodySchema, type RouteRequest, type RouteResponse, routeUrl } from '../domain/api/route'

/**
 * The one client of the central server, for the staff app, its service worker and the public
 * booking page: requests are built from the contract's routes (src/domain/api) and every answer is
 * checked against the route's schema, so a captive portal or proxy answering 200 with HTML is
 * "unreachable", never success.
 */

/** No answer from the central system: offline, timed out, or something else answered in its place. */
export class CentralUnreachable extends Error {}

/** The central system answered with an error: `body` is its error answer (field errors, reason, stale copy). */
export class CentralError extends Error {
  constructor(readonly status: number, readonly body: ErrorBody | null, readonly retryAfter = 0) {
    super(body?.message ?? `HTTP ${status}`)
  }
}

/** 401: the session is unknown, expired or signed out. */
export class SessionRefused extends CentralError {}

/** 401 DEVICE_REVOKED: an administrator revoked this device; it must wipe what it holds (src/db/device-wipe.ts). */
export class DeviceRevoked extends SessionRefused {}

/** 401 ACCOUNT_DISABLED: an administrator disabled this person; their session on the device ends. */
export class AccountDisabled extends SessionRefused {}

/** How a refused session ends on the device: an account disabled ends it, anything else holds it (sessions.ts). */
export const endedBy = (refusal: SessionRefused) => refusal instanceof AccountDisabled ? 'accountDisabled' as const : undefined

const refusalOf = (status: number, code: string | undefined) => {
  if (status !== 401) return CentralError
  return code === 'DEVICE_REVOKED' ? DeviceRevoked : code === 'ACCOUNT_DISABLED' ? AccountDisabled : SessionRefused
}

export interface CallOptions {
  /** Where the central system is; '' for the page's own origin. */
  baseUrl?: string
  token?: string
  timeoutMs?: number
}

const TIMEOUT_MS = 20_000

function queryString(query: Record<string, unknown> | undefined): string {
  const entries = Object.entries(query ?? {}).filter(([, value]) => value !== undefined).map(([key, value]) => [key, String(value)])
  return entries.length ? `?${new URLSearchParams(entries)}` : ''
}

export async function callApi<R extends ApiRoute>(route: R, request: RouteRequest<R>, opts: CallOptions = {}): Promise<RouteResponse<R>> {
  const { params, query, body } = request as { params?: Record<string, unknown>, query?: Record<string, unknown>, body?: unknown }
  let response: Response
  try {
    response = await fetch((opts.baseUrl ?? '') + routeUrl(route, params) + queryString(query), {
      method: route.method,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      signal: AbortSignal.timeout(opts.timeoutMs ?? TIMEOUT_MS),
    })
  }
  catch (error) {
    throw new CentralUnreachable(error instanceof Error ? error.message : String(error))
  }
  const answer: unknown = await response.json().catch(() => undefined)
  if (!response.ok) {
    const parsed = v.safeParse(ErrorBodySchema, answer)
    const Refusal = refusalOf(response.status, parsed.success ? parsed.output.error : undefined)
    if (Refusal === DeviceRevoked) tellDeviceRevoked()
    throw new Refusal(response.status, parsed.success ? parsed.output : null, Number(response.headers.get('retry-after')) || 0)
  }
  if (route.response === null) return null as RouteResponse<R>
  const parsed = v.safeParse(route.response, answer)
  if (!parsed.success) throw new CentralUnreachable(`unexpected answer from ${route.path}`)
  return parsed.output as RouteResponse<R>
}
