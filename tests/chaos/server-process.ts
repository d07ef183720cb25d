import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DB_FILE } from '../../server/store/sqlite-store'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const START_TIMEOUT_MS = 60_000

// If this process dies without stopping a server (a crashed test run), take the server with it.
const live = new Set<ChildProcess>()
process.once('exit', () => { for (const child of live) child.kill('SIGKILL') })

/** A port nobody listens on right now (the OS picks it; we close at once and reuse the number). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/**
 * The real central server (server/main.ts) as a child process over a temp data dir, so a restart
 * is a real crash: SIGKILL can land in the middle of a batch's SQLite transaction.
 */
export class ServerProcess {
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shiftdesk-chaos-'))
  readonly dbFile = path.join(this.dataDir, DB_FILE)
  private child: ChildProcess | null = null
  private readonly logFile = path.join(this.dataDir, 'server.log')
  starts = 0
  kills = 0

  private constructor(readonly port: number) {}

  static async start(): Promise<ServerProcess> {
    const server = new ServerProcess(await freePort())
    await server.spawn()
    return server
  }

  get url() { return `http://127.0.0.1:${this.port}` }
  get running() { return this.child !== null }

  private async spawn(): Promise<void> {
    const log = fs.openSync(this.logFile, 'a')
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', DATA_DIR: this.dataDir, DEMO: '1', DIST_DIR: '/nonexistent' },
      stdio: ['ignore', log, log],
    })
    fs.closeSync(log)
    this.child = child
    this.starts++
    live.add(child)
    child.once('exit', () => {
      live.delete(child)
      if (this.child === child) this.child = null
    })
    const deadline = Date.now() + START_TIMEOUT_MS
    while (!(await this.healthy())) {
      if (this.child !== child || Date.now() > deadline) {
        throw new Error(`central server did not start on port ${this.port}; log:\n${this.logTail()}`)
      }
      await new Promise(resolve => setTimeout(resolve, 50))
    }
  }

  private async healthy(): Promise<boolean> {
    try {
      const answer = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(1000) })
      return answer.ok
    }
    catch { return false }
  }

  /** SIGKILL: no shutdown hook runs, an open transaction is cut off where it stands. */
  async crash(): Promise<void> {
    const child = this.child
    if (!child) return
    const exited = new Promise(resolve => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
    this.kills++
  }

  async restart(): Promise<void> {
    await this.crash()
    await this.spawn()
  }

  /** A clean stop (SIGTERM lets the server close its database). */
  async stop(): Promise<void> {
    const child = this.child
    if (!child) return
    const exited = new Promise(resolve => child.once('exit', resolve))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }

  removeDataDir(): void {
    fs.rmSync(this.dataDir, { recursive: true, force: true })
  }

  logTail(lines = 40): string {
    try { return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n') }
    catch { return '(no log)' }
  }
}
