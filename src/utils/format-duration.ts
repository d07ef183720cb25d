/** A waiting time split for display: "2 天 3 小时" / "3 h 5 min" chosen by the caller's i18n keys. */
export interface Waited { days: number, hours: number, minutes: number }

export function splitDuration(ms: number): Waited {
  const minutes = Math.max(0, Math.floor(ms / 60_000))
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 }
}
