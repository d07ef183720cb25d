import { CentralError, CentralUnreachable, callApi } from '../api/client'
import * as routes from '../domain/api/booking-routes'
import type { BookingRequest } from '../domain/booking'

/** The public booking API (src/domain/api/booking-routes.ts) through the app's one client; no sign-in. */
export const api = {
  centers: () => callApi(routes.publicCenters, {}),
  items: (centerId: string) => callApi(routes.publicItems, { params: { id: centerId } }),
  days: (centerId: string, itemId: string) => callApi(routes.publicDays, { params: { id: centerId }, query: { item: itemId } }),
  slots: (centerId: string, date: string, itemId: string) =>
    callApi(routes.publicSlots, { params: { id: centerId }, query: { date, item: itemId } }),
  book: (request: BookingRequest) => callApi(routes.book, { body: request }),
  lookup: (code: string, mobile: string) => callApi(routes.lookupBooking, { params: { code }, query: { mobile } }),
  cancel: (code: string, mobile: string) => callApi(routes.cancelBooking, { params: { code }, body: { mobile } }),
}

/** The i18n key (and its count) that says what went wrong with a whole request. */
export function problemKey(failure: unknown): { key: string, n?: number } {
  if (failure instanceof CentralUnreachable) return { key: 'error.network' }
  if (!(failure instanceof CentralError)) return { key: 'error.server' }
  if (failure.status === 429) return { key: 'error.rateLimited', n: failure.retryAfter }
  if (failure.status === 404) return { key: 'error.notFound' }
  if (failure.body?.reason) return { key: `field.${failure.body.reason}` }
  return { key: failure.status >= 500 ? 'error.server' : 'field.invalid' }
}
