// Shared helpers for the end-to-end tests: launching Debian's Chromium through playwright-core
// and filling the profile form from a sample profile file.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
}

export function sampleProfile(name) {
  const url = new URL(`../../examples/profiles/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'));
}

/** The form's text for each field, as a merchant would type it (amounts in yuan). */
export function formText(profile) {
  const fields = {};
  const walk = (value, path) => {
    if (Array.isArray(value)) {
      const offset = 12 - value.length;
      value.forEach((amount, i) => { fields[`${path}[${offset + i}]`] = String(amount / 100); });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
    } else if (path.endsWith('_minor')) {
      fields[path] = String(value / 100);
    } else {
      fields[path] = value;
    }
  };
  walk(profile, '');
  return fields;
}

/** Fills the fields of the form page showing from a profile's text (see `formText`). */
export async function fillPage(page, fields) {
  for (const [name, value] of Object.entries(fields)) {
    const control = page.locator(`[name="${name}"]`);
    if ((await control.count()) === 0) continue; // on another page, or fixed (schema, currency)
    const tag = await control.evaluate((el) => `${el.tagName}:${el.type}`);
    if (tag.startsWith('SELECT')) await control.selectOption(String(value));
    else if (tag === 'INPUT:checkbox') await control.setChecked(value === true);
    else await control.fill(String(value));
  }
}

/** The number of the form page showing (1-based), from its heading. */
export async function pageNumber(page) {
  const heading = await page.locator('form h2#step-title').textContent();
  return Number(heading.match(/\d+/)[0]);
}

/**
 * From the welcome screen, fills every page of the form from a profile, pressing "Next"
 * between pages; stops on the last page without submitting it.
 */
export async function fillForm(page, profile) {
  if (await page.locator('#start').count()) await page.locator('#start').click();
  const fields = formText(profile);
  for (;;) {
    await page.locator('form').waitFor();
    const at = await pageNumber(page);
    await fillPage(page, fields);
    if (at === 4) return;
    await page.locator('#next').click();
    await page.waitForFunction((n) => !document.querySelector('form h2#step-title')?.textContent.includes(String(n)) || document.querySelector('[role=alert]'), at);
    if ((await pageNumber(page)) === at) throw new Error(`page ${at} did not accept the profile`);
  }
}

/** Waits for the result's grade; failing, says what the screen shows instead (an error, a
 * waiting message), so that a timeout in CI names its cause. */
export async function gradeShown(page, timeout = 60000) {
  try {
    await page.locator('#grade').waitFor({ timeout });
  } catch (error) {
    const screen = await page
      .evaluate(() => `${location.hash}: ${document.querySelector('main')?.innerText.replace(/\s+/g, ' ').slice(0, 600)}`)
      .catch(() => 'nothing readable');
    throw new Error(`no grade after ${timeout} ms; the screen shows ${screen}`, { cause: error });
  }
}

/** Opens the app in a new page, collecting page errors and console errors. */
export async function openApp(browser, { lang } = {}) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  await page.goto(BASE_URL);
  await page.locator('#start').waitFor();
  if (lang === 'en') await page.getByRole('button', { name: '切换语言为 English' }).click();
  return { page, problems };
}

/** Holds back every request of `page` matching `pattern` (a slow link's download that has not
 * arrived yet); returns the function that lets them through. */
export async function holdBack(page, pattern) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(pattern, async (route) => { await held; await route.continue(); });
  return release;
}

/**
 * Gives the consents an application needs on the consent screen: the application itself and,
 * when sensitive fields are shared, the separate consent to them. The optional ones (credit-report
 * query, other products) are left as they are: off unless a test turns them on.
 */
export async function giveConsent(page) {
  await page.locator('#agree').check();
  const sensitive = page.locator('#agree-sensitive');
  if (await sensitive.count()) await sensitive.check();
}

/** The payload of a flattened JWS as posted. */
export const payloadOf = (jws) => JSON.parse(Buffer.from(JSON.parse(jws).payload, 'base64url').toString('utf8'));

/**
 * From the products screen: applies for the first eligible product with the consents an
 * application needs, signs, sends, and waits for the receipt; the payload posted to the inbox.
 */
export async function applyToFirstEligible(page) {
  await page.locator('ul.eligible > li button.apply').first().click();
  await giveConsent(page);
  await page.locator('#sign').click();
  await page.locator('#send').waitFor({ timeout: 30000 });
  const posted = page.waitForRequest((r) => r.url().endsWith('/api/v1/bundles'));
  await page.locator('#send').click();
  const payload = payloadOf((await posted).postData());
  await page.locator('dl.receipt').waitFor({ timeout: 30000 });
  return payload;
}
