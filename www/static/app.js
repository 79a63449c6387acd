// Starts the app on its own page or in an iframe. Kept as a file (not an inline script) so the
// page runs under a Content-Security-Policy without 'unsafe-inline'. Settings come from the
// page's meta tags and, in an iframe, the query string (docs/embedding.md).

// Large text (适老化), chosen on an earlier visit: set before anything is drawn.
try {
  if (localStorage.getItem('prequal.large-text') === '1') document.documentElement.classList.add('large-text');
} catch {
  // Storage refused (private mode): the normal size.
}

// The first screen is painted from the HTML before the app has loaded. Its Start button works
// at once: pressed early, it says the app is getting ready and the form opens as soon as the
// app runs (index.html preloads the app, so that is one download, not three in a row).
const early = document.querySelector('#app .welcome .primary');
let startEarly = false;
early?.addEventListener('click', () => {
  startEarly = true;
  early.setAttribute('aria-busy', 'true');
  early.textContent = early.dataset.wait;
}, { once: true });
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
  const { default: init, start } = await import('./prequal.js');
  await init();
  const advisor = start(document.getElementById('app'), document.getElementById('flow'), {
    lang: query.get('lang') ?? meta('prequal-lang'),
    institutions: (query.get('institutions') ?? meta('prequal-institutions') ?? '').split(',').filter(Boolean),
    catalog: meta('prequal-catalog'),
    catalogKey: meta('prequal-catalog-key'),
    model: meta('prequal-model'),
    modelKey: meta('prequal-model-key'),
    inbox: meta('prequal-inbox'),
    ownsDocument: true,
    onEvent,
  });
  // Pressed before the app ran: press the app's own Start for the merchant, once it is drawn.
  if (startEarly) requestAnimationFrame(() => document.getElementById('start')?.click());
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
// catalog, so a second visit needs no network. It is registered once the result is on screen,
// so filling its copy never competes with what the merchant is waiting for; a worker
// registered on an earlier visit keeps working (and updating) without this.
function registerOffline() {
  navigator.serviceWorker.register('sw.js').catch((error) => console.warn('offline use unavailable:', error));
}
if ('serviceWorker' in navigator && !query.has('no-offline')) {
  addEventListener('prequal-result-shown', registerOffline, { once: true });
}
