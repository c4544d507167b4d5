/** The Bluesky connector's public surface; loaded on first use (see connectors/index.ts). */
export { createBlueskyConnector, type BlueskyConnectorOptions, type BlueskySourceKind } from './connector'
export { publishPost, type PublishBlueskyOptions, type PublishedBlueskyPost } from './publish'
export { verifyBlueskyAccount } from './verify'
export { forgetBlueskySessions } from './session'
