import type { BookingRequest, BookingSummary, FieldErrorBody, PublicDay, PublicItem, PublicSlot } from '../domain/booking'
import type { ServiceCenter } from '../domain/service-item'

/** A refused or failed call: `status` 0 when the server was not reached. */
export class ApiFailure extends Error {
  constructor(readonly status: number, readonly body: FieldErrorBody | null, readonly retryAfter: number) {
    super(body?.message ?? `HTTP ${status}`)
  }

  /** The i18n key (and its count) to show for the whole request. */
  get messageKey(): { key: string, n?: number } {
    if (this.status === 0) return { key: 'error.network' }
    if (this.status === 429) return { key: 'error.rateLimited', n: this.retryAfter }
    if (this.status === 404) return { key: 'error.notFound' }
    if (this.body?.reason) return { key: `field.${this.body.reason}` }
    return { key: this.status >= 500 ? 'error.server' : 'field.invalid' }
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  }
  catch {
    throw new ApiFailure(0, null, 0)
  }
  const data: unknown = await response.json().catch(() => null)
  if (!response.ok) throw new ApiFailure(response.status, data as FieldErrorBody | null, Number(response.headers.get('retry-after')) || 0)
  return data as T
}

const at = encodeURIComponent

/** The public booking API (server/booking/public-routes.ts); no sign-in. */
export const api = {
  centers: () => call<{ today: string, daysAhead: number, centers: ServiceCenter[] }>('GET', '/api/public/centers'),
  items: (centerId: string) => call<{ items: PublicItem[] }>('GET', `/api/public/centers/${at(centerId)}/items`),
  days: (centerId: string, itemId: string) =>
    call<{ days: PublicDay[] }>('GET', `/api/public/centers/${at(centerId)}/days?item=${at(itemId)}`),
  slots: (centerId: string, date: string, itemId: string) =>
    call<{ slots: PublicSlot[] }>('GET', `/api/public/centers/${at(centerId)}/slots?date=${at(date)}&item=${at(itemId)}`),
  book: (request: BookingRequest) => call<{ code: string, summary: BookingSummary }>('POST', '/api/public/bookings', request),
  lookup: (code: string, mobile: string) =>
    call<{ summary: BookingSummary }>('GET', `/api/public/bookings/${at(code)}?mobile=${at(mobile)}`),
  cancel: (code: string, mobile: string) =>
    call<{ summary: BookingSummary }>('POST', `/api/public/bookings/${at(code)}/cancel`, { mobile }),
}
