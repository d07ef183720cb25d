import type { FastifyReply } from 'fastify'
import type { FieldErrorBody } from '../../src/domain/booking'
import type { FieldErrors } from '../../src/domain/case'

/** 400 naming each bad field with its i18n key, e.g. `{ fields: { mobile: 'mobile.format' } }`; values are never echoed. */
export function sendFieldErrors(reply: FastifyReply, fields: FieldErrors): FastifyReply {
  const message = Object.entries(fields).map(([field, key]) => `${field}: ${key}`).join('; ')
  return reply.code(400).send({ error: 'BAD_REQUEST', message, fields } satisfies FieldErrorBody)
}
