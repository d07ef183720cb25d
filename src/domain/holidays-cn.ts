/**
 * China's official calendar of public holidays (法定节假日) and make-up working days (调休上班日),
 * published each November by the State Council for the next year. This is data, not code: a later
 * year is added here (or by an admin through PUT /api/holidays/:year) without touching the rules in
 * service-calendar.ts. `name` is a key the UI translates (`holiday.<name>`).
 */
export const HOLIDAY_KINDS = ['holiday', 'workday'] as const
export type HolidayKind = (typeof HOLIDAY_KINDS)[number]

export const FESTIVALS = ['newYear', 'springFestival', 'qingming', 'labourDay', 'dragonBoat', 'midAutumn', 'nationalDay'] as const

export interface HolidayEntry {
  /** YYYY-MM-DD, a day in the centre's zone. */
  date: string
  /** `holiday`: no ordinary service; `workday`: a Saturday or Sunday worked as a normal weekday. */
  kind: HolidayKind
  name: string
}

const range = (from: string, to: string, name: string): HolidayEntry[] => {
  const days: HolidayEntry[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push({ date: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name })
  }
  return days
}
const workday = (date: string, name: string): HolidayEntry => ({ date, kind: 'workday', name })

/**
 * 国务院办公厅关于2026年部分节假日安排的通知 (国务院办公厅, 2025-11-04), full text as published by
 * Xinhua (新华社北京11月4日电), e.g. https://politics.gmw.cn/2025-11/04/content_38391083.htm and
 * https://www.hrbtv.net/folder963/2025-11-04/1096647.html:
 * 元旦 1/1–1/3, work 1/4 (Sun); 春节 2/15–2/23, work 2/14 and 2/28 (Sat); 清明 4/4–4/6;
 * 劳动节 5/1–5/5, work 5/9 (Sat); 端午 6/19–6/21; 中秋 9/25–9/27; 国庆 10/1–10/7, work 9/20 (Sun) and 10/10 (Sat).
 */
export const CN_HOLIDAYS_2026: readonly HolidayEntry[] = [
  ...range('2026-01-01', '2026-01-03', 'newYear'), workday('2026-01-04', 'newYear'),
  workday('2026-02-14', 'springFestival'), ...range('2026-02-15', '2026-02-23', 'springFestival'), workday('2026-02-28', 'springFestival'),
  ...range('2026-04-04', '2026-04-06', 'qingming'),
  ...range('2026-05-01', '2026-05-05', 'labourDay'), workday('2026-05-09', 'labourDay'),
  ...range('2026-06-19', '2026-06-21', 'dragonBoat'),
  workday('2026-09-20', 'nationalDay'), ...range('2026-09-25', '2026-09-27', 'midAutumn'),
  ...range('2026-10-01', '2026-10-07', 'nationalDay'), workday('2026-10-10', 'nationalDay'),
]

/** Every year this file knows, by year. */
export const CN_HOLIDAYS: Readonly<Record<number, readonly HolidayEntry[]>> = {
  2026: CN_HOLIDAYS_2026,
}
