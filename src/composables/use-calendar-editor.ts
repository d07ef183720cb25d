import { computed, type Ref, ref } from 'vue'
import type { FieldErrors, HolidayEntry, HolidaySession, ServiceCalendar, WeekendSession } from '../domain'
import { CentralError } from '../api/client'
import { fetchCalendar, fetchHolidays, saveCalendar, saveHolidays } from '../sync/calendar-admin-api'
import { useSessionStore } from '../stores/session'

/**
 * The administrators' calendar editor: a centre's service calendar and a year of the official
 * holidays, edited as typed and saved to the central system (online). A 400's field errors land
 * under their fields (paths like `weekend.0.end`) and the input stays as it was.
 */
export type HolidaySessionForm = Omit<HolidaySession, 'dates'> & { datesText: string }
export interface CalendarForm extends Omit<ServiceCalendar, 'holiday' | 'closedDates'> {
  holiday: HolidaySessionForm[]
  closedDatesText: string
}

const dateList = (text: string) => text.split(/[\s,，、]+/).filter(Boolean)
/** A plain copy (form state is reactive, which structuredClone refuses). */
const copyOf = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

export function toCalendarForm(calendar: ServiceCalendar): CalendarForm {
  const copy = copyOf(calendar)
  return {
    slotMinutes: copy.slotMinutes, weekday: copy.weekday, weekend: copy.weekend,
    holiday: copy.holiday.map(({ dates, ...session }) => ({ ...session, datesText: (dates ?? []).join(', ') })),
    closedDatesText: copy.closedDates.join(', '),
  }
}

export function fromCalendarForm(form: CalendarForm): ServiceCalendar {
  return {
    slotMinutes: form.slotMinutes, weekday: copyOf(form.weekday),
    weekend: form.weekend.map(session => copyOf(session)),
    holiday: form.holiday.map(({ datesText, ...session }) => {
      const dates = dateList(datesText)
      return { ...copyOf(session), ...(dates.length ? { dates } : {}) }
    }),
    closedDates: dateList(form.closedDatesText),
  }
}

/** The message key of the first error at `path` or inside it (`closedDates` shows `closedDates.2`'s). */
export function problemAt(errors: FieldErrors, path: string): string | undefined {
  const key = Object.keys(errors).find(k => k === path || k.startsWith(`${path}.`))
  return key && errors[key] ? `calendarAdmin.problem.${errors[key]}` : undefined
}

export const newWeekendSession = (): WeekendSession => ({ days: ['sat', 'sun'], start: '09:00', end: '12:00', itemIds: [], capacity: 5 })
export const newHolidaySession = (): HolidaySessionForm => ({ start: '09:00', end: '12:00', itemIds: [], capacity: 5, datesText: '' })

type Outcome = 'saved' | 'invalid' | 'stale' | 'failed' | 'offline'

/**
 * Sends a save and sorts its answer: saved, 400 with the field errors (the input stays as typed;
 * `fieldOf` turns the body's paths into the form's), 409 overtaken by someone else's save, no
 * answer offline.
 */
async function submit<T>(
  state: { busy: Ref<boolean>, outcome: Ref<Outcome | null>, errors: Ref<FieldErrors> },
  send: () => Promise<T>, onSaved: (body: T) => void, fieldOf: (path: string) => string = path => path,
): Promise<Outcome> {
  state.busy.value = true
  state.outcome.value = null
  try {
    onSaved(await send())
    state.errors.value = {}
    return state.outcome.value = 'saved'
  }
  catch (error) {
    if (!(error instanceof CentralError)) return state.outcome.value = 'offline'
    const fields = error.body?.fields
    if (error.status === 400 && fields) {
      state.errors.value = Object.fromEntries(Object.entries(fields).map(([path, key]) => [fieldOf(path), key]))
      return state.outcome.value = 'invalid'
    }
    return state.outcome.value = error.status === 409 ? 'stale' : 'failed'
  }
  finally { state.busy.value = false }
}

/** The body's `calendar.weekend.0.end` is the form's `weekend.0.end`. */
const calendarField = (path: string) => path.replace(/^calendar\./, '')

function token(): string {
  const session = useSessionStore()
  if (!session.session?.token) throw new Error('nobody is signed in')
  return session.session.token
}

/** One centre's calendar: loaded, edited, saved over the version it was read at. */
export function useCalendarEditor() {
  const form = ref<CalendarForm | null>(null)
  const version = ref(0)
  const errors = ref<FieldErrors>({})
  const outcome = ref<Outcome | null>(null)
  const busy = ref(false)
  /** Everything but the field errors (e.g. a stale base version), shown above the form. */
  const formProblem = computed(() => Object.entries(errors.value).find(([path]) =>
    !['slotMinutes', 'weekday', 'weekend', 'holiday', 'closedDates'].some(f => path === f || path.startsWith(`${f}.`)))?.[1])

  async function load(centerId: string): Promise<boolean> {
    busy.value = true
    try {
      const stored = await fetchCalendar(token(), centerId)
      form.value = toCalendarForm(stored.calendar)
      version.value = stored.version
      errors.value = {}
      return true
    }
    catch (error) { outcome.value = error instanceof CentralError ? 'failed' : 'offline'; return false }
    finally { busy.value = false }
  }

  async function save(centerId: string): Promise<Outcome> {
    if (!form.value) return 'failed'
    const calendar = fromCalendarForm(form.value)
    return submit({ busy, outcome, errors }, () => saveCalendar(token(), centerId, version.value, calendar), (saved) => { version.value = saved.version }, calendarField)
  }

  return { form, version, errors, outcome, busy, formProblem, load, save }
}

/** One year of the official calendar, edited as a list of days. */
export function useHolidayEditor() {
  const days = ref<HolidayEntry[]>([])
  const errors = ref<FieldErrors>({})
  const outcome = ref<Outcome | null>(null)
  const busy = ref(false)

  async function load(year: number) {
    busy.value = true
    outcome.value = null
    try {
      days.value = (await fetchHolidays(token(), year)).days
      errors.value = {}
    }
    catch (error) {
      days.value = []
      outcome.value = error instanceof CentralError ? 'failed' : 'offline'
    }
    finally { busy.value = false }
  }

  const save = (year: number): Promise<Outcome> => submit({ busy, outcome, errors },
    () => saveHolidays(token(), year, days.value.map(d => ({ ...d }))), (saved) => { days.value = saved.days })

  return { days, errors, outcome, busy, load, save }
}
