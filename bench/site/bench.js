// Times the exported operations: a warm-up, then batches large enough for the browser's coarse
// timer; reports the median over batches of the time per operation, in nanoseconds.
import init, * as bench from './prequal_bench.js';

async function measure(op, perBatch, batches) {
  op(perBatch); // warm-up, and one-time initialisation (the model is built on first use)
  const perOp = [];
  for (let i = 0; i < batches; i++) {
    const start = performance.now();
    op(perBatch);
    perOp.push(((performance.now() - start) * 1e6) / perBatch);
  }
  perOp.sort((a, b) => a - b);
  return perOp[Math.floor(perOp.length / 2)];
}

window.runBench = async () => {
  await init();
  return {
    score_one_profile: await measure(bench.score_n, 10000, 25),
    assess_one_profile: await measure(bench.assess_n, 1000, 25),
    prepare_catalogs: (() => { const t = performance.now(); bench.prepare(); return (performance.now() - t) * 1e6; })(),
    match_shipped_catalog: await measure(bench.match_shipped_n, 50, 25),
    report_shipped_catalog: await measure(bench.report_shipped_n, 10, 25),
    match_10000_products: await measure(bench.match_large_n, 3, 15),
    match_weak_shipped_catalog: await measure(bench.match_weak_shipped_n, 20, 25),
    match_weak_10000_products: await measure(bench.match_weak_large_n, 2, 15),
    sign_verify_bundle: await measure(bench.sign_verify_n, 20, 15),
    sign_bundle: await measure(bench.sign_n, 20, 15),
    verify_bundle: await measure(bench.verify_n, 20, 15),
    csv_import_12_months: await measure(bench.csv_import_n, 1000, 25),
    load_verify_model: await measure(bench.load_verify_model_n, 5, 15),
  };
};
document.getElementById('status').textContent = 'ready';
