import { describe, expect, it } from 'vitest'
import { ApiRegistry, type DomainHandlers } from '../../src/main/core/api/registry'
import { ApiError } from '@shared/contract/errors'
import { CONTRACT, contractMethods } from '@shared/contract/methods'
import { INPUT_SCHEMAS } from '@shared/contract/schemas'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'

const settings: DomainHandlers<'settings'> = {
  get: () => DEFAULT_SETTINGS,
  update: (patch) => ({ ...DEFAULT_SETTINGS, ...patch })
}

function expectApiError(promise: Promise<unknown>, code: string): Promise<void> {
  return promise.then(
    () => {
      throw new Error(`expected ApiError ${code}`)
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(ApiError)
      expect((error as ApiError).code).toBe(code)
    }
  )
}

describe('the API registry', () => {
  it('has an input schema for every contract method and nothing else', () => {
    for (const { domain, method } of contractMethods()) {
      expect(INPUT_SCHEMAS[domain], domain).toHaveProperty(method)
    }
    const schemaCount = Object.values(INPUT_SCHEMAS).reduce((n, methods) => n + Object.keys(methods).length, 0)
    expect(schemaCount).toBe(contractMethods().length)
  })

  it('makes a second registration of a domain a start-up error', () => {
    const registry = new ApiRegistry()
    registry.register('settings', settings)
    expect(() => registry.register('settings', settings)).toThrow(/registered twice/)
  })

  it('refuses to start with a domain missing or a handler missing', () => {
    const registry = new ApiRegistry()
    registry.register('settings', settings)
    expect(() => registry.assertComplete()).toThrow(/without handlers: system, posts, decks, sources/)
    const partial = { get: settings.get } as unknown as DomainHandlers<'settings'>
    expect(() => new ApiRegistry().register('settings', partial)).toThrow(/settings:update has no handler/)
  })

  it('validates input, enforces read-only access and rejects unknown methods', async () => {
    const registry = new ApiRegistry()
    registry.register('settings', settings)
    const full = { access: 'full', transport: 'web' } as const
    const read = { access: 'read', transport: 'web' } as const
    expect(await registry.dispatch('settings', 'update', { theme: 'dark' }, full)).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' })
    await expectApiError(registry.dispatch('settings', 'update', { theme: 'neon' }, full), 'invalid_input')
    await expectApiError(registry.dispatch('settings', 'update', { theme: 'dark', secret: 1 }, full), 'invalid_input')
    await expectApiError(registry.dispatch('settings', 'update', { theme: 'dark' }, read), 'forbidden')
    expect(await registry.dispatch('settings', 'get', undefined, read)).toEqual(DEFAULT_SETTINGS)
    await expectApiError(registry.dispatch('settings', 'constructor', undefined, full), 'not_found')
    await expectApiError(registry.dispatch('__proto__', 'get', undefined, full), 'not_found')
    expect(CONTRACT.settings.update).toBe('full')
  })
})
