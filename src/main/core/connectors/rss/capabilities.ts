import type { ConnectorCapabilities } from '../types'

/** What a feed source can do: read, on a poll. */
export const RSS_CAPABILITIES: ConnectorCapabilities = { read: true, publish: false, streaming: false }
