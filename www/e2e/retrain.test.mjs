// A portal retrains the model on its own outcomes and deploys it without rebuilding anything:
// `prequal model train` on generated applications (a bulk CSV of profiles with an outcome
// column, whose default risk rises with revenue volatility and with tax arrears and with
// nothing else), signed with the operator key, served as the page's `data/scorecard.json`. The
// web app verifies and loads it at run time, and the result screen's reasons name what it
// learned, in the merchant's words, with the merchant's own figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openApp, sampleProfile, fillForm, gradeShown } from './helpers.mjs';

const root = join(import.meta.dirname, '..', '..');
const bin = process.env.PREQUAL_BIN;
const csv = process.env.PREQUAL_PROFILES_CSV;

let browser;
let trained;
before(async () => {
  browser = await launch();
  if (!bin || !csv) return;
  // The portal's run: train on the applications, sign with the operator key (here the
  // project's sample key, which the page trusts when it names none).
  const out = mkdtempSync(join(tmpdir(), 'prequal-retrained-'));
  const id = execFileSync(bin, [
    'model', 'train', '--csv', csv,
    '--schema', join(root, 'examples/training/profiles.schema.json'),
    '--out', out, '--key', join(root, 'models/sample-operator.jwk'),
  ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  trained = {
    id,
    model: readFileSync(join(out, 'scorecard.json')),
    signature: readFileSync(join(out, 'scorecard.json.jws')),
  };
});
after(async () => { await browser?.close(); });

for (const [lang, button, volatility, arrears, caveat] of [
  ['zh-CN', '查看我的结果', /每月营业额起伏较大（平均上下约 25 %）/, /欠缴税款 3,200 元/, /本平台根据自己的贷款记录训练/],
  ['en', 'See my result', /go up and down a lot \(by about 25 %/, /Tax overdue: ¥3,200/, /this platform's own loan records/],
]) {
  test(`a model trained on profiles, signed and served, gives its own reasons (${lang})`, async (t) => {
    if (!trained) {
      t.skip('PREQUAL_BIN and PREQUAL_PROFILES_CSV are not set (cargo xtask test sets them)');
      return;
    }
    assert.match(trained.id, /^[0-9a-f]{64}$/);
    const { model, signature } = trained;
    const { page, problems } = await openApp(browser, { lang });
    // The portal's deployment: its model and signature where the page looks for them.
    await page.route('**/data/scorecard.json', (route) => route.fulfill({ body: model, contentType: 'application/json' }));
    await page.route('**/data/scorecard.json.jws', (route) => route.fulfill({ body: signature, contentType: 'application/jose' }));
    await fillForm(page, sampleProfile('weak'));
    await page.getByRole('button', { name: button }).click();
    await gradeShown(page);

    const reasons = await page.locator('ol.reasons li').allTextContents();
    assert.ok(reasons.length >= 2, reasons.join('\n'));
    assert.match(reasons[0], volatility);
    assert.match(reasons[1], arrears);
    assert.match(await page.locator('#model-caveat').textContent(), caveat);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
