import 'fake-indexeddb/auto'
import { recordCaseChange, takeInCase } from '../../src/db/case-writes'
import { type DeviceSession, type OutboxEntry, ShiftDeskDB } from '../../src/db/database'
import { outboxInState } from '../../src/db/outbox-queries'
import { discardChange, resolveConflict } from '../../src/db/outbox-writes'
import { LocalRejection, type ServiceItem } from '../../src/domain'
import { signInAtCentral } from '../../src/sync/central-auth'
import { type SyncReport, runSync } from '../../src/sync/run-sync'
import { DEMO_PASSWORD } from '../../server/seed/demo-org'
import { planChange } from './random-changes'
import type { Prng } from './prng'
import { asDevice } from './web-locks'

/** A mutation a device put into its outbox (from a change, or from settling a conflict). */
export interface MadeMutation { id: string, device: string, op: string, entityId: string, resolves?: string }
/** An answered change its author saw and settled: the conflict resolved, or the rejection discarded. */
export interface SettledChange { device: string, entry: OutboxEntry, how: 'mine' | 'theirs' | 'discarded' }

/**
 * One tablet: its own Dexie database (fake-indexeddb), the real device API for changes and the
 * real sync engine, signed in as one staff member. Its actions are sequential, like one person's.
 */
export class SimulatedDevice {
  readonly made: MadeMutation[] = []
  readonly settled: SettledChange[] = []
  /** Changes the device's own rules refused: they never reached the outbox. */
  readonly refusals: Record<string, number> = {}
  readonly syncs = { synced: 0, unreachable: 0, failed: 0, revoked: 0 }
  /** Staff of a desk role make changes; an admin's tablet only watches every centre. */
  get changes() { return this.session.user.role !== 'admin' }
  private items = new Map<string, ServiceItem>()
  private background: Promise<void> | null = null
  private backgroundError: unknown = null

  private constructor(readonly name: string, readonly db: ShiftDeskDB, readonly session: DeviceSession,
    private readonly rng: Prng, private readonly url: string) {}

  /**
   * Signs in and takes the first full pull. Setting up is not under test, so this normally happens
   * with faults off; a late joiner signs in under faults and just retries.
   */
  static async start(name: string, username: string, url: string, rng: Prng, late = false): Promise<SimulatedDevice> {
    const db = new ShiftDeskDB(name)
    let session: DeviceSession | undefined
    for (let tries = 1; !session; tries++) {
      // Under faults a sign-in can be cut, or meet the server mid-restart (502): try again shortly.
      session = await signInAtCentral(db, url, username, DEMO_PASSWORD).catch(async (error: unknown) => {
        if (!late || tries >= 40) throw error
        await new Promise(resolve => setTimeout(resolve, 250))
        return undefined
      })
    }
    const device = new SimulatedDevice(name, db, session, rng, url)
    const first = await device.sync()
    if (first.outcome !== 'synced' && !late) throw new Error(`${name}: first sync ${first.outcome}`)
    device.items = new Map((await db.serviceItems.toArray()).map(item => [item.id, item]))
    return device
  }

  async sync(): Promise<SyncReport> {
    await this.idle()
    const report = await asDevice(this.name, () => runSync(this.db, this.url))
    this.syncs[report.outcome]++
    return report
  }

  /** A sync started like the service worker's, while the person keeps working (one at a time). */
  syncInBackground(): void {
    this.background ??= asDevice(this.name, () => runSync(this.db, this.url))
      .then((report) => { this.syncs[report.outcome]++ }, (error: unknown) => { this.backgroundError ??= error })
      .finally(() => { this.background = null })
  }

  /** Waits for a background sync; a sync that threw (rather than reporting failure) fails the run. */
  async idle(): Promise<void> {
    while (this.background) await this.background
    if (this.backgroundError) throw this.backgroundError
  }

  /** One random local change through the device API; a local refusal is counted and skipped. */
  async change(): Promise<void> {
    const user = this.session.user
    const plan = planChange(this.rng, user, await this.db.cases.toArray(), this.items)
    try {
      const record = await (() => {
        switch (plan.op) {
          case 'case.create': return takeInCase(this.db, user, this.session.center, plan.intake)
          case 'case.update': return recordCaseChange(this.db, user, plan.op, plan.caseId, { fields: plan.fields })
          case 'case.transition':
            return recordCaseChange(this.db, user, plan.op, plan.caseId, { action: plan.action, ...(plan.note ? { note: plan.note } : {}) })
        }
      })()
      // Every planned change is real (new values), so its history entry names the mutation. Read from
      // the answer, not the outbox: a background sync may already have pushed it.
      const id = record.history.at(-1)!.mutationId
      if (this.made.some(m => m.id === id)) throw new Error(`${this.name}: ${plan.op} left no history entry`)
      this.made.push({ id, device: this.name, op: plan.op, entityId: record.id })
    }
    catch (error) {
      if (!(error instanceof LocalRejection)) throw error
      const key = `${plan.op} ${error.code} ${error.reason}`
      this.refusals[key] = (this.refusals[key] ?? 0) + 1
    }
  }

  /**
   * The person at the desk settles answered changes, as the outbox page lets them: a conflict is
   * resolved (keep mine / take theirs, which makes a new mutation), a rejection discarded.
   * `blocking` settles only those that hold later changes of the same case back.
   */
  async settle(which: 'one' | 'blocking'): Promise<number> {
    await this.idle()
    const answered = [...await outboxInState(this.db, 'conflict').toArray(), ...await outboxInState(this.db, 'rejected').toArray()]
    const held = new Set((await outboxInState(this.db, 'pending').toArray()).map(e => e.entityId))
    const chosen = which === 'one' ? answered.slice(0, 1) : answered.filter(e => held.has(e.entityId))
    for (const entry of chosen) {
      const how = entry.state === 'rejected' ? 'discarded' : this.rng.pick(['mine', 'theirs'] as const)
      this.settled.push({ device: this.name, entry, how })
      await this.tracked(() => how === 'discarded' ? discardChange(this.db, entry.seq!) : resolveConflict(this.db, entry.seq!, how))
    }
    return chosen.length
  }

  /** Runs a local write and records every mutation id it put into the outbox (no sync runs meanwhile). */
  private async tracked<T>(work: () => Promise<T>): Promise<T> {
    const before = new Set(await this.db.outbox.orderBy('id').keys())
    const result = await work()
    for (const entry of await this.db.outbox.toArray()) {
      if (before.has(entry.id)) continue
      const resolves = (entry.mutation.payload.resolves as { mutationId?: string } | undefined)?.mutationId
      this.made.push({ id: entry.id, device: this.name, op: entry.mutation.op, entityId: entry.entityId, ...(resolves ? { resolves } : {}) })
    }
    return result
  }

  async close(): Promise<void> {
    while (this.background) await this.background
    this.db.close()
    await this.db.delete()
  }
}
