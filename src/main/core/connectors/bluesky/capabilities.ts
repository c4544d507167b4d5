import type { ConnectorCapabilities } from '../types'

/** What a Bluesky source can do (no push stream yet: the firehose is future work). */
export const BLUESKY_CAPABILITIES: ConnectorCapabilities = { read: true, publish: true, streaming: false }
