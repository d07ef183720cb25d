import * as v from 'valibot'
import { type FieldErrors, fieldErrors } from './case'
import { HOLIDAY_KINDS, type HolidayEntry } from './holidays-cn'
import { SLOT_MINUTES, type ServiceCalendar, WEEKEND_DAYS, type WeekendDay, dayOfWeek, isCalendarDate, toMinutes } from './service-calendar'

/**
 * Validation of what an admin saves: a centre's calendar and a year of the official calendar.
 * Messages are i18n keys under `field.` (`calendar.*`, `holiday.*`, `required`, `invalid`, `tooLong`),
 * the same for the staff app's editor and the server's 400 answers.
 */
export const MAX_SLOT_CAPACITY = 500

const fallbackMessage = (issue: v.BaseIssue<unknown>) =>
  issue.type === 'max_length' ? 'tooLong' : issue.received === 'undefined' ? 'required' : 'invalid'

// Schemas rather than checks: a malformed time leaves the object untyped, so the comparisons below
// (partialCheck) skip it and a typo gives one message, not three.
const time = v.custom<string>(value => typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value), 'calendar.time')
const date = v.custom<string>(value => typeof value === 'string' && isCalendarDate(value), 'calendar.date')
const capacity = v.pipe(v.number(), v.integer(), v.minValue(0, 'calendar.capacity'), v.maxValue(MAX_SLOT_CAPACITY, 'calendar.capacity'))
const unique = <T>(message: string) => v.check<T[], string>(list => new Set(list).size === list.length, message)
const ids = v.pipe(v.array(v.pipe(v.string(), v.nonEmpty(), v.maxLength(64))), v.maxLength(500), unique<string>('calendar.duplicate'))
const before = (a: string, b: string) => toMinutes(a) < toMinutes(b)

const session = { start: time, end: time, itemIds: ids, capacity }
const WeekendSessionSchema = v.pipe(
  v.strictObject({ ...session, days: v.pipe(v.array(v.picklist(WEEKEND_DAYS)), v.minLength(1, 'calendar.days'), unique<WeekendDay>('calendar.days')) }),
  v.forward(v.partialCheck([['start'], ['end']], s => before(s.start, s.end), 'calendar.order'), ['end']),
)
const HolidaySessionSchema = v.pipe(
  v.strictObject({ ...session, dates: v.optional(v.pipe(v.array(date), v.minLength(1, 'required'), v.maxLength(366), unique<string>('calendar.duplicate'))) }),
  v.forward(v.partialCheck([['start'], ['end']], s => before(s.start, s.end), 'calendar.order'), ['end']),
)

const LunchSchema = v.pipe(
  v.strictObject({ start: time, end: time, continuous: v.boolean() }),
  v.forward(v.partialCheck([['start'], ['end']], l => before(l.start, l.end), 'calendar.order'), ['end']),
)
const WeekdaySchema = v.pipe(
  v.strictObject({ open: time, close: time, lunch: LunchSchema, capacity }),
  v.forward(v.partialCheck([['open'], ['close']], w => before(w.open, w.close), 'calendar.order'), ['close']),
  v.forward(v.partialCheck(
    [['open'], ['close'], ['lunch', 'start'], ['lunch', 'end']],
    w => !before(w.open, w.close) || (before(w.open, w.lunch.start) && before(w.lunch.end, w.close)),
    'calendar.lunchOutside',
  ), ['lunch', 'start']),
)

type Sessions = ServiceCalendar['weekend'] | ServiceCalendar['holiday']
type PathItems = [v.IssuePathItem, ...v.IssuePathItem[]]

/** The path of `list[index].field` inside the calendar, so the message lands under that field. */
function pathTo(calendar: ServiceCalendar, list: 'weekend' | 'holiday', index: number, field: string): PathItems {
  const items = calendar[list] as unknown[]
  const item = items[index] as Record<string, unknown>
  return [
    { type: 'object', origin: 'value', input: calendar as unknown as Record<string, unknown>, key: list, value: items },
    { type: 'array', origin: 'value', input: items, key: index, value: item },
    { type: 'object', origin: 'value', input: item, key: field, value: item[field] },
  ]
}

/** Two sessions that can fall on the same day must not overlap. */
function shareADay(a: Sessions[number], b: Sessions[number]): boolean {
  if ('days' in a && 'days' in b) return a.days.some(d => b.days.includes(d))
  const [da, db] = [(a as { dates?: string[] }).dates, (b as { dates?: string[] }).dates]
  return !da || !db || da.some(d => db.includes(d))
}

const sessionsFit = v.rawCheck<ServiceCalendar>(({ dataset, addIssue }) => {
  if (!dataset.typed || dataset.issues) return
  const calendar = dataset.value
  for (const list of ['weekend', 'holiday'] as const) {
    const sessions: Sessions = calendar[list]
    sessions.forEach((s, i) => {
      if (toMinutes(s.end) - toMinutes(s.start) < calendar.slotMinutes) addIssue({ message: 'calendar.tooShort', path: pathTo(calendar, list, i, 'end') })
      const clash = sessions.findIndex((o, j) => j < i && shareADay(s, o) && before(s.start, o.end) && before(o.start, s.end))
      if (clash >= 0) addIssue({ message: 'calendar.overlap', path: pathTo(calendar, list, i, 'start') })
    })
  }
})

export const ServiceCalendarSchema = v.config(v.pipe(
  v.strictObject({
    slotMinutes: v.picklist(SLOT_MINUTES, 'calendar.slotMinutes'),
    weekday: WeekdaySchema,
    weekend: v.pipe(v.array(WeekendSessionSchema), v.maxLength(20)),
    holiday: v.pipe(v.array(HolidaySessionSchema), v.maxLength(20)),
    closedDates: v.pipe(v.array(date), v.maxLength(366), unique<string>('calendar.duplicate')),
  }),
  sessionsFit,
), { message: fallbackMessage })

export const HolidayEntrySchema = v.strictObject({
  date,
  kind: v.picklist(HOLIDAY_KINDS),
  name: v.pipe(v.string(), v.trim(), v.nonEmpty('required'), v.maxLength(40, 'tooLong')),
})

/** One year of the official calendar: dates in that year, each once; make-up working days on a weekend. */
export const holidayYearSchema = (year: number) => v.config(v.pipe(
  v.array(HolidayEntrySchema),
  v.maxLength(366),
  v.rawCheck<HolidayEntry[]>(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    const seen = new Set<string>()
    dataset.value.forEach((entry, index) => {
      const path: PathItems = [
        { type: 'array', origin: 'value', input: dataset.value, key: index, value: entry },
        { type: 'object', origin: 'value', input: entry as unknown as Record<string, unknown>, key: 'date', value: entry.date },
      ]
      if (!entry.date.startsWith(`${year}-`)) addIssue({ message: 'holiday.otherYear', path })
      else if (seen.has(entry.date)) addIssue({ message: 'holiday.duplicate', path })
      else if (entry.kind === 'workday' && dayOfWeek(entry.date) % 6 !== 0) addIssue({ message: 'holiday.workdayNotWeekend', path })
      seen.add(entry.date)
    })
  }),
), { message: fallbackMessage })

type Validated<T> = { ok: true, value: T } | { ok: false, errors: FieldErrors }

function validated<T>(schema: v.GenericSchema<unknown, T>, input: unknown): Validated<T> {
  const result = v.safeParse(schema, input)
  return result.success ? { ok: true, value: result.output } : { ok: false, errors: fieldErrors(result.issues) }
}

/** Field errors keyed by dot path, e.g. `weekend.0.end: calendar.order`. */
export const validateCalendar = (input: unknown): Validated<ServiceCalendar> => validated(ServiceCalendarSchema, input)

export const validateHolidayYear = (year: number, input: unknown): Validated<HolidayEntry[]> =>
  validated(holidayYearSchema(year), input)
