import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../src/main/core'
import { startWebHost, type WebHost } from '../../src/main/host/server'
import { loadOrCreateTokens, type HostTokens } from '../../src/main/host/tokens'
import { makePost } from '../support/posts'
import { useTempDirs } from '../support/temp'

const tempDir = useTempDirs()
const running: Array<{ host: WebHost; core: Core }> = []

afterEach(async () => {
  for (const { host, core } of running.splice(0)) {
    await host.close()
    core.close()
  }
})

async function start(): Promise<{ host: WebHost; core: Core; tokens: HostTokens; base: string }> {
  const dataDir = tempDir()
  const rendererDir = join(tempDir(), 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Earshot</title><div id="app"></div>')
  writeFileSync(join(rendererDir, 'assets', 'app-123.js'), 'console.log("app")')
  const core = openCore({ dataDir, demo: false, version: '0.0.0-test' })
  const tokens = loadOrCreateTokens(dataDir)
  const host = await startWebHost({ core, tokens, rendererDir, host: '127.0.0.1', port: 0 })
  running.push({ host, core })
  return { host, core, tokens, base: host.url.replace(/\/$/, '') }
}

async function call(base: string, path: string, init: { token?: string; body?: unknown; header?: boolean } = {}): Promise<{ status: number; body: { result?: unknown; error?: { code: string; message: string } } }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(init.header === false ? {} : { 'X-Earshot': '1' }),
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {})
    },
    body: JSON.stringify({ input: init.body })
  })
  return { status: res.status, body: (await res.json()) as { result?: unknown; error?: { code: string; message: string } } }
}

describe('earshot web host', () => {
  it('turns the printed ?token= link into an HttpOnly session cookie and serves the app with the CSP', async () => {
    const { base, tokens } = await start()
    expect((await fetch(`${base}/`)).status).toBe(401)
    expect((await fetch(`${base}/?token=not-a-token`, { redirect: 'manual' })).status).toBe(401)
    const login = await fetch(`${base}/?token=${tokens.full}`, { redirect: 'manual' })
    expect(login.status).toBe(303)
    expect(login.headers.get('location')).toBe('/')
    const cookie = login.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const page = await fetch(`${base}/`, { headers: { Cookie: cookie.split(';')[0] ?? '' } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="app">')
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/)
    expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe-eval/)
    const asset = await fetch(`${base}/assets/app-123.js`, { headers: { Cookie: cookie.split(';')[0] ?? '' } })
    expect(asset.headers.get('content-type')).toMatch(/javascript/)
    expect(asset.headers.get('cache-control')).toMatch(/immutable/)
  })

  it('answers contract calls for the full token and validates their input', async () => {
    const { base, tokens, core } = await start()
    await core.ingest.add([makePost(1, { text: 'Hallo Müller' }), makePost(2)])
    const page = await call(base, '/api/posts/query', { token: tokens.full, body: { query: { type: 'stream', filter: { text: 'muller' } } } })
    expect(page.status).toBe(200)
    expect((page.body.result as { posts: Array<{ id: string }> }).posts.map((p) => p.id)).toEqual(['mastodon:1'])
    const info = await call(base, '/api/system/info', { token: tokens.full })
    expect(info.body.result).toMatchObject({ transport: 'web', access: 'full', postCount: 2, version: '0.0.0-test' })
    const bad = await call(base, '/api/posts/query', { token: tokens.full, body: { query: { type: 'sql', text: 'DROP TABLE posts' } } })
    expect(bad.status).toBe(400)
    expect(bad.body.error?.code).toBe('invalid_input')
    const unknown = await call(base, '/api/posts/drop', { token: tokens.full })
    expect(unknown.status).toBe(404)
  })

  it('lets the read-only token look but never act', async () => {
    const { base, tokens } = await start()
    const look = await call(base, '/api/decks/list', { token: tokens.read })
    expect(look.status).toBe(200)
    expect((look.body.result as Array<{ columns: unknown[] }>)[0]?.columns.length).toBeGreaterThanOrEqual(3)
    const act = await call(base, '/api/settings/update', { token: tokens.read, body: { theme: 'dark' } })
    expect(act.status).toBe(403)
    expect(act.body.error?.message).toMatch(/read-only/)
    const settings = await call(base, '/api/settings/get', { token: tokens.full })
    expect(settings.body.result).toMatchObject({ theme: 'system', density: 'comfortable' })
  })

  it('refuses calls without a token, without the X-Earshot header, or through a foreign Host name', async () => {
    const { base, tokens, host } = await start()
    expect((await call(base, '/api/system/info')).status).toBe(401)
    expect((await call(base, '/api/system/info', { token: tokens.full, header: false })).status).toBe(403)
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: `/?token=${tokens.full}`, headers: { Host: 'evil.example:80' } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(421)
  })

  it('never serves files outside the renderer folder', async () => {
    const { base, tokens } = await start()
    for (const path of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd']) {
      const res = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${tokens.full}` } })
      expect(await res.text()).not.toMatch(/root:/)
    }
  })

  it('pushes new posts to browsers over Server-Sent Events', async () => {
    const { base, tokens, core } = await start()
    const controller = new AbortController()
    const res = await fetch(`${base}/api/events`, { headers: { Authorization: `Bearer ${tokens.read}` }, signal: controller.signal })
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/)
    if (!res.body) throw new Error('the event stream has no body')
    const reader = res.body.getReader()
    const decoder = new TextDecoder()
    let text = ''
    void core.ingest.add([makePost(7)])
    while (!text.includes('event: posts:added')) {
      const { value, done } = await reader.read()
      if (done) break
      text += decoder.decode(value)
    }
    controller.abort()
    expect(text).toMatch(/event: posts:added\ndata: \{"count":1,"latestSeq":\d+\}/)
  })
})
