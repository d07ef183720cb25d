import { acceptHMRUpdate, defineStore } from 'pinia'
import { useLiveQuery } from '../composables/use-live-query'
import { db } from '../db/db'
import type { UnlockOutcome } from '../db/device-pins'
import { readMeta, writeMeta } from '../db/meta'
import { useSessionStore } from './session'

/** Minutes without input before a shared tablet locks; null: never. */
export type IdleLockMinutes = 2 | 5 | 10 | 15 | 30 | null
export const IDLE_LOCK_CHOICES: IdleLockMinutes[] = [2, 5, 10, 15, 30, null]
export const DEFAULT_IDLE_LOCK: IdleLockMinutes = 5
const IDLE_LOCK_KEY = 'idleLockMinutes'
/** PIN hashing and checks load when a PIN is set or entered, not with the first page. */
const devicePins = () => import('../db/device-pins')

export const readIdleLockMinutes = () => readMeta<IdleLockMinutes>(db, IDLE_LOCK_KEY, DEFAULT_IDLE_LOCK)

/**
 * Locking and unlocking the shared tablet. Locking only changes who is current: every session and
 * every waiting change stays on the device. Unlocking with a PIN needs no network.
 */
export const useDeviceLockStore = defineStore('deviceLock', () => {
  const session = useSessionStore()
  /** This device's idle-lock setting, followed live so a change applies at once. */
  const idleMinutes = useLiveQuery(readIdleLockMinutes, DEFAULT_IDLE_LOCK)
  /** Where each person was when they locked: they, and only they, go back there on unlocking. */
  const lockedFrom = new Map<string, string>()

  async function lock(path = '/') {
    if (session.user) lockedFrom.set(session.user.id, path)
    await session.lock()
  }

  /** Checks the PIN on the device; on success the staff member is the current user. */
  async function unlock(userId: string, pin: string): Promise<UnlockOutcome> {
    const outcome = await (await devicePins()).unlockWithPin(db, userId, pin)
    if (outcome.ok) await session.restore()
    return outcome
  }

  /** The page to show after `userId` unlocked: where they locked, else the case list (never another's). */
  function pathAfterUnlock(userId: string): string {
    const path = lockedFrom.get(userId) ?? '/'
    lockedFrom.delete(userId)
    return path
  }

  /** Sets the current user's PIN on this device (after their online sign-in). */
  async function setPin(pin: string) {
    if (!session.user) throw new Error('nobody is signed in')
    await (await devicePins()).setDevicePin(db, session.user.id, pin)
  }

  const setIdleMinutes = (minutes: IdleLockMinutes) => writeMeta(db, IDLE_LOCK_KEY, minutes)

  return { idleMinutes, lock, unlock, pathAfterUnlock, setPin, setIdleMinutes }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useDeviceLockStore, import.meta.hot))
