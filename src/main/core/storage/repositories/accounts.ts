import type Database from 'better-sqlite3'
import type { Account, AccountNetwork } from '@shared/domain/account'

interface AccountRow {
  id: string
  network: string
  remote_id: string
  handle: string
  display_name: string
  service_url: string
  status: string
  last_error: string | null
  created_at: number
}

export interface AccountRecord extends Account {
  /** The account's id on its network. */
  remoteId: string
}

function toRecord(row: AccountRow): AccountRecord {
  return {
    id: row.id,
    network: row.network as AccountNetwork,
    remoteId: row.remote_id,
    handle: row.handle,
    displayName: row.display_name,
    serviceUrl: row.service_url,
    status: row.status === 'error' ? 'error' : 'ok',
    lastError: row.last_error,
    createdAt: row.created_at
  }
}

/** Connected accounts (their secrets live in the SecretStore, never here). */
export class AccountRepository {
  private readonly selectAll: Database.Statement
  private readonly selectOne: Database.Statement
  private readonly selectByRemote: Database.Statement
  private readonly insert: Database.Statement
  private readonly updateProfile: Database.Statement
  private readonly setStatusStmt: Database.Statement
  private readonly removeStmt: Database.Statement

  constructor(db: Database.Database) {
    const columns = 'id, network, remote_id, handle, display_name, service_url, status, last_error, created_at'
    this.selectAll = db.prepare(`SELECT ${columns} FROM accounts ORDER BY created_at, id`)
    this.selectOne = db.prepare(`SELECT ${columns} FROM accounts WHERE id = ?`)
    this.selectByRemote = db.prepare(`SELECT ${columns} FROM accounts WHERE network = ? AND service_url = ? AND remote_id = ?`)
    this.insert = db.prepare(`INSERT INTO accounts (${columns}) VALUES (@id, @network, @remoteId, @handle, @displayName, @serviceUrl, @status, @lastError, @createdAt)`)
    this.updateProfile = db.prepare(`UPDATE accounts SET handle = @handle, display_name = @displayName, status = 'ok', last_error = NULL WHERE id = @id`)
    this.setStatusStmt = db.prepare('UPDATE accounts SET status = ?, last_error = ? WHERE id = ?')
    this.removeStmt = db.prepare('DELETE FROM accounts WHERE id = ?')
  }

  list(): AccountRecord[] {
    return (this.selectAll.all() as AccountRow[]).map(toRecord)
  }

  get(id: string): AccountRecord | null {
    const row = this.selectOne.get(id) as AccountRow | undefined
    return row ? toRecord(row) : null
  }

  findByRemote(network: AccountNetwork, serviceUrl: string, remoteId: string): AccountRecord | null {
    const row = this.selectByRemote.get(network, serviceUrl, remoteId) as AccountRow | undefined
    return row ? toRecord(row) : null
  }

  /** Adds an account, or refreshes the profile of the same account connected again. */
  upsert(account: AccountRecord): AccountRecord {
    const existing = this.findByRemote(account.network, account.serviceUrl, account.remoteId)
    if (existing) {
      this.updateProfile.run({ id: existing.id, handle: account.handle, displayName: account.displayName })
      return this.get(existing.id) ?? existing
    }
    this.insert.run(account)
    return account
  }

  setStatus(id: string, status: 'ok' | 'error', lastError: string | null): void {
    this.setStatusStmt.run(status, lastError, id)
  }

  remove(id: string): void {
    this.removeStmt.run(id)
  }
}
