import 'fake-indexeddb/auto'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { OutboxEntry } from '../../src/db/database'
import { db } from '../../src/db/db'
import { i18n } from '../../src/i18n'
import zhCN from '../../src/i18n/zh-CN'
import OutboxPage from '../../src/pages/OutboxPage.vue'
import { useSessionStore } from '../../src/stores/session'
import { SESSION, caseRecord, resetDb, setUpApp, until } from './support/fixtures'

vi.mock('../../src/sync/page/sync-scheduler', () => ({
  requestSync: vi.fn(async () => {}), requestSyncSoon: vi.fn(), syncInPage: vi.fn(async () => {}), startSyncScheduler: vi.fn(),
}))

const MINE = '13600136000'
const THEIRS = '13700137000'
const BASE = caseRecord({ id: '0190a000-0000-7000-8000-000000000020', caseNo: 'ORD-20261128-K7Q2X-0020', version: 1 })
const CURRENT = { ...BASE, phone: THEIRS, version: 2 }
const MUTATION_ID = '0190a000-0000-7000-8000-0000000000c1'
const CONFLICT: OutboxEntry = {
  id: MUTATION_ID, entityId: BASE.id, actorId: SESSION.userId, actor: SESSION.user, state: 'conflict',
  mutation: {
    id: MUTATION_ID, deviceId: 'd', actorId: SESSION.userId, entity: 'case', entityId: BASE.id,
    op: 'case.update', baseVersion: 1, payload: { fields: { phone: MINE } }, clientTime: '2026-11-28T02:00:00.000Z',
  },
  result: { id: MUTATION_ID, status: 'conflict', fields: ['phone'], current: CURRENT },
}

let wrapper: VueWrapper

async function mountOutbox() {
  const { pinia, router } = await setUpApp('/outbox', [{ path: '/outbox', component: OutboxPage }])
  wrapper = mount(OutboxPage, { global: { plugins: [pinia, i18n, router] } })
  await until(() => expect(wrapper.find('[data-testid="conflict"]').exists()).toBe(true))
  return pinia
}

beforeEach(async () => {
  await resetDb()
  await db.cases.put(BASE)
  await db.caseBases.put({ id: BASE.id, data: BASE })
  await db.outbox.add(CONFLICT)
})
afterEach(() => wrapper?.unmount())

describe('settling a conflict', () => {
  it('shows this device’s value and the central system’s side by side', async () => {
    await mountOutbox()
    expect(wrapper.find('[data-testid="conflict"]').text()).toContain(zhCN.fieldName.phone)
    expect(wrapper.find('[data-testid="conflict-mine"]').text()).toBe(MINE)
    expect(wrapper.find('[data-testid="conflict-theirs"]').text()).toBe(THEIRS)
  })

  it('keeps mine: the change goes again, in the same place in the queue, on the current version', async () => {
    await mountOutbox()
    await wrapper.find('[data-testid="conflict-keep-mine"]').trigger('click')
    await until(async () => expect((await db.outbox.toArray())[0]!.state).toBe('pending'))
    const [entry] = await db.outbox.toArray()
    expect(entry!.seq).toBeDefined()
    expect(entry!.mutation).toMatchObject({ op: 'case.update', baseVersion: 2, payload: { fields: { phone: MINE }, resolves: { mutationId: MUTATION_ID, choice: 'mine' } } })
    expect(entry!.id).not.toBe(MUTATION_ID)
    expect(await db.cases.get(BASE.id)).toMatchObject({ phone: MINE, version: 2 })
  })

  it('takes theirs: the case shows the central system’s value and only the choice is sent', async () => {
    await mountOutbox()
    await wrapper.find('[data-testid="conflict-take-theirs"]').trigger('click')
    await until(async () => expect((await db.outbox.toArray())[0]!.state).toBe('pending'))
    const [entry] = await db.outbox.toArray()
    expect(entry!.mutation.payload).toEqual({ fields: {}, resolves: { mutationId: MUTATION_ID, choice: 'theirs' } })
    expect((await db.cases.get(BASE.id))!.phone).toBe(THEIRS)
  })

  it('leaves a colleague’s conflict to its author', async () => {
    const pinia = await mountOutbox()
    useSessionStore(pinia).session = { ...SESSION, userId: 'someone-else', user: { ...SESSION.user, id: 'someone-else' } }
    await until(() => expect(wrapper.find('[data-testid="conflict-keep-mine"]').exists()).toBe(false))
    expect(wrapper.find('[data-testid="conflict"]').text()).toContain(SESSION.user.name)
  })
})
