import http from 'node:http'

/** One HTTP exchange as the proxy sees it: the full body, buffered. */
export interface Exchange { status: number, headers: http.IncomingHttpHeaders, body: Buffer }

// Hop-by-hop headers belong to one connection and are never copied across the proxy.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length', 'proxy-connection', 'upgrade'])

export function endToEndHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())))
}

export function readBody(stream: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.once('end', () => resolve(Buffer.concat(chunks)))
    stream.once('error', reject)
  })
}

/**
 * Sends a request to the server on a fresh connection (no keep-alive, so a killed server never
 * leaves a half-dead pooled socket) and resolves with its whole answer; rejects when the server
 * is down or dies before answering.
 */
export function forward(port: number, req: http.IncomingMessage, body: Buffer): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const upstream = http.request({
      host: '127.0.0.1', port, method: req.method, path: req.url, agent: false,
      headers: { ...endToEndHeaders(req.headers), 'content-length': String(body.length), 'connection': 'close' },
    }, (res) => {
      readBody(res).then(data => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }), reject)
    })
    upstream.once('error', reject)
    upstream.end(body)
  })
}

export function answer(res: http.ServerResponse, exchange: Exchange): void {
  res.writeHead(exchange.status, { ...endToEndHeaders(exchange.headers), 'content-length': String(exchange.body.length) })
  res.end(exchange.body)
}

/** What a gateway says when the server behind it does not answer. */
export function badGateway(res: http.ServerResponse): void {
  const body = Buffer.from(JSON.stringify({ error: 'BAD_GATEWAY', message: 'central server unreachable' }))
  res.writeHead(502, { 'content-type': 'application/json', 'content-length': String(body.length) })
  res.end(body)
}

export const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms))
