import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountEvent, StaffAccount } from '../../src/domain/staff-account'
import { STRONG_PASSWORD, addStaff, createStaff, signIn } from './accounts-helpers'
import { type Session, type TestServer, countRows, login, pull, request, startServer } from './helpers'

/**
 * Staff accounts over real HTTP: administrators create, edit, disable, enable and reset; everyone
 * changes their own password under one policy; a one-time password allows nothing but changing it;
 * every change lands in the append-only account log, which never holds a password.
 */
let server: TestServer
let admin: Session
let clerk: Session

beforeAll(async () => {
  server = await startServer()
  admin = await login(server, 'admin')
  clerk = await login(server, 'ord-clerk1')
})
afterAll(() => server.close())

const call = <T = unknown>(session: Session | { token: string }, method: string, url: string, json?: unknown) =>
  request<T>(server, method, url, { token: session.token, ...(json === undefined ? {} : { json }) })
const events = async (targetId: string) =>
  (await call<{ events: AccountEvent[] }>(admin, 'GET', `/api/account-events?targetId=${targetId}`)).body.events
const lzx = () => (server.sql.prepare('select id from centers where code = \'LZX\'').get() as { id: string }).id

describe('creating staff', () => {
  it('creates an account with a one-time password that allows only changing it', async () => {
    const { account, oneTimePassword } = await createStaff(server, admin, { username: 'Ord-Clerk9', name: ' 孙丽 ', role: 'clerk' })
    expect(account).toMatchObject({ username: 'ord-clerk9', name: '孙丽', role: 'clerk', centerId: admin.user.centerId, departments: [], disabledAt: null, mustChangePassword: true, demo: false })
    expect(oneTimePassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)

    const first = await signIn(server, 'ord-clerk9', oneTimePassword)
    expect(first.status).toBe(200)
    expect(first.body.mustChangePassword).toBe(true)
    const session = { token: first.body.token }
    // Nothing else until it is changed: not the sync, not the calendar, not another route.
    for (const [method, url] of [['GET', '/api/sync/pull'], ['GET', '/api/centers'], ['GET', '/api/holidays/2026']] as const) {
      const refused = await call(session, method, url)
      expect(refused.status, url).toBe(403)
      expect(refused.body).toMatchObject({ error: 'PASSWORD_CHANGE_REQUIRED', reason: 'auth.passwordChangeRequired' })
    }
    const pushed = await call(session, 'POST', '/api/sync/push', { deviceId: 'dev-ord-clerk9', mutations: [] })
    expect(pushed.status).toBe(403)

    const changed = await call(session, 'POST', '/api/auth/password', { currentPassword: oneTimePassword, newPassword: STRONG_PASSWORD })
    expect(changed.status).toBe(204)
    expect((await call(session, 'GET', '/api/sync/pull')).status).toBe(200)
    expect((await signIn(server, 'ord-clerk9', oneTimePassword)).status).toBe(401)
    const again = await signIn(server, 'ord-clerk9', STRONG_PASSWORD)
    expect(again.status).toBe(200)
    expect(again.body.mustChangePassword).toBe(false)
    expect((await events(account.id)).map(e => e.action)).toEqual(['passwordChanged', 'created'])
  })

  it('names the wrong field and creates nothing', async () => {
    const users = countRows(server, 'users')
    const logged = countRows(server, 'account_events')
    const bad: [Record<string, unknown>, Record<string, string>][] = [
      [{ username: 'ord-clerk1', name: '重名', role: 'clerk' }, { username: 'staff.usernameTaken' }],
      [{ username: 'a b', name: '空格', role: 'clerk' }, { username: 'staff.usernameFormat' }],
      [{ username: 'ord-x1', name: '', role: 'clerk' }, { name: 'field.required' }],
      [{ username: 'ord-x2', name: '王\u202E芳', role: 'clerk' }, { name: 'staff.hiddenCharacters' }],
      [{ username: 'ord-x3', name: '王芳', role: 'chief' }, { role: 'field.invalid' }],
      [{ username: 'ord-x4', name: '王芳', role: 'clerk', departments: ['公安局'] }, { departments: 'staff.departmentsSupervisorOnly' }],
      [{ username: 'ord-x5', name: '王芳', role: 'clerk', centerId: 'no-such-centre' }, { centerId: 'staff.unknownCenter' }],
    ]
    for (const [body, fields] of bad) {
      const answer = await call(admin, 'POST', '/api/staff', { centerId: admin.user.centerId, ...body })
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect((answer.body as { fields: Record<string, string> }).fields).toEqual(fields)
    }
    const unknownKey = await call(admin, 'POST', '/api/staff', { username: 'ord-x6', name: '王芳', role: 'clerk', centerId: admin.user.centerId, password: 'x' })
    expect(unknownKey.status).toBe(400)
    expect(countRows(server, 'users')).toBe(users)
    expect(countRows(server, 'account_events')).toBe(logged)
  })

  it('serves account routes to administrators only', async () => {
    const target = (await call<{ staff: StaffAccount[] }>(admin, 'GET', '/api/staff')).body.staff[0]!
    for (const [method, url, json] of [
      ['GET', '/api/staff', undefined], ['POST', '/api/staff', { username: 'x-clerk', name: 'x', role: 'clerk', centerId: clerk.user.centerId }],
      ['PUT', `/api/staff/${target.id}`, { name: 'x', role: 'clerk', centerId: clerk.user.centerId }],
      ['POST', `/api/staff/${target.id}/disable`, undefined], ['POST', `/api/staff/${target.id}/enable`, undefined],
      ['POST', `/api/staff/${target.id}/reset-password`, undefined], ['GET', '/api/account-events', undefined],
    ] as const) {
      expect((await call(clerk, method, url, json)).status, url).toBe(403)
    }
  })
})

describe('listing and editing', () => {
  it('lists every centre or one, without password hashes', async () => {
    const all = (await call<{ staff: StaffAccount[] }>(admin, 'GET', '/api/staff')).body.staff
    expect(all.map(a => a.username)).toEqual(expect.arrayContaining(['admin', 'ord-clerk1', 'lzx-clerk1']))
    expect(JSON.stringify(all)).not.toContain('scrypt')
    const one = (await call<{ staff: StaffAccount[] }>(admin, 'GET', `/api/staff?centerId=${lzx()}`)).body.staff
    expect(one.length).toBeGreaterThan(0)
    expect(one.every(a => a.centerId === lzx())).toBe(true)
  })

  it('records each changed field before and after; a new role or centre ends the sessions', async () => {
    const worker = await addStaff(server, admin, { username: 'ord-mover', role: 'clerk' })
    const answer = await call<{ account: StaffAccount }>(admin, 'PUT', `/api/staff/${worker.user.id}`, {
      name: '周明', role: 'supervisor', centerId: lzx(), departments: ['公安局', '公安局'],
    })
    expect(answer.status).toBe(200)
    expect(answer.body.account).toMatchObject({ name: '周明', role: 'supervisor', centerId: lzx(), departments: ['公安局'] })
    expect((await pull(server, worker)).status).toBe(401)
    const [updated] = await events(worker.user.id)
    expect(updated).toMatchObject({
      action: 'updated', actorId: admin.user.id, actorName: admin.user.name, targetUsername: 'ord-mover',
      changes: {
        name: { before: 'ord-mover', after: '周明' }, role: { before: 'clerk', after: 'supervisor' },
        centerId: { before: admin.user.centerId, after: lzx() }, departments: { before: [], after: ['公安局'] },
      },
    })
    const signedIn = await signIn(server, 'ord-mover', STRONG_PASSWORD)
    expect(signedIn.body.user).toMatchObject({ role: 'supervisor', centerId: lzx(), departments: ['公安局'] })
    expect(signedIn.body.center.code).toBe('LZX')
  })

  it('answers 404 for an unknown account', async () => {
    expect((await call(admin, 'POST', '/api/staff/nobody/disable')).status).toBe(404)
    expect((await call(admin, 'PUT', '/api/staff/nobody', { name: 'x', role: 'clerk', centerId: admin.user.centerId })).status).toBe(404)
  })
})

describe('disabling, enabling, resetting', () => {
  it('refuses a disabled account’s sessions at once and its sign-in; enabling lets it in again', async () => {
    const worker = await addStaff(server, admin, { username: 'ord-leaver', role: 'clerk' })
    const disabled = await call<{ account: StaffAccount }>(admin, 'POST', `/api/staff/${worker.user.id}/disable`)
    expect(disabled.body.account.disabledAt).not.toBeNull()
    const refused = await pull(server, worker)
    expect(refused.status).toBe(401)
    expect(refused.body).toMatchObject({ error: 'ACCOUNT_DISABLED' })
    expect((await signIn(server, 'ord-leaver', STRONG_PASSWORD)).body).toMatchObject({ error: 'ACCOUNT_DISABLED' })
    const enabled = await call<{ account: StaffAccount }>(admin, 'POST', `/api/staff/${worker.user.id}/enable`)
    expect(enabled.body.account.disabledAt).toBeNull()
    expect((await signIn(server, 'ord-leaver', STRONG_PASSWORD)).status).toBe(200)
    const logged = await events(worker.user.id)
    expect(logged.slice(0, 2).map(e => [e.action, Object.keys(e.changes)])).toEqual([['enabled', ['disabledAt']], ['disabled', ['disabledAt']]])
  })

  it('a reset ends every session, and the one-time password must be changed', async () => {
    const worker = await addStaff(server, admin, { username: 'ord-forgetful', role: 'outreach' })
    const reset = await call<{ account: StaffAccount, oneTimePassword: string }>(admin, 'POST', `/api/staff/${worker.user.id}/reset-password`)
    expect(reset.status).toBe(200)
    expect(reset.body.account.mustChangePassword).toBe(true)
    expect((await pull(server, worker)).status).toBe(401)
    expect((await signIn(server, 'ord-forgetful', STRONG_PASSWORD)).status).toBe(401)
    const signedIn = await signIn(server, 'ord-forgetful', reset.body.oneTimePassword)
    expect(signedIn.body.mustChangePassword).toBe(true)
    // Signing out stays possible.
    expect((await call(signedIn.body, 'POST', '/api/auth/logout')).status).toBe(204)
    const logged = await events(worker.user.id)
    expect(logged[0]).toMatchObject({ action: 'passwordReset', changes: {} })
    // The log never holds a password or a hash.
    const text = JSON.stringify(server.sql.prepare('select * from account_events').all())
    expect(text).not.toContain(reset.body.oneTimePassword)
    expect(text).not.toContain(STRONG_PASSWORD)
    expect(text).not.toContain('scrypt$')
  })

  it('keeps the last enabled administrator', async () => {
    const before = countRows(server, 'account_events')
    const disabled = await call(admin, 'POST', `/api/staff/${admin.user.id}/disable`)
    expect(disabled.status).toBe(409)
    expect(disabled.body).toMatchObject({ error: 'CONFLICT', reason: 'staff.lastAdmin' })
    const demoted = await call(admin, 'PUT', `/api/staff/${admin.user.id}`, { name: admin.user.name, role: 'clerk', centerId: admin.user.centerId })
    expect(demoted.status).toBe(409)
    expect(countRows(server, 'account_events')).toBe(before)
    expect((await pull(server, admin)).status).toBe(200)
  })
})

describe('changing one’s own password', () => {
  it('applies the policy and checks the current password', async () => {
    const worker = await addStaff(server, admin, { username: 'ord-changer', role: 'clerk' })
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ currentPassword: 'wrong-password-1', newPassword: 'Another-strong-9' }, { currentPassword: 'password.wrongCurrent' }],
      [{ currentPassword: STRONG_PASSWORD, newPassword: 'short1' }, { newPassword: 'password.tooShort' }],
      [{ currentPassword: STRONG_PASSWORD, newPassword: 'shiftdesk-demo' }, { newPassword: 'password.common' }],
      [{ currentPassword: STRONG_PASSWORD, newPassword: '1234567890' }, { newPassword: 'password.common' }],
      [{ currentPassword: STRONG_PASSWORD, newPassword: 'Password2026!' }, { newPassword: 'password.common' }],
      [{ currentPassword: STRONG_PASSWORD, newPassword: 'ord-changer-2026' }, { newPassword: 'password.sameAsUsername' }],
      [{ currentPassword: STRONG_PASSWORD, newPassword: STRONG_PASSWORD }, { newPassword: 'password.unchanged' }],
      [{ currentPassword: STRONG_PASSWORD }, { newPassword: 'field.required' }],
    ]
    for (const [body, fields] of cases) {
      const answer = await call(worker, 'POST', '/api/auth/password', body)
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect((answer.body as { fields: Record<string, string> }).fields).toEqual(fields)
    }
    expect((await signIn(server, 'ord-changer', STRONG_PASSWORD, 'dev-other')).status).toBe(200)
    const other = (await signIn(server, 'ord-changer', STRONG_PASSWORD, 'dev-third')).body
    expect((await call(worker, 'POST', '/api/auth/password', { currentPassword: STRONG_PASSWORD, newPassword: 'Qilian-shan-snow-7' })).status).toBe(204)
    // This session goes on; the others end.
    expect((await pull(server, worker)).status).toBe(200)
    expect((await call(other, 'GET', '/api/sync/pull')).status).toBe(401)
    expect((await signIn(server, 'ord-changer', 'Qilian-shan-snow-7')).status).toBe(200)
  })
})

describe('the account log', () => {
  it('is append-only in the database', () => {
    expect(() => server.sql.prepare('update account_events set action = \'x\'').run()).toThrow(/append-only/)
    expect(() => server.sql.prepare('delete from account_events').run()).toThrow(/append-only/)
  })
})
