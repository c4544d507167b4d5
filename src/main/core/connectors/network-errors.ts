/**
 * Plain words for failures that happen before any response arrives (DNS, refused, reset,
 * time-outs, TLS), shared by every connector so the same trouble reads the same everywhere.
 */

/** An error and its `cause` chain (bounded), innermost last. */
export function causeChain(error: unknown): Array<{ code?: string; name: string; message: string }> {
  const chain: Array<{ code?: string; name: string; message: string }> = []
  let current: unknown = error
  for (let depth = 0; current instanceof Error && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code
    chain.push({ ...(typeof code === 'string' ? { code } : {}), name: current.name, message: current.message })
    current = current.cause
  }
  return chain
}

/** Plain words for a failure before any response arrived, or null when no code we know is in it. */
export function knownNetworkReason(error: unknown): string | null {
  for (const { code, name } of causeChain(error)) {
    if (name === 'TimeoutError') return 'the connection timed out'
    switch (code) {
      case 'ENOTFOUND':
        return 'no such host (the name does not resolve)'
      case 'EAI_AGAIN':
        return 'the name could not be looked up (DNS is unavailable — are we offline?)'
      case 'ECONNREFUSED':
        return 'connection refused'
      case 'ECONNRESET':
      case 'EPIPE':
      case 'UND_ERR_SOCKET':
        return 'the connection was reset'
      case 'ETIMEDOUT':
      case 'UND_ERR_CONNECT_TIMEOUT':
      case 'UND_ERR_HEADERS_TIMEOUT':
      case 'UND_ERR_BODY_TIMEOUT':
        return 'the connection timed out'
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
      case 'ENETDOWN':
        return 'the network is unreachable'
      default:
        if (code && (code.includes('CERT') || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))) {
          return `its security certificate is not valid (${code})`
        }
    }
  }
  return null
}

/** Plain words for a failure before any response arrived. */
export function networkReason(error: unknown): string {
  // No code we know: the innermost message is the most specific one ("bad port", ...).
  return knownNetworkReason(error) ?? causeChain(error).at(-1)?.message ?? 'unknown error'
}
