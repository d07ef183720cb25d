import type { Kysely } from 'kysely'
import type { Database } from './schema'

/**
 * The one way to the central database. Every query runs inside a transaction the store opens, and
 * what a transaction guarantees is part of its type: query functions take a `ReadTx` when they only
 * read and a `WriteTx` when they change something, so a change cannot be made outside a write
 * transaction. Query functions live with their feature (server/<feature>/*-rows.ts, *-store.ts)
 * and use Kysely, so a second engine is a second `Store`, not a rewrite of the queries.
 */
declare const mode: unique symbol

/** A transaction that sees one consistent snapshot of the database. */
export type ReadTx = Kysely<Database> & { readonly [mode]: 'read' | 'write' }

/** A transaction that may change the database; it sees a snapshot no other writer changes under it. */
export type WriteTx = Kysely<Database> & { readonly [mode]: 'write' }

export interface Store {
  /**
   * Reads that must agree with each other (a pull page: catalogue, cases and bookings after one
   * cursor). Isolation: snapshot — every query sees the database as of the transaction's first
   * read, whatever commits meanwhile.
   */
  read<T>(work: (tx: ReadTx) => Promise<T>): Promise<T>
  /**
   * A change, all or nothing. Isolation: serializable — one write transaction at a time, holding
   * the write lock from its first statement (SQLite: BEGIN IMMEDIATE), so nothing it read can
   * change before it commits and sequence numbers are taken in commit order.
   */
  write<T>(work: (tx: WriteTx) => Promise<T>): Promise<T>
  /**
   * A long read (walking the whole audit chain) on a connection of its own, with snapshot
   * isolation, so it holds up no request while it runs.
   */
  snapshot<T>(work: (tx: ReadTx) => Promise<T>): Promise<T>
  close(): Promise<void>
}
