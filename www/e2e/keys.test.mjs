// The merchant's key in the browser (engine/js/keystore.js): a non-extractable WebCrypto
// Ed25519 key kept in IndexedDB across visits, whose bundles and revocations verify natively
// (the `prequal` CLI) and at the inbox; and the software fallback, which can be backed up,
// deleted and restored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_URL, launch, sampleProfile } from './helpers.mjs';

const request = JSON.parse(readFileSync(new URL('../../tests/vectors/bundle.request.json', import.meta.url), 'utf8'));
const profile = sampleProfile('strong');

/**
 * Runs `body(engine, keys, argument)` in the page with the engine and key store loaded. The
 * contexts bypass the page's CSP only so this harness can pass `body` as source text.
 */
function inPage(page, options, body, argument) {
  return page.evaluate(async ({ options, source, argument }) => {
    const engine = await import('/engine/prequal_engine.js');
    await engine.default();
    const { openKeyStore } = await import('/engine/keystore.js');
    const keys = await openKeyStore(engine, options);
    const run = new Function('engine', 'keys', 'argument', `return (${source})(engine, keys, argument);`);
    return run(engine, keys, argument);
  }, { options, source: body.toString(), argument });
}

/** Signs a bundle for `request` with the stored key; returns {did, kind, bundle}. */
const signBundle = async (engine, keys, { profile, request }) => {
  const key = await keys.getOrCreate();
  const now = Math.floor(Date.now() / 1000);
  const random = crypto.getRandomValues(new Uint8Array(32));
  const prepared = engine.prepareBundle(profile, request, key.publicKey, now, random);
  const bundle = await keys.finish(prepared);
  const catalog = new engine.Catalog(new Uint8Array(await (await fetch('/data/catalog.json')).arrayBuffer()));
  const checked = engine.verifyBundle(bundle, now, request.recipient.institution, catalog);
  return { did: key.did, kind: key.kind, bundle, recomputed: checked.score_recomputed };
};

function verifyNatively(t, bundle) {
  const bin = process.env.PREQUAL_BIN;
  if (!bin) {
    t.diagnostic('PREQUAL_BIN is not set: native verification skipped');
    return null;
  }
  const file = join(mkdtempSync(join(tmpdir(), 'prequal-keys-')), 'bundle.json');
  writeFileSync(file, bundle);
  return execFileSync(bin, ['bundle', 'verify', file, '--recipient', 'inst-005'], { encoding: 'utf8' });
}

test('the WebCrypto key is non-extractable, survives a reload, and signs bundles the bank accepts', async (t) => {
  const browser = await launch();
  try {
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(BASE_URL);
    const first = await inPage(page, {}, signBundle, { profile, request });
    assert.equal(first.kind, 'webcrypto');
    assert.match(first.did, /^did:key:z6Mk/);
    assert.equal(first.recomputed, true);
    verifyNatively(t, first.bundle);

    // The stored private key is a CryptoKey the page cannot export.
    const stored = await page.evaluate(async () => {
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open('prequal', 1);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const record = await new Promise((resolve, reject) => {
        const get = db.transaction('keys').objectStore('keys').get('merchant');
        get.onsuccess = () => resolve(get.result);
        get.onerror = () => reject(get.error);
      });
      db.close();
      let exported = true;
      try { await crypto.subtle.exportKey('pkcs8', record.privateKey); } catch { exported = false; }
      return {
        type: record.privateKey.type,
        extractable: record.privateKey.extractable,
        exported,
        hasSeed: 'seed' in record,
      };
    });
    assert.deepEqual(stored, { type: 'private', extractable: false, exported: false, hasSeed: false });

    // A second visit finds the same key.
    await page.reload();
    const second = await inPage(page, {}, signBundle, { profile, request });
    assert.equal(second.did, first.did);
    assert.notEqual(second.bundle, first.bundle);

    // It cannot be backed up, by design.
    const backup = await inPage(page, {}, async (engine, keys) => {
      try { await keys.backup(); return 'backed up'; } catch (e) { return `${e.name} ${e.field}`; }
    });
    assert.equal(backup, 'KeyStoreError key');

    // The inbox accepts the bundle, then the key revokes it.
    const created = await fetch(`${BASE_URL}/api/v1/bundles`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: second.bundle,
    });
    if (created.status === 404) {
      t.diagnostic('no inbox under /api/ on this server: inbox part skipped');
    } else {
      assert.equal(created.status, 201, await created.clone().text());
      const { bundle_id: bundleId } = await created.json();
      const revocation = await inPage(page, {}, async (engine, keys, bundleId) => {
        const key = await keys.getOrCreate();
        return keys.finish(engine.prepareRevocation(bundleId, key.publicKey, Math.floor(Date.now() / 1000)));
      }, bundleId);
      const revoked = await fetch(`${BASE_URL}/api/v1/revocations`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: revocation,
      });
      assert.equal(revoked.status, 200, await revoked.text());
    }

    // Deleting it leaves no key; the next use makes a new one.
    const after = await inPage(page, {}, async (engine, keys) => {
      await keys.delete();
      const none = await keys.current();
      const fresh = await keys.getOrCreate();
      return { none, did: fresh.did };
    });
    assert.equal(after.none, null);
    assert.notEqual(after.did, first.did);
  } finally {
    await browser.close();
  }
});

test('the software fallback key can be backed up, deleted and restored, and still signs', async (t) => {
  const browser = await launch();
  try {
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(BASE_URL);
    const software = { software: true };
    const made = await inPage(page, software, signBundle, { profile, request });
    assert.equal(made.kind, 'software');
    verifyNatively(t, made.bundle);

    const result = await inPage(page, software, async (engine, keys) => {
      const backup = await keys.backup();
      await keys.delete();
      const other = await keys.getOrCreate();
      const restored = await keys.restore(backup);
      let refused = '';
      try { await keys.restore({ ...backup, x: backup.x.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }); } catch (e) { refused = e.field; }
      return { backup, other: other.did, restored: restored.did, refused };
    });
    assert.equal(result.backup.kid, made.did);
    assert.equal(result.backup.crv, 'Ed25519');
    assert.equal(result.backup.d.length, 43);
    assert.notEqual(result.other, made.did);
    assert.equal(result.restored, made.did);
    assert.equal(result.refused, 'jwk.x');

    // The restored key signs as before.
    const again = await inPage(page, software, signBundle, { profile, request });
    assert.equal(again.did, made.did);
    verifyNatively(t, again.bundle);
  } finally {
    await browser.close();
  }
});

test('each bank gets its own merchant key, so two banks cannot link one merchant', async () => {
  const browser = await launch();
  try {
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(BASE_URL);
    const dids = await inPage(page, {}, async (engine, keys) => {
      const five = await keys.getOrCreate('inst-005');
      const seven = await keys.getOrCreate('inst-007');
      const fiveAgain = await keys.getOrCreate('inst-005');
      const shared = await keys.getOrCreate();
      return { five: five.did, seven: seven.did, fiveAgain: fiveAgain.did, shared: shared.did };
    });
    assert.notEqual(dids.five, dids.seven, 'two banks, two keys');
    assert.equal(dids.five, dids.fiveAgain, 'the same bank, the same key');
    assert.notEqual(dids.shared, dids.five);
    // A bundle signed with a bank's key names that key, and verifies.
    const signed = await inPage(page, {}, async (engine, keys, { profile, request }) => {
      const key = await keys.getOrCreate(request.recipient.institution);
      const now = Math.floor(Date.now() / 1000);
      const prepared = engine.prepareBundle(profile, request, key.publicKey, now, crypto.getRandomValues(new Uint8Array(32)));
      const bundle = await keys.finish(prepared, request.recipient.institution);
      const catalog = new engine.Catalog(new Uint8Array(await (await fetch('/data/catalog.json')).arrayBuffer()));
      return { did: key.did, kid: JSON.parse(atob(JSON.parse(bundle).protected.replace(/-/g, '+').replace(/_/g, '/'))).kid, verified: engine.verifyBundle(bundle, now, request.recipient.institution, catalog).score_recomputed };
    }, { profile, request });
    assert.equal(signed.kid, signed.did);
    assert.equal(signed.kid, dids.five);
    assert.equal(signed.verified, true);
  } finally {
    await browser.close();
  }
});
