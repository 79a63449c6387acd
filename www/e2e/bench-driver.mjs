// Runs the wasm benchmark page in headless Chromium and prints its results as one JSON line.
// Not a test (no `.test.` in the name): `cargo xtask bench` runs it.
import { launch } from './helpers.mjs';

const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(process.env.BASE_URL);
  await page.locator('#status', { hasText: 'ready' }).waitFor();
  const results = await page.evaluate(() => window.runBench());
  console.log(JSON.stringify(results));
} finally {
  await browser.close();
}
