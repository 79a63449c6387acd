// The whole flow end to end, in each language: profile → result (grade, reasons, what-if) →
// products (counts, filters, a product's schedules) → consent (exactly the fields shown, signed
// on this device) → the inbox holds the bundle → revoked from the sent page. The privacy test
// records every request of the flow; the accessibility test runs axe-core on every screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { BASE_URL, launch, openApp, sampleProfile, fillForm, fillPage, formText, pageNumber, giveConsent, payloadOf, applyToFirstEligible, gradeShown } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const words = {
  'zh-CN': { result: '查看我的结果', products: '查看匹配的贷款产品', counts: /现在符合条件 (\d+) 个，做几步就能申请 (\d+) 个/, sent: '我已发送的授权包', revoked: '已撤回', arrear: /欠税|电费/, guarantee: /担保/ },
  en: { result: 'See my result', products: 'See matching loan products', counts: /(\d+) eligible now and (\d+) within reach/, sent: 'Bundles I have sent', revoked: 'revoked', arrear: /overdue (tax|power)/, guarantee: /guarantee/ },
};

async function toResult(page, profile, lang) {
  await fillForm(page, sampleProfile(profile));
  await page.getByRole('button', { name: words[lang].result }).click();
  await gradeShown(page);
}

async function toProducts(page, lang) {
  await page.getByRole('button', { name: words[lang].products }).click();
  const counts = page.locator('#counts');
  await counts.waitFor();
  const [, eligible, near] = (await counts.textContent()).match(words[lang].counts).map(Number);
  return { eligible, near };
}

/** Bundles the inbox holds for an institution (its development token). */
/** One bundle as the inbox shows it to its institution (`GET /v1/bundles/{id}`). */
async function inboxBundle(institution, id) {
  const response = await fetch(`${BASE_URL}/api/v1/bundles/${id}`, { headers: { authorization: `Bearer dev-${institution}` } });
  assert.equal(response.status, 200);
  return response.json();
}

/** The institution answers a bundle through its inbox (what its desk or its own system does). */
async function bankAnswers(institution, id, answer) {
  const response = await fetch(`${BASE_URL}/api/v1/bundles/${id}/responses`, {
    method: 'POST',
    headers: { authorization: `Bearer dev-${institution}`, 'content-type': 'application/json' },
    body: JSON.stringify(answer),
  });
  const body = await response.json();
  assert.equal(response.status, 201, JSON.stringify(body));
  return body;
}


test('Back, Forward and reload move between the steps and keep everything typed (zh-CN)', async () => {
  const lang = 'zh-CN';
  const { page, problems } = await openApp(browser, { lang });
  const weak = sampleProfile('weak');
  await page.locator('#start').click();
  const text = formText(weak);
  await fillPage(page, text);
  await page.locator('#next').click();
  await page.locator('#f-loan-amount_minor').waitFor();
  await page.locator('#f-loan-amount_minor').fill('5万');
  // Back: the first page, as typed.
  await page.goBack();
  await page.locator('#f-business-name').waitFor();
  assert.equal(await pageNumber(page), 1);
  assert.equal(await page.inputValue('#f-business-name'), weak.business.name);
  // Forward: the second page, as typed.
  await page.goForward();
  await page.locator('#f-loan-amount_minor').waitFor();
  assert.equal(await page.inputValue('#f-loan-amount_minor'), '5万');
  // A reload in the middle of the form: the same page, the same text.
  await page.reload();
  await page.locator('#f-loan-amount_minor').waitFor();
  assert.equal(await pageNumber(page), 2);
  assert.equal(await page.inputValue('#f-loan-amount_minor'), '5万');
  // On to the result, then the products; Back returns to each, then to the form.
  await fillForm(page, weak);
  await page.getByRole('button', { name: words[lang].result }).click();
  await gradeShown(page);
  await toProducts(page, lang);
  await page.goBack();
  await page.locator('#grade').waitFor();
  await page.goBack();
  await page.locator('form').waitFor();
  assert.equal(await pageNumber(page), 4);
  assert.equal(await page.inputValue('#f-court-unsatisfied_judgements'), String(weak.court.unsatisfied_judgements));
  // Forward again: the result, recomputed from the same text.
  await page.goForward();
  await gradeShown(page);
  assert.equal((await page.textContent('#grade')).trim(), 'G');
  assert.deepEqual(problems, []);
  await page.close();
});

for (const lang of ['zh-CN', 'en']) {
  // Grade E: without the real-estate leak the SBA-trained model puts the strong sample at about
  // 20 in 100 (it was A only because of the property it pledges).
  test(`strong profile, ${lang}: grade E, products, a signed bundle the inbox holds, revoked`, async () => {
    const { page, problems } = await openApp(browser, { lang });
    await toResult(page, 'strong', lang);
    assert.equal((await page.textContent('#grade')).trim(), 'E');
    assert.ok((await page.locator('ol.reasons li').count()) >= 1);

    const { eligible, near } = await toProducts(page, lang);
    assert.ok(eligible > 0, 'the strong sample qualifies for products');
    assert.equal(await page.locator('ul.eligible > li').count(), Math.min(eligible, 30));
    assert.equal(await page.locator('ul.near-misses > li').count(), Math.min(near, 30));
    // Filters: only credit loans, then one lender.
    await page.locator('#kind-credit').check();
    const credit = await toProductsCount(page, lang);
    assert.ok(credit.eligible <= eligible);
    await page.locator('#kind-credit').uncheck();
    await page.locator('#filter-sort').selectOption('rate');

    // A product's page: a schedule (chart and table) per repayment type.
    await page.locator('ul.eligible > li').first().locator('button').first().click();
    const schedules = page.locator('section.schedule');
    await schedules.first().waitFor();
    assert.ok((await schedules.count()) >= 1);
    assert.equal(await schedules.first().getByRole('img').count(), 1);
    assert.ok((await schedules.first().locator('table tbody tr').count()) >= 1);
    // The cost itemised (贷款明白纸): the interest first, what is actually received, and the
    // annualised rate with the simple one labelled beside it.
    const items = await page.locator('.cost-items li').allTextContents();
    assert.match(items[0], lang === 'en' ? /^Interest: / : /^利息：共 /);
    assert.match(await page.textContent('.received'), lang === 'en' ? /receive.*\(simple / : /实际到手金额.*（单利 /);
    await page.locator('button.apply').click();

    // Consent: what will be shared (the result the merchant saw too); leave one re-check field
    // out, add one optional field.
    await page.locator('table.disclosure').first().waitFor();
    assert.match(await page.textContent('p.shared-result'), /E/);
    const scoreRow = page.locator('table.disclosure').nth(1).locator('tbody tr').first();
    const leftOut = await scoreRow.getAttribute('data-field');
    await scoreRow.locator('button').click();
    await page.locator('details.more-fields summary').click();
    const addRow = page.locator('details.more-fields tbody tr[data-field="business.credit_code"]');
    const added = (await addRow.count()) ? 'business.credit_code' : await page.locator('details.more-fields tbody tr').first().getAttribute('data-field');
    await page.locator(`details.more-fields tbody tr[data-field="${added}"] button`).click();
    const shared = await page.locator('table.disclosure tbody tr').evaluateAll((rows) =>
      rows.filter((r) => r.querySelector('td.value')?.textContent !== '' && !r.classList.contains('left-out')).map((r) => r.dataset.field));
    // Each purpose is its own choice, none ticked: the application (required), the credit-report
    // query and other products (optional); the sensitive fields need their own consent too.
    for (const id of ['#agree', '#consent-credit-query', '#consent-other-products', '#consent-model-improvement', '#agree-sensitive']) {
      assert.equal(await page.locator(id).isChecked(), false, `${id} starts unticked`);
    }
    assert.match(await page.textContent('fieldset.consents'), lang === 'en' ? /Credit-report query.*Optional/s : /征信查询授权.*可选/s);
    assert.match(await page.textContent('#handler-name'), /有限公司$/);
    assert.ok((await page.locator('ul.sensitive li').count()) >= 1, 'the sensitive fields are named');
    // The loan's cost, item by item, is there to read before consenting.
    await page.locator('details.consent-cost summary').click();
    assert.ok((await page.locator('details.consent-cost .cost-items li').count()) >= 1);
    assert.match(await page.textContent('details.consent-cost .received'), lang === 'en' ? /receive/ : /实际到手金额/);
    await page.locator('#agree').check();
    assert.equal(await page.locator('#sign').isDisabled(), true, 'the sensitive fields need their own consent');
    await giveConsent(page);
    assert.equal(await page.locator('#sign').isDisabled(), false, 'refusing the optional purposes never blocks');
    await page.locator('#sign').click();
    await page.locator('#send').waitFor({ timeout: 30000 });

    const posted = page.waitForRequest((r) => r.url().endsWith('/api/v1/bundles'));
    await page.locator('#send').click();
    const request = await posted;
    const payload = payloadOf(request.postData());
    assert.deepEqual(Object.keys(payload.disclosed).sort(), [...new Set(shared)].sort());
    assert.ok(!(leftOut in payload.disclosed), `${leftOut} was left out`);
    assert.ok(added in payload.disclosed, `${added} was added`);
    assert.equal(payload.locale, lang);
    // A prequal.consent/2 bundle consenting to the application only: no credit-report query.
    assert.equal(payload.format, 'prequal.consent/2');
    assert.deepEqual(payload.consent.consents.map((c) => c.purpose), ['loan-application']);
    assert.ok(!JSON.stringify(payload).includes('credit-report-query'), 'no credit-query consent when it is off');
    assert.ok(payload.consent.sensitive.length >= 1);
    await page.locator('dl.receipt').waitFor({ timeout: 30000 });

    const mine = await inboxBundle(payload.recipient.institution, payload.bundle_id);
    assert.equal(mine.bundle_id, payload.bundle_id, 'the inbox holds the bundle');
    assert.equal(mine.revoked_at, null);
    // A re-check field was left out: the bank is told the score was not recomputed, and why.
    assert.equal(mine.verification.score_recomputed, false);
    assert.ok(mine.verification.withheld_model_fields.includes(leftOut), `${leftOut} withheld`);

    // The bank answers with an offer; the sent page shows it, verified under the bank's key in
    // the catalog, with the schedule recomputed on the device from the offer's terms.
    const product = payload.recipient.products[0];
    const answered = await bankAnswers(payload.recipient.institution, payload.bundle_id, {
      status: 'offer', message: lang === 'en' ? 'Please come to a branch to sign.' : '请到网点面签。',
      offer: { product, repayment_type: 'equal_instalment', amount_minor: 10000000, annual_rate_bp: 900, term_months: 12, valid_until: '2027-01-31' },
    });
    await page.getByRole('button', { name: words[lang].sent }).first().click();
    const row = page.locator(`tr[data-bundle="${payload.bundle_id}"]`);
    await row.locator('[data-status="offer"]').waitFor({ timeout: 30000 });
    assert.match(await row.locator('.bank-message').textContent(), lang === 'en' ? /branch/ : /面签/);
    await row.locator('details.offer-schedule summary').click();
    assert.equal(await row.locator('.schedule-table tbody tr').count(), 12);
    const first = answered.response.offer.first_payment_minor;
    const firstRow = await row.locator('.schedule-table tbody tr').first().textContent();
    assert.ok(firstRow.replace(/[,\s]/g, '').includes((first / 100).toFixed(2)), `${firstRow} shows ${first}`);
    // Revoke it from the page of bundles sent.
    await row.locator('button.revoke').click();
    await row.getByText(words[lang].revoked).waitFor();
    const after = await inboxBundle(payload.recipient.institution, payload.bundle_id);
    assert.ok(after.revoked_at, 'the inbox marks it revoked');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test(`weak profile, ${lang}: grade G, what-if steps, a path to credit it can start now, followed step by step`, async () => {
    const { page, problems } = await openApp(browser, { lang });
    await toResult(page, 'weak', lang);
    assert.equal((await page.textContent('#grade')).trim(), 'G');
    assert.equal(await page.locator('ul.overlays li').count(), 3);
    // The grade in one sentence, with the scale's ends on screen.
    assert.match(await page.textContent('#grade-sentence'), lang === 'en' ? /A \(safest\) to G \(riskiest\)/ : /A 最稳妥到 G 风险最高/);
    // What-if, with the keyboard: paying off both arrears and the late bills lifts all three
    // one-grade reductions, down to the model's own F; the merchant's own result stays as it was.
    const sliders = page.locator('section.what-if input[type="range"]');
    for (const key of ['tax.arrears_minor', 'utility.arrears_minor', 'utility.late_payments_last_12']) {
      await page.locator(`#what-if-${key.replace(".", "-")}`).press('Home');
    }
    assert.ok((await sliders.count()) >= 3);
    assert.equal(await page.locator('#what-if-collateral-real_estate_value_minor').count(), 0, 'no property slider for a merchant without property');
    assert.equal((await page.textContent('#what-if-grade')).trim(), 'F');
    assert.equal((await page.textContent('#grade')).trim(), 'G');
    // The steps it can take, easiest first: the first is one it can do now, and says how many
    // products it opens.
    const firstStep = page.locator('ul.improvements li').first();
    await firstStep.waitFor();
    assert.doesNotMatch(await page.locator('ul.improvements').textContent(), /房产|property/i);

    // Switching language keeps the result and the what-if values.
    const other = lang === 'en' ? '中文' : 'English';
    await page.getByRole('button', { name: new RegExp(other) }).click();
    assert.equal((await page.textContent('#grade')).trim(), 'G');
    assert.equal((await page.textContent('#what-if-grade')).trim(), 'F');
    await page.getByRole('button', { name: new RegExp(lang === 'en' ? 'English' : '中文') }).click();

    // Nothing fits today, but at least five products have a path, the best one starts with
    // an arrear it can pay now (then a government guarantee), and the page never points to an
    // empty list.
    const { eligible, near } = await toProducts(page, lang);
    assert.equal(eligible, 0);
    assert.ok(near >= 5, `${near} products within reach`);
    assert.equal(await page.locator('ul.near-misses > li').count(), Math.min(near, 30));
    assert.ok(await page.locator('section.paths li.stage').count() >= 1);
    const best = page.locator('ul.near-misses > li').first();
    assert.match(await best.locator('ol.steps li').first().textContent(), words[lang].arrear);
    const bestId = await best.getAttribute('data-product');
    const bestSteps = await best.locator('ol.steps li').allTextContents();
    assert.ok(bestSteps.every((step) => words[lang].arrear.test(step) || words[lang].guarantee.test(step)), `the best path is paying arrears and a guarantee: ${bestSteps}`);
    const guaranteed = bestSteps.some((step) => words[lang].guarantee.test(step));

    // Follow the best path for real: pay the arrears in the form (and name the guarantee), score
    // again, and the product is eligible.
    await page.getByRole('button', { name: lang === 'en' ? 'Your indicative risk grade' : '您的参考风险等级' }).click();
    await page.getByRole('button', { name: lang === 'en' ? 'Back to my answers' : '返回修改资料' }).click();
    await page.locator('form').waitFor();
    const back = lang === 'en' ? 'Back' : '上一步';
    await page.getByRole('button', { name: back, exact: true }).click();
    for (const key of ['tax.arrears_minor', 'utility.arrears_minor']) {
      await page.locator(`[name="${key}"]`).fill('0');
    }
    await page.locator('#next').click();
    if (guaranteed) await page.locator('[name="guarantor"]').selectOption('government_guarantee_fund');
    await page.getByRole('button', { name: words[lang].result }).click();
    await page.locator('#grade').waitFor();
    // Still G (the late power bills keep one reduction), but the path was about the product's
    // own rules, which now hold.
    assert.equal((await page.textContent('#grade')).trim(), 'G');
    const better = await toProducts(page, lang);
    assert.ok(better.eligible >= 1, 'following the path opens products');
    assert.equal(await page.locator(`ul.eligible > li[data-product="${bestId}"]`).count(), 1, `${bestId} is eligible once its path is taken`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test(`${lang}: the result and products screens speak only the merchant's language`, async () => {
    for (const profile of ['strong', 'weak', 'new-business']) {
      const { page, problems } = await openApp(browser, { lang });
      await toResult(page, profile, lang);
      const result = await page.locator('#flow').innerText();
      await toProducts(page, lang);
      const products = await page.locator('#flow').innerText();
      for (const text of [result, products]) {
        assert.doesNotMatch(text, /USD|\$\d/, `${profile}: no dollars`);
        assert.doesNotMatch(text, /\d\.5 (employees|人)/, `${profile}: whole employees`);
        if (lang === 'zh-CN') {
          // (The model id is hex: its letters are no English word.)
          const english = (text.replace(/\b[0-9a-f]{16}\b/g, '').match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !['APR'].includes(word));
          assert.deepEqual(english, [], `${profile}: English words on a Chinese screen`);
        }
        const sample = sampleProfile(profile);
        assert.ok(!text.includes(sample.location.region), `${profile}: no bare region code`);
      }
      assert.deepEqual(problems, []);
      await page.close();
    }
  });
}

async function toProductsCount(page, lang) {
  await page.waitForTimeout(50);
  const [, eligible, near] = (await page.locator('#counts').textContent()).match(words[lang].counts).map(Number);
  return { eligible, near };
}

test('privacy: no request carries a profile value before signing; after, one request to the inbox with only the disclosed fields', async () => {
  const { page } = await openApp(browser);
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() ?? '' }));
  const profile = sampleProfile('strong');
  const typed = Object.entries(formText(profile))
    .filter(([, v]) => typeof v === 'string' && v.length >= 4 && !/^\d{4}-\d{2}-\d{2}$/.test(v));
  await toResult(page, 'strong', 'zh-CN');
  await toProducts(page, 'zh-CN');
  await page.locator('ul.eligible > li button.apply').first().click();
  await giveConsent(page);
  // Every optional consent given, the query for the loan's life too: each is carried as chosen.
  await page.locator('#consent-credit-query').check();
  await page.locator('#credit-query-term').selectOption('application-and-loan');
  assert.match(await page.locator('label[for="consent-credit-query"]').textContent(), /贷款结清/);
  await page.locator('#consent-other-products').check();
  await page.locator('#consent-model-improvement').check();
  assert.match(await page.locator('label[for="consent-model-improvement"]').textContent(), /改进评分模型/);
  await page.locator('#sign').click();
  await page.locator('#send').waitFor({ timeout: 30000 });
  const beforeSigning = requests.length;
  for (const request of requests) {
    for (const [key, value] of typed) {
      assert.ok(!request.url.includes(value) && !request.body.includes(value), `${request.url} carries ${key}`);
      assert.ok(!request.url.includes(encodeURIComponent(value)), `${request.url} carries ${key}`);
    }
    assert.equal(request.method, 'GET', `${request.url}: nothing is sent before signing`);
  }
  await page.locator('#send').click();
  await page.locator('dl.receipt').waitFor({ timeout: 30000 });
  const afterSigning = requests.slice(beforeSigning);
  assert.equal(afterSigning.length, 1, afterSigning.map((r) => r.url).join(', '));
  assert.equal(afterSigning[0].method, 'POST');
  assert.ok(afterSigning[0].url.endsWith('/api/v1/bundles'));
  const payload = payloadOf(afterSigning[0].body);
  assert.deepEqual(payload.consent.consents.map((c) => [c.purpose, c.term]),
    [['loan-application', undefined], ['credit-report-query', 'application-and-loan'], ['other-products', undefined], ['model-improvement', undefined]]);
  // Every disclosed value is the profile's own; nothing else of the profile is in the body.
  const text = JSON.stringify(payload);
  for (const [key, value] of typed) {
    const path = key.replace(/\[\d+\]$/, '');
    if (!(path in payload.disclosed) && !path.startsWith('revenue.')) {
      assert.ok(!text.includes(JSON.stringify(value)), `${key} was not chosen but is in the bundle`);
    }
  }
  await page.close();
});

test('accessibility: axe-core finds no violation on any screen, in either language, and in large text', async () => {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  for (const [lang, large] of [['zh-CN', false], ['en', false], ['zh-CN', true]]) {
    // axe is injected as a script, which the page's CSP rightly forbids; this context lifts it.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(BASE_URL);
    await page.locator('#start').waitFor();
    if (lang === 'en') await page.getByRole('button', { name: '切换语言为 English' }).click();
    if (large) await page.locator('#large-text').click();
    const check = async (screen) => {
      screen = large ? `${screen} (large text)` : screen;
      if ((await page.evaluate(() => typeof window.axe)) === 'undefined') await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
      const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(found, [], `${lang} ${screen}`);
    };
    await check('welcome');
    await page.locator('#start').click();
    const fields = formText(sampleProfile('strong'));
    for (let at = 1; at <= 4; at++) {
      await fillPage(page, fields);
      await check(`form page ${at}`);
      if (at < 4) {
        await page.locator('#next').click();
        await page.waitForFunction((n) => document.querySelector('form h2')?.textContent.includes(String(n + 1)), at);
      }
    }
    await page.locator('#next').click();
    await gradeShown(page);
    await check('result');
    await page.locator('#see-products').click();
    await page.locator('#counts').waitFor();
    await check('products');
    await page.locator('ul.eligible > li').first().locator('button').first().click();
    await page.locator('section.schedule').first().waitFor();
    await page.locator('section.schedule details').first().evaluate((d) => { d.open = true; });
    await check('product');
    await page.locator('button.apply').click();
    await giveConsent(page);
    await page.locator('details.more-fields').evaluate((d) => { d.open = true; });
    await check('consent');
    await page.locator('#sign').click();
    await page.locator('#send').waitFor({ timeout: 30000 });
    await page.locator('#send').click();
    await page.locator('dl.receipt').waitFor({ timeout: 30000 });
    await page.locator('details.technical').evaluate((d) => { d.open = true; });
    await check('receipt');
    await page.locator('#open-sent').click();
    await page.locator('table.sent').waitFor();
    await check('sent');
    await context.close();
  }
});

test('every control of the result, products and consent screens is reachable with the keyboard', async () => {
  const { page } = await openApp(browser, { lang: 'en' });
  await toResult(page, 'strong', 'en');
  const reach = async (screen) => {
    // A radio group is one Tab stop (arrow keys move within it).
    const controls = await page.locator('main#flow').locator('input:not([disabled]):not([type=radio]):visible, input[type=radio]:checked:visible, select:not([disabled]):visible, button:not([disabled]):visible, summary:visible').count();
    const reached = new Set();
    await page.locator('#screen-title').focus();
    for (let i = 0; i < controls * 2 + 10; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => {
        const el = document.activeElement;
        return el && el.closest('main#flow') ? `${el.tagName}|${el.id}|${el.getAttribute('aria-label') ?? ''}|${el.textContent.slice(0, 40)}|${[...el.parentElement.children].indexOf(el)}|${el.closest('[data-product],[data-field],tr,li,section')?.outerHTML.slice(0, 80) ?? ''}` : null;
      });
      if (id) reached.add(id);
    }
    assert.ok(reached.size >= controls, `${screen}: reached ${reached.size} of ${controls} controls by Tab`);
  };
  await reach('result');
  await page.locator('#see-products').click();
  await page.locator('#counts').waitFor();
  await page.locator('#kind-credit').check();
  await reach('products');
  await page.locator('button.apply').first().click();
  await page.locator('#agree').waitFor();
  await reach('consent');
  await page.close();
});

test('after sending: next steps in words, Beijing time, the hash behind details, the draft offered for deletion, another lender in one click; a reload keeps the consent', async () => {
  const lang = 'zh-CN';
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(BASE_URL);
  await page.locator('#start').click();
  await fillForm(page, sampleProfile('strong'));
  await page.getByRole('button', { name: '在本设备上保存草稿' }).click();
  await page.getByRole('button', { name: words[lang].result }).click();
  await gradeShown(page);
  await toProducts(page, lang);
  const first = page.locator('ul.eligible > li').first();
  await first.locator('button.apply').click();
  await page.locator('#agree').waitFor();
  // The address names the product's consent: a reload (or a link) opens it again.
  const fragment = new URL(page.url()).hash;
  assert.match(fragment, /^#consent:/);
  await page.reload();
  await page.locator('#agree').waitFor({ timeout: 60000 });
  assert.equal(new URL(page.url()).hash, fragment);
  await giveConsent(page);
  await page.locator('#sign').click();
  await page.locator('#send').waitFor({ timeout: 30000 });
  await page.locator('#send').click();
  await page.locator('dl.receipt').waitFor({ timeout: 30000 });
  const receipt = await page.locator('main#flow').textContent();
  assert.match(receipt, /北京时间/);
  assert.doesNotMatch(receipt.replace(await page.locator('details.technical').textContent(), ''), /\d{4}-\d\d-\d\dT|Z\b/, 'no raw UTC outside the details');
  assert.equal(await page.locator('ol.next-steps li').count(), 3);
  assert.equal(await page.locator('details.technical').getAttribute('open'), null, 'the hash waits behind a disclosure');
  assert.match(await page.locator('details.technical').textContent(), /[0-9a-f]{64}/);
  // The draft kept on this device is offered for deletion, and deleted.
  await page.locator('#delete-draft-after-send').click();
  await page.getByText('草稿已从本设备删除').waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('prequal.draft.v1')), null);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'the receipt fits 360 px');
  // Another lender, nothing typed again.
  await page.locator('#apply-again').click();
  await page.locator('#counts').waitFor();
  await page.locator('ul.eligible > li button.apply').nth(1).click();
  await page.locator('#agree').waitFor();
  await context.close();
});

test('a bank asks for more information and then declines: the merchant reads both on the sent page, verified, and answers with a new bundle holding the field asked for', async () => {
  const lang = 'zh-CN';
  const { page, problems } = await openApp(browser, { lang });
  await toResult(page, 'strong', lang);
  await toProducts(page, lang);
  const payload = await applyToFirstEligible(page);
  const { institution } = payload.recipient;
  await bankAnswers(institution, payload.bundle_id, { status: 'more_information', fields: ['utility.average_monthly_kwh'], message: '请补充月均用电量。' });
  await page.locator('#open-sent').click();
  const row = page.locator(`tr[data-bundle="${payload.bundle_id}"]`);
  await row.locator('[data-status="more_information"]').waitFor({ timeout: 30000 });
  assert.match(await row.textContent(), /月均用电量/);
  // The bank's word is checked against its key in the catalog: a bundle of another bank's
  // answers cannot be shown as this one's (the core's tests cover the forgeries).
  await row.locator('button.send-more').click();
  await page.locator('tr[data-field="utility.average_monthly_kwh"].added').waitFor();
  assert.ok((await page.locator('tr[data-field="utility.average_monthly_kwh"] td.value').textContent()).includes('4200'));
  // The bank then declines the first application: the reasons in words.
  await bankAnswers(institution, payload.bundle_id, { status: 'declined', reasons: ['debt_too_high', 'other'], message: '负债偏高。' });
  await page.goBack();
  await page.locator('#check-answers').click();
  await row.locator('[data-status="declined"]').waitFor({ timeout: 30000 });
  assert.match(await row.locator('ul.reasons').textContent(), /现有借款或每月还款太多/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('never silent: on a slow link, Next pressed before the app runs says what it waits for, how big, and how far', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // A slow link: the page (a few KB) arrives in a second or two, the app module takes half a minute.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 100, downloadThroughput: 100 * 1000 / 8, uploadThroughput: 100 * 1000 / 8 });
  await page.goto(BASE_URL, { waitUntil: 'domcontentloaded' });
  await page.locator('#app .welcome .primary').click();
  await page.locator('#f-business-name').fill('慢网小店');
  await page.locator('#next').click();
  const status = page.locator('#early [role=status]');
  await status.filter({ hasText: '正在下载计算程序' }).waitFor({ timeout: 60000 });
  assert.match(await status.textContent(), /约 \d+ KB/);
  assert.match(await status.locator('.bytes').textContent(), /^ \d+%$/);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  // Once the app runs, the Next pressed early is pressed for the merchant.
  await page.locator('.summary[role=alert]').waitFor({ timeout: 120000 });
  assert.equal(await page.locator('#f-business-name').inputValue(), '慢网小店');
  await context.close();
});

// The model is signed data: the screens score only with an artifact whose operator signature
// verifies with the page's key (here the project's sample key, the default).
for (const [name, change] of [
  ['a changed byte', async (route) => {
    const response = await route.fetch();
    const text = (await response.text()).replace('"points": ', '"points": 1');
    await route.fulfill({ response, body: text });
  }],
  ['no signature', null],
]) {
  test(`a model with ${name} is refused in the browser, and nothing typed is lost`, async () => {
    const { page, problems } = await openApp(browser, { lang: 'zh-CN' });
    if (change) await page.route('**/data/scorecard.json', change);
    else await page.route('**/data/scorecard.json.jws', (route) => route.fulfill({ status: 404, body: '' }));
    await fillForm(page, sampleProfile('weak'));
    await page.getByRole('button', { name: words['zh-CN'].result }).click();
    const refused = page.locator('#model-problem');
    await refused.waitFor({ timeout: 60000 });
    if (!change) problems.splice(0, problems.length, ...problems.filter((p) => !/404/.test(p)));
    assert.match(await refused.textContent(), /评分模型没有通过安全校验/);
    assert.match(await refused.textContent(), change ? /signature does not verify/ : /no signature/);
    assert.equal(await page.locator('#grade').count(), 0, 'no grade from a model that did not verify');
    // Back to the form: every field as typed.
    await page.getByRole('button', { name: /返回修改/ }).click();
    await page.locator('form').waitFor();
    assert.equal(await page.inputValue('#f-court-unsatisfied_judgements'), String(sampleProfile('weak').court.unsatisfied_judgements));
    assert.deepEqual(problems, []);
    await page.close();
  });
}
