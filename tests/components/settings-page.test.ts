import 'fake-indexeddb/auto'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '../../src/db/db'
import { readMeta } from '../../src/db/meta'
import { resetDb, until } from './support/fixtures'
import { CLERK_A, mountShell, seedSharedTablet } from './support/lock-fixtures'

vi.mock('../../src/sync/page/sync-scheduler', () => ({
  requestSync: vi.fn(async () => {}), requestSyncSoon: vi.fn(), syncInPage: vi.fn(async () => {}), startSyncScheduler: vi.fn(),
}))

let wrapper: VueWrapper | undefined

beforeEach(async () => {
  await resetDb()
  await seedSharedTablet(CLERK_A.userId)
})
afterEach(() => wrapper?.unmount())

const option = (value: string) => wrapper!.find<HTMLInputElement>(`[data-testid="idle-lock-${value}"]`)

describe('settings: idle lock', () => {
  it('locks after 5 minutes by default and keeps another choice on the device', async () => {
    ;({ wrapper } = await mountShell('/settings'))
    await until(() => expect(option('5').element.checked).toBe(true))
    expect(wrapper.findAll('input[name="idleLockMinutes"]')).toHaveLength(6)
    expect(wrapper.find('[data-testid="idle-lock-never-note"]').exists()).toBe(false)

    await option('15').setValue(true)
    await until(() => expect(wrapper!.find('[data-testid="idle-lock-saved"]').exists()).toBe(true))
    expect(await readMeta(db, 'idleLockMinutes', 5)).toBe(15)
  })

  it('warns that shared devices should lock when "never" is chosen', async () => {
    ;({ wrapper } = await mountShell('/settings'))
    await until(() => expect(option('never').exists()).toBe(true))
    await option('never').setValue(true)
    await until(() => expect(wrapper!.find('[data-testid="idle-lock-never-note"]').text()).toContain('多人共用的设备应开启自动锁定'))
    expect(await readMeta(db, 'idleLockMinutes', 5)).toBeNull()
  })
})
