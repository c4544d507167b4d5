/** Error codes that cross the boundary; messages are plain sentences for the UI. */
export type ApiErrorCode = 'invalid_input' | 'not_found' | 'forbidden' | 'unauthorized' | 'unavailable' | 'internal'

/** The one error type the contract throws, on either side of either transport. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'ApiError'
  }

  toJSON(): { code: ApiErrorCode; message: string } {
    return { code: this.code, message: this.message }
  }

  /** Rebuilds an ApiError from its wire form; anything else becomes an `internal` error. */
  static fromWire(value: unknown): ApiError {
    if (value && typeof value === 'object' && 'code' in value && 'message' in value) {
      const { code, message } = value as { code: unknown; message: unknown }
      if (typeof code === 'string' && typeof message === 'string') return new ApiError(code as ApiErrorCode, message)
    }
    return new ApiError('internal', 'Something went wrong inside Earshot.')
  }
}

/**
 * What an IPC call resolves to. Electron mangles thrown errors on the way to the renderer, so the
 * main side returns failures as data and the preload turns them back into ApiError.
 */
export type IpcResult = { ok: true; result: unknown } | { ok: false; error: { code: ApiErrorCode; message: string } }
