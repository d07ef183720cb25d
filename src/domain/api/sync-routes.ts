import * as v from 'valibot'
import { LoginResponseSchema, MAX_BODY_BYTES, MAX_PULL, PullResponseSchema, PushRequestSchema, PushResponseSchema } from '../protocol'
import { defineRoute } from './route'

/** The routes of the sync protocol (docs/sync-protocol.md): reachability, sign-in, push and pull. */

/** The reachability probe: small, uncached, no sign-in. */
export const health = defineRoute({
  method: 'GET', path: '/api/health', access: 'public',
  response: v.object({ ok: v.literal(true), time: v.string() }),
})

export const login = defineRoute({
  method: 'POST', path: '/api/auth/login', access: 'public', bodyLimit: 16 * 1024,
  body: v.object({
    username: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(64)),
    password: v.pipe(v.string(), v.nonEmpty(), v.maxLength(256)),
    deviceId: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)),
  }),
  response: LoginResponseSchema,
})

/** Ends the session of the token sent: it stops working at once. */
export const logout = defineRoute({ method: 'POST', path: '/api/auth/logout', access: 'staff', status: 204, duringPasswordChange: true, response: null })

/** A pull cursor as the server made it (opaque to devices); empty means "from the beginning". */
const CursorSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{0,32}$/, 'cursor'))

/**
 * `?echo=1` adds the cases the batch changed to the answer; with `&cursor=<the device's pull
 * cursor>` the answer may also say where the device's next pull starts (docs/sync-protocol.md).
 */
export const push = defineRoute({
  method: 'POST', path: '/api/sync/push', access: 'staff', bodyLimit: MAX_BODY_BYTES,
  query: v.object({ echo: v.optional(v.picklist(['0', '1'])), cursor: v.optional(CursorSchema) }),
  body: PushRequestSchema,
  response: PushResponseSchema,
})

export const DEFAULT_PULL = 500

export const pull = defineRoute({
  method: 'GET', path: '/api/sync/pull', access: 'staff',
  query: v.object({
    cursor: v.optional(CursorSchema, ''),
    limit: v.optional(v.pipe(
      v.string(), v.regex(/^\d{1,4}$/, `must be an integer from 1 to ${MAX_PULL}`), v.transform(Number),
      v.minValue(1, `must be an integer from 1 to ${MAX_PULL}`), v.maxValue(MAX_PULL, `must be an integer from 1 to ${MAX_PULL}`),
    ), String(DEFAULT_PULL)),
  }),
  response: PullResponseSchema,
})
