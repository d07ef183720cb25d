import type { Handlers } from '../http/api'
import { notFound } from '../http/errors'
import type { Store } from '../store/store'
import { findDevice, listDevices, revokeDevice } from './device-list'

/** GET /api/devices and POST /api/devices/:id/revoke (administrators). */
export function deviceHandlers(store: Store): Pick<Handlers, 'listDevices' | 'revokeDevice'> {
  return {
    async listDevices({ query }) {
      return { devices: await store.read(tx => listDevices(tx, query.centerId)) }
    },

    async revokeDevice({ params }, { user }) {
      const device = await store.write(async (tx) => {
        if (!await findDevice(tx, params.id)) throw notFound(`No device ${params.id}`)
        await revokeDevice(tx, params.id, user.id)
        return (await findDevice(tx, params.id))!
      })
      return { device }
    },
  }
}
