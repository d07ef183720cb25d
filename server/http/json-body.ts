import type { FastifyInstance } from 'fastify'
import { jsonDepthExceeds } from '../../src/domain/json-depth'
import { MAX_JSON_DEPTH } from '../../src/domain/protocol'
import { badRequest } from './errors'

/**
 * The API's JSON body parser: Fastify's own (which refuses `__proto__` and `constructor` keys),
 * after a one-pass depth check. A body nested deeper than MAX_JSON_DEPTH is a 400 before anything
 * walks it recursively: a 6,000-deep payload used to overflow the stack later (500 on every retry).
 */
export function registerJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      done(badRequest(`Request body nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`), undefined)
      return
    }
    parse(request, text, done)
  })
}
