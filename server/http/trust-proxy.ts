import net from 'node:net'

/**
 * TRUST_PROXY: which peers may tell the client's address (X-Forwarded-For) and protocol
 * (X-Forwarded-Proto). Off by default: then those headers are ignored and every limit keys on the
 * socket's peer, so nobody can dodge a limit by sending the header themselves.
 *
 * - a hop count (`1`: whoever connects is taken for the proxy). Only safe when nothing but the proxy
 *   can reach the server (HOST=127.0.0.1 with nginx on the same host): a client connecting
 *   directly would be taken for a proxy too. Fastify itself trusts no peer for a number (it fails
 *   closed), so the count is given to it as a function;
 * - a comma-separated list of addresses or CIDR ranges (`127.0.0.1,10.0.0.0/8`), or proxy-addr's
 *   names `loopback`, `linklocal`, `uniquelocal`.
 *
 * `true` (trust every peer) is refused: it lets any client choose its address.
 */
export type TrustProxy = false | number | string[]

/** As Fastify's `trustProxy` option: a hop count becomes "the nearest `n` hops are proxies". */
export function fastifyTrustProxy(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust
}

const NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])

function isAddressOrRange(entry: string): boolean {
  if (NAMES.has(entry)) return true
  const [address, bits, ...rest] = entry.split('/')
  const family = net.isIP(address ?? '')
  if (!family || rest.length) return false
  if (bits === undefined) return true
  const n = Number(bits)
  return /^\d{1,3}$/.test(bits) && n <= (family === 4 ? 32 : 128)
}

/** TRUST_PROXY's value as Fastify's `trustProxy`; throws, naming the bad entry, for anything else. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? ''
  if (text === '' || text === '0' || /^(false|off|no)$/i.test(text)) return false
  if (/^\d+$/.test(text)) return Number(text)
  if (/^(true|on|yes|\*)$/i.test(text)) {
    throw new Error('TRUST_PROXY: trusting every peer would let any client choose its address; name the proxy\'s address (e.g. 127.0.0.1) or a hop count')
  }
  const entries = text.split(',').map(entry => entry.trim()).filter(Boolean)
  const bad = entries.find(entry => !isAddressOrRange(entry))
  if (bad !== undefined) throw new Error(`TRUST_PROXY: "${bad}" is not an IP address, a CIDR range, loopback, linklocal or uniquelocal`)
  return entries
}
