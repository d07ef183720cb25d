import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { KillAudit } from './kill-audit'
import { type Exchange, answer, badGateway, forward, readBody, sleep } from './http-forward'
import type { Prng } from './prng'
import { DEFAULT_WEIGHTS, type Decision, type FaultWeights, pushedCount, restartDecision, rollFault } from './fault-dice'
import { ProxyStats } from './proxy-stats'
import type { ServerProcess } from './server-process'

/**
 * Sits between the devices and the central server and, per request, passes it or injects one
 * fault, chosen with the seeded PRNG in arrival order (arrival order itself depends on timing).
 */
export class FaultProxy {
  faultsOn = false
  /** Restarts the run still owes: each makes the next push of at least `killBatchSize` a restart. */
  restartsOwed = 0
  /** Owed restarts wait for a batch this big, so crashes land in long transactions too. */
  killBatchSize = 1
  readonly stats = new ProxyStats()
  readonly kills: KillAudit
  /** Test-only sabotage: rewrites the second copy of a duplicated request, and forces a few duplicates. */
  rewriteCopy?: (body: Buffer) => Buffer
  duplicatesOwed = 0
  private restarting: Promise<void> | null = null
  private killEpoch = 0
  /** A failure of the proxy itself (e.g. the server did not come back): fails the run. */
  failure: unknown = null
  private readonly http = http.createServer((req, res) => {
    this.handle(req, res).catch((error: unknown) => { this.failure ??= error; req.socket.destroy() })
  })

  private constructor(private readonly server: ServerProcess, private readonly rng: Prng,
    private readonly faultRate: number, private readonly weights: FaultWeights) {
    this.kills = new KillAudit(server.dbFile)
  }

  static async start(server: ServerProcess, rng: Prng, faultRate: number, weights = DEFAULT_WEIGHTS): Promise<FaultProxy> {
    const proxy = new FaultProxy(server, rng, faultRate, weights)
    await new Promise<void>(resolve => proxy.http.listen(0, '127.0.0.1', resolve))
    return proxy
  }

  get url() { return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}` }

  /** Waits for a restart in progress, so the quiet phase starts with a running server. */
  async settled(): Promise<void> { while (this.restarting) await this.restarting }

  async close(): Promise<void> {
    await this.settled()
    this.http.closeAllConnections()
    await new Promise(resolve => this.http.close(resolve))
  }

  /** Owed restarts (and sabotage's duplicates) first, then the dice. */
  private decide(url: string, pushSize: number | null): Decision {
    if (!this.faultsOn) return { kind: 'pass' }
    const canRestart = pushSize !== null && !this.restarting
    if (canRestart && this.restartsOwed > 0 && pushSize >= this.killBatchSize) return restartDecision(this.rng)
    if (this.duplicatesOwed > 0 && pushSize) {
      this.duplicatesOwed--
      return { kind: 'duplicate', concurrent: false, answerWith: 0 }
    }
    // Every sync starts with a health probe, and a fault there ends the round before any push:
    // probes get a quarter of the rate, so most faults land on pushes and pulls.
    return rollFault(this.rng, this.weights, url.startsWith('/api/health') ? this.faultRate / 4 : this.faultRate, canRestart)
  }

  /** One exchange with the server; null when it is down or dies before answering. */
  private async exchange(req: http.IncomingMessage, body: Buffer): Promise<Exchange | null> {
    const epoch = this.killEpoch
    try {
      const result = await forward(this.server.port, req, body)
      this.stats.countServerAnswer(req.method ?? '', req.url ?? '', result, epoch !== this.killEpoch)
      return result
    }
    catch { return null }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.on('error', () => undefined)
    const body = await readBody(req)
    const url = req.url ?? ''
    this.stats.requests++
    const pushSize = req.method === 'POST' && url.startsWith('/api/sync/push') ? pushedCount(body) : null
    if (pushSize !== null) this.stats.countPush(pushSize)
    const decision = this.decide(url, pushSize)
    if (decision.kind !== 'pass') this.stats.countFault(decision.kind, url)
    const cut = () => { req.socket.destroy() }
    let result: Exchange | null
    switch (decision.kind) {
      case 'dropRequest': return cut()
      case 'restart': return this.restartMidRequest(req, body, decision.killAfterMs, cut)
      case 'dropResponse':
        // The server answers (and has committed) before the device loses the connection.
        await this.exchange(req, body)
        return cut()
      case 'delayRequest':
        await sleep(decision.ms)
        result = await this.exchange(req, body)
        break
      case 'delayResponse':
        result = await this.exchange(req, body)
        await sleep(decision.ms)
        break
      case 'duplicate': {
        const copy = this.rewriteCopy?.(body) ?? body
        const both = decision.concurrent
          ? await Promise.all([this.exchange(req, body), this.exchange(req, copy)])
          : [await this.exchange(req, body), await this.exchange(req, copy)]
        result = both[decision.answerWith] ?? null
        break
      }
      default: result = await this.exchange(req, body)
    }
    if (!result) { this.stats.gateway502++; return badGateway(res) }
    this.stats.countDelivered(url, result)
    answer(res, result)
  }

  /** Forwards a push, SIGKILLs the server 0–30 ms later (mid-batch or just after), restarts it. */
  private async restartMidRequest(req: http.IncomingMessage, body: Buffer, killAfterMs: number, cut: () => void) {
    this.restartsOwed = Math.max(0, this.restartsOwed - 1)
    const audit = this.kills.beforeForward(body)
    const inFlight = this.exchange(req, body)
    const restart = (async () => {
      await sleep(killAfterMs)
      this.killEpoch++
      await this.server.crash()
      cut()
      this.kills.afterKill(audit)
      await this.server.restart()
    })()
    this.restarting = restart.finally(() => { this.restarting = null })
    await Promise.all([inFlight, this.restarting])
  }
}
