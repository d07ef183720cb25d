import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Web Locks per simulated tablet. In a browser each tablet is its own origin with its own locks, so
 * tablets sync at the same time and the server sees concurrent pushes. Node has no navigator.locks,
 * and the engine's fallback lock is one promise chain per JS context (all devices here); this
 * stand-in keys the lock by the device the call runs for, so each device still runs one sync at a
 * time (foreground and background), but devices no longer wait for each other.
 */
const origin = new AsyncLocalStorage<string>()
const chains = new Map<string, Promise<unknown>>()

const locks = {
  request(name: string, callback: () => Promise<unknown>): Promise<unknown> {
    const key = `${origin.getStore() ?? 'shared'}/${name}`
    const run = (chains.get(key) ?? Promise.resolve()).then(callback, callback)
    chains.set(key, run.catch(() => undefined))
    return run
  },
}

/** Runs `work` as the tablet `device`: its lock requests are that tablet's. */
export const asDevice = <T>(device: string, work: () => T): T => origin.run(device, work)

/** Installs the per-device locks; returns the function that removes them again. */
export function installPerDeviceLocks(): () => void {
  const g = globalThis as { navigator?: unknown }
  if (g.navigator !== undefined) throw new Error('navigator already exists: per-device locks would change a real one')
  Object.defineProperty(globalThis, 'navigator', { value: { locks, userAgent: 'node' }, configurable: true, writable: true })
  return () => {
    delete g.navigator
    chains.clear()
  }
}
