import 'fake-indexeddb/auto'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { useDeviceLock } from '../../src/composables/use-device-lock'
import type { OutboxEntry } from '../../src/db/database'
import { db } from '../../src/db/db'
import { wipeRevokedDevice } from '../../src/db/device-wipe'
import type { StaffUser } from '../../src/domain'
import { markSessionRefused } from '../../src/sync/sessions'
import { caseRecord, resetDb, until } from './support/fixtures'
import { CLERK_A, CLERK_B, mountShell, seedSharedTablet } from './support/lock-fixtures'

vi.mock('../../src/sync/page/sync-scheduler', () => ({
  requestSync: vi.fn(async () => {}), requestSyncSoon: vi.fn(), syncInPage: vi.fn(async () => {}), startSyncScheduler: vi.fn(),
}))

/** The shell's lock handling, as in App.vue (the sign-in page shows the revoked notice). */
const Shell = defineComponent({ setup() { useDeviceLock(); return () => h(RouterView) } })
let wrapper: VueWrapper | undefined

const HNS: StaffUser = { id: 'u-hns1', username: 'hns-clerk1', name: '张敏', role: 'clerk', centerId: 'c-hns' }
const waitingOf = (actor: StaffUser, entityId: string): OutboxEntry => ({
  id: `m-${entityId}`, entityId, actorId: actor.id, actor, state: 'pending',
  mutation: {
    id: `m-${entityId}`, deviceId: 'd', actorId: actor.id, entity: 'case', entityId, op: 'case.update', baseVersion: 1,
    payload: { fields: { notes: 'x' } }, clientTime: '2026-11-28T03:30:00.000Z',
  },
})

beforeEach(async () => {
  await resetDb()
  vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('offline') }))
})
afterEach(() => {
  wrapper?.unmount()
  vi.unstubAllGlobals()
})

describe('a device that forgets', () => {
  it('covers the app with the revoked notice, naming whose changes still wait, and leaves nobody to unlock', async () => {
    await seedSharedTablet(CLERK_A.userId)
    await db.cases.put(caseRecord({ id: 'c1', caseNo: 'ORD-20261128-K7Q2X-0001' }))
    await db.outbox.bulkAdd([waitingOf(CLERK_A.user, 'c1'), waitingOf(HNS, 'c2'), waitingOf(HNS, 'c3')])
    let router
    ;({ wrapper, router } = await mountShell('/outbox', Shell))
    await wipeRevokedDevice(db)
    await until(() => expect(wrapper!.find('[data-testid="device-revoked"]').exists()).toBe(true))
    const lines = wrapper.findAll('[data-testid="device-revoked-waiting"] li').map(li => li.text())
    expect(lines.sort()).toEqual(['1 项变更由 李娜 待同步', '2 项变更由 张敏 待同步'])
    expect(wrapper.find('[data-testid="device-revoked"]').text()).not.toContain('ORD-20261128')
    // Nobody can unlock: the guard leads to sign-in, not the lock screen.
    await until(() => expect(router.currentRoute.value.name).toBe('signin'))
    expect(await db.cases.count()).toBe(0)
  })

  it('signs a disabled person out with a message on the lock screen; their colleague can still unlock', async () => {
    await seedSharedTablet(CLERK_A.userId)
    let router
    ;({ wrapper, router } = await mountShell('/outbox', Shell))
    await markSessionRefused(db, CLERK_A.userId, 'accountDisabled')
    await until(() => expect(router.currentRoute.value.name).toBe('lock'))
    await until(() => expect(wrapper!.find('[data-testid="signin-ended"]').text()).toContain('李娜 的账号已被管理员停用'))
    expect((await db.sessions.get(CLERK_A.userId))?.token).toBe('')
    expect(wrapper.findAll('[data-testid="lock-staff"]').map(b => b.text()).join()).not.toContain('李娜')
    expect((await db.sessions.get(CLERK_B.userId))?.token).toBe(CLERK_B.token)
  })
})
