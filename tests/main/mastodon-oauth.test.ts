import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { Account } from '@shared/domain/account'
import { openCore, type Core } from '../../src/main/core'
import { handleWindowOpen } from '../../src/main/app/security'
import { SECRETS_FILE } from '../../src/main/core/secrets/store'
import { startHtmlServer, startMastodonServer, type MastodonTestServer } from '../support/mastodon-server'
import { useMastodonCores } from '../support/mastodon-cores'
import { useTempDirs } from '../support/temp'

const tempDir = useTempDirs()
const full = { access: 'full', transport: 'web' } as const
const opened = useMastodonCores()

async function setUp(): Promise<{ core: Core; server: MastodonTestServer; dataDir: string }> {
  const server = await startMastodonServer()
  const dataDir = tempDir()
  const core = openCore({ dataDir, demo: false, version: '0.0.0-test' })
  opened.push({ core, server })
  return { core, server, dataDir }
}

function call<T>(core: Core, domain: string, method: string, input?: unknown): Promise<T> {
  return core.registry.dispatch(domain, method, input, full) as Promise<T>
}

interface Started {
  flowId: string
  authorizeUrl: string
}

describe('signing in to Mastodon through the browser (OAuth, out of band)', () => {
  it('registers Earshot once, gives a public authorize URL, trades the approved code and connects the account', async () => {
    const { core, server, dataDir } = await setUp()

    const started = await call<Started>(core, 'accounts', 'startMastodonSignIn', { instanceUrl: server.url })
    const [app] = [...server.apps.values()]
    expect(app).toMatchObject({ name: 'Earshot', redirectUris: ['urn:ietf:wg:oauth:2.0:oob'], scopes: ['read', 'write'] })
    const authorize = new URL(started.authorizeUrl)
    expect(authorize.origin + authorize.pathname).toBe(`${server.url}/oauth/authorize`)
    expect(Object.fromEntries(authorize.searchParams)).toEqual({
      response_type: 'code',
      client_id: app?.clientId,
      redirect_uri: 'urn:ietf:wg:oauth:2.0:oob',
      scope: 'read write'
    })
    expect(started.authorizeUrl).toContain('scope=read+write')
    // The client secret never leaves the core.
    expect(JSON.stringify(started)).not.toContain(app?.clientSecret)

    // On the desktop the link's window.open goes to the system browser (http/https allowlist).
    const openExternal = vi.fn(() => Promise.resolve())
    expect(handleWindowOpen(started.authorizeUrl, openExternal)).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledExactlyOnceWith(started.authorizeUrl)

    // The page the person opens shows the code (the owner is signed in there).
    const page = await (await fetch(started.authorizeUrl)).text()
    const code = /<code id="code">([^<]+)<\/code>/.exec(page)?.[1]
    expect(code).toBeTruthy()

    const account = await call<Account>(core, 'accounts', 'finishMastodonSignIn', { flowId: started.flowId, code: `  ${code}\n` })
    expect(account).toMatchObject({ network: 'mastodon', displayName: 'Earshot Team', status: 'ok', serviceUrl: server.url })
    const tokenRequest = server.apiRequests('/oauth/token')[0]
    expect(tokenRequest?.body).toMatchObject({ grant_type: 'authorization_code', client_id: app?.clientId, client_secret: app?.clientSecret, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob', code })

    // The new token went to the secret store, not the database nor the answer.
    const issued = [...server.tokens.keys()].find((token) => token.startsWith('token-oauth-'))
    expect(issued).toBeTruthy()
    expect(JSON.stringify(account)).not.toContain(issued)
    expect(JSON.stringify(await call(core, 'accounts', 'list'))).not.toContain(issued)
    for (const file of ['earshot.db', 'cache.db']) expect(readFileSync(join(dataDir, file)).includes(issued ?? '')).toBe(false)
    expect(readFileSync(join(dataDir, SECRETS_FILE), 'utf8')).toContain(issued)
    expect(readFileSync(join(dataDir, SECRETS_FILE), 'utf8')).not.toContain(app?.clientSecret)

    // A used sign-in is over; a second one reuses the registration.
    await expect(call(core, 'accounts', 'finishMastodonSignIn', { flowId: started.flowId, code })).rejects.toThrow(/expired — open the sign-in page again/)
    await call<Started>(core, 'accounts', 'startMastodonSignIn', { instanceUrl: server.url })
    expect(server.apps.size).toBe(1)
  })

  it('says a wrong code in words and keeps the sign-in open for the right one', async () => {
    const { core, server } = await setUp()
    const started = await call<Started>(core, 'accounts', 'startMastodonSignIn', { instanceUrl: server.url })
    await expect(call(core, 'accounts', 'finishMastodonSignIn', { flowId: started.flowId, code: 'code-half' })).rejects.toThrow(
      'Could not connect: that code was not accepted — copy the whole code again.'
    )
    expect(await call<Account[]>(core, 'accounts', 'list')).toEqual([])

    const clientId = new URL(started.authorizeUrl).searchParams.get('client_id') ?? ''
    const code = server.approve(clientId)
    const account = await call<Account>(core, 'accounts', 'finishMastodonSignIn', { flowId: started.flowId, code })
    expect(account.status).toBe('ok')
  })

  it('says when the address is not a Mastodon server, or cannot be reached', async () => {
    const { core } = await setUp()
    const blog = await startHtmlServer()
    try {
      const host = new URL(blog.url).host
      await expect(call(core, 'accounts', 'startMastodonSignIn', { instanceUrl: blog.url })).rejects.toThrow(
        `Could not start the sign-in: ${host} does not look like a Mastodon server — check the instance address.`
      )
    } finally {
      await blog.close()
    }
    await expect(call(core, 'accounts', 'startMastodonSignIn', { instanceUrl: blog.url })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/^Could not start the sign-in: could not reach 127\.0\.0\.1:\d+: connection refused\.$/)
    })
    await expect(call(core, 'accounts', 'finishMastodonSignIn', { flowId: 'no-such-flow', code: 'x' })).rejects.toThrow(/expired/)
  })
})
