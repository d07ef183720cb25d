import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { APP_DIST, BENCH_DIST } from './build'

/**
 * The central server as a child process on a port that stays the same across stop() and start(),
 * so the app's origin (and with it IndexedDB and the service worker) survives an outage.
 * `nodeArgs` e.g. ['--cpu-prof'] to profile the server.
 */
export class BenchServer {
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shiftdesk-bench-'))
  port = 0
  private child: ChildProcess | null = null

  constructor(private readonly nodeArgs: string[] = []) {}

  get url() { return `http://127.0.0.1:${this.port}` }
  get pid() { return this.child?.pid }

  async start(): Promise<this> {
    const args = [...this.nodeArgs, '--import', 'tsx', 'bench/server/serve.ts', this.dataDir, APP_DIST, BENCH_DIST, String(this.port)]
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    this.child = child
    this.port = await new Promise<number>((resolve, reject) => {
      let out = ''
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const match = /\{"port":(\d+)\}/.exec(out)
        if (match) resolve(Number(match[1]))
      })
      child.once('exit', code => reject(new Error(`bench server exited (${code}) before listening`)))
    })
    return this
  }

  async stop(): Promise<void> {
    const child = this.child
    this.child = null
    if (!child || child.exitCode !== null) return
    const exited = new Promise(resolve => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }

  async dispose(): Promise<void> {
    await this.stop()
    fs.rmSync(this.dataDir, { recursive: true, force: true })
  }
}
