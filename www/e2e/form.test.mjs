// End to end, against the release bundle served over HTTP: the welcome screen, the form's
// pages with their progress indicator, inline errors and the error summary, the language switch
// keeping input, a draft saved and restored on this device, and file import with per-row errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launch, openApp, sampleProfile, fillForm, fillPage, formText, pageNumber, holdBack } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a bad value gets an inline error and stops "Next"; fixing it moves on (zh-CN)', async () => {
  const { page, problems } = await openApp(browser);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await page.locator('#start').click();
  assert.equal(await page.locator('nav.progress li[aria-current="step"]').textContent(), '企业');
  await fillPage(page, formText(sampleProfile('strong')));

  const employees = page.locator('#f-business-employees');
  await employees.fill('-3');
  await employees.press('Tab');
  const error = page.locator('#f-business-employees-error');
  assert.equal((await error.textContent()).trim(), '不能为负数。');
  assert.equal(await employees.getAttribute('aria-invalid'), 'true');

  await page.getByRole('button', { name: '下一步' }).click();
  const summary = page.getByRole('alert');
  await summary.waitFor();
  assert.match(await summary.textContent(), /员工人数（含经营者）：不能为负数。/);
  assert.equal(await pageNumber(page), 1, 'stays on the page');
  assert.equal(await page.evaluate(() => document.activeElement?.id), '', 'focus is on the summary');

  // Fix it and go on from the keyboard (Enter in a field submits the page).
  await employees.fill('12');
  await employees.press('Enter');
  await page.waitForFunction(() => document.querySelector('form h2')?.textContent.includes('2'));
  assert.equal(await page.locator('nav.progress li[aria-current="step"]').textContent(), '收入与融资');
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an empty form lists each page\'s problems, then every problem, each linked to its input (en)', async () => {
  const { page } = await openApp(browser, { lang: 'en' });
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getByRole('button', { name: 'Switch language to 中文' }).count(), 1);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  const summary = page.getByRole('alert');
  await summary.waitFor();
  const pageOne = await summary.getByRole('link').count();
  assert.ok(pageOne >= 8, `page 1 lists its required fields (${pageOne})`);
  await summary.getByRole('link', { name: 'Registered business name: Please fill this in.' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-business-name');

  // On the last page, "See my result" lists every problem; a link to a field on another
  // page opens that page and focuses the field.
  const fields = formText(sampleProfile('strong'));
  for (let at = 1; at < 4; at++) {
    await fillPage(page, fields);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForFunction((n) => document.querySelector('form h2')?.textContent.includes(String(n + 1)), at);
  }
  await fillPage(page, fields);
  // A file with problems on several pages (its values are imported; the form shows what is wrong).
  const invalid = sampleProfile('invalid');
  const withKnownIndustry = { ...invalid, business: { ...invalid.business, industry: '52' } };
  await page.locator('#import-file').setInputFiles({ name: 'invalid.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(withKnownIndustry)) });
  await page.getByText('Imported 1 row(s)').waitFor();
  await page.getByRole('button', { name: 'See my result' }).click();
  await summary.waitFor();
  assert.ok((await summary.getByRole('link').count()) >= 6, 'problems of every page are listed');
  await summary.getByRole('link', { name: /^Region code:/ }).click();
  assert.equal(await pageNumber(page), 1);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-location-region');
  await page.close();
});

test('the invalid sample shows its problems, and input survives a language switch mid-form', async () => {
  const { page } = await openApp(browser);
  // The industry list offers only real codes, so the sample's unknown code cannot be chosen;
  // and twelve slots hold twelve months, so its thirteenth (negative) month lands in the last slot.
  const invalid = sampleProfile('invalid');
  const fields = formText({ ...invalid, business: { ...invalid.business, industry: '52' } });
  await page.locator('#start').click();
  await fillPage(page, fields);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('alert').waitFor();
  for (const id of ['business-name', 'business-credit_code', 'business-months_in_operation', 'location-region']) {
    assert.equal(await page.locator(`#f-${id}-error`).count(), 1, `${id} shows its error`);
  }
  const region = await page.inputValue('#f-location-region');
  await page.getByRole('button', { name: '切换语言为 English' }).click();
  assert.equal(await page.inputValue('#f-location-region'), region);
  assert.equal((await page.locator('#f-location-region-error').textContent()).trim(), 'Must be six digits.');
  assert.equal(await page.inputValue('#f-business-credit_code'), String(fields['business.credit_code']));
  await page.close();
});

test('a draft saved on this device is offered on the next visit, resumes on the page it was kept on, and can be deleted', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(process.env.BASE_URL ?? 'http://127.0.0.1:8080');
  await page.locator('#start').click();
  await fillPage(page, formText(sampleProfile('weak')));
  await page.locator('#f-business-name').fill('阿香米线');
  await page.locator('#f-business-employees').fill('7');
  await page.locator('#next').click();
  await page.waitForFunction(() => document.querySelector('form h2#step-title')?.textContent.includes('2'));
  await page.locator('#f-loan-amount_minor').fill('8万');
  await page.getByRole('button', { name: '在本设备上保存草稿' }).click();
  assert.match(await page.getByRole('status').last().textContent(), /草稿已保存/);
  // The next visit is a new tab (a reload of this one keeps its place and text by itself).
  const visit = async () => {
    const next = await context.newPage();
    await next.goto(process.env.BASE_URL ?? 'http://127.0.0.1:8080');
    await next.locator('#start').waitFor();
    return next;
  };
  await page.close();
  let next = await visit();
  await next.locator('#resume').click();
  assert.equal(await pageNumber(next), 2, 'resumed on the page it was kept on');
  assert.equal(await next.inputValue('#f-loan-amount_minor'), '8万');
  await next.locator('.actions button', { hasText: '上一步' }).click();
  assert.equal(await pageNumber(next), 1);
  assert.equal(await next.inputValue('#f-business-name'), '阿香米线');
  assert.equal(await next.inputValue('#f-business-employees'), '7');
  await next.close();
  next = await visit();
  await next.locator('#forget').click();
  assert.equal(await next.locator('#resume').count(), 0);
  await next.close();
  next = await visit();
  assert.equal(await next.locator('#resume').count(), 0, 'gone for good');
  // A draft kept before drafts remembered their page (the text alone) resumes on page 1.
  await next.evaluate(() => localStorage.setItem('prequal.draft.v1', JSON.stringify({ 'business.name': '旧草稿' })));
  await next.close();
  next = await visit();
  await next.locator('#resume').click();
  assert.equal(await pageNumber(next), 1);
  assert.equal(await next.inputValue('#f-business-name'), '旧草稿');
  await context.close();
});

test('a CSV of monthly figures fills the revenue slots; a bad one names each row and changes nothing', async () => {
  const { page, problems } = await openApp(browser, { lang: 'en' });
  await page.getByRole('button', { name: 'Start' }).click();
  const asOf = await page.inputValue('#f-as_of');
  const [year, month] = asOf.split('-').map(Number);
  const rows = ['month,revenue,kwh'];
  for (let back = 12; back >= 1; back--) {
    const index = year * 12 + (month - 1) - back;
    rows.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')},"${10000 + back}.50",${300 + back}`);
  }
  await page.locator('#import-file').setInputFiles({ name: 'revenue.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await page.getByText('Imported 12 row(s)').waitFor();
  await fillPage(page, formText(sampleProfile('strong')));
  await page.getByRole('button', { name: 'Next' }).click();
  assert.equal(await page.inputValue('#f-revenue-monthly_minor-0'), '10012.50');
  assert.equal(await page.inputValue('#f-revenue-monthly_minor-11'), '10001.50');

  const bad = 'month,revenue\n2020-01,5\nlast month,6\n';
  await page.locator('#import-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  const alert = page.locator('section.import [role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /bad\.csv was not imported/);
  assert.match(await alert.textContent(), /row 2, month: Must be one of the 12 months before the profile date/);
  assert.match(await alert.textContent(), /row 3, month: Must be a month YYYY-MM/);
  assert.equal(await page.inputValue('#f-revenue-monthly_minor-0'), '10012.50', 'nothing changed');

  // A profile JSON file fills every page.
  await page.locator('#import-file').setInputFiles({ name: 'weak.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(sampleProfile('weak'))) });
  await page.getByText('Imported 1 row(s)').waitFor();
  assert.equal(await page.inputValue('#f-loan-term_months'), String(sampleProfile('weak').loan.term_months));
  assert.deepEqual(problems, []);
  await page.close();
});

test('amounts are read as Chinese merchants write them and said back in 万', async () => {
  const { page, problems } = await openApp(browser, { lang: 'zh-CN' });
  await page.locator('#start').click();
  const strong = formText(sampleProfile('strong'));
  await fillPage(page, strong);
  await page.locator('#next').click();
  await fillPage(page, strong);
  const amount = page.locator('#f-loan-amount_minor');
  const hint = page.locator('#f-loan-amount_minor-hint');
  for (const typed of ['50万', '５０００００', '¥500000', '500,000元', '50 万元']) {
    await amount.fill(typed);
    assert.equal((await hint.textContent()).trim(), '= 50 万元', typed);
  }
  await amount.fill('8500');
  assert.equal((await hint.textContent()).trim(), '= 8500 元');
  await amount.fill('50万');
  await page.locator('#next').click();
  assert.equal(await pageNumber(page), 3, 'accepted: the next page opens');
  assert.deepEqual(problems, []);
  await page.close();
});

/** Text as Excel on a Chinese Windows saves it: GBK (for the characters these tests use). */
function gbk(text) {
  const table = { 月: 'd4c2', 份: 'b7dd', 营: 'd3aa', 业: 'd2b5', 额: 'b6ee', 用: 'd3c3', 电: 'b5e7', 量: 'c1bf', 元: 'd4aa', 万: 'cdf2', '（': 'a3a8', '）': 'a3a9' };
  return Buffer.concat([...text].map((c) => (table[c] ? Buffer.from(table[c], 'hex') : Buffer.from(c, 'latin1'))));
}

test('a GBK spreadsheet with Chinese headers, 万 and 元 imports; a file too large is refused in words', async () => {
  const { page, problems } = await openApp(browser, { lang: 'zh-CN' });
  await page.locator('#start').click();
  const asOf = await page.inputValue('#f-as_of');
  const [year, month] = asOf.split('-').map(Number);
  const rows = ['月份,营业额（元）,用电量'];
  for (let back = 12; back >= 1; back--) {
    const index = year * 12 + (month - 1) - back;
    const amount = back % 2 ? `${back}万` : `${8000 + back}元`;
    rows.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')},${amount},${300 + back}`);
  }
  const bytes = gbk(rows.join('\r\n'));
  assert.ok(!bytes.toString('utf8').includes('营业额'), 'the file really is GBK');
  await page.locator('#import-file').setInputFiles({ name: '营业额.csv', mimeType: 'text/csv', buffer: bytes });
  await page.locator('section.import p.valid').filter({ hasText: '12' }).waitFor();
  await fillPage(page, formText(sampleProfile('strong')));
  await page.locator('#next').click();
  // Oldest first, kept as typed: twelve months back 8012元, eleven back 11万.
  assert.equal(await page.inputValue('#f-revenue-monthly_minor-0'), '8012元');
  assert.equal(await page.inputValue('#f-revenue-monthly_minor-1'), '11万');

  const big = Buffer.alloc(300 * 1024, 'a');
  await page.locator('#import-file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: big });
  const alert = page.locator('section.import [role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /文件太大：最大 256 KB/);
  assert.equal(await page.inputValue('#f-revenue-monthly_minor-1'), '11万', 'nothing changed');
  assert.deepEqual(problems, []);
  await page.close();
});

test('import is a module of its own: fetched when the file chooser opens, its download said while a file waits for it', async () => {
  const { page, problems } = await openApp(browser, { lang: 'zh-CN' });
  const fetched = [];
  page.on('request', (request) => { if (request.url().includes('/import/')) fetched.push(request.url()); });
  await page.locator('#start').click();
  assert.deepEqual(fetched, [], 'not part of the app: nothing fetched until the merchant imports');
  // A slow link: the chosen file waits for the module, and the merchant is told what for.
  const release = await holdBack(page, '**/prequal_www_import_bg.wasm');
  const csv = ['月份,营业额', '2026-01,5万'].join('\n');
  await page.locator('#import-file').setInputFiles({ name: 'revenue.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const status = page.locator('section.import p.loading');
  await status.filter({ hasText: '正在下载读取文件的程序' }).waitFor();
  assert.match(await status.textContent(), /约 \d+ KB/);
  release();
  await page.locator('section.import p.valid').waitFor();
  assert.ok(fetched.some((url) => url.endsWith('prequal_www_import_bg.wasm')));
  assert.deepEqual(problems, []);
  await page.close();

  // Opening the file chooser starts the download, so the module is there when the file is.
  const second = await openApp(browser, { lang: 'zh-CN' });
  await second.page.locator('#start').click();
  const module = second.page.waitForRequest('**/prequal_www_import_bg.wasm');
  const chooser = second.page.waitForEvent('filechooser');
  await second.page.locator('#import-file').click();
  await chooser;
  await module;
  await second.page.close();

  // Offline before the module ever came: the merchant reads why in their language, what was
  // typed stays, and the same file imports once the network is back.
  const third = await openApp(browser, { lang: 'zh-CN' });
  await third.page.locator('#start').click();
  await third.page.locator('[name="business.name"]').fill('王记小卖部');
  await third.page.route('**/import/**', (route) => route.abort('internetdisconnected'));
  const file = { name: 'revenue.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
  await third.page.locator('#import-file').setInputFiles(file);
  const alert = third.page.locator('section.import [role=alert] li');
  await alert.waitFor();
  assert.match(await alert.textContent(), /没能读取这个文件。如果现在没有网络，请连网后重新选择文件/);
  assert.doesNotMatch(await alert.textContent(), /[A-Za-z]{4,}/, 'no English words on a Chinese screen');
  assert.equal(await third.page.locator('[name="business.name"]').inputValue(), '王记小卖部');
  await third.page.unroute('**/import/**');
  await third.page.locator('#import-file').setInputFiles(file);
  await third.page.locator('section.import p.valid').waitFor();
  await third.page.close();
});

test('every control on every page is reachable with the keyboard', async () => {
  const { page } = await openApp(browser);
  await page.locator('#start').click();
  for (let at = 1; at <= 4; at++) {
    const controls = await page.locator('input, select, button').count();
    const reached = new Set();
    // Date inputs take one Tab stop per part (year, month, day), hence the margin.
    for (let i = 0; i < controls * 2 + 6; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
      if (id) reached.add(id);
    }
    assert.ok(reached.size >= controls, `page ${at}: reached ${reached.size} of ${controls} controls by Tab`);
    if (at < 4) {
      await fillPage(page, formText(sampleProfile('strong')));
      await page.locator('#next').click();
    }
  }
  await page.close();
});

test('a profile file with several problems lists every one, in words, and changes nothing', async () => {
  const { page, problems } = await openApp(browser, { lang: 'zh-CN' });
  await page.locator('#start').click();
  await page.locator('#f-business-name').fill('阿香米线');
  const broken = sampleProfile('strong');
  broken.business.employees = 'twelve';
  broken.business.franchise = 'no';
  broken.revenue.monthly_minor[2] = 1.5;
  broken.loan.purpose = 'yacht';
  delete broken.court;
  await page.locator('#import-file').setInputFiles({ name: 'profile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  const alert = page.locator('section.import [role="alert"]');
  await alert.waitFor({ timeout: 60000 });
  const items = await alert.locator('li').allTextContents();
  assert.equal(items.length, 5, items.join(' | '));
  const text = items.join('\n');
  for (const words of ['员工', '整数', '加盟', '“是”或“否”', '第 3 项', '所列选项之一', '司法与信用名单', '请填写此项']) {
    assert.ok(text.includes(words), `${words} in ${text}`);
  }
  // JSON's own words for yes and no are what the file must say; nothing else in English.
  assert.ok(!/[a-z]{4,}/.test(text.replace(/true|false/g, '')), `no English or codes: ${text}`);
  // An empty file and a cut-off one are said in words, not as "$".
  for (const [name, body] of [['empty.json', ''], ['cut.json', '{"schema": "prequal.profile/1", "business": {"name": ']]) {
    await page.locator('#import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });
    await page.locator('section.import [role="alert"]').filter({ hasText: name }).waitFor();
    const said = await page.locator('section.import [role="alert"] li').allTextContents();
    assert.ok(said.every((line) => !line.includes('$') && /文件内容不完整或格式有误/.test(line)), said.join(' | '));
  }
  assert.equal(await page.inputValue('#f-business-name'), '阿香米线', 'nothing changed');
  assert.deepEqual(problems, []);
  await page.close();
});

test('large text (适老化): 18 pt text, 60 px targets, darker colours, kept for the next visit, no overflow at 360 px', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(process.env.BASE_URL ?? 'http://127.0.0.1:8080');
  await page.locator('#large-text').click();
  assert.equal(await page.getAttribute('#large-text', 'aria-pressed'), 'true');
  const measure = () => page.evaluate(() => ({
    font: parseFloat(getComputedStyle(document.body).fontSize),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    small: [...document.querySelectorAll('button, select, input[type=text], input[type=checkbox], summary')]
      .filter((e) => e.offsetParent && (e.getBoundingClientRect().height < 60 || e.getBoundingClientRect().width < 36))
      .map((e) => e.id || e.className || e.tagName),
  }));
  // A new visit, before and after the app runs: large from the first paint.
  const next = await context.newPage();
  await next.goto(process.env.BASE_URL ?? 'http://127.0.0.1:8080', { waitUntil: 'domcontentloaded' });
  assert.ok(await next.evaluate(() => document.documentElement.classList.contains('large-text')), 'kept on this device');
  await next.close();
  await page.locator('#start').click();
  const text = formText(sampleProfile('weak'));
  for (let at = 1; at <= 4; at++) {
    await page.locator('form').waitFor();
    await fillPage(page, text);
    const m = await measure();
    assert.ok(m.font >= 24, `page ${at}: body ${m.font}px`);
    assert.equal(m.overflow, 0, `page ${at} overflows`);
    assert.deepEqual(m.small, [], `page ${at}: targets under 60 px`);
    if (at < 4) await page.locator('#next').click();
  }
  await page.locator('#large-text').click();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('large-text')), false);
  await context.close();
});

test('Start works from the first paint: the first page opens at once, and what is typed (and the focus) pass to the app', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  const release = await holdBack(page, '**/prequal_www_flow_bg.wasm');
  await page.goto(process.env.BASE_URL ?? 'http://127.0.0.1:8080', { waitUntil: 'domcontentloaded' });
  await page.locator('#app .welcome .primary').click();
  // The app has not run (its language button is still the page's disabled one).
  const appRunning = () => page.locator('#app button.lang:not([disabled])').count();
  assert.equal(await appRunning(), 0);
  assert.ok(await page.locator('#early').isVisible(), 'the first page is shown before the app runs');
  assert.equal(await page.locator('#f-as_of').inputValue(), await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }), 'the date is today, as in the app');
  await page.locator('#f-business-name').pressSequentially('早到');
  await page.locator('#f-business-legal_form').selectOption('partnership');
  await page.locator('#f-business-franchise').check();
  await page.locator('#f-business-name').focus();
  assert.equal(await appRunning(), 0, 'typed before the app ran');
  release();
  await page.locator('#app button.lang:not([disabled])').waitFor({ timeout: 60000 });
  await page.waitForFunction(() => !document.getElementById('early') && document.activeElement?.id === 'f-business-name');
  assert.equal(await page.locator('#f-business-name').inputValue(), '早到');
  assert.equal(await page.locator('#f-business-legal_form').inputValue(), 'partnership');
  assert.ok(await page.locator('#f-business-franchise').isChecked());
  // The merchant keeps typing where they were.
  await page.keyboard.type('小店');
  assert.equal(await page.locator('#f-business-name').inputValue(), '早到小店');
  assert.equal(await pageNumber(page), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the first page before the app: no axe-core violation, no sideways scroll at 360 px and 200 % zoom, also in large text', async () => {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  for (const [width, large] of [[360, false], [180, false], [360, true]]) {
    // axe is injected as a script, which the page's CSP rightly forbids; this context lifts it.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 740 }, deviceScaleFactor: 360 / width });
    const page = await context.newPage();
    if (large) await page.addInitScript(() => localStorage.setItem('prequal.large-text', '1'));
    const release = await holdBack(page, '**/prequal_www_flow_bg.wasm');
    await page.goto(process.env.BASE_URL ?? 'http://127.0.0.1:8080', { waitUntil: 'domcontentloaded' });
    await page.locator('#app .welcome .primary').click();
    await page.locator('#next').click();
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
    const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(found, [], `${width} px${large ? ', large text' : ''}`);
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(widths[0] <= widths[1], `${width} px: ${widths[0]} px of content in ${widths[1]} px`);
    assert.equal(await page.locator('#app button.lang:not([disabled])').count(), 0, 'checked before the app ran');
    release();
    await context.close();
  }
});

test('Start works before any script has run: the page opens from the HTML, and what was typed reaches the app', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const releaseScript = await holdBack(page, '**/app.js');
  const releaseApp = await holdBack(page, '**/prequal_www_flow_bg.wasm');
  // (The page's DOMContentLoaded waits for its module script, held back here.)
  await page.goto(process.env.BASE_URL ?? 'http://127.0.0.1:8080', { waitUntil: 'commit' });
  await page.locator('#app .welcome .primary').click();
  assert.ok(await page.locator('#f-business-name').isVisible(), 'shown by the link and the stylesheet alone');
  assert.equal(await page.locator('#app .welcome').isVisible(), false);
  await page.locator('#f-business-name').fill('乙店');
  await page.locator('#f-business-legal_form').selectOption('limited_company');
  releaseScript();
  await page.waitForFunction(() => document.documentElement.classList.contains('early-js'));
  assert.ok(await page.locator('#f-business-name').isVisible(), 'still shown once the script runs');
  await page.locator('#f-business-employees').fill('3');
  releaseApp();
  await page.locator('#app button.lang:not([disabled])').waitFor({ timeout: 60000 });
  await page.waitForFunction(() => !document.getElementById('early'));
  assert.equal(await page.locator('#f-business-name').inputValue(), '乙店');
  assert.equal(await page.locator('#f-business-legal_form').inputValue(), 'limited_company');
  assert.equal(await page.locator('#f-business-employees').inputValue(), '3');
  // Back leads to the welcome, as in the app.
  await page.goBack();
  await page.locator('#start').waitFor();
  await context.close();
});

test('with a draft on this device, Start pressed before the app runs waits for the app, whose welcome offers the draft', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    if (!localStorage.getItem('prequal.draft.v1')) localStorage.setItem('prequal.draft.v1', JSON.stringify({ page: 1, fields: { 'business.name': '草稿店' } }));
  });
  const page = await context.newPage();
  const release = await holdBack(page, '**/prequal_www_flow_bg.wasm');
  await page.goto(process.env.BASE_URL ?? 'http://127.0.0.1:8080', { waitUntil: 'domcontentloaded' });
  const start = page.locator('#app .welcome .primary');
  await start.click();
  assert.equal(await start.textContent(), '正在准备，请稍候…');
  assert.equal(await start.getAttribute('aria-busy'), 'true');
  assert.equal(await page.locator('#early').isVisible(), false, 'no empty page beside a kept draft');
  release();
  await page.locator('#resume').waitFor({ timeout: 60000 });
  assert.ok(await page.locator('#start').isVisible(), 'the choice is the merchant\'s');
  await page.locator('#resume').click();
  assert.equal(await pageNumber(page), 2);
  await context.close();
});

test('before the app runs, Back returns to the welcome, Start comes back to the text, and Next waits for the app', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const release = await holdBack(page, '**/prequal_www_flow_bg.wasm');
  await page.goto(process.env.BASE_URL ?? 'http://127.0.0.1:8080', { waitUntil: 'domcontentloaded' });
  const start = page.locator('#app .welcome .primary');
  await start.click();
  await page.locator('#f-business-name').fill('甲店');
  await page.goBack();
  assert.ok(await start.isVisible(), 'Back shows the welcome');
  assert.equal(await page.locator('#early').isVisible(), false);
  await start.click();
  assert.equal(await page.locator('#f-business-name').inputValue(), '甲店', 'the text is still there');
  await page.locator('#next').click();
  assert.equal(await page.locator('#early [role=status]').textContent(), '正在准备，请稍候…');
  release();
  // Next is pressed for the merchant once the app runs: the page's missing fields are listed.
  await page.locator('.summary[role=alert]').waitFor({ timeout: 60000 });
  assert.equal(await page.locator('#f-business-name').inputValue(), '甲店');
  assert.equal(await pageNumber(page), 1);
  // A reload keeps the text (the app's own keeping, which the early page wrote to).
  await page.reload();
  await page.locator('#app button.lang:not([disabled])').waitFor({ timeout: 60000 });
  assert.equal(await page.locator('#f-business-name').inputValue(), '甲店');
  await context.close();
});
