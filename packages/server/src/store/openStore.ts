import { PGlite } from '@electric-sql/pglite'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { LiaisonError } from '@liaison/core'
import { lockDataDir } from './dataDirLock.ts'
import { PgliteDialect } from './pgliteDialect.ts'
import type { Database } from './schema.ts'

export type StoreOptions =
  | { readonly engine: 'pglite'; readonly dataDir: string }
  | { readonly engine: 'postgres'; readonly url: string; readonly poolSize?: number }

export interface Store {
  readonly db: Kysely<Database>
  readonly engine: 'pglite' | 'postgres'
  /** Where the data lives, without credentials: a directory or host:port/database. */
  readonly location: string
  ping(): Promise<void>
  /**
   * PostgreSQL only: a connection of its own that LISTENs on `channel` (or each of several) and
   * calls `onNotify` with the channel for each notification, or `onLost` once when the connection
   * fails (listen again to resume).
   */
  readonly listen?: (
    channel: string | readonly string[],
    onNotify: (channel: string) => void,
    onLost: (error: Error) => void,
  ) => Promise<{ close(): Promise<void> }>
  /**
   * PostgreSQL only: takes the session advisory lock `key` on a connection of its own and keeps
   * it until released, or answers null when another session holds it. `onLost` is called once if
   * the connection (and with it the lock) is lost.
   */
  readonly holdLock?: (key: number, onLost: (error: Error) => void) => Promise<HeldLock | null>
  /**
   * PostgreSQL only: a database handle on one connection of its own, outside the pool, opened at
   * its first query: the sequencer's batches never queue behind the requests for a pooled connection.
   */
  readonly ownConnection?: () => { readonly db: Kysely<Database>; close(): Promise<void> }
  close(): Promise<void>
}

export interface HeldLock {
  release(): Promise<void>
}

/** A PostgreSQL URL with its password hidden, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(unparsable URL)'
  }
}

export async function openStore(options: StoreOptions): Promise<Store> {
  return options.engine === 'pglite'
    ? openPglite(options.dataDir)
    : openPostgres(options.url, options.poolSize ?? 10)
}

async function openPglite(dataDir: string): Promise<Store> {
  const unlock = lockDataDir(dataDir)
  let pglite: PGlite
  try {
    pglite = await PGlite.create(dataDir, {
      extensions: { unaccent },
      parsers: { 1082: (value: string) => value },
    })
  } catch (error) {
    unlock()
    throw new LiaisonError(
      'store_unavailable',
      `cannot open the embedded database in ${dataDir}: ${error instanceof Error ? error.message : String(error)}`,
      undefined,
      { cause: error },
    )
  }
  const db = new Kysely<Database>({ dialect: new PgliteDialect(pglite) })
  return {
    db,
    engine: 'pglite',
    location: dataDir,
    async ping() {
      await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute()
    },
    async close() {
      await db.destroy()
      await pglite.close()
      unlock()
    },
  }
}

/** bigint columns (event and audit seqs) as numbers, as PGlite returns them. */
const typeParsers = new pg.TypeOverrides()
typeParsers.setTypeParser(20, (value: string) => Number(value))
// calendar dates stay 'YYYY-MM-DD' text: a JS Date would put them at some time zone's midnight
typeParsers.setTypeParser(1082, (value: string) => value)

async function openPostgres(url: string, poolSize: number): Promise<Store> {
  const where = redactUrl(url)
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    types: typeParsers,
  })
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {})
  try {
    const client = await pool.connect()
    client.release()
  } catch (error) {
    await pool.end().catch(() => {})
    throw new LiaisonError(
      'store_unavailable',
      `cannot reach PostgreSQL at ${where}: ${error instanceof Error ? error.message : String(error)}`,
      undefined,
      { cause: error },
    )
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    engine: 'postgres',
    location: where,
    async ping() {
      await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute()
    },
    async listen(channel, onNotify, onLost) {
      const channels = typeof channel === 'string' ? [channel] : [...channel]
      for (const c of channels)
        if (!/^[a-z_][a-z0-9_]{0,62}$/.test(c)) throw new Error(`not a channel name: ${c}`)
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
      let closing = false
      let lost = false
      const lose = (error: Error) => {
        if (closing || lost) return
        lost = true
        client.end().catch(() => {})
        onLost(error)
      }
      client.on('notification', (message) => {
        if (channels.includes(message.channel)) onNotify(message.channel)
      })
      client.on('error', lose)
      client.on('end', () => lose(new Error('the listening connection ended')))
      await client.connect()
      for (const c of channels) await client.query(`LISTEN ${c}`)
      return {
        async close() {
          closing = true
          await client.end().catch(() => {})
        },
      }
    },
    async holdLock(key, onLost) {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, keepAlive: true })
      let released = false
      let lost = false
      const lose = (error: Error) => {
        if (released || lost) return
        lost = true
        client.end().catch(() => {})
        onLost(error)
      }
      client.on('error', lose)
      client.on('end', () => lose(new Error('the connection holding the lock ended')))
      await client.connect()
      let held: boolean
      try {
        const result = await client.query<{ held: boolean }>('select pg_try_advisory_lock($1) as held', [key])
        held = result.rows[0]?.held === true
      } catch (error) {
        released = true
        await client.end().catch(() => {})
        throw error
      }
      if (!held) {
        released = true
        await client.end().catch(() => {})
        return null
      }
      return {
        async release() {
          released = true
          await client.end().catch(() => {})
        },
      }
    },
    ownConnection() {
      const own = new pg.Pool({
        connectionString: url,
        max: 1,
        connectionTimeoutMillis: 5_000,
        types: typeParsers,
      })
      own.on('error', () => {})
      const ownDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: own }) })
      return { db: ownDb, close: () => ownDb.destroy() }
    },
    async close() {
      await db.destroy()
    },
  }
}
