import type Database from 'better-sqlite3'
import type { AccountNetwork } from '@shared/domain/account'
import type { OutboxItem, OutboxState } from '@shared/domain/outbox'

interface OutboxRow {
  id: string
  account_id: string
  network: string
  idempotency_key: string
  text: string
  in_reply_to: string | null
  state: string
  attempts: number
  not_before: number
  last_error: string | null
  remote_id: string | null
  remote_url: string | null
  created_at: number
  updated_at: number
}

/** An outbox item with what only the core needs (the idempotency key, the back-off time). */
export interface OutboxRecord extends OutboxItem {
  idempotencyKey: string
  notBefore: number
  remoteId: string | null
}

function toRecord(row: OutboxRow): OutboxRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    network: row.network as AccountNetwork,
    idempotencyKey: row.idempotency_key,
    text: row.text,
    inReplyToId: row.in_reply_to,
    state: row.state as OutboxState,
    attempts: row.attempts,
    notBefore: row.not_before,
    lastError: row.last_error,
    remoteId: row.remote_id,
    remoteUrl: row.remote_url,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

const COLUMNS = `id, account_id, network, idempotency_key, text, in_reply_to, state, attempts, not_before, last_error,
  remote_id, remote_url, created_at, updated_at`

/**
 * The outbox lives in earshot.db (synchronous=FULL): when `enqueue` returns, the item survives
 * a crash or a power cut. Every state change is its own durable write, made before the network
 * call it guards.
 */
export class OutboxRepository {
  private readonly insert: Database.Statement
  private readonly selectOne: Database.Statement
  private readonly selectRecent: Database.Statement
  private readonly selectNext: Database.Statement
  private readonly selectDueAccounts: Database.Statement
  private readonly update: Database.Statement

  constructor(db: Database.Database) {
    this.insert = db.prepare(`INSERT INTO outbox (${COLUMNS}) VALUES (@id, @accountId, @network, @idempotencyKey, @text, @inReplyToId,
      'queued', 0, 0, NULL, NULL, NULL, @createdAt, @createdAt)`)
    this.selectOne = db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE id = ?`)
    this.selectRecent = db.prepare(`SELECT ${COLUMNS} FROM outbox ORDER BY created_at DESC, id DESC LIMIT ?`)
    // An item left in 'sending' by a crash is resent with the same key: the network de-duplicates.
    this.selectNext = db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE account_id = ? AND state IN ('sending', 'queued')
      ORDER BY created_at, id LIMIT 1`)
    this.selectDueAccounts = db.prepare(`SELECT DISTINCT account_id FROM outbox WHERE state IN ('sending', 'queued')`)
    this.update = db.prepare(`UPDATE outbox SET state = @state, attempts = @attempts, not_before = @notBefore, last_error = @lastError,
      remote_id = @remoteId, remote_url = @remoteUrl, updated_at = @updatedAt WHERE id = @id`)
  }

  enqueue(item: { id: string; accountId: string; network: AccountNetwork; idempotencyKey: string; text: string; inReplyToId: string | null; createdAt: number }): OutboxRecord {
    this.insert.run(item)
    const stored = this.get(item.id)
    if (!stored) throw new Error('The outbox item vanished right after it was written.')
    return stored
  }

  get(id: string): OutboxRecord | null {
    const row = this.selectOne.get(id) as OutboxRow | undefined
    return row ? toRecord(row) : null
  }

  recent(limit: number): OutboxRecord[] {
    return (this.selectRecent.all(limit) as OutboxRow[]).map(toRecord)
  }

  /** The oldest unsent item of an account (sends per account are serialised, in order). */
  next(accountId: string): OutboxRecord | null {
    const row = this.selectNext.get(accountId) as OutboxRow | undefined
    return row ? toRecord(row) : null
  }

  /** Accounts with something left to send. */
  accountsWithWork(): string[] {
    return (this.selectDueAccounts.all() as Array<{ account_id: string }>).map((row) => row.account_id)
  }

  save(record: OutboxRecord): void {
    this.update.run(record)
  }
}
