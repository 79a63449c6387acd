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

export interface KeyStore {
  current(): Promise<MerchantKey | null>;
  getOrCreate(): Promise<MerchantKey>;
  finish(prepared: Prepared): Promise<string>;
  backup(): Promise<PrivateJwk>;
  restore(jwk: PrivateJwk): Promise<MerchantKey>;
  delete(): Promise<void>;
}

export function webCryptoHasEd25519(): Promise<boolean>;
export function openKeyStore(
  engine: typeof import('./prequal_engine'),
  options?: { software?: boolean },
): Promise<KeyStore>;
