// Loads the WebAssembly app. Kept as a file (not an inline script) so the page runs under a
// Content-Security-Policy without 'unsafe-inline'.
import init from './prequal.js';

init().catch((error) => {
  const app = document.getElementById('app');
  if (app) {
    app.textContent = 'prequal could not start in this browser (WebAssembly is required). 无法在此浏览器中启动。';
  }
  console.error(error);
});
