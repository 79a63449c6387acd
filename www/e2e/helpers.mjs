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

/** Fills every field the form shows from a profile. */
export async function fillForm(page, profile) {
  for (const [name, value] of Object.entries(formText(profile))) {
    const control = page.locator(`[name="${name}"]`);
    if ((await control.count()) === 0) continue; // fixed fields (schema, currency) are not asked
    const tag = await control.evaluate((el) => `${el.tagName}:${el.type}`);
    if (tag.startsWith('SELECT')) await control.selectOption(String(value));
    else if (tag === 'INPUT:checkbox') await control.setChecked(value === true);
    else await control.fill(String(value));
  }
}
