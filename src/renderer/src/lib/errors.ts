import { ApiError } from '@shared/contract/errors'

/** A plain sentence for the UI from whatever a call threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError || error instanceof Error) return error.message.replace(/[.\s]+$/, '')
  return 'Something went wrong inside Earshot'
}

/** The error's contract code, when it has one. */
export function errorCode(error: unknown): string | null {
  return error instanceof ApiError ? error.code : null
}
