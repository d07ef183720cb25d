import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify'
import * as v from 'valibot'
import { fieldErrors } from '../../src/domain/case'
import { API, type Access, type Api, type ApiRoute, ErrorBodySchema, type RouteInput, type RouteName, type RouteResponse } from '../../src/domain/api'
import { type StaffUser, seesCenter } from '../../src/domain/roles'
import { type Session, findSession } from '../auth/sessions'
import type { DeviceContact } from '../devices/device-contact'
import type { Store } from '../store/store'
import { ApiError, accountDisabled, badFields, badRequest, describeIssues, deviceRevoked, forbidden, passwordChangeRequired, unauthorized } from './errors'

/**
 * Serves the contract (src/domain/api): every route in the scope of its access, its input parsed
 * by its schemas before the handler runs, and — when `checkResponses` is on, as in the tests —
 * every answer checked against the route's response schema (or the error shape).
 *
 * Order of a request: the scope's onRequest (sign-in: 401; administrators: 403), the body parser
 * (bad JSON: 400), the input schemas (400), the centre check of routes naming a centre (403),
 * then the handler.
 */

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member's session, set by the staff and admin scopes. */
    session: Session | null
    /** The route's input as its schemas parsed it. */
    input: RouteInput<ApiRoute> | null
  }
  interface FastifyContextConfig {
    /** The contract's definition of the route. */
    route?: ApiRoute
  }
}

export interface HandlerContext<R extends ApiRoute> {
  /** Null on public routes only. */
  user: R['access'] extends 'public' ? null : StaffUser
  session: R['access'] extends 'public' ? null : Session
  request: FastifyRequest
  reply: FastifyReply
}

/** Answers the route's response, or the reply itself when it sent something else (a text body). */
export type Handler<R extends ApiRoute> = (input: RouteInput<R>, ctx: HandlerContext<R>) => Promise<RouteResponse<R> | FastifyReply>

/** A handler with hooks that must run before the input is parsed (rate limits, a batch's size). */
export interface Served<R extends ApiRoute> {
  /** Runs after the scope's sign-in check and before the body is parsed. */
  onRequest?: onRequestHookHandler
  /** Runs after the body is parsed, before its schema. */
  preValidation?: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>
  handle: Handler<R>
}

export type Handlers = { [K in RouteName]: Handler<Api[K]> | Served<Api[K]> }

const PARTS = ['params', 'query', 'body'] as const

/** The route's input parsed by its schemas, or the 400 that says what is wrong. */
function parseInput(route: ApiRoute, request: FastifyRequest): RouteInput<ApiRoute> {
  const input: Record<string, unknown> = {}
  for (const part of PARTS) {
    const schema = route[part]
    if (!schema) continue
    // Every body of this API is a JSON object (valibot's object schemas would take an array as one).
    if (part === 'body' && Array.isArray(request.body)) throw badRequest('body: must be a JSON object')
    const parsed = v.safeParse(schema, request[part] ?? (part === 'body' ? undefined : {}))
    if (parsed.success) {
      input[part] = parsed.output
      continue
    }
    // A form's fields carry i18n keys; a path parameter is never a form field.
    if (route.fieldErrors && part !== 'params') throw badFields(fieldErrors(parsed.issues))
    throw badRequest(describeIssues(parsed.issues, part === 'body' ? 'body' : part))
  }
  return input as unknown as RouteInput<ApiRoute>
}

/** The scope's sign-in check: a live session (401 without), and the administrator role where required (403). */
function authenticate(store: Store, access: Exclude<Access, 'public'>, contact?: DeviceContact): onRequestHookHandler {
  return async (request) => {
    const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(request.headers.authorization ?? '')
    if (!match) throw unauthorized('Missing or malformed Authorization: Bearer token')
    const session = await store.read(tx => findSession(tx, match[1]!))
    if (!session) throw unauthorized('The session token is unknown, expired or signed out; sign in again')
    if ('ended' in session) throw session.ended === 'revoked' ? deviceRevoked() : accountDisabled()
    contact?.seen(session.deviceId, session.user.id, request.log)
    // Until a one-time password is changed, its session may only change it or sign out.
    if (session.mustChangePassword && !request.routeOptions.config.route?.duringPasswordChange) throw passwordChangeRequired()
    if (access === 'admin' && session.user.role !== 'admin') throw forbidden('Only an administrator may do this')
    request.session = session
  }
}

/** Checks an answer against the contract; a mismatch becomes a 500 naming it (tests turn this on). */
function checkResponse(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
  const route = request.routeOptions.config.route
  if (!route || typeof payload !== 'string') return payload
  const ok = reply.statusCode < 400
  const schema = ok ? route.response : ErrorBodySchema
  const problem = (() => {
    if (schema === null) return payload === '' ? null : 'a 204 answer has a body'
    let body: unknown
    try { body = JSON.parse(payload) }
    catch { return 'the body is not JSON' }
    const parsed = v.safeParse(schema, body)
    return parsed.success ? null : describeIssues(parsed.issues, 'response')
  })()
  if (!problem) return payload
  request.log.error({ route: route.path, problem }, 'answer does not match the contract')
  reply.code(500)
  return JSON.stringify({ error: 'INTERNAL', message: `The answer of ${route.method} ${route.path} does not match the contract: ${problem}` })
}

function serveRoute(scope: FastifyInstance, route: ApiRoute, served: Handler<ApiRoute> | Served<ApiRoute>) {
  const { handle, onRequest, preValidation } = typeof served === 'function' ? { handle: served } as Served<ApiRoute> : served
  scope.route({
    method: route.method,
    url: route.path,
    config: { route },
    ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
    ...(onRequest ? { onRequest } : {}),
    preValidation: async (request, reply) => {
      await preValidation?.(request, reply)
      request.input = parseInput(route, request)
    },
    handler: async (request, reply) => {
      const ctx = { user: request.session?.user ?? null, session: request.session, request, reply } as HandlerContext<ApiRoute>
      const answer = await handle(request.input!, ctx)
      if (answer === reply) return reply
      return reply.code(route.status ?? 200).send(route.status === 204 ? undefined : answer)
    },
  })
}

/**
 * Registers every route of the contract with its handler, one Fastify scope per access level, so
 * sign-in and the centre check are applied once per scope and no route can be served outside its
 * declared access.
 */
export async function registerApi(
  app: FastifyInstance, store: Store, handlers: Handlers, opts: { checkResponses?: boolean, deviceContact?: DeviceContact } = {},
): Promise<void> {
  app.decorateRequest('session', null)
  app.decorateRequest('input', null)
  for (const access of ['public', 'staff', 'admin'] as const) {
    await app.register(async (scope) => {
      if (access !== 'public') scope.addHook('onRequest', authenticate(store, access, opts.deviceContact))
      // Routes that name a centre (e.g. /api/centers/:id/calendar) serve only who may see it.
      scope.addHook('preHandler', async (request) => {
        const param = request.routeOptions.config.route?.centerParam
        const centerId = param && (request.input?.params as Record<string, unknown> | undefined)?.[param]
        if (typeof centerId === 'string' && request.session && !seesCenter(request.session.user, centerId)) {
          throw forbidden('Only an administrator or this centre\'s staff may do this')
        }
      })
      if (opts.checkResponses) scope.addHook('onSend', async (request, reply, payload) => checkResponse(request, reply, payload))
      for (const [name, route] of Object.entries(API) as [RouteName, ApiRoute][]) {
        if (route.access === access) serveRoute(scope, route, handlers[name] as Handler<ApiRoute> | Served<ApiRoute>)
      }
    })
  }
}

export { ApiError }
