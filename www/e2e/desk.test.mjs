// The bank's side in Chromium: a merchant sends an application from the web app; the
// institution's loan officer signs in to the desk (keyboard only), sees the application with the
// score recomputed, and answers it — an offer, a decline, a request for more information; the
// merchant's sent page shows each, verified on the device, the offer with the same schedule; the
// merchant revokes and the desk shows it revoked with its actions disabled. axe-core checks every
// desk page. `DESK_URL` is the inbox (`cargo xtask test` sets it); the development inbox has an
// officer `officer.<institution>` with the password `dev-desk-<institution>` for each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launch, openApp, sampleProfile, fillForm, applyToFirstEligible, gradeShown } from './helpers.mjs';

const DESK_URL = process.env.DESK_URL ?? 'http://127.0.0.1:8787';
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The merchant applies for the first eligible product with the strong sample: the payload. */
async function apply(page) {
  await fillForm(page, sampleProfile('strong'));
  await page.locator('#next').click();
  await gradeShown(page);
  await page.locator('#see-products').click();
  await page.locator('#counts').waitFor();
  return applyToFirstEligible(page);
}

/** Presses Tab until `selector` has the focus (a keyboard user's way there). */
async function tabTo(page, selector, limit = 200) {
  for (let i = 0; i < limit; i++) {
    if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`${selector} is not reachable by Tab`);
}

/** axe-core on the desk page showing: no violation. */
async function axe(page, what) {
  if ((await page.evaluate(() => typeof window.axe)) === 'undefined') await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(found, [], what);
}

/** The officer of `institution` signs in with the keyboard only, in `lang`; the desk page. */
async function signIn(context, institution, lang) {
  const desk = await context.newPage();
  await desk.goto(`${DESK_URL}/desk/sign-in?lang=${lang}`);
  await axe(desk, `sign-in ${lang}`);
  await tabTo(desk, '#login');
  await desk.keyboard.type(`officer.${institution}`);
  await desk.keyboard.press('Tab');
  await desk.keyboard.type(`dev-desk-${institution}`);
  await desk.keyboard.press('Enter');
  await desk.waitForURL(/\/desk\/applications$/);
  return desk;
}

/** Opens the application from the list with the keyboard. */
async function openApplication(desk, bundleId) {
  const row = desk.locator(`tr[data-bundle="${bundleId}"]`);
  await row.waitFor();
  assert.equal(await row.getAttribute('data-status'), 'received');
  await tabTo(desk, `tr[data-bundle="${bundleId}"] a`);
  await desk.keyboard.press('Enter');
  await desk.waitForURL(new RegExp(`/desk/applications/${bundleId}`));
}

test('an offer made on the desk reaches the merchant with the same schedule; revoked, the desk disables its actions (zh-CN)', async () => {
  // axe is injected as a script, which the desk's CSP rightly forbids; this context lifts it.
  const context = await browser.newContext({ bypassCSP: true });
  const { page, problems } = await openApp(context, { lang: 'zh-CN' });
  const payload = await apply(page);
  const { institution } = payload.recipient;

  const desk = await signIn(context, institution, 'zh-CN');
  await axe(desk, 'list');
  await openApplication(desk, payload.bundle_id);
  // The score the merchant saw and the one recomputed here, side by side and equal.
  assert.equal((await desk.textContent('td.recomputed-grade')).trim(), payload.result.grade);
  assert.equal(Number(await desk.textContent('td.recomputed-score')), payload.result.score);
  assert.ok((await desk.locator('table.fields tbody tr').count()) >= Object.keys(payload.disclosed).length);
  await axe(desk, 'application');

  // The offer, typed with the keyboard: 10万 at 8.8 % over 12 months.
  await tabTo(desk, '#offer-amount');
  await desk.keyboard.press('ControlOrMeta+a');
  await desk.keyboard.type('10万');
  await desk.keyboard.press('Tab');
  await desk.keyboard.type('8.8');
  await desk.keyboard.press('Tab');
  await desk.keyboard.press('ControlOrMeta+a');
  await desk.keyboard.type('12');
  await tabTo(desk, '#offer button[type=submit]');
  await desk.keyboard.press('Enter');
  await desk.locator('ol.answers li[data-status="offer"]').waitFor();
  await desk.locator('details.schedule').evaluate((d) => { d.open = true; });
  await axe(desk, 'application with an offer');
  const deskRows = await desk.locator('details.schedule tbody tr').allTextContents();
  assert.equal(deskRows.length, 12);

  // The merchant's sent page: the same offer, verified, with the schedule recomputed here.
  await page.locator('#open-sent').click();
  const row = page.locator(`tr[data-bundle="${payload.bundle_id}"]`);
  await row.locator('[data-status="offer"]').waitFor({ timeout: 30000 });
  await row.locator('details.offer-schedule summary').click();
  const merchantRows = await row.locator('.schedule-table tbody tr').allTextContents();
  assert.equal(merchantRows.length, 12);
  const amounts = (text) => (text.match(/[\d,]+\.\d\d|[\d,]{4,}/g) ?? []).map((a) => a.replace(/,/g, ''));
  const firstPayment = amounts(deskRows[0]);
  for (const amount of amounts(merchantRows[0]).slice(0, 1)) {
    assert.ok(firstPayment.some((a) => Number(a) === Number(amount)), `the desk's first row ${deskRows[0]} shows the merchant's ${amount}`);
  }

  // The merchant revokes: the desk shows it, and its actions are disabled.
  await row.locator('button.revoke').click();
  await row.getByText('已撤回').waitFor();
  await desk.reload();
  assert.equal(await desk.locator('p.meta .status').getAttribute('data-status'), 'revoked');
  assert.notEqual(await desk.locator('fieldset.actions').getAttribute('disabled'), null);
  assert.equal(await desk.locator('#decline button[type=submit]').isDisabled(), true);
  await axe(desk, 'revoked application');
  await desk.goto(`${DESK_URL}/desk/audit`);
  await axe(desk, 'audit log');
  assert.ok(await desk.locator('tr[data-action="answer"]').count() >= 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a decline and a request for more information reach the merchant in words (English desk, Chinese merchant)', async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const { page, problems } = await openApp(context, { lang: 'zh-CN' });
  const payload = await apply(page);
  const desk = await signIn(context, payload.recipient.institution, 'en');
  await openApplication(desk, payload.bundle_id);
  await axe(desk, 'application, English');

  // More information: the average monthly power use, with a message.
  await tabTo(desk, '#more-information input[value="utility.average_monthly_kwh"]');
  await desk.keyboard.press('Space');
  await tabTo(desk, '#more-message');
  await desk.keyboard.type('Please add your average monthly power use.');
  await tabTo(desk, '#more-information button[type=submit]');
  await desk.keyboard.press('Enter');
  await desk.locator('ol.answers li[data-status="more_information"]').waitFor();

  await page.locator('#open-sent').click();
  const row = page.locator(`tr[data-bundle="${payload.bundle_id}"]`);
  await row.locator('[data-status="more_information"]').waitFor({ timeout: 30000 });
  assert.match(await row.textContent(), /月均用电量/);

  // A decline with two reasons from the fixed list.
  await tabTo(desk, '#decline input[value="debt_too_high"]');
  await desk.keyboard.press('Space');
  await tabTo(desk, '#decline input[value="other"]');
  await desk.keyboard.press('Space');
  await tabTo(desk, '#decline button[type=submit]');
  await desk.keyboard.press('Enter');
  await desk.locator('ol.answers li[data-status="declined"]').waitFor();
  await page.locator('#check-answers').click();
  await row.locator('[data-status="declined"]').waitFor({ timeout: 30000 });
  assert.match(await row.locator('ul.reasons').textContent(), /现有借款或每月还款太多/);

  // The list shows where it stands.
  await desk.goto(`${DESK_URL}/desk/applications?status=declined`);
  assert.equal(await desk.locator(`tr[data-bundle="${payload.bundle_id}"]`).getAttribute('data-status'), 'declined');
  await axe(desk, 'filtered list, English');
  assert.deepEqual(problems, []);
  await context.close();
});
