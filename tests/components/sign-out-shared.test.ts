import 'fake-indexeddb/auto'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import AppHeader from '../../src/components/layout/AppHeader.vue'
import { useDeviceLock } from '../../src/composables/use-device-lock'
import { db } from '../../src/db/db'
import { resetDb, until } from './support/fixtures'
import { CLERK_A, CLERK_B, mountShell, seedSharedTablet } from './support/lock-fixtures'

vi.mock('../../src/sync/page/sync-scheduler', () => ({
  requestSync: vi.fn(async () => {}), requestSyncSoon: vi.fn(), syncInPage: vi.fn(async () => {}), startSyncScheduler: vi.fn(),
}))

/** The header and the shell's lock handling, as in App.vue. */
const Shell = defineComponent({ setup() { useDeviceLock(); return () => [h(AppHeader), h(RouterView)] } })
let wrapper: VueWrapper | undefined

beforeEach(async () => {
  await resetDb()
  vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('offline') }))
})
afterEach(() => {
  wrapper?.unmount()
  vi.unstubAllGlobals()
})

describe('signing out on a shared tablet', () => {
  it('ends only that session and goes to sign-in, while the other clerk can still unlock', async () => {
    await seedSharedTablet(CLERK_A.userId)
    let router
    ;({ wrapper, router } = await mountShell('/outbox', Shell))
    await wrapper.find('[data-testid="sign-out"]').trigger('click')
    await until(() => expect(router.currentRoute.value.name).toBe('signin'))
    expect((await db.sessions.get(CLERK_A.userId))?.token).toBe('')
    expect((await db.sessions.get(CLERK_B.userId))?.token).toBe(CLERK_B.token)
    await until(() => expect(wrapper!.find('[data-testid="back-to-lock"]').exists()).toBe(true))
  })

  it('"lock / switch user" signs nobody out', async () => {
    await seedSharedTablet(CLERK_A.userId)
    let router
    ;({ wrapper, router } = await mountShell('/outbox', Shell))
    await wrapper.find('[data-testid="lock-now"]').trigger('click')
    await until(() => expect(router.currentRoute.value.name).toBe('lock'))
    expect((await db.sessions.toArray()).map(s => s.token).sort()).toEqual([CLERK_A.token, CLERK_B.token].sort())
    expect(wrapper.find('[data-testid="lock-now"]').exists()).toBe(false)
  })
})
