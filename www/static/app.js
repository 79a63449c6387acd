// Starts the app on its own page or in an iframe. Kept as a file (not an inline script) so the
// page runs under a Content-Security-Policy without 'unsafe-inline'. Settings come from the
// page's meta tags and, in an iframe, the query string (docs/embedding.md).

// Large text (适老化), chosen on an earlier visit: set before anything is drawn.
try {
  if (localStorage.getItem('prequal.large-text') === '1') document.documentElement.classList.add('large-text');
} catch {
  // Storage refused (private mode): the normal size.
}

// Large text works from the first paint too, before the app runs (which then keeps it).
const earlyLarge = document.querySelector('[data-early="large-text"]');
if (earlyLarge) {
  const pressed = () => earlyLarge.setAttribute('aria-pressed', String(document.documentElement.classList.contains('large-text')));
  pressed();
  earlyLarge.addEventListener('click', () => {
    const on = document.documentElement.classList.toggle('large-text');
    try {
      localStorage.setItem('prequal.large-text', on ? '1' : '0');
    } catch {
      // Storage refused: the choice lasts for this page.
    }
    pressed();
  });
}

// The first screen is painted from the HTML before the app has loaded, and its Start works at
// once: it is a link to the form's first page, also in the HTML (the app's own rendering of it,
// `www/prerendered/early-form.html`), which the stylesheet shows even before this script runs.
// The merchant types while the app downloads; what is typed is kept for this tab exactly as the
// app keeps it, and the app opens on that page with that text when it runs. With text already
// kept for this tab (a reload) or a draft on this device, Start says the app is getting ready,
// and the app restores the place or offers the draft itself.
const PLACE_KEY = 'prequal.session.v1'; // the app's key for this tab's text (www/js/flow.js)
const DRAFT_KEY = 'prequal.draft.v1'; // a draft kept on this device (www/src/bridge.rs)
const early = document.querySelector('#app .welcome .primary');
let startEarly = false;
let earlyForm = null;
early?.addEventListener('click', (event) => {
  event.preventDefault();
  if (earlyForm) {
    // Back on the welcome before the app runs, and Start again: the same page, as typed.
    history.pushState('form-1', '', '#form-1');
    earlyForm.show(true);
    return;
  }
  if (startEarly) return;
  startEarly = true;
  earlyForm = openEarlyForm(false);
  if (!earlyForm) {
    early.setAttribute('aria-busy', 'true');
    early.dataset.waiting = '';
    early.textContent = early.dataset.wait;
  }
});
// Start followed before this script ran: the page is already open; take it over.
if (location.hash === '#early') {
  startEarly = true;
  earlyForm = openEarlyForm(true);
  // Text kept from before (a reload): the app opens the first page with it instead.
  if (!earlyForm) history.replaceState('form-1', '', '#form-1');
}
document.documentElement.classList.add('early-js');

/** Shows the form's first page before the app runs (`adopt`: it is shown already, by the
 * link); null when the app must open instead. Returns `{ button, show }`: the button pressed
 * that needs the app, and how to show or hide the page. */
function openEarlyForm(adopt) {
  const box = document.getElementById('early');
  let kept = null;
  try {
    // Text kept for this tab: the app opens on it instead.
    kept = sessionStorage.getItem(PLACE_KEY);
  } catch {
    return null; // storage refused: the typed text could not be handed over
  }
  // A place the app will restore itself (a reload mid-form, an address naming a step), or a
  // draft on this device, which the app's welcome offers to continue.
  const place = typeof history.state === 'string' ? history.state : location.hash.slice(1);
  if (!box || kept !== null || (!adopt && (draftKept() || (place && place !== 'welcome')))) return null;
  const typed = {};
  const welcome = document.querySelector('#app > main');
  const keepField = (field) => {
    typed[field.name] = field.type === 'checkbox' ? String(field.checked) : field.value;
  };
  const store = () => {
    try {
      sessionStorage.setItem(PLACE_KEY, JSON.stringify(typed));
    } catch {
      // Full storage: the text stays in the fields until the app takes over.
    }
  };
  const keep = (event) => {
    if (!event.target.name) return;
    keepField(event.target);
    store();
  };
  const show = (formShown) => {
    box.hidden = !formShown;
    welcome.hidden = formShown;
  };
  const pressed = { button: null, show };
  // Typed before this script ran (the link followed at once): kept like the rest.
  for (const field of box.querySelectorAll('input[name], select[name]')) {
    const changed = field.type === 'checkbox' ? field.checked !== field.defaultChecked
      : field.tagName === 'SELECT' ? !field.options[field.selectedIndex]?.defaultSelected
        : field.value !== field.defaultValue;
    if (changed) keepField(field);
  }
  if (Object.keys(typed).length) store();
  // The date the profile describes: today, as the app would fill it (the app's own default
  // stays unless the merchant changes it).
  const asOf = box.querySelector('[name="as_of"]');
  if (asOf && !asOf.value) {
    const now = new Date();
    asOf.value = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  }
  box.querySelector('input[type="file"]')?.setAttribute('disabled', '');
  box.addEventListener('input', keep);
  box.addEventListener('change', keep);
  // Back (the page's button or the browser's) returns to the welcome, as in the app.
  const back = box.querySelector('.actions button:not([type="submit"]):not([id])');
  back?.addEventListener('click', () => history.back());
  addEventListener('popstate', () => show(history.state === 'form-1'));
  // Next and "keep a draft" need the app: pressed now, they say it is getting ready and are
  // pressed for the merchant once it runs.
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.className = 'hint';
  box.querySelector('form')?.append(status);
  const wait = (id) => {
    pressed.button = id;
    status.dataset.download = box.dataset.download;
    status.dataset.waiting = '';
    status.textContent = box.dataset.wait;
  };
  box.querySelector('form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    wait('next');
  });
  box.querySelector('#save-draft')?.addEventListener('click', () => wait('save-draft'));
  if (adopt) {
    // The link added this entry; it becomes the app's page 1 (Back leads to the welcome).
    history.replaceState('form-1', '', '#form-1');
  } else {
    history.replaceState('welcome', '', '#welcome');
    history.pushState('form-1', '', '#form-1');
  }
  show(true);
  if (!adopt) document.getElementById('step-title')?.focus();
  return pressed;
}

// The app module's size unpacked (what the download stream counts) and gzip-compressed (about
// what crosses the network), written in by `cargo xtask dist`; 0 when unknown (no progress).
const APP_BYTES = Number('__FLOW_WASM_BYTES__') || 0;
const APP_WIRE_BYTES = Number('__FLOW_WIRE_BYTES__') || 0;

/** `url` fetched as a Response whose body counts what arrives, for `onBytes(got)`. */
async function counted(url, onBytes) {
  const response = await fetch(url);
  if (!response.ok || !response.body || !APP_BYTES) return response;
  let got = 0;
  const counter = new TransformStream({
    transform(chunk, controller) {
      got += chunk.byteLength;
      onBytes(got);
      controller.enqueue(chunk);
    },
  });
  return new Response(response.body.pipeThrough(counter), { headers: response.headers });
}

/** Says how far the app module's download has got wherever the page says it is getting ready
 * (`[data-waiting]`: Start pressed, or Next on the early page, before the app runs). */
function downloading(got) {
  const share = ` ${Math.min(99, Math.floor((got * 100) / APP_BYTES))}%`;
  for (const element of document.querySelectorAll('[data-download][data-waiting]')) {
    const words = element.dataset.download.replace('{ $total }', Math.round(APP_WIRE_BYTES / 1000));
    if (element.firstChild?.nodeValue !== words) element.textContent = words;
    // The figures change with every chunk: kept out of what a screen reader announces.
    let figures = element.querySelector('.bytes');
    if (!figures) {
      figures = document.createElement('span');
      figures.className = 'bytes';
      figures.ariaHidden = 'true';
      element.append(figures);
    }
    if (figures.textContent !== share) figures.textContent = share;
  }
}

/** Whether a draft is kept on this device. */
function draftKept() {
  try {
    return localStorage.getItem(DRAFT_KEY) !== null;
  } catch {
    return false;
  }
}

/** After the app has drawn the form over the early page: focus and caret where they were. */
function handOver(pressed, focused) {
  const field = focused?.id ? document.getElementById(focused.id) : null;
  if (field) {
    field.focus();
    if (focused.caret !== null) {
      try {
        field.setSelectionRange(focused.caret, focused.caret);
      } catch {
        // Not a text field.
      }
    }
  }
  if (pressed.button) document.getElementById(pressed.button)?.click();
}
const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content || undefined;
const query = new URLSearchParams(location.search);

// In an iframe, the host page is told events and may send commands, but only from an origin
// the deployment trusts: this page's own, and those listed in `prequal-embed-origins`.
const trusted = new Set([location.origin, ...(meta('prequal-embed-origins') ?? '').split(/\s+/).filter(Boolean)]);
const parentOrigin = window.parent !== window && trusted.has(query.get('parent')) ? query.get('parent') : null;

let handOverTo = null;
function onEvent(name, detail) {
  // Typed into the early page: once the app has drawn it and settled its own focus (its effects
  // run together, "ready" among them), the focus and caret go back where they were.
  if (name === 'ready' && handOverTo) setTimeout(handOverTo, 0);
  if (parentOrigin) window.parent.postMessage({ source: 'prequal', type: name, ...detail }, parentOrigin);
}

try {
  // The app module is fetched once the first screen is painted, so that on a weak link it does
  // not compete with the page and its styles for the little bandwidth there is.
  await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
  const wasm = counted(new URL('flow/prequal_www_flow_bg.wasm', location.href), downloading);
  const { default: init, start } = await import('./flow/prequal_www_flow.js');
  await init({ module_or_path: wasm });
  const active = document.activeElement;
  const focused = earlyForm && active?.closest?.('#early')
    ? { id: active.id, caret: typeof active.selectionStart === 'number' ? active.selectionStart : null }
    : null;
  if (earlyForm) handOverTo = () => handOver(earlyForm, focused);
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
  // Pressed before the app ran: press the app's own Start for the merchant, once it is drawn —
  // unless a draft is kept on this device, which the app's welcome then offers to continue
  // beside Start (the page's own welcome could not know of it).
  if (!earlyForm && startEarly && !draftKept()) requestAnimationFrame(() => document.getElementById('start')?.click());
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

// Offline use: a service worker keeps the app, the model, the result's screens and the
// catalog, so a second visit needs no network. It is registered once the result is on screen,
// so filling its copy never competes with what the merchant is waiting for; a worker
// registered on an earlier visit keeps working (and updating) without this.
function registerOffline() {
  navigator.serviceWorker.register('sw.js').catch((error) => console.warn('offline use unavailable:', error));
}
if ('serviceWorker' in navigator && !query.has('no-offline')) {
  addEventListener('prequal-result-shown', registerOffline, { once: true });
}
