// Embedding, offline use, the print view and narrow screens (docs/embedding.md): the iframe and
// custom-element example pages render and emit the documented events; an untrusted origin's
// message is ignored; a second visit works offline; the report prints to a PDF holding the
// grade, the reasons and the products in each language; at 360 px no screen scrolls sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_URL, launch, openApp, sampleProfile, fillForm, fillPage, formText, giveConsent, gradeShown } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const events = (page) => page.locator('#events li').evaluateAll((items) => items.map((i) => i.textContent));

/** Fills the strong sample in `scope` (a page or a frame) and opens its result. */
async function scoreStrong(scope) {
  await fillForm(scope, sampleProfile('strong'));
  await scope.locator('#next').click();
  await scope.locator('#grade, #model-problem').first().waitFor({ timeout: 60000 });
  const refused = scope.locator('#model-problem');
  if (await refused.count()) assert.fail(`no grade: ${await refused.first().innerText()}`);
}

test('iframe mode: renders, reports ready and the grade only, obeys its parent, ignores other origins', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/embed/iframe.html`);
  const frame = page.frameLocator('#advisor');
  await frame.locator('#start').waitFor();
  await page.locator('#events li[data-event="ready"]').waitFor();

  // A command from an untrusted origin (a sandboxed frame has the opaque origin "null") is ignored.
  await page.evaluate(() => {
    const stranger = document.createElement('iframe');
    stranger.setAttribute('sandbox', 'allow-scripts');
    stranger.id = 'stranger';
    document.body.append(stranger);
  });
  const stranger = page.frames().find((f) => f.parentFrame() === page.mainFrame() && f.url() === 'about:blank');
  await stranger.evaluate(() => parent.frames[0].postMessage({ type: 'set-lang', lang: 'en' }, '*'));
  await page.waitForTimeout(300);
  assert.equal(await frame.locator('html').getAttribute('lang'), 'zh-CN', 'the stranger was ignored');

  // The parent's own command is obeyed.
  await page.locator('#lang-en').click();
  await frame.locator('html[lang="en"]').waitFor();
  const app = page.frames().find((f) => f.url().includes('?parent='));
  await scoreStrong(app);
  await page.locator('#events li[data-event="scored"]').waitFor();
  const scored = (await events(page)).find((e) => e.startsWith('scored'));
  assert.equal(scored, 'scored {"grade":"E"}', 'the grade and nothing else');
  await page.close();
});

test('custom element: one script tag with SRI, renders in its shadow root, events, language attribute', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${BASE_URL}/embed/custom-element.html`);
  const integrity = await page.locator('script[src="../embed.js"]').getAttribute('integrity');
  assert.match(integrity, /^sha384-[A-Za-z0-9+/]+=*$/);
  await page.locator('prequal-advisor #start').waitFor();
  await page.locator('#events li[data-event="ready"]').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en', 'the host page keeps its own language');
  await page.locator('#lang-en').click();
  await page.locator('prequal-advisor').getByRole('button', { name: 'Start' }).waitFor();
  await scoreStrong(page.locator('prequal-advisor'));
  await page.locator('#events li[data-event="scored"]').waitFor();
  assert.ok((await events(page)).includes('scored {"grade":"E"}'));
  assert.equal(await page.title(), 'Example host page: the prequal-advisor element', 'the host page keeps its title');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the JavaScript API example scores and matches without the app', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/embed/api.html`);
  await page.locator('#result-first-payment').waitFor();
  assert.equal(await page.textContent('#result-grade'), 'E');
  assert.ok(Number(await page.textContent('#result-eligible')) > 0);
  await page.close();
});

test('offline: after one visit the app scores and matches with no network', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(BASE_URL);
  // The offline copy is made once the merchant has a result (it never competes with what the
  // merchant waits for).
  await page.locator('#start').waitFor();
  await scoreStrong(page);
  // The service worker has kept every file once it is active.
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active?.state;
  });
  await page.waitForFunction(async () => (await caches.keys()).some((k) => k.startsWith('prequal-')));
  await page.waitForFunction(async () => {
    const cache = await caches.open((await caches.keys()).find((k) => k.startsWith('prequal-')));
    return Boolean(await cache.match('flow/prequal_www_flow_bg.wasm')) && Boolean(await cache.match('data/catalog.json'));
  }, null, { timeout: 60000 });
  await context.setOffline(true);
  // A reload with no network: the app, the module and the catalog from the offline copy, the
  // result from the text this tab kept.
  await page.reload();
  await gradeShown(page);
  assert.equal((await page.textContent('#grade')).trim(), 'E');
  await page.locator('#see-products').click();
  await page.locator('#counts').waitFor();
  assert.ok((await page.locator('ul.eligible > li').count()) > 0);
  await context.close();
});

for (const lang of ['zh-CN', 'en']) {
  test(`print: the report's PDF holds the grade, the reasons and the products (${lang})`, async () => {
    const { page } = await openApp(browser, { lang });
    await scoreStrong(page);
    const reason = (await page.locator('ol.reasons li').first().textContent()).trim();
    await page.locator('#print-report').click();
    await page.locator('table.report-products').waitFor();
    const product = (await page.locator('table.report-products tbody th').first().textContent()).trim();
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    const dir = mkdtempSync(join(tmpdir(), 'prequal-pdf-'));
    writeFileSync(join(dir, 'report.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const squash = (s) => s.replace(/\s+/g, ' ');
    assert.match(text, lang === 'en' ? /Grade:\s*E/ : /等级：\s*E/);
    assert.ok(text.includes(squash(reason).slice(0, 12)), `the first reason: ${reason}`);
    assert.ok(text.includes(squash(product)), `a product: ${product}`);
    // Each product's cost itemised on paper too (贷款明白纸).
    assert.ok((await page.locator('section.report-cost .cost-items li').count()) >= 1);
    assert.match(text, lang === 'en' ? /Amount you actually receive/ : /实际到手金额/);
    assert.ok(!text.includes(lang === 'en' ? 'Back to the result' : '返回结果'), 'no controls on paper');
    await page.close();
  });
}

// Every screen, from the welcome to the bundles sent, in both languages, at 360 px and at 200 %
// zoom on that phone (180 CSS px).
for (const [width, lang] of [[360, 'zh-CN'], [360, 'en'], [180, 'zh-CN'], [180, 'en']]) {
  test(`at ${width} px wide (${lang}) no screen scrolls sideways, to the bundles sent`, async () => {
    const context = await browser.newContext({ viewport: { width, height: 740 }, deviceScaleFactor: 360 / width });
    const page = await context.newPage();
    const wide = async (screen) => {
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(widths[0] <= widths[1], `${screen}: ${widths[0]} px of content in ${widths[1]} px`);
    };
    await page.goto(BASE_URL);
    await page.locator('#start').waitFor();
    if (lang === 'en') await page.getByRole('button', { name: '切换语言为 English' }).click();
    await wide('welcome');
    await page.locator('#start').click();
    const fields = formText(sampleProfile('strong'));
    for (let at = 1; at <= 4; at++) {
      await fillPage(page, fields);
      await wide(`form page ${at}`);
      await page.locator('#next').click();
      if (at < 4) await page.waitForFunction((n) => document.querySelector('form h2')?.textContent.includes(String(n + 1)), at);
    }
    await gradeShown(page);
    await wide('result');
    await page.locator('#see-products').click();
    await page.locator('#counts').waitFor();
    await wide('products');
    await page.locator('ul.eligible > li').first().locator('button').first().click();
    await page.locator('section.schedule details').first().evaluate((d) => { d.open = true; });
    await wide('product');
    await page.locator('button.apply').click();
    await page.locator('details.more-fields').evaluate((d) => { d.open = true; });
    await wide('consent');
    await giveConsent(page);
    await page.locator('#sign').click();
    await page.locator('#send').click({ timeout: 30000 });
    await page.locator('dl.receipt').waitFor({ timeout: 30000 });
    await page.locator('details.technical').evaluate((d) => { d.open = true; });
    await wide('receipt');
    await page.locator('#open-sent').click();
    await page.locator('table.sent').waitFor();
    await wide('sent');
    await context.close();
  });
}

// 200 % zoom on a 360 px phone leaves 180 CSS px: the weak merchant's result, its paths to a
// loan and a product's page must still not scroll sideways, in either language.
test('at 200 % zoom the weak merchant\'s result, paths and product pages do not scroll sideways', async () => {
  for (const lang of ['zh-CN', 'en']) {
    const context = await browser.newContext({ viewport: { width: 180, height: 370 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const wide = async (screen) => {
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(widths[0] <= widths[1], `${lang}, ${screen}: ${widths[0]} px of content in ${widths[1]} px`);
    };
    await page.goto(BASE_URL);
    await page.locator('#start').waitFor();
    if (lang === 'en') await page.getByRole('button', { name: '切换语言为 English' }).click();
    await page.locator('#start').click();
    const fields = formText(sampleProfile('weak'));
    for (let at = 1; at <= 4; at++) {
      await fillPage(page, fields);
      await page.locator('#next').click();
      if (at < 4) await page.waitForFunction((n) => document.querySelector('form h2')?.textContent.includes(String(n + 1)), at);
    }
    await gradeShown(page);
    await page.locator('ul.improvements').waitFor();
    await wide('result');
    await page.locator('#see-products').click();
    await page.locator('section.paths').waitFor();
    await wide('products');
    await page.locator('ul.near-misses > li').first().locator('button').first().click();
    await page.locator('#product-path').waitFor();
    await wide('product');
    await context.close();
  }
});
