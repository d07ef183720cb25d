import 'fake-indexeddb/auto'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import LockNowButton from '../../src/components/lock/LockNowButton.vue'
import SyncWaitingForSignInNotice from '../../src/components/sync/SyncWaitingForSignInNotice.vue'
import { db } from '../../src/db/db'
import { blockedEntities, outboxInState } from '../../src/db/outbox-queries'
import type { CaseIntake } from '../../src/domain'
import { i18n } from '../../src/i18n'
import { useCaseStore } from '../../src/stores/cases'
import { useDeviceLockStore } from '../../src/stores/device-lock'
import { useSessionStore } from '../../src/stores/session'
import { nextBatch } from '../../src/sync/push-outbox'
import { markSessionRefused, usableSessions } from '../../src/sync/sessions'
import { ITEMS, intakeFormLoaded, resetDb, until } from './support/fixtures'
import { CLERK_A, CLERK_B, PIN_A, PIN_B, mountShell, seedSharedTablet, unlockAs } from './support/lock-fixtures'

vi.mock('../../src/sync/page/sync-scheduler', () => ({
  requestSync: vi.fn(async () => {}), requestSyncSoon: vi.fn(), syncInPage: vi.fn(async () => {}), startSyncScheduler: vi.fn(),
}))

const intake = (applicantName: string): CaseIntake => ({
  applicantType: 'person', applicantName, idNumber: '11010519491231002X', contactName: '', phone: '13800138000',
  serviceItemId: 'item-id-card', materials: ['户口簿'], channel: 'window', windowNo: '3', notes: '',
})

let wrapper: VueWrapper | undefined

beforeEach(async () => {
  await resetDb()
  await db.serviceItems.bulkPut(ITEMS)
  localStorage.clear()
})
afterEach(() => {
  wrapper?.unmount()
  vi.restoreAllMocks()
})

describe('two clerks sharing a tablet in one shift', () => {
  it('attributes every change to whoever was at the tablet, and a refused session holds only its owner’s changes', async () => {
    await seedSharedTablet(CLERK_A.userId)
    ;({ wrapper } = await mountShell('/'))
    const cases = useCaseStore()
    const lock = useDeviceLockStore()

    const byA = await cases.takeIn(intake('王小明'))
    await lock.lock()
    expect(useSessionStore().user).toBeNull()
    await expect(lock.unlock(CLERK_B.userId, PIN_B)).resolves.toEqual({ ok: true })
    expect(useSessionStore().user?.id).toBe(CLERK_B.userId)
    const byB = await cases.takeIn(intake('陈静'))
    await cases.transition(byA.id, 'start') // B moves on A's case

    const pending = await outboxInState(db, 'pending').toArray()
    expect(pending.map(e => [e.entityId, e.mutation.op, e.actorId, e.actor.name, e.mutation.actorId])).toEqual([
      [byA.id, 'case.create', CLERK_A.userId, '李娜', CLERK_A.userId],
      [byB.id, 'case.create', CLERK_B.userId, '王伟', CLERK_B.userId],
      [byA.id, 'case.transition', CLERK_B.userId, '王伟', CLERK_B.userId],
    ])

    // The central system refuses A's token: A's changes wait (and B's change to A's case waits
    // behind them, to keep that case's order); B's own case goes.
    await markSessionRefused(db, CLERK_A.userId)
    const batch = nextBatch(pending, await usableSessions(db), await blockedEntities(db))
    expect(batch.map(e => [e.entityId, e.actorId])).toEqual([[byB.id, CLERK_B.userId]])

    // …and the tablet says so, by name.
    const notice = mount(SyncWaitingForSignInNotice, { global: { plugins: [i18n] } })
    await until(() => expect(notice.text()).toContain('李娜 的 1 项变更等待其重新登录'))
    notice.unmount()
  })

  it('keeps a half-typed intake across a lock for its author only', async () => {
    await seedSharedTablet(CLERK_A.userId)
    const Shell = defineComponent({ render: () => [h(LockNowButton), h(RouterView)] })
    let router
    ;({ wrapper, router } = await mountShell('/cases/new', Shell))
    const name = () => wrapper!.find<HTMLInputElement>('[name="applicantName"]')
    await until(() => expect(name().exists()).toBe(true))
    await intakeFormLoaded(wrapper)
    await name().setValue('刘洋')
    await wrapper.find('[name="phone"]').setValue('13900139000')

    // Locked mid-intake (no "leave the form?" dialog in the way), and 王伟 takes the tablet.
    const confirm = vi.fn(() => false)
    window.confirm = confirm
    await wrapper.find('[data-testid="lock-now"]').trigger('click')
    await until(() => expect(router.currentRoute.value.name).toBe('lock'))
    expect(confirm).not.toHaveBeenCalled()
    await unlockAs(wrapper, '王伟', PIN_B)
    await until(() => expect(router.currentRoute.value.name).toBe('cases'))
    await router.push('/cases/new')
    await until(() => expect(name().exists()).toBe(true))
    // The form has read whatever draft it would restore: none of 李娜's.
    await intakeFormLoaded(wrapper)
    expect(name().element.value).toBe('')
    expect(wrapper.find('[data-testid="draft-restored"]').exists()).toBe(false)

    // Back to 李娜: she returns to her form with what she had typed.
    await wrapper.find('[data-testid="lock-now"]').trigger('click')
    await until(() => expect(router.currentRoute.value.name).toBe('lock'))
    await unlockAs(wrapper, '李娜', PIN_A)
    await until(() => expect(router.currentRoute.value.name).toBe('intake'))
    await until(() => expect(name().element.value).toBe('刘洋'))
    expect(wrapper.find<HTMLInputElement>('[name="phone"]').element.value).toBe('13900139000')
    expect(wrapper.find('[data-testid="draft-restored"]').exists()).toBe(true)
  })
})
