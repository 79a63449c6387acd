// Starts the app on its own page or in an iframe. Kept as a file (not an inline script) so the
// page runs under a Content-Security-Policy without 'unsafe-inline'. Settings come from the
// page's meta tags and, in an iframe, the query string (docs/embedding.md).
import init, { start } from './prequal.js';

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content || undefined;
const query = new URLSearchParams(location.search);

// In an iframe, the host page is told events and may send commands, but only from an origin
// the deployment trusts: this page's own, and those listed in `prequal-embed-origins`.
const trusted = new Set([location.origin, ...(meta('prequal-embed-origins') ?? '').split(/\s+/).filter(Boolean)]);
const parentOrigin = window.parent !== window && trusted.has(query.get('parent')) ? query.get('parent') : null;

function onEvent(name, detail) {
  if (parentOrigin) window.parent.postMessage({ source: 'prequal', type: name, ...detail }, parentOrigin);
}

try {
  await init();
  const advisor = start(document.getElementById('app'), document.getElementById('flow'), {
    lang: query.get('lang') ?? meta('prequal-lang'),
    institutions: (query.get('institutions') ?? meta('prequal-institutions') ?? '').split(',').filter(Boolean),
    catalog: meta('prequal-catalog'),
    catalogKey: meta('prequal-catalog-key'),
    inbox: meta('prequal-inbox'),
    ownsDocument: true,
    onEvent,
  });
  if (parentOrigin) {
    window.addEventListener('message', (event) => {
      if (event.origin !== parentOrigin || event.source !== window.parent) return;
      const command = event.data ?? {};
      if (command.type === 'set-lang' && typeof command.lang === 'string') advisor.setLang(command.lang);
      if (command.type === 'set-institutions' && Array.isArray(command.institutions)) {
        advisor.setInstitutions(command.institutions.filter((id) => typeof id === 'string'));
      }
    });
  }
} catch (error) {
  const app = document.getElementById('app');
  if (app) {
    app.textContent = 'prequal could not start in this browser (WebAssembly is required). 无法在此浏览器中启动。';
  }
  console.error(error);
}

// Offline use: a service worker keeps the app, the model, the on-demand screens and the
// catalog, so a second visit needs no network.
function registerOffline() {
  navigator.serviceWorker.register('sw.js').catch((error) => console.warn('offline use unavailable:', error));
}
if ('serviceWorker' in navigator && !query.has('no-offline')) {
  if (document.readyState === 'complete') registerOffline();
  else window.addEventListener('load', registerOffline);
}
