import { type SelectQueryBuilder, sql } from 'kysely'
import { type StaffUser, centerLimit } from '../../src/domain/roles'

/**
 * The centre rule of src/domain/roles.ts in SQL: `query` limited to the rows of the centres `user`
 * may see (`column` holds the centre id); administrators' queries stay as they are.
 */
export function inCentersOf<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, column: string, user: StaffUser): SelectQueryBuilder<DB, TB, O> {
  const only = centerLimit(user)
  return only === null ? query : query.where(sql.ref(column), '=', only)
}
