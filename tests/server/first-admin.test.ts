import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { LoginResponse } from '../../src/domain/protocol'
import { hashPassword } from '../../server/auth/password'
import { buildApp } from '../../server/app'
import { isLoopback, refusalToListen } from '../../server/accounts/first-admin'
import { STRONG_PASSWORD } from './accounts-helpers'

/**
 * A real start: `npm run admin:create` makes the first administrator of an empty installation, the
 * server started with DEMO=0 and no administrator says how, and it refuses to listen beyond this
 * machine while demo accounts keep the published password. The command and the server run as the
 * real processes (tsx), on a real data folder.
 */
const ROOT = path.resolve(__dirname, '../..')
const dirs: string[] = []
const children: ChildProcess[] = []

const freshDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shiftdesk-start-'))
  dirs.push(dir)
  return dir
}

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue
    const exited = new Promise(resolve => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
  }
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

interface Run { code: number | null, output: string }

/** Runs a script with tsx; resolves when it exits, or (with `until`) as soon as its output matches. */
function run(script: string, args: string[], opts: { env?: Record<string, string>, stdin?: string, until?: RegExp } = {}): Promise<Run> {
  // One process (node with tsx's loader), so killing it leaves nothing behind.
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] })
  children.push(child)
  let output = ''
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (opts.until?.test(output)) resolve({ code: null, output })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('error', reject)
    child.on('exit', code => resolve({ code, output }))
    child.stdin!.end(opts.stdin ?? '')
  })
}

const adminCreate = (dataDir: string, password: string, extra: string[] = []) =>
  run('server/accounts/admin-cli.ts', ['--username', 'gao.jg', '--name', '高建国', '--data-dir', dataDir, ...extra], { stdin: `${password}\n` })

describe('npm run admin:create', () => {
  it('refuses weak passwords and a missing centre, then creates the administrator, who can sign in and work', async () => {
    const dataDir = freshDir()
    const weak = await adminCreate(dataDir, 'shiftdesk-demo', ['--center-code', 'ORD', '--center-name', '鄂尔多斯市政务服务中心'])
    expect(weak.code).toBe(1)
    expect(weak.output).toContain('password.common')
    const noCentre = await adminCreate(dataDir, STRONG_PASSWORD)
    expect(noCentre.code).toBe(1)
    expect(noCentre.output).toContain('--center-code')

    const made = await adminCreate(dataDir, STRONG_PASSWORD, ['--center-code', 'ord', '--center-name', '鄂尔多斯市政务服务中心'])
    expect(made.output).toContain('Administrator gao.jg')
    expect(made.code).toBe(0)
    const again = await adminCreate(dataDir, STRONG_PASSWORD, ['--center-code', 'ORD'])
    expect(again.code).toBe(1)
    expect(again.output).toContain('taken')

    const app = await buildApp({ dataDir, demo: false, distDir: null, logger: false, checkResponses: true })
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'gao.jg', password: STRONG_PASSWORD, deviceId: 'dev-admin' } })
      expect(login.statusCode).toBe(200)
      const body = login.json<LoginResponse>()
      expect(body).toMatchObject({ mustChangePassword: false, user: { role: 'admin', name: '高建国' }, center: { code: 'ORD', name: '鄂尔多斯市政务服务中心' } })
      const created = await app.inject({
        method: 'POST', url: '/api/staff', headers: { authorization: `Bearer ${body.token}` },
        payload: { username: 'ord-clerk1', name: '张敏', role: 'clerk', centerId: body.center.id },
      })
      expect(created.statusCode).toBe(201)
      const log = await app.inject({ method: 'GET', url: '/api/account-events', headers: { authorization: `Bearer ${body.token}` } })
      expect(log.json<{ events: { action: string, actorId: string }[] }>().events.map(e => [e.action, e.actorId]))
        .toEqual([['created', body.user.id], ['created', 'cli:admin:create']])
    }
    finally {
      await app.close()
    }
  }, 60_000)
})

describe('starting the server', () => {
  it('with DEMO=0 and no administrator, starts and says how to create one', async () => {
    const started = await run('server/main.ts', [], {
      env: { DEMO: '0', DATA_DIR: freshDir(), HOST: '127.0.0.1', PORT: '0', DIST_DIR: path.join(os.tmpdir(), 'no-such-dist') },
      until: /npm run admin:create/,
    })
    expect(started.code).toBeNull()
    expect(started.output).toContain('No administrator yet')
    expect(started.output).toContain('ShiftDesk listening')
  }, 60_000)

  it('refuses to listen on a non-loopback address while demo accounts have the published password', async () => {
    const refused = await run('server/main.ts', [], {
      env: { DATA_DIR: freshDir(), HOST: '0.0.0.0', PORT: '0', DIST_DIR: path.join(os.tmpdir(), 'no-such-dist') },
    })
    expect(refused.code).toBe(1)
    expect(refused.output).toContain('Refusing to listen on 0.0.0.0')
    expect(refused.output).toContain('DEMO=0')
    expect(refused.output).toContain('npm run admin:create')
    expect(refused.output).not.toContain('ShiftDesk listening')
  }, 60_000)

  it('allows it once no enabled demo account has the published password', async () => {
    const dataDir = freshDir()
    const app = await buildApp({ dataDir, demo: true, distDir: null, logger: false })
    try {
      expect(await refusalToListen(app.store, '192.168.1.20')).toMatch(/admin/)
      expect(await refusalToListen(app.store, '127.0.0.1')).toBeNull()
      const hash = await hashPassword(STRONG_PASSWORD)
      await app.store.write(tx => tx.updateTable('users').set({ password_hash: hash }).where('username', '!=', 'ord-clerk1').execute())
      expect(await refusalToListen(app.store, '0.0.0.0')).toMatch(/ord-clerk1/)
      await app.store.write(tx => tx.updateTable('users').set({ disabled_at: new Date().toISOString() }).where('username', '=', 'ord-clerk1').execute())
      expect(await refusalToListen(app.store, '0.0.0.0')).toBeNull()
    }
    finally {
      await app.close()
    }
  })

  it('knows which addresses are this machine only', () => {
    expect(['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.1.1'].every(isLoopback)).toBe(true)
    expect(['0.0.0.0', '::', '192.168.1.20', '10.0.0.1', 'shiftdesk.example.cn'].some(isLoopback)).toBe(false)
  })
})
