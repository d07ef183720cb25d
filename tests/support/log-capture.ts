import { Writable } from 'node:stream'

/** A Fastify log stream kept in memory: every JSON line the server logs, parsed. */
export function captureLog() {
  const lines: Record<string, unknown>[] = []
  const raw: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        raw.push(line)
        lines.push(JSON.parse(line) as Record<string, unknown>)
      }
      done()
    },
  })
  return { stream, lines, text: () => raw.join('\n') }
}
