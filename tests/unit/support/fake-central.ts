import { vi } from 'vitest'
import type { ShiftDeskDB } from '../../../src/db/database'
import type { CaseRecord, Mutation, PulledChange, PushResult } from '../../../src/domain'
import { freshDeviceDb } from '../../support/device-db'

/**
 * A stand-in for the central system's push and pull, answering from memory: pushes are applied
 * unless `answer` says otherwise; pulls hand out the queued pages in order.
 */
export class FakeCentral {
  readonly pages: PulledChange[][] = []
  readonly pulls: string[] = []
  answer: (m: Mutation) => PushResult | undefined = () => undefined

  install() {
    vi.stubGlobal('fetch', vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://central.test')
      if (url.pathname === '/api/sync/push') {
        const { mutations } = JSON.parse(String(init!.body)) as { mutations: Mutation[] }
        const results = mutations.map(m => this.answer(m) ?? { id: m.id, status: 'applied', version: m.baseVersion + 1 })
        return json({ results })
      }
      if (url.pathname === '/api/sync/pull') {
        const cursor = url.searchParams.get('cursor') ?? ''
        this.pulls.push(cursor)
        const at = Number(cursor || 0)
        return json({ changes: this.pages[at] ?? [], cursor: String(at + 1), hasMore: at + 1 < this.pages.length })
      }
      return json({ ok: true, time: new Date().toISOString() })
    }))
    return this
  }

  /** Queues a page of case changes for the next pull. */
  page(...cases: (CaseRecord | { id: string, data: null, version: number })[]) {
    this.pages.push(cases.map(c => ('data' in c
      ? { entity: 'case', id: c.id, version: c.version, data: null }
      : { entity: 'case', id: c.id, version: c.version, data: c })))
    return this
  }
}

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })

/** A fresh device database, with a fake central system answering its requests. */
export const deviceWithCentral = async () => ({ db: await freshDeviceDb(), central: new FakeCentral().install() })

/** Ends what deviceWithCentral made. */
export async function dropDevice(db: ShiftDeskDB) {
  vi.unstubAllGlobals()
  await db.delete()
}
