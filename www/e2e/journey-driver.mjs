// The merchant's journey on a weak link, measured in headless Chromium for `cargo xtask bench`
// (not a test: no `.test.` in the name). CDP throttling as the phone-and-network issue sets it:
// 400 ms latency, 400 kbit/s both ways, CPU slowed 4×, a cold cache, the service worker on.
// Prints one JSON line:
// - `first_field_ms`: from navigation until the form's first field takes input, pressing
//   "Start" as soon as it can be pressed;
// - `downloads_ms`: from pressing "Start" until the on-demand module and the catalog have
//   arrived (they download while the merchant types: a merchant who takes longer than this
//   over the four pages never waits for them);
// - `result_ms`: from pressing "See my result" on the filled form, once those downloads are
//   done, until the grade shows (the device's own work: reading the catalog, scoring,
//   matching, drawing);
// - `bytes_to_consent`: bytes on the wire (as sent, compressed) from navigation until the
//   consent screen shows (measured in a second walk with the service worker blocked, whose own
//   fetches the page's network events do not see; its offline copy comes on top).
// The strong sample is used: the consent screen needs an eligible product, and the weak sample
// has none yet (the path-to-credit issue).
import { launch, fillForm, sampleProfile, gradeShown } from './helpers.mjs';

const base = process.env.BASE_URL;

/** Walks the journey in a fresh context; `serviceWorkers`: 'allow' or 'block'. */
async function walk(browser, serviceWorkers) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', serviceWorkers });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 400, downloadThroughput: 400 * 1000 / 8, uploadThroughput: 400 * 1000 / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event) => { bytes += event.encodedDataLength; });

  const started = Date.now();
  await page.goto(base, { waitUntil: 'commit' });
  // The welcome's Start, as soon as it is painted (it works before the app runs).
  await page.locator('#app .welcome .primary').click({ timeout: 120000 });
  const pressed = Date.now();
  await page.locator('#f-business-name').fill('x', { timeout: 120000 });
  const firstField = Date.now() - started;

  await page.locator('#f-business-name').fill('');
  await fillForm(page, sampleProfile('strong'));
  // The module and the catalog, downloaded in the background since "Start".
  await page.waitForFunction(() => ['prequal_www_flow_bg.wasm', 'catalog.json'].every((name) =>
    performance.getEntriesByType('resource').some((e) => e.name.endsWith(name) && e.responseEnd > 0)), null, { timeout: 300000, polling: 100 });
  const downloads = Date.now() - pressed;
  const asked = Date.now();
  await page.getByRole('button', { name: '查看我的结果' }).click();
  await gradeShown(page, 300000);
  const result = Date.now() - asked;

  await page.getByRole('button', { name: '查看匹配的贷款产品' }).click();
  await page.locator('ul.eligible > li button.apply').first().click({ timeout: 300000 });
  await page.locator('table.disclosure').first().waitFor({ timeout: 300000 });
  await context.close();
  return { firstField, downloads, result, bytes };
}

const browser = await launch();
try {
  // Timings as the merchant lives them (service worker on); bytes with it blocked, because
  // the page's own network events do not see what the worker fetches: every file the journey
  // needs then crosses the page's network (the worker's offline copy comes on top).
  const timed = await walk(browser, 'allow');
  const counted = await walk(browser, 'block');
  console.log(JSON.stringify({
    first_field_ms: timed.firstField, downloads_ms: timed.downloads, result_ms: timed.result, bytes_to_consent: counted.bytes,
  }));
} finally {
  await browser.close();
}
