import { describe, expect, it } from 'vitest'
import { PERSON_LIMITS, type PersonBooking, personLimitProblems } from '../../src/domain/booking'

const ID = '150602198503120042'
const MOBILE = '13904771234'
const request = { centerId: 'ord', date: '2026-12-10', idNumber: ID, mobile: MOBILE }
const held = (date: string, fields: Partial<PersonBooking> = {}): PersonBooking => ({ centerId: 'ord', date, idNumber: `other-${date}`, mobile: MOBILE, ...fields })

describe('the limits on one person\'s bookings', () => {
  it('allows one active booking per ID number, centre and day', () => {
    expect(personLimitProblems(request, [])).toEqual({})
    expect(personLimitProblems(request, [held('2026-12-10', { idNumber: ID, mobile: '13900000000' })])).toEqual({ idNumber: 'booking.idNumberBooked' })
    expect(personLimitProblems(request, [held('2026-12-10', { idNumber: ID, centerId: 'lzx', mobile: '13900000000' })])).toEqual({})
    expect(personLimitProblems(request, [held('2026-12-11', { idNumber: ID, mobile: '13900000000' })])).toEqual({})
  })

  it.each([
    [['2026-12-04', '2026-12-05'], {}],
    [['2026-12-04', '2026-12-05', '2026-12-09'], { mobile: 'booking.mobileLimit' }],
    // 12-03 is 7 days before: its span [12-03, 12-09] does not hold 12-10.
    [['2026-12-03', '2026-12-09', '2026-12-09'], {}],
    [['2026-12-16', '2026-12-11', '2026-12-13'], { mobile: 'booking.mobileLimit' }],
    [['2026-12-17', '2026-12-17', '2026-12-17'], {}],
    [['2026-12-04', '2026-12-16', '2026-12-16'], {}],
  ])('with the mobile\'s bookings on %j, a booking on 2026-12-10 gets %j', (dates, expected) => {
    expect(PERSON_LIMITS.perMobile).toEqual({ max: 3, days: 7 })
    expect(personLimitProblems(request, dates.map(date => held(date)))).toEqual(expected)
  })

  it('names both fields when both limits are reached', () => {
    const mine = ['2026-12-10', '2026-12-10', '2026-12-10'].map((date, i) => held(date, { idNumber: i ? `x${i}` : ID }))
    expect(personLimitProblems(request, mine)).toEqual({ idNumber: 'booking.idNumberBooked', mobile: 'booking.mobileLimit' })
  })
})
