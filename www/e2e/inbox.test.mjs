// The bank inbox on the app's own origin (/api/, as `cargo xtask serve` runs it): a bundle
// made by the CLI is accepted with a receipt, listed to its institution only, refused when
// replayed, and revoked by its merchant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_URL } from './helpers.mjs';

test('a bundle sent to /api/v1/bundles is stored, listed, replay-proof and revocable', async (t) => {
  const bin = process.env.PREQUAL_BIN;
  if (!bin) {
    t.skip('PREQUAL_BIN is not set (cargo xtask test sets it)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'prequal-inbox-'));
  const key = join(dir, 'merchant.jwk');
  execFileSync(bin, ['key', 'new', '--out', key]);
  const profile = new URL('../../examples/profiles/strong.json', import.meta.url).pathname;
  const bundle = execFileSync(bin, ['bundle', 'make', '--profile', profile, '--product', 'inst-005-credit-1', '--key', key], { encoding: 'utf8' }).trim();
  const post = (path, body) => fetch(`${BASE_URL}/api/v1/${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body,
  });

  const created = await post('bundles', bundle);
  assert.equal(created.status, 201);
  const receipt = await created.json();
  assert.equal(receipt.institution, 'inst-005');
  assert.equal(receipt.score_recomputed, true);

  const list = async (token) => (await fetch(`${BASE_URL}/api/v1/bundles`, { headers: { authorization: `Bearer ${token}` } }));
  const mine = await (await list('dev-inst-005')).json();
  assert.ok(mine.bundles.some((b) => b.bundle_id === receipt.bundle_id));
  const theirs = await (await list('dev-inst-007')).json();
  assert.ok(!theirs.bundles.some((b) => b.bundle_id === receipt.bundle_id), 'another institution cannot see it');
  assert.equal((await list('wrong')).status, 401);

  const replay = await post('bundles', bundle);
  assert.equal(replay.status, 409);
  assert.equal((await replay.json()).error, 'replayed');

  const bundleFile = join(dir, 'bundle.json');
  writeFileSync(bundleFile, bundle);
  const revocation = execFileSync(bin, ['bundle', 'revoke', bundleFile, '--key', key], { encoding: 'utf8' }).trim();
  const revoked = await post('revocations', revocation);
  assert.equal(revoked.status, 200);
  const after = await (await list('dev-inst-005')).json();
  assert.ok(after.bundles.find((b) => b.bundle_id === receipt.bundle_id).revoked_at);
});
