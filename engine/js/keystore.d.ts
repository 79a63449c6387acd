// Types of keystore.js: the merchant's signing key kept in this browser.
import type { Prepared } from './prequal_engine';

export interface MerchantKey {
  /** "webcrypto": non-extractable WebCrypto key; "software": seed kept in IndexedDB. */
  kind: 'webcrypto' | 'software';
  /** The key's did:key (the bundle's `kid`). */
  did: string;
  /** Raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
  /** Milliseconds since the Unix epoch. */
  createdAt: number;
}

export interface PrivateJwk {
  kty: 'OKP'; crv: 'Ed25519'; alg: 'EdDSA'; kid: string; x: string; d: string;
}

export class KeyStoreError extends Error {
  field: string;
  rule: string;
}

/**
 * The merchant's keys, one per recipient institution (`recipient`, a catalog institution id),
 * so banks cannot link one merchant's applications; without a recipient, the single shared key
 * of earlier versions.
 */
export interface KeyStore {
  current(recipient?: string): Promise<MerchantKey | null>;
  getOrCreate(recipient?: string): Promise<MerchantKey>;
  finish(prepared: Prepared, recipient?: string): Promise<string>;
  backup(recipient?: string): Promise<PrivateJwk>;
  restore(jwk: PrivateJwk, recipient?: string): Promise<MerchantKey>;
  delete(recipient?: string): Promise<void>;
}

export function webCryptoHasEd25519(): Promise<boolean>;
export function openKeyStore(
  engine: typeof import('./prequal_engine'),
  options?: { software?: boolean },
): Promise<KeyStore>;
