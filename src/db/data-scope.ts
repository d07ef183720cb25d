import { dataScopeOf } from '../domain'
import type { OutboxEntry } from './database'
export { DATA_SCOPE, readDataScope } from './meta'

/** Is this waiting change one the people of `scope` may see (and have pushed with their pull's echo)? */
export const inScope = (entry: Pick<OutboxEntry, 'actor'>, scope: string | null) => scope !== null && dataScopeOf(entry.actor) === scope
