/**
 * Service centres keep Beijing time whatever zone a device's clock is set to, so "today" and case
 * numbers follow the centre, not the tablet.
 */
export const CENTER_TIME_ZONE = 'Asia/Shanghai'

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: CENTER_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })

/** The centre's calendar day of an instant, as YYYY-MM-DD. */
export const centerDay = (at: Date): string => dayFormat.format(at)
