/**
 * A store that cannot be opened for a reason the user can act on (unwritable folder, a file
 * that is not Earshot's, a store written by a newer Earshot). The message is one plain
 * sentence, shown as-is by the CLI and the desktop app.
 */
export class StoreOpenError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StoreOpenError'
  }
}
