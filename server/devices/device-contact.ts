import type { FastifyBaseLogger } from 'fastify'
import type { Store } from '../store/store'

/**
 * Keeps `devices.last_seen` (and its last user) current from authenticated requests, cheaply: at
 * most one single-row update per device a minute, decided in memory, so the push path pays a map
 * look-up per request. The request does not wait for the update; a failure is only logged.
 */
export const CONTACT_INTERVAL_MS = 60_000

export class DeviceContact {
  private readonly written = new Map<string, number>()

  constructor(private readonly store: Store, private readonly now: () => Date = () => new Date()) {}

  seen(deviceId: string, userId: string, log?: FastifyBaseLogger): void {
    const now = this.now()
    const last = this.written.get(deviceId)
    if (last !== undefined && now.getTime() - last < CONTACT_INTERVAL_MS) return
    this.written.set(deviceId, now.getTime())
    // Sign-in sets last_seen too: a write within the minute after it changes nothing and is skipped.
    const before = new Date(now.getTime() - CONTACT_INTERVAL_MS).toISOString()
    void this.store.write(tx => tx.updateTable('devices').set({ last_seen: now.toISOString(), last_user_id: userId })
      .where('id', '=', deviceId).where('last_seen', '<', before).execute())
      .catch((error: unknown) => log?.warn({ err: error }, 'device last contact not recorded'))
  }
}
