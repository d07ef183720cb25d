import { CentralError, CentralUnreachable } from '../api/client'

/**
 * What an online-only form shows after a call to the central system failed: the field errors of a
 * 400 (i18n keys under each field), a reason for the whole form, or that it is unreachable.
 */
export interface CentralProblem {
  fields: Record<string, string>
  reason: string | null
  offline: boolean
}

export function centralProblem(error: unknown): CentralProblem {
  if (error instanceof CentralUnreachable || (error instanceof TypeError)) return { fields: {}, reason: null, offline: true }
  if (error instanceof CentralError) return { fields: error.body?.fields ?? {}, reason: error.body?.fields ? null : error.body?.reason ?? null, offline: false }
  return { fields: {}, reason: null, offline: false }
}
