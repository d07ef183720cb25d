import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, type Pinia, setActivePinia } from 'pinia'
import { type Component, defineComponent, h } from 'vue'
import { createMemoryHistory, RouterView, type Router } from 'vue-router'
import type { DeviceSession } from '../../../src/db/database'
import { db } from '../../../src/db/db'
import { setDevicePin } from '../../../src/db/device-pins'
import { writeMeta } from '../../../src/db/meta'
import { i18n } from '../../../src/i18n'
import { createAppRouter } from '../../../src/router'
import { useSessionStore } from '../../../src/stores/session'
import { SESSION, until } from './fixtures'

/** Two clerks sharing one tablet: 李娜 (the usual fixture) and 王伟, each with their own PIN. */
export const CLERK_A = SESSION
export const CLERK_B: DeviceSession = {
  ...SESSION,
  userId: 'u-clerk2',
  user: { id: 'u-clerk2', username: 'ord-clerk2', name: '王伟', role: 'clerk', centerId: 'c-ord' },
  token: 'test-token-2',
}
export const PIN_A = '258036'
export const PIN_B = '480917'

/** Both clerks signed in on this device with their PINs set; `current` is at the tablet (null: locked). */
export async function seedSharedTablet(current: string | null, b: Partial<DeviceSession> = {}) {
  await db.sessions.bulkPut([CLERK_A, { ...CLERK_B, ...b }])
  await Promise.all([setDevicePin(db, CLERK_A.userId, PIN_A), setDevicePin(db, CLERK_B.userId, PIN_B)])
  await writeMeta(db, 'currentUserId', current)
}

/**
 * The app's real router and guard on a memory history, the session restored from the device as at
 * boot, and `shell` (default: just the RouterView) mounted around the pages.
 */
export async function mountShell(path: string, shell?: Component): Promise<{ wrapper: VueWrapper, router: Router, pinia: Pinia }> {
  const pinia = createPinia()
  setActivePinia(pinia)
  i18n.global.locale.value = 'zh-CN'
  await useSessionStore().restore()
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  await router.isReady()
  const root = shell ?? defineComponent({ render: () => h(RouterView) })
  const wrapper = mount(root, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  return { wrapper, router, pinia }
}

/** Picks a person on the lock screen and taps their PIN on the keypad. */
export async function unlockAs(wrapper: VueWrapper, name: string, pin: string) {
  await until(() => {
    if (!wrapper.findAll('[data-testid="lock-staff"]').some(b => b.text().includes(name))) throw new Error(`${name} not listed`)
  })
  await wrapper.findAll('[data-testid="lock-staff"]').find(b => b.text().includes(name))!.trigger('click')
  for (const digit of pin) await wrapper.find(`[data-testid="pin-key-${digit}"]`).trigger('click')
}
