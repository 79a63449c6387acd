// End to end, against the release bundle served over HTTP: a merchant fills the profile form,
// makes a mistake, sees it explained inline, fixes it, and sees the profile accepted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, sampleProfile, fillForm } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function openApp() {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  await page.goto(BASE_URL);
  await page.locator('form').waitFor();
  return { page, problems };
}

test('a bad value gets an inline error; fixing it gets the profile accepted (zh-CN)', async () => {
  const { page, problems } = await openApp();
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await fillForm(page, sampleProfile('strong'));

  const employees = page.locator('#f-business-employees');
  await employees.fill('-3');
  await employees.press('Tab');
  const error = page.locator('#f-business-employees-error');
  assert.equal((await error.textContent()).trim(), '不能为负数。');
  assert.equal(await employees.getAttribute('aria-invalid'), 'true');

  await page.getByRole('button', { name: '检查我的资料' }).click();
  const summary = page.getByRole('alert');
  await summary.waitFor();
  assert.match(await summary.textContent(), /员工人数（含经营者）：不能为负数。/);
  assert.equal(await page.locator('.valid').count(), 0);

  // Fix it and submit from the keyboard (Enter in a field submits the form).
  await employees.fill('12');
  await employees.press('Enter');
  // (the what-if panel has live regions of its own once the result shows)
  const accepted = page.locator('p.valid[role="status"]');
  await accepted.waitFor();
  assert.match(await accepted.textContent(), /您的资料已通过全部检查/);
  assert.equal(await error.count(), 0);
  assert.equal(await page.getByRole('alert').count(), 0);

  // The established restaurant gets the best grade, with reasons in Chinese.
  const result = page.getByRole('region', { name: '您的参考风险等级' });
  await result.waitFor();
  assert.equal((await page.textContent('#grade')).trim(), 'A');
  assert.match(await page.textContent('#pd'), /^\d+\.\d %$/);
  assert.ok((await result.locator('ol.reasons li').count()) >= 1);
  assert.match(await result.locator('ol.reasons li').first().textContent(), /比最有利情形少 \d+ 分/);
  assert.equal(await result.locator('ul.overlays li').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a young shop with arrears sees its statistical grade lowered by policy rules (en)', async () => {
  const { page, problems } = await openApp();
  await page.getByRole('button', { name: '切换语言为 English' }).click();
  await fillForm(page, sampleProfile('weak'));
  await page.getByRole('button', { name: 'Check my profile' }).click();
  const result = page.getByRole('region', { name: 'Your indicative risk grade' });
  await result.waitFor();
  assert.equal((await page.textContent('#grade')).trim(), 'G');
  const rules = await result.locator('ul.overlays li').allTextContents();
  assert.equal(rules.length, 3);
  assert.ok(rules.every((rule) => rule.startsWith('Policy:')), rules.join(' | '));
  assert.match(await result.textContent(), /Grade from the statistical model alone: E/);
  assert.match(await result.locator('ol.reasons li').first().textContent(), /Real-estate collateral \(no\): \d+ points below/);

  // The charts are images with text alternatives; the factor table repeats their numbers.
  assert.equal(await result.getByRole('img', { name: 'Risk grade' }).count(), 1);
  assert.match(await result.locator('svg.gauge desc').textContent(), /Grade G on a scale from A/);
  assert.equal(await result.getByRole('img', { name: 'What moved your grade' }).count(), 1);
  assert.equal(await result.locator('table.factor-table tbody tr').count(), 8);

  // What-if, with the keyboard: paying off both arrears and the late bills lifts all three
  // one-grade reductions; the merchant's own result and entries stay as they were.
  const whatIf = result.getByRole('region', { name: 'What if…' });
  for (const name of ['Tax overdue now', 'Power bills overdue now', 'Late power bills, last 12 months']) {
    await whatIf.getByRole('slider', { name }).press('Home');
  }
  assert.equal((await page.textContent('#what-if-grade')).trim(), 'E');
  assert.equal((await page.textContent('#grade')).trim(), 'G');
  assert.equal(await page.inputValue('[name="tax.arrears_minor"]'), '3200');
  await whatIf.getByRole('button', { name: 'Reset the sliders' }).click();
  assert.equal(await page.locator('#what-if-grade').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an empty form lists every required field in English, each linked to its input', async () => {
  const { page } = await openApp();
  await page.getByRole('button', { name: '切换语言为 English' }).click();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getByRole('button', { name: 'Switch language to 中文' }).count(), 1);
  await page.getByRole('button', { name: 'Check my profile' }).click();
  const summary = page.getByRole('alert');
  await summary.waitFor();
  const links = summary.getByRole('link');
  assert.ok((await links.count()) >= 20, 'every required field is listed');
  await summary.getByRole('link', { name: 'Registered business name: Please fill this in.' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-business-name');
  await page.close();
});

test('the invalid sample shows each of its problems, and input survives a language switch', async () => {
  const { page } = await openApp();
  // The industry list offers only real codes, so the sample's unknown code cannot be chosen;
  // and twelve slots hold twelve months, so its thirteenth (negative) month lands in the last slot.
  const invalid = sampleProfile('invalid');
  await fillForm(page, { ...invalid, business: { ...invalid.business, industry: '52' } });
  await page.getByRole('button', { name: '检查我的资料' }).click();
  await page.getByRole('alert').waitFor();
  for (const id of ['business-name', 'business-credit_code', 'business-months_in_operation', 'location-region',
    'revenue-monthly_minor-11', 'loan-amount_minor', 'loan-term_months', 'social_insurance-insured_staff']) {
    assert.equal(await page.locator(`#f-${id}-error`).count(), 1, `${id} shows its error`);
  }
  const region = await page.inputValue('#f-location-region');
  await page.getByRole('button', { name: '切换语言为 English' }).click();
  assert.equal(await page.inputValue('#f-location-region'), region);
  assert.equal((await page.locator('#f-location-region-error').textContent()).trim(), 'Must be six digits.');
  await page.close();
});

test('every control is reachable with the keyboard', async () => {
  const { page } = await openApp();
  const controls = await page.locator('input, select, button').count();
  const reached = new Set();
  // Date inputs take one Tab stop per part (year, month, day), hence the margin.
  for (let i = 0; i < controls * 2; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
    if (id) reached.add(id);
  }
  assert.ok(reached.size >= controls, `reached ${reached.size} of ${controls} controls by Tab`);
  await page.close();
});
