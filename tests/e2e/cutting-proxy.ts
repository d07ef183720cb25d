import http from 'node:http'

/**
 * The browser's origin in front of the central server; it can take the link down (`offline`). Armed, it lets the next push reach the
 * server, waits for the server's full answer (so the batch is committed), then runs `cut` (e.g.
 * stops the server) and drops the answer: the device never learns that its batch landed.
 */
export class CuttingProxy {
  private server = http.createServer((req, res) => this.forward(req, res))
  private armed: (() => Promise<void>) | null = null
  port = 0
  cuts = 0
  /** The tablet's link to the central system is down (the server itself may be fine). */
  offline = false

  constructor(private readonly targetPort: () => number) {}

  get url() { return `http://127.0.0.1:${this.port}` }

  async listen(): Promise<this> {
    await new Promise<void>(resolve => this.server.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.address() as { port: number }).port
    return this
  }

  cutNextPush(cut: () => Promise<void>): void { this.armed = cut }

  close(): Promise<void> {
    this.server.closeAllConnections()
    return new Promise(resolve => this.server.close(() => resolve()))
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse) {
    if (this.offline) {
      req.socket.destroy()
      return
    }
    // The path only: a push may carry query parameters (the device asks for its own seqs back).
    const cut = req.url?.split('?')[0] === '/api/sync/push' && req.method === 'POST' ? this.armed : null
    if (cut) this.armed = null
    const upstream = http.request({ host: '127.0.0.1', port: this.targetPort(), path: req.url, method: req.method, headers: req.headers }, (answer) => {
      const chunks: Buffer[] = []
      answer.on('data', (chunk: Buffer) => chunks.push(chunk))
      answer.on('end', () => {
        if (cut) {
          this.cuts++
          void cut().finally(() => res.socket?.destroy())
          return
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        res.end(Buffer.concat(chunks))
      })
    })
    upstream.on('error', () => res.socket?.destroy()) // the central system is down: the connection just fails
    req.pipe(upstream)
  }
}
