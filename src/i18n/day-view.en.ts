import type { DayViewMessages } from './day-view.zh-CN'

/** The day view's words in English; see day-view.zh-CN.ts. */
const dayViewEn: DayViewMessages = {
  today: {
    title: 'Today · appointments and extended hours',
    closesAt: 'Open today until {time}',
    noService: 'No service today',
    noCalendar: 'This device has no service calendar yet; it comes with the next sync.',
    sameDay: 'Today’s business done today',
    received: 'Taken in today',
    completedSameDay: 'Completed the same day',
    rate: 'Same-day completion rate',
    rateNone: '—',
    extended: 'Extended-hours service',
    noExtended: 'No cases served past closing today.',
    reason: {
      afterClosing: 'Taken in after closing ({time})',
      openAtClosing: 'Still being served at closing (taken in {time})',
    },
    minutes: '{n} min past closing',
    ongoing: ', in progress',
  },
  appointments: {
    title: 'Appointments',
    none: 'No appointments on this day.',
    code: 'Code {code}',
    count: '{n} booked',
    kind: {
      weekday: 'Weekday',
      lunchtime: 'Lunchtime service',
      weekend: 'Weekend session',
      holiday: 'Holiday session',
    },
    status: {
      booked: 'Booked',
      checked_in: 'Checked in',
      no_show: 'No-show',
      cancelled: 'Cancelled',
    },
    checkIn: 'Check in and take in',
    noShow: 'Mark no-show',
    noShowConfirm: 'Mark {name} ({time}) as a no-show?',
    viewCase: 'View case',
    checkingIn: 'Check-in: booking code {code}, slot {time}. The applicant is filled in as booked; check their ID.',
    caseLink: 'Taken in from an appointment: code {code}, {time}',
    openDay: 'Today’s appointments',
    caseLinkUnknown: 'This case was taken in from an appointment (not on this device).',
  },
}

export default dayViewEn
