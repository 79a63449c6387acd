// The merchant's signing key, kept in this browser across visits.
//
// Preferred: a WebCrypto Ed25519 key pair generated NON-EXTRACTABLE and stored in IndexedDB
// (a CryptoKey is structured-cloneable). The private key's bytes never enter JavaScript or
// WebAssembly memory: the page can ask the browser to sign, never read the key. Supported by
// Chromium 137+, Firefox 129+ and Safari 17+.
//
// Fallback, where WebCrypto has no Ed25519: a software key (ed25519-dalek in the engine's
// WebAssembly) whose 32-byte seed is stored in IndexedDB. It can be backed up as a JWK file
// and restored; the WebCrypto key cannot be backed up, by design (see docs/consent-bundle.md,
// "Keys in the browser").
//
// Usage, with the engine module loaded (`import * as engine from './prequal_engine.js'`):
//   const keys = await openKeyStore(engine);
//   const key = await keys.getOrCreate();          // {kind, did, publicKey}
//   const prepared = engine.prepareBundle(profile, request, key.publicKey, now, random);
//   const bundle = await keys.finish(prepared);    // flattened JWS, signature checked
//   await keys.delete();

const DB_NAME = 'prequal';
const STORE = 'keys';
const RECORD = 'merchant';

/**
 * The record of the key used with `recipient` (an institution id): one key per recipient, so
 * two banks receiving bundles from the same merchant see two unrelated `did:key`s and cannot
 * link the applications. Without a recipient, the one shared key (`merchant`) of earlier
 * versions.
 */
const recordOf = (recipient) => (recipient ? `${RECORD}:${recipient}` : RECORD);
const ED25519 = { name: 'Ed25519' };

function request(idbRequest) {
  return new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result);
    idbRequest.onerror = () => reject(idbRequest.error);
  });
}

async function openDatabase() {
  const opening = indexedDB.open(DB_NAME, 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore(STORE);
  return request(opening);
}

async function withStore(mode, action) {
  const db = await openDatabase();
  try {
    const transaction = db.transaction(STORE, mode);
    const done = new Promise((resolve, reject) => {
      transaction.oncomplete = resolve;
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
    const result = await request(action(transaction.objectStore(STORE)));
    await done;
    return result;
  } finally {
    db.close();
  }
}

const base64url = (bytes) => btoa(String.fromCharCode(...bytes))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function fromBase64url(text, field) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]+$/.test(text)) {
    throw new KeyStoreError(field, 'is not base64url');
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** A refused key operation: `field` names what was wrong, `message` the rule. */
export class KeyStoreError extends Error {
  constructor(field, rule) {
    super(`${field}: ${rule}`);
    this.name = 'KeyStoreError';
    this.field = field;
    this.rule = rule;
  }
}

/** Whether this browser can generate a non-extractable Ed25519 key. */
export async function webCryptoHasEd25519() {
  try {
    const pair = await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify']);
    return pair.privateKey.extractable === false;
  } catch {
    return false;
  }
}

/**
 * Opens the key store. `options.software` forces the fallback (for tests and for browsers
 * whose Ed25519 support is known to be broken).
 */
export async function openKeyStore(engine, options = {}) {
  const useWebCrypto = !options.software && await webCryptoHasEd25519();

  const describe = (record) => ({
    kind: record.kind,
    did: engine.didKey(record.publicKey),
    publicKey: record.publicKey,
    createdAt: record.createdAt,
  });

  const store = {
    /** The key stored for `recipient`, or null. */
    async current(recipient) {
      const record = await withStore('readonly', (s) => s.get(recordOf(recipient)));
      return record ? describe(record) : null;
    },

    /** The key for `recipient` (an institution id), creating one (WebCrypto if possible) on
     * first use: a separate key for each recipient. */
    async getOrCreate(recipient) {
      const RECORD_ID = recordOf(recipient);
      const existing = await withStore('readonly', (s) => s.get(RECORD_ID));
      if (existing) return describe(existing);
      let record;
      if (useWebCrypto) {
        const pair = await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify']);
        const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
        record = { kind: 'webcrypto', privateKey: pair.privateKey, publicKey, createdAt: Date.now() };
      } else {
        const seed = crypto.getRandomValues(new Uint8Array(32));
        record = { kind: 'software', seed, publicKey: engine.publicKeyOfSeed(seed), createdAt: Date.now() };
      }
      // `add`, not `put`: if another tab created a key meanwhile, keep that one.
      try {
        await withStore('readwrite', (s) => s.add(record, RECORD_ID));
      } catch (error) {
        if (error?.name !== 'ConstraintError') throw error;
      }
      return describe(await withStore('readonly', (s) => s.get(RECORD_ID)));
    },

    /** Signs a `Prepared` bundle or revocation from the engine with the key for `recipient`:
     * the flattened JWS. */
    async finish(prepared, recipient) {
      const record = await withStore('readonly', (s) => s.get(recordOf(recipient)));
      if (!record) throw new KeyStoreError('key', 'there is no key in this browser; create one first');
      if (record.kind === 'webcrypto') {
        const signature = await crypto.subtle.sign(ED25519, record.privateKey, prepared.signingInput);
        return prepared.finish(new Uint8Array(signature));
      }
      return prepared.finishWithSeed(record.seed);
    },

    /** A backup of the software key for `recipient` as a private JWK (RFC 8037). WebCrypto
     * keys cannot leave. */
    async backup(recipient) {
      const record = await withStore('readonly', (s) => s.get(recordOf(recipient)));
      if (!record) throw new KeyStoreError('key', 'there is no key in this browser');
      if (record.kind !== 'software') {
        throw new KeyStoreError('key', 'a non-extractable browser key cannot be backed up; it stays in this browser');
      }
      return {
        kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA',
        kid: engine.didKey(record.publicKey),
        x: base64url(record.publicKey),
        d: base64url(record.seed),
      };
    },

    /** Restores a backed-up software key for `recipient`, replacing any key stored for it. */
    async restore(jwk, recipient) {
      if (jwk?.kty !== 'OKP' || jwk?.crv !== 'Ed25519') {
        throw new KeyStoreError('jwk', 'must be an Ed25519 key (kty "OKP", crv "Ed25519")');
      }
      const seed = fromBase64url(jwk.d, 'jwk.d');
      if (seed.length !== 32) throw new KeyStoreError('jwk.d', 'must be 32 bytes');
      const publicKey = engine.publicKeyOfSeed(seed);
      if (jwk.x !== undefined && base64url(publicKey) !== jwk.x) {
        throw new KeyStoreError('jwk.x', 'does not match the private key d');
      }
      const record = { kind: 'software', seed, publicKey, createdAt: Date.now() };
      await withStore('readwrite', (s) => s.put(record, recordOf(recipient)));
      return describe(record);
    },

    /** Deletes the key for `recipient` from this browser. Bundles it signed stay valid at the
     * banks. */
    async delete(recipient) {
      await withStore('readwrite', (s) => s.delete(recordOf(recipient)));
    },
  };
  return store;
}
