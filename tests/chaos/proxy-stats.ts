import type { Exchange } from './http-forward'

export const FAULT_KINDS = ['dropRequest', 'dropResponse', 'delayRequest', 'delayResponse', 'duplicate', 'restart'] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

/** What went through the proxy: faults injected, HTTP statuses, and the push results devices got. */
export class ProxyStats {
  requests = 0
  faults = Object.fromEntries(FAULT_KINDS.map(kind => [kind, 0])) as Record<FaultKind, number>
  /** Statuses the server itself answered (copies sent by a duplicate fault included). */
  serverStatuses: Record<string, number> = {}
  /** 502s the proxy made up while the server was down (not the server's). */
  gateway502 = 0
  /** 5xx answers from the server; `duringKill` when a kill happened while the request was in flight. */
  serverErrors: { method: string, url: string, status: number, duringKill: boolean, body: string }[] = []
  /** Push results in answers that reached a device. */
  delivered = { applied: 0, duplicate: 0, conflict: 0, rejected: {} as Record<string, number> }

  /** Sizes of the push batches that reached the proxy: how big the batches the engine sends get. */
  pushSizes = { count: 0, max: 0, over50: 0 }

  /** The same faults by endpoint (push, pull, health, login). */
  faultsOnPath: Record<string, number> = {}

  countFault(kind: FaultKind, url: string) {
    this.faults[kind]++
    const key = `${url.split('?')[0]!.replace('/api/', '').replace('sync/', '').replace('auth/', '')} ${kind}`
    this.faultsOnPath[key] = (this.faultsOnPath[key] ?? 0) + 1
  }

  countPush(size: number) {
    this.pushSizes.count++
    this.pushSizes.max = Math.max(this.pushSizes.max, size)
    if (size > 50) this.pushSizes.over50++
  }

  countServerAnswer(method: string, url: string, exchange: Exchange, duringKill: boolean) {
    this.serverStatuses[exchange.status] = (this.serverStatuses[exchange.status] ?? 0) + 1
    if (exchange.status >= 500) {
      this.serverErrors.push({ method, url, status: exchange.status, duringKill, body: exchange.body.toString('utf8').slice(0, 500) })
    }
  }

  countDelivered(url: string, exchange: Exchange) {
    if (!url.startsWith('/api/sync/push') || exchange.status !== 200) return
    const { results } = JSON.parse(exchange.body.toString('utf8')) as { results: { status: string, code?: string, reason?: string }[] }
    for (const r of results) {
      const key = `${r.code} ${r.reason}`
      if (r.status === 'rejected') this.delivered.rejected[key] = (this.delivered.rejected[key] ?? 0) + 1
      else if (r.status === 'applied' || r.status === 'duplicate' || r.status === 'conflict') this.delivered[r.status]++
    }
  }
}
