import type { CaseRecord } from '../domain'

type Translate = (key: string, named?: Record<string, unknown>) => string

/** "窗口 3", "预约 · 窗口 3", "流动服务点": where the case was taken in. */
export function channelText(t: Translate, record: Pick<CaseRecord, 'channel' | 'windowNo'>): string {
  const window = record.windowNo ? t('channel.windowNo', { no: record.windowNo }) : ''
  if (record.channel === 'window') return window || t('channel.window')
  const channel = t(`channel.${record.channel}`)
  return window ? `${channel} · ${window}` : channel
}
