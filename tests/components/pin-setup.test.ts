import 'fake-indexeddb/auto'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '../../src/db/db'
import { unlockWithPin } from '../../src/db/device-pins'
import { writeMeta } from '../../src/db/meta'
import lockZhCN from '../../src/i18n/lock.zh-CN'
import { resetDb, until } from './support/fixtures'
import { CLERK_A, mountShell } from './support/lock-fixtures'

vi.mock('../../src/sync/page/sync-scheduler', () => ({
  requestSync: vi.fn(async () => {}), requestSyncSoon: vi.fn(), syncInPage: vi.fn(async () => {}), startSyncScheduler: vi.fn(),
}))

let wrapper: VueWrapper | undefined

beforeEach(async () => {
  await resetDb()
  await db.sessions.put(CLERK_A)
  await writeMeta(db, 'currentUserId', CLERK_A.userId) // just signed in online
})
afterEach(() => wrapper?.unmount())

const label = () => wrapper!.find('label[for="pin-setup-input"]').text()
const error = () => wrapper!.find('[data-testid="pin-setup-error"]')
async function enter(pin: string) {
  await wrapper!.find('[data-testid="pin-input"]').setValue(pin)
}

describe('setting the unlock PIN after the first sign-in on a device', () => {
  it('refuses trivial and mismatched PINs with the reason, then stores only a hash and goes on', async () => {
    let router
    ;({ wrapper, router } = await mountShell('/outbox'))
    expect(router.currentRoute.value.name).toBe('pinSetup')
    await until(() => expect(label()).toBe(lockZhCN.lock.setup.newPin))

    await enter('111111')
    await until(() => expect(error().text()).toBe(lockZhCN.lock.setup.problem.trivial))
    expect(label()).toBe(lockZhCN.lock.setup.newPin)

    await enter('258036')
    await until(() => expect(label()).toBe(lockZhCN.lock.setup.confirmPin))
    expect(error().exists()).toBe(false)
    await enter('258063')
    await until(() => expect(error().text()).toBe(lockZhCN.lock.setup.problem.mismatch))
    expect(label()).toBe(lockZhCN.lock.setup.newPin)
    expect(await db.pins.count()).toBe(0)

    await enter('258036')
    await until(() => expect(label()).toBe(lockZhCN.lock.setup.confirmPin))
    await enter('258036')
    await until(() => expect(router.currentRoute.value.fullPath).toBe('/outbox'))
    const stored = await db.pins.get(CLERK_A.userId)
    expect(stored).toMatchObject({ failures: 0, lockedUntil: null })
    expect(JSON.stringify(stored)).not.toContain('258036')
    await expect(unlockWithPin(db, CLERK_A.userId, '258036')).resolves.toEqual({ ok: true })
  })
})
