// A host drawing its own UI: the engine's JavaScript API (TypeScript types in
// engine/prequal_engine.d.ts) on a sample profile.
import init, { Catalog, score, schedule } from '../engine/prequal_engine.js';

const show = (term, value) => {
  const results = document.getElementById('results');
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.id = `result-${term}`;
  dd.textContent = value;
  results.append(dt, dd);
};

await init();
// The repository's strong sample profile (examples/profiles/strong.json), copied beside this page.
const profile = await (await fetch(new URL('sample-profile.json', import.meta.url))).json();
try {
  const assessment = score(profile);
  show('grade', assessment.grade);
  const bytes = new Uint8Array(await (await fetch(new URL('../data/catalog.json', import.meta.url))).arrayBuffer());
  const report = new Catalog(bytes).matchProducts(profile, { limit: 5 });
  show('eligible', String(report.counts.eligible));
  const plan = schedule({ principal_minor: 20_000_000, annual_rate_bp: 600, term_months: 24, repayment: { type: 'equal_instalment' } });
  show('first-payment', String(plan.instalments[0].payment_minor));
} catch (error) {
  show('error', JSON.stringify(error));
}
