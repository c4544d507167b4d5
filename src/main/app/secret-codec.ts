import type { SecretCodec } from '../core/secrets/store'

/** The parts of Electron's safeStorage the codec uses (passed in, so tests need no binary). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
  getSelectedStorageBackend?(): string
}

/**
 * Account secrets encrypted by the operating system's keyring (Keychain, DPAPI, libsecret /
 * kwallet). Where none is available (Linux without a keyring: backend 'basic_text'), it returns
 * null and the core falls back to a user-only file, saying so once.
 */
export function safeStorageCodec(safeStorage: SafeStorageLike): SecretCodec | null {
  if (!safeStorage.isEncryptionAvailable()) return null
  if (safeStorage.getSelectedStorageBackend?.() === 'basic_text') return null
  return {
    protection: 'os-keyring',
    encode: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64'))
  }
}
