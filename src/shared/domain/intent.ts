/**
 * Triage intent labels (PRODUCT.md "Intent labels"). Shared by triage, tests, the CLI and the
 * demo workspace, which plants a known intent in every post it generates.
 *
 * - `help_explicit`   asks the brand for help or an answer
 * - `help_implicit`   describes a problem with the brand's product or service without asking
 * - `complaint`       voices anger or dissatisfaction, not mainly seeking help
 * - `purchase_intent` considers buying, asks for advice or prices (a lead)
 * - `praise`          positive feedback
 * - `idea`            a suggestion or feature request
 * - `other`           news, chatter, spam — nothing to do
 *
 * The first four need a response; `praise` and `idea` may get one.
 */
export const INTENTS = [
  'help_explicit',
  'help_implicit',
  'complaint',
  'purchase_intent',
  'praise',
  'idea',
  'other'
] as const

export type Intent = (typeof INTENTS)[number]

/** Runtime check at boundaries (IPC payloads, CLI arguments, stored rows). */
export function isIntent(value: unknown): value is Intent {
  return typeof value === 'string' && (INTENTS as readonly string[]).includes(value)
}
