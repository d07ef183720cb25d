import 'fake-indexeddb/auto'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '../../src/db/db'
import { readMeta } from '../../src/db/meta'
import { useSessionStore } from '../../src/stores/session'
import { resetDb, until } from './support/fixtures'
import { CLERK_A, CLERK_B, PIN_B, mountShell, seedSharedTablet, unlockAs } from './support/lock-fixtures'

// Unlocking never touches the network: the sync engine is not under test here.
vi.mock('../../src/sync/page/sync-scheduler', () => ({
  requestSync: vi.fn(async () => {}), requestSyncSoon: vi.fn(), syncInPage: vi.fn(async () => {}), startSyncScheduler: vi.fn(),
}))

let wrapper: VueWrapper | undefined

beforeEach(async () => {
  await resetDb()
  localStorage.clear()
})
afterEach(() => wrapper?.unmount())

const staffButtons = () => wrapper!.findAll('[data-testid="lock-staff"]')
const errorText = () => wrapper!.find('[data-testid="unlock-error"]').text()

describe('lock screen', () => {
  it('lists the staff who signed in on this device, including an expired one, but not who signed out', async () => {
    await seedSharedTablet(null, { expired: true })
    await db.sessions.put({ ...CLERK_A, userId: 'u-gone', user: { ...CLERK_A.user, id: 'u-gone', name: '赵离' }, token: '' })
    let router
    ;({ wrapper, router } = await mountShell('/'))
    expect(router.currentRoute.value.name).toBe('lock')
    await until(() => expect(staffButtons()).toHaveLength(2))
    const [li, wang] = staffButtons().map(b => b.text())
    expect(li).toContain('李娜')
    expect(li).toContain('窗口工作人员')
    expect(li).not.toContain('登录已失效')
    expect(wang).toContain('王伟')
    expect(wang).toContain('登录已失效')
    expect(wrapper.text()).not.toContain('赵离')
  })

  it('says a PIN is wrong and how many tries are left, and stays locked', async () => {
    await seedSharedTablet(null)
    let router
    ;({ wrapper, router } = await mountShell('/'))
    await unlockAs(wrapper, '李娜', PIN_B)
    await until(() => expect(errorText()).toContain('PIN 不正确。'))
    expect(errorText()).toContain('还可尝试 4 次')
    expect(wrapper.find('[data-testid="pin-input"]').attributes('aria-invalid')).toBe('true')
    expect(router.currentRoute.value.name).toBe('lock')
    expect(useSessionStore().user).toBeNull()
    expect(await readMeta(db, 'currentUserId', null)).toBeNull()

    // Typed on a keyboard this time: the field takes the digits, the sixth submits.
    await wrapper.find('[data-testid="pin-input"]').setValue('999990')
    await until(() => expect(errorText()).toContain('还可尝试 3 次'))
  })

  it('makes the right PIN’s owner the current user, with no network, and opens the app', async () => {
    await seedSharedTablet(null)
    let router
    ;({ wrapper, router } = await mountShell('/outbox'))
    expect(router.currentRoute.value.name).toBe('lock')
    await unlockAs(wrapper, '王伟', PIN_B)
    await until(() => expect(router.currentRoute.value.name).toBe('cases'))
    expect(useSessionStore().user?.id).toBe(CLERK_B.userId)
    expect(await readMeta(db, 'currentUserId', null)).toBe(CLERK_B.userId)
  })

  it('lets someone whose session was refused unlock, says their changes wait, and offers to sign in again', async () => {
    await seedSharedTablet(null, { expired: true })
    let router
    ;({ wrapper, router } = await mountShell('/'))
    await until(() => expect(staffButtons()).toHaveLength(2))
    await staffButtons().find(b => b.text().includes('王伟'))!.trigger('click')
    expect(wrapper.find('[data-testid="unlock-expired"]').text()).toContain('王伟的登录已失效')
    for (const digit of PIN_B) await wrapper.find(`[data-testid="pin-key-${digit}"]`).trigger('click')
    await until(() => expect(router.currentRoute.value.name).toBe('cases'))
    expect(useSessionStore().user?.id).toBe(CLERK_B.userId)
    expect(useSessionStore().needsSignIn).toBe(true)
  })

  it('shows the pause after five wrong PINs, and sends a person without a PIN to sign in with their password', async () => {
    await seedSharedTablet(null)
    await db.pins.update(CLERK_A.userId, { failures: 5, lockedUntil: new Date(Date.now() + 300_000).toISOString() })
    await db.pins.delete(CLERK_B.userId)
    ;({ wrapper } = await mountShell('/'))
    await until(() => expect(staffButtons()).toHaveLength(2))
    expect(staffButtons()[0]!.text()).toContain('PIN 暂停使用至')
    await staffButtons()[0]!.trigger('click')
    expect(wrapper.find('[data-testid="unlock-locked-out"]').text()).toContain('PIN 解锁已暂停')
    expect(wrapper.find('[data-testid="pin-input"]').exists()).toBe(false)

    await wrapper.find('[data-testid="unlock-not-me"]').trigger('click')
    await staffButtons().find(b => b.text().includes('王伟'))!.trigger('click')
    expect(wrapper.find('[data-testid="unlock-no-pin"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="unlock-password"]').attributes('href')).toBe('/signin?username=ord-clerk2')
  })
})
