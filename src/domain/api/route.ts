import * as v from 'valibot'

/**
 * The contract between the app and the central server: every route is declared once, here, with
 * valibot schemas for what goes in (path parameters, query string, body) and what comes back. The
 * server validates input with them and serves each route in the scope of its `access`; the app's
 * one client (src/api) builds requests from them and checks every answer against them.
 */
export type Access =
  /** Anyone: health, sign-in, the public booking page. */
  | 'public'
  /** Any signed-in staff member; what they may see is limited to their centre (roles.ts). */
  | 'staff'
  /** Administrators only. */
  | 'admin'

type Schema = v.GenericSchema
/** An object schema: path parameters and query strings arrive as objects of strings. */
type ObjectSchema = v.GenericSchema<Record<string, unknown>, Record<string, unknown>>

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT'
  /** Fastify's path syntax: `/api/cases/:id/audit`. */
  path: string
  access: Access
  params?: ObjectSchema
  query?: ObjectSchema
  body?: Schema
  /** The body of a successful answer; `null` for 204. */
  response: Schema | null
  /** Status of a successful answer. */
  status?: 200 | 201 | 204
  /** The largest body accepted, in bytes (Fastify's default is 1 MiB). */
  bodyLimit?: number
  /**
   * Forms send this route their input (calendar editor, public booking): a 400 names each bad
   * field with an i18n key (`{ fields: { 'calendar.weekend.0.end': 'calendar.order' } }`) instead
   * of one English message.
   */
  fieldErrors?: boolean
  /**
   * The path parameter that names a service centre: the staff scope refuses (403) anyone who may
   * not see that centre before the route runs.
   */
  centerParam?: string
  /**
   * Served to a session signed in with a one-time password that has not changed it yet (changing
   * it, signing out); every other route answers such a session 403 PASSWORD_CHANGE_REQUIRED.
   */
  duringPasswordChange?: boolean
}

/** Declares a route; `as const`-like inference keeps each schema's exact type. */
export const defineRoute = <const R extends ApiRoute>(route: R): R => route

type Out<S> = S extends v.GenericSchema ? v.InferOutput<S> : undefined
type In<S> = S extends v.GenericSchema ? v.InferInput<S> : undefined

/** What the server's handler receives, parsed. */
export interface RouteInput<R extends ApiRoute> {
  params: Out<R['params']>
  query: Out<R['query']>
  body: Out<R['body']>
}

/** What the app sends: the schemas' inputs (a query's numbers as the strings of the URL). */
export type RouteRequest<R extends ApiRoute> =
  & (R['params'] extends ObjectSchema ? { params: In<R['params']> } : { params?: undefined })
  & (R['query'] extends ObjectSchema ? { query?: In<R['query']> } : { query?: undefined })
  & (R['body'] extends Schema ? { body: In<R['body']> } : { body?: undefined })

/** A successful answer's body. */
export type RouteResponse<R extends ApiRoute> = R['response'] extends Schema ? v.InferOutput<R['response']> : null

/**
 * Every error answer has this shape. `message` is English, for logs and API users; `reason` is an
 * i18n key for the app; `fields` names the bad fields of a form (see `fieldErrors`); `current` is
 * the stored copy a stale save lost to (409).
 */
export const ErrorBodySchema = v.object({
  error: v.string(),
  message: v.string(),
  reason: v.optional(v.string()),
  fields: v.optional(v.record(v.string(), v.string())),
  current: v.optional(v.unknown()),
})
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>

/** The path with its parameters filled in, each encoded. */
export function routeUrl(route: Pick<ApiRoute, 'path'>, params: Record<string, unknown> = {}): string {
  return route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`${route.path}: missing path parameter ${name}`)
    return encodeURIComponent(String(value))
  })
}
