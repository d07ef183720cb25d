import { callApi } from '../api/client'
import { health } from '../domain/api/sync-routes'

/** Reachability is probed, never assumed from navigator.onLine: an office network can be up while the central system is down. */
export async function probeCentral(baseUrl: string): Promise<boolean> {
  try {
    await callApi(health, {}, { baseUrl })
    return true
  }
  catch {
    return false
  }
}
