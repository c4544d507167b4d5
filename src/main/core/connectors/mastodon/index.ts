/** The Mastodon connector's public surface (see README.md in this folder for the decisions). */
export { createMastodonConnector, parseMastodonCursor, compareMastodonIds, MASTODON_PAGE_LIMIT, type MastodonConnectorOptions, type MastodonCursor, type MastodonSourceKind } from './connector'
export { publishStatus, type PublishStatusOptions, type PublishedStatus } from './publish'
export { verifyMastodonAccount, WRONG_TOKEN_SENTENCE, type VerifiedMastodonAccount, type VerifyOptions } from './verify'
export { mastodonPostId, parseMastodonPostId, mastodonAuthorId, mapStatus, mapNotification, mapAccount } from './map'
export { MastodonSignIn, OOB_REDIRECT_URI, WRONG_CODE_SENTENCE, EXPIRED_FLOW_SENTENCE, type SignInStart, type SignInResult } from './oauth'
export { AUTH_SENTENCE, DEFAULT_MASTODON_TIMEOUT_MS, instanceHost, normalizeInstanceUrl } from './client'
export { openMastodonStream, mastodonStreamTarget, DEFAULT_STREAM_SILENCE_MS, type MastodonStreamOptions, type MastodonStreamStats, type MastodonStreamTarget } from './stream'
