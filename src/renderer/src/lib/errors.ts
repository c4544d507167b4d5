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

/**
 * The error as a whole sentence, for text that stands on its own (next to a form field): the
 * core's words as they are, with a full stop added only when the sentence has no end mark.
 */
export function errorSentence(error: unknown): string {
  const text = error instanceof ApiError || error instanceof Error ? error.message.trim() : ''
  if (!text) return 'Something went wrong inside Earshot.'
  return /[.!?…]["”’)]?$/.test(text) ? text : `${text}.`
}
