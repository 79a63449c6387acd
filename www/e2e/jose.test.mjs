// Interoperability: consent bundles verify with an independent JOSE implementation (npm `jose`),
// as a bank that never runs prequal would verify them. Uses the worked example in
// tests/vectors/ and a bundle freshly made by the `prequal` CLI (PREQUAL_BIN, set by
// `cargo xtask test`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compactVerify, flattenedVerify, importJWK, decodeProtectedHeader } from 'jose';

const vectors = new URL('../../tests/vectors/', import.meta.url);

async function publicKey(jwk) {
  const { d, ...publicPart } = jwk; // verification needs only the public half
  return importJWK({ ...publicPart, alg: 'EdDSA' }, 'EdDSA');
}

for (const [prefix, format] of [['bundle', 'prequal.consent/1'], ['bundle-v2', 'prequal.consent/2']]) {
  test(`the worked example ${format} verifies with jose`, async () => {
    const jws = readFileSync(new URL(`${prefix}.jws`, vectors), 'utf8').trim();
    const jwk = JSON.parse(readFileSync(new URL('merchant.public.jwk', vectors), 'utf8'));
    const { payload, protectedHeader } = await compactVerify(jws, await publicKey(jwk));
    assert.equal(protectedHeader.alg, 'EdDSA');
    assert.equal(protectedHeader.kid, jwk.kid);
    assert.equal(protectedHeader.typ, 'prequal-consent+jws');
    const expected = readFileSync(new URL(`${prefix}.payload.json`, vectors), 'utf8').trim();
    assert.equal(new TextDecoder().decode(payload), expected);
    assert.equal(JSON.parse(expected).format, format);
    const flattened = JSON.parse(readFileSync(new URL(`${prefix}.flattened.json`, vectors), 'utf8'));
    await flattenedVerify(flattened, await publicKey(jwk));
  });
}

test('a bundle made by the prequal CLI verifies with jose, and a changed one does not', async (t) => {
  const bin = process.env.PREQUAL_BIN;
  if (!bin) {
    t.skip('PREQUAL_BIN is not set (cargo xtask test sets it)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'prequal-jose-'));
  const keyFile = join(dir, 'merchant.jwk');
  const did = execFileSync(bin, ['key', 'new', '--out', keyFile], { encoding: 'utf8' }).trim();
  const profile = new URL('../../examples/profiles/strong.json', import.meta.url).pathname;
  const bundle = execFileSync(bin, ['bundle', 'make', '--profile', profile, '--product', 'inst-005-credit-1', '--key', keyFile, '--compact'], { encoding: 'utf8' }).trim();
  const jwk = JSON.parse(readFileSync(keyFile, 'utf8'));
  assert.equal(decodeProtectedHeader(bundle).kid, did);
  const { payload } = await compactVerify(bundle, await publicKey(jwk));
  const claims = JSON.parse(new TextDecoder().decode(payload));
  // The CLI writes v2 for an institution the catalog gives data-protection particulars for.
  assert.equal(claims.format, 'prequal.consent/2');
  assert.deepEqual(claims.consent.consents.map((c) => c.purpose), ['loan-application']);
  assert.equal(claims.merchant.did, did);
  assert.equal(claims.recipient.institution, 'inst-005');
  assert.equal(typeof claims.result.probability_of_default_ppm, 'number');
  const [h, p, s] = bundle.split('.');
  const changed = `${h}.${p.slice(0, -2)}${p.endsWith('A') ? 'B' : 'A'}${p.slice(-1)}.${s}`;
  await assert.rejects(compactVerify(changed, await publicKey(jwk)));
});
