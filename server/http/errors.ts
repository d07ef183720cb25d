import type { FastifyError, FastifyInstance } from 'fastify'
import * as v from 'valibot'
import type { FieldErrors } from '../../src/domain/case'
import type { ErrorBody } from '../../src/domain/api/route'

/**
 * Every API error has one shape (the contract's ErrorBody): `{ error: CODE, message }` with a
 * precise English message, plus `reason`, `fields` or `current` where the route says so.
 */
export type ErrorCode =
  | 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'FULL' | 'NOT_CANCELLABLE'
  | 'PAYLOAD_TOO_LARGE' | 'TOO_MANY_REQUESTS' | 'INTERNAL'
  /** 503: the server has too much of one kind of work waiting (password checks); try again after Retry-After. */
  | 'BUSY'
  /** 401 to a session whose device an administrator revoked: the device wipes what it holds. */
  | 'DEVICE_REVOKED'
  /** 401 to a session whose account an administrator disabled. */
  | 'ACCOUNT_DISABLED'
  /** 403 to a session signed in with a one-time password, on anything but changing it or signing out. */
  | 'PASSWORD_CHANGE_REQUIRED'

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    /** More of the body: `reason`, `fields`, `current`. */
    readonly details: Omit<ErrorBody, 'error' | 'message'> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }

  get body(): ErrorBody {
    return { error: this.code, message: this.message, ...this.details }
  }
}

export const badRequest = (message: string) => new ApiError(400, 'BAD_REQUEST', message)
export const unauthorized = (message: string) => new ApiError(401, 'UNAUTHORIZED', message)
export const deviceRevoked = () => new ApiError(401, 'DEVICE_REVOKED', 'An administrator revoked this device: it must wipe what it holds', { reason: 'auth.deviceRevoked' })
export const accountDisabled = () => new ApiError(401, 'ACCOUNT_DISABLED', 'An administrator disabled this account', { reason: 'auth.accountDisabled' })
export const passwordChangeRequired = () =>
  new ApiError(403, 'PASSWORD_CHANGE_REQUIRED', 'Signed in with a one-time password: change it first (POST /api/auth/password)', { reason: 'auth.passwordChangeRequired' })
export const conflict = (message: string, reason: string) => new ApiError(409, 'CONFLICT', message, { reason })
export const forbidden = (message: string) => new ApiError(403, 'FORBIDDEN', message)
export const notFound = (message: string) => new ApiError(404, 'NOT_FOUND', message)
export const tooLarge = (message: string) => new ApiError(413, 'PAYLOAD_TOO_LARGE', message)
export const tooManyRequests = (message: string, retryAfter: number) =>
  new ApiError(429, 'TOO_MANY_REQUESTS', message, {}, { 'Retry-After': String(retryAfter) })

/** 400 naming each bad field with its i18n key, e.g. `{ fields: { mobile: 'mobile.format' } }`; values are never echoed. */
export function badFields(fields: FieldErrors): ApiError {
  const message = Object.entries(fields).map(([field, key]) => `${field}: ${key}`).join('; ')
  return new ApiError(400, 'BAD_REQUEST', message, { fields: fields as Record<string, string> })
}

/** What is wrong with a value, without echoing it (it may be a password or an ID number). */
function problem(issue: v.BaseIssue<unknown>): string {
  if (issue.received === 'undefined') return 'is required'
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'is not an allowed field'
  if (issue.kind === 'schema') return issue.type === 'picklist' ? `must be one of ${issue.expected}` : `must be of type ${issue.expected}`
  // A message the schema wrote itself (valibot's own begin "Invalid …" and may quote the value).
  const own = issue.message.startsWith('Invalid ') ? null : issue.message
  if (own && /^(must|does|is) /.test(own)) return own
  switch (issue.type) {
    case 'non_empty': return 'must not be empty'
    case 'max_length': return `must have length at most ${String(issue.requirement)}`
    case 'min_value': return `must be at least ${String(issue.requirement)}`
    case 'integer': return 'must be an integer'
    case 'iso_timestamp': return 'must be an ISO 8601 timestamp'
    case 'check': case 'regex': return own ? `must be a valid ${own}` : 'is invalid'
    default: return `is invalid (${issue.type})`
  }
}

/** Names the first failing field, e.g. `mutations[2].entityId: must be a valid uuid`; `root` names the whole input. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[], root = 'body'): string {
  const issue = issues[0]
  if (!issue) return `Invalid ${root}`
  const keys = issue.path?.map(item => item.key) ?? []
  const where = keys.reduce<string>((acc, key) => typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key), '')
  return `${where || root}: ${problem(issue)}`
}

/** Fastify's own errors (bad JSON, body too large, wrong content type) mapped to the shared shape. */
function fromFastify(error: FastifyError): ApiError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return tooLarge('Request body is larger than the limit')
    case 'FST_ERR_CTP_INVALID_JSON_BODY': return badRequest('Request body is not valid JSON')
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': return badRequest('Request body is empty but Content-Type is application/json')
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return badRequest('Content-Type must be application/json')
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH': return badRequest('Content-Length does not match the body')
  }
  if (error instanceof SyntaxError) return badRequest('Request body is not valid JSON')
  const status = error.statusCode ?? 500
  if (status >= 400 && status < 500) return new ApiError(status, status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', error.message)
  return null
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = error instanceof ApiError ? error : fromFastify(error)
    if (!known) {
      // The details stay in the log; the client learns only that the batch was not applied.
      request.log.error({ err: error }, 'request failed')
      return reply.code(500).send({ error: 'INTERNAL', message: 'Internal server error' } satisfies ErrorBody)
    }
    return reply.code(known.statusCode).headers(known.headers).send(known.body)
  })
}
