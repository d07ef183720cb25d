import 'fake-indexeddb/auto'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DeviceSession } from '../../src/db/database'
import { db } from '../../src/db/db'
import { i18n } from '../../src/i18n'
import accountsZhCN from '../../src/i18n/accounts.zh-CN'
import zhCN from '../../src/i18n/zh-CN'
import SettingsPage from '../../src/pages/SettingsPage.vue'
import StaffAdmin from '../../src/components/accounts/StaffAdmin.vue'
import { useSessionStore } from '../../src/stores/session'
import { SESSION, resetDb, setUpApp, until } from './support/fixtures'

/**
 * The account forms against a stubbed central system: the forced password change after a one-time
 * password (policy errors under their fields, input kept, the device lets them on once changed),
 * and 员工账户 (a new account's one-time password shown once; the server's field errors shown).
 */
interface Call { method: string, path: string, body: unknown }
let calls: Call[]
let answers: Record<string, { status: number, body?: unknown }>
let wrapper: VueWrapper

const json = (status: number, body?: unknown) => status === 204
  ? new Response(null, { status })
  : new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

beforeEach(async () => {
  await resetDb()
  calls = []
  answers = {}
  vi.stubGlobal('fetch', vi.fn(async (path: string, init: RequestInit) => {
    const method = init.method ?? 'GET'
    calls.push({ method, path, body: init.body ? JSON.parse(String(init.body)) : undefined })
    const answer = answers[`${method} ${path.split('?')[0]}`]
    return answer ? json(answer.status, answer.body) : json(404, { error: 'NOT_FOUND', message: 'no' })
  }))
})
afterEach(() => {
  wrapper?.unmount()
  vi.unstubAllGlobals()
})

describe('changing the one-time password', () => {
  const FORCED: DeviceSession = { ...SESSION, mustChangePassword: true }

  async function mountForced() {
    await db.sessions.put(FORCED)
    const { pinia, router } = await setUpApp('/settings', [
      { path: '/settings', name: 'settings', component: SettingsPage },
      { path: '/', name: 'cases', component: { template: '<p>cases</p>' } },
    ])
    useSessionStore().session = FORCED
    wrapper = mount(SettingsPage, { global: { plugins: [pinia, i18n, router] } })
    await until(() => expect(wrapper.find('[data-testid="password-submit"]').exists()).toBe(true))
    return router
  }

  async function fill(current: string, next: string, repeat = next) {
    await wrapper.find('[data-testid="password-current"]').setValue(current)
    await wrapper.find('[data-testid="password-new"]').setValue(next)
    await wrapper.find('[data-testid="password-repeat"]').setValue(repeat)
  }

  it('says under each field what the policy refuses, keeps what was typed, and sends nothing', async () => {
    await mountForced()
    expect(wrapper.find('h1').text()).toBe(accountsZhCN.passwordChange.forcedTitle)
    await fill('k7q2-xm9p-4tdr', 'shiftdesk-demo')
    await wrapper.find('form').trigger('submit')
    await until(() => expect(wrapper.find('#pw-new-error').text()).toBe(accountsZhCN.password.common))
    expect((wrapper.find('[data-testid="password-new"]').element as HTMLInputElement).value).toBe('shiftdesk-demo')
    await wrapper.find('[data-testid="password-new"]').setValue('Huang-he-2026-jiu-qu')
    await wrapper.find('form').trigger('submit')
    await until(() => expect(wrapper.find('#pw-repeat-error').text()).toBe(accountsZhCN.password.mismatch))
    expect(calls).toEqual([])
  })

  it('shows the central system’s refusal under its field; once changed, the device lets them on', async () => {
    const router = await mountForced()
    await fill('wrong-one-time', 'Huang-he-2026-jiu-qu')
    answers['POST /api/auth/password'] = { status: 400, body: { error: 'BAD_REQUEST', message: 'x', fields: { currentPassword: 'password.wrongCurrent' } } }
    await wrapper.find('form').trigger('submit')
    await until(() => expect(wrapper.find('#pw-current-error').text()).toBe(accountsZhCN.password.wrongCurrent))
    expect(calls.at(-1)).toMatchObject({ method: 'POST', path: '/api/auth/password', body: { currentPassword: 'wrong-one-time', newPassword: 'Huang-he-2026-jiu-qu' } })

    answers['POST /api/auth/password'] = { status: 204 }
    await wrapper.find('[data-testid="password-current"]').setValue('k7q2-xm9p-4tdr')
    await wrapper.find('form').trigger('submit')
    await until(() => expect(router.currentRoute.value.name).toBe('cases'))
    expect((await db.sessions.get(SESSION.userId))?.mustChangePassword).toBe(false)
  })

  it('says it needs the network when the central system cannot be reached', async () => {
    await mountForced()
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch') }))
    await fill('k7q2-xm9p-4tdr', 'Huang-he-2026-jiu-qu')
    await wrapper.find('form').trigger('submit')
    await until(() => expect(wrapper.find('[data-testid="password-offline"]').text()).toBe(accountsZhCN.passwordChange.offline))
    expect((wrapper.find('[data-testid="password-new"]').element as HTMLInputElement).value).toBe('Huang-he-2026-jiu-qu')
  })
})

describe('staff accounts', () => {
  const ADMIN: DeviceSession = { ...SESSION, userId: 'u-admin', user: { id: 'u-admin', username: 'admin', name: '管理员', role: 'admin', centerId: 'c-ord' } }
  const ACCOUNT = { id: 'u-1', username: 'ord-clerk1', name: '张敏', role: 'clerk', centerId: 'c-ord', departments: [], disabledAt: null, mustChangePassword: false, demo: true }

  beforeEach(async () => {
    answers['GET /api/centers'] = { status: 200, body: { centers: [SESSION.center] } }
    answers['GET /api/staff'] = { status: 200, body: { staff: [ACCOUNT] } }
    const { pinia, router } = await setUpApp('/admin/staff', [{ path: '/admin/staff', component: StaffAdmin }])
    useSessionStore().session = ADMIN
    wrapper = mount(StaffAdmin, { global: { plugins: [pinia, i18n, router] } })
    await until(() => expect(wrapper.findAll('[data-testid="staff-row"]')).toHaveLength(1))
  })

  it('creates an account, names the server’s refusal under its field, and shows the one-time password once', async () => {
    await wrapper.find('[data-testid="staff-create"]').trigger('click')
    await wrapper.find('[data-testid="staff-username"]').setValue('ord-clerk1')
    await wrapper.find('[data-testid="staff-name"]').setValue('')
    await wrapper.find('[data-testid="staff-form"]').trigger('submit')
    await until(() => expect(wrapper.find('#staff-name-error').text()).toBe(zhCN.field.required))
    expect(calls.filter(c => c.method === 'POST')).toEqual([])

    await wrapper.find('[data-testid="staff-name"]').setValue('孙丽')
    answers['POST /api/staff'] = { status: 400, body: { error: 'BAD_REQUEST', message: 'x', fields: { username: 'staff.usernameTaken' } } }
    await wrapper.find('[data-testid="staff-form"]').trigger('submit')
    await until(() => expect(wrapper.find('#staff-username-error').text()).toBe(accountsZhCN.staff.usernameTaken))
    expect((wrapper.find('[data-testid="staff-name"]').element as HTMLInputElement).value).toBe('孙丽')

    await wrapper.find('[data-testid="staff-username"]').setValue('ord-clerk9')
    answers['POST /api/staff'] = { status: 201, body: { account: { ...ACCOUNT, id: 'u-9', username: 'ord-clerk9', name: '孙丽', mustChangePassword: true, demo: false }, oneTimePassword: 'k7q2-xm9p-4tdr' } }
    await wrapper.find('[data-testid="staff-form"]').trigger('submit')
    await until(() => expect(wrapper.find('[data-testid="one-time-value"]').text()).toBe('k7q2-xm9p-4tdr'))
    expect(calls.filter(c => c.method === 'POST').at(-1)!.body).toEqual({ username: 'ord-clerk9', name: '孙丽', role: 'clerk', centerId: 'c-ord', departments: [] })
    await wrapper.find('[data-testid="one-time-done"]').trigger('click')
    expect(wrapper.find('[data-testid="one-time-password"]').exists()).toBe(false)
  })

  it('disables only after a confirmation', async () => {
    await wrapper.find('[data-testid="staff-disable"]').trigger('click')
    expect(calls.some(c => c.path.endsWith('/disable'))).toBe(false)
    expect(wrapper.find('[data-testid="staff-confirm"]').text()).toContain('张敏')
    answers['POST /api/staff/u-1/disable'] = { status: 200, body: { account: { ...ACCOUNT, disabledAt: '2026-12-08T06:00:00.000Z' } } }
    answers['GET /api/staff'] = { status: 200, body: { staff: [{ ...ACCOUNT, disabledAt: '2026-12-08T06:00:00.000Z' }] } }
    await wrapper.find('[data-testid="staff-confirm-yes"]').trigger('click')
    await until(() => expect(wrapper.find('[data-testid="staff-status"]').text()).toBe(accountsZhCN.staffAdmin.disabled))
  })
})
