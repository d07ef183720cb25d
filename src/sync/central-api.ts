import * as v from 'valibot'

/**
 * The only door to the central system for case data. Every answer is checked against the protocol
 * schema: a captive portal or proxy answering 200 with HTML is "unreachable", never success.
 */
export class CentralUnreachable extends Error {}
export class SessionRefused extends Error {}
export class CentralError extends Error {
  constructor(readonly status: number, message: string) { super(message) }
}

const TIMEOUT_MS = 20_000

export async function callCentral<S extends v.GenericSchema>(
  baseUrl: string, path: string, schema: S, init: { token?: string, body?: unknown } = {},
): Promise<v.InferOutput<S>> {
  let response: Response
  try {
    response = await fetch(baseUrl + path, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  }
  catch (error) {
    throw new CentralUnreachable(error instanceof Error ? error.message : String(error))
  }
  if (response.status === 401) throw new SessionRefused('session refused')
  const body: unknown = await response.json().catch(() => undefined)
  if (!response.ok) {
    const message = (body as { message?: string } | undefined)?.message ?? response.statusText
    throw new CentralError(response.status, message)
  }
  const parsed = v.safeParse(schema, body)
  if (!parsed.success) throw new CentralUnreachable(`unexpected answer from ${path}`)
  return parsed.output
}

const HealthSchema = v.object({ ok: v.literal(true), time: v.string() })

/** Reachability is probed, never assumed from navigator.onLine. */
export async function probeCentral(baseUrl: string): Promise<boolean> {
  try {
    await callCentral(baseUrl, '/api/health', HealthSchema)
    return true
  }
  catch {
    return false
  }
}
