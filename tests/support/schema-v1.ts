/**
 * The device database schema as release 1 shipped it, frozen: upgrade tests open a database made
 * with it. Never edit this file; when the schema changes again, add the then-current one beside it.
 */
export const SCHEMA_V1 = {
  cases: 'id, &caseNo, idNumber, applicantName, receivedAt, [status+receivedAt]',
  caseBases: 'id',
  outbox: '++seq, &id, entityId, actorId, [state+seq]',
  serviceItems: 'id, &code',
  sessions: 'userId',
  meta: 'key',
}
