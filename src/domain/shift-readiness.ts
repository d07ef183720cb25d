/**
 * Before a weekend or outreach shift: is this device ready to work for hours without the central
 * system? Pure rules over facts the page gathers, so they are tested without a browser.
 */
export interface ReadinessFacts {
  now: number
  /** Hours the shift still runs from now. */
  shiftHours: number
  storage: { persisted: boolean | null, usage: number | null, quota: number | null }
  /** A new app version is downloaded and waiting for a reload. */
  updateWaiting: boolean
  /** The current user's session: when it runs out, and whether the central system refused it. */
  session: { expiresAt: string, refused: boolean } | null
  pendingChanges: number
  answeredChanges: number
  catalogueItems: number
  lastSyncAt: string | null
}

export type ReadinessCheck = 'storage' | 'appVersion' | 'session' | 'outbox' | 'freshness'
/** `problem` names what is wrong (an i18n key under `readiness.<check>.`), or null when ready. */
export interface ReadinessItem { check: ReadinessCheck, problem: string | null }

/** Room for a long shift's intakes with photos of materials to come. */
export const MIN_FREE_BYTES = 200 * 1024 * 1024
/** Data pulled longer ago than this is stale for starting a shift. */
export const MAX_DATA_AGE_MS = 30 * 60 * 1000

function storageProblem({ persisted, usage, quota }: ReadinessFacts['storage']): string | null {
  if (persisted === false) return 'notPersistent'
  if (usage !== null && quota !== null && quota - usage < MIN_FREE_BYTES) return 'lowSpace'
  return null
}

function sessionProblem(facts: ReadinessFacts): string | null {
  if (!facts.session) return 'none'
  if (facts.session.refused) return 'refused'
  return Date.parse(facts.session.expiresAt) < facts.now + facts.shiftHours * 3_600_000 ? 'expiresDuringShift' : null
}

function freshnessProblem(facts: ReadinessFacts): string | null {
  if (facts.catalogueItems === 0) return 'noCatalogue'
  if (!facts.lastSyncAt || facts.now - Date.parse(facts.lastSyncAt) > MAX_DATA_AGE_MS) return 'stale'
  return null
}

export function assessReadiness(facts: ReadinessFacts): ReadinessItem[] {
  return [
    { check: 'storage', problem: storageProblem(facts.storage) },
    { check: 'appVersion', problem: facts.updateWaiting ? 'updateWaiting' : null },
    { check: 'session', problem: sessionProblem(facts) },
    { check: 'outbox', problem: facts.answeredChanges ? 'answered' : facts.pendingChanges ? 'pending' : null },
    { check: 'freshness', problem: freshnessProblem(facts) },
  ]
}
