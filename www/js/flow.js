// Gives the app's screens from the result on (the `Flow` of `www/flow`) the page's services.
// This file and the page's loader (`app.js`, `embed.js`) are the only code of the app that
// makes network requests: static files (the app module, the catalog, the model and its
// signature, the key store), and, only after the merchant signs, the bundle or revocation
// POSTed to the inbox. Nothing here reads the merchant's data.
//
// `config` is the host's settings (docs/embedding.md): `catalog`, `catalogKey`, `model`,
// `modelKey`, `inbox` URLs and `onEvent(name, detail)`. Relative URLs are resolved against the
// app's own directory, so the app works the same on its own page, in an iframe and inside a
// host page's element.

// wasm-bindgen copies this file beside the app module, to <app>/flow/snippets/<crate>/js/flow.js.
const flowBase = new URL('../../../', import.meta.url);
const appBase = new URL('../', flowBase);

// The import module's size on the wire, in KB (filled in by `cargo xtask dist`).
const IMPORT_KB = Math.round(Number('__IMPORT_WIRE_BYTES__') / 1000) || '?';
let keys;
// One catalog per URL and key: several advisors on one page may each name their own.
const catalogs = new Map();
// Likewise one model per URL and key.
const models = new Map();

// What is being waited for, said in the app's waiting messages (`[data-prequal-wait]`, in the
// page or the advisor's shadow root): `catalog`, `import` (the import module's download, in
// the messages that have words for it), or `idle` (the message's own words). The app module
// itself is running by then: the page's loader said its download's progress.
const roots = new Set();
let waiting = 'idle';

function tell(what) {
  waiting = what;
  paint();
}

/** Says `waiting` in every waiting message, also one drawn after the last change. */
function paint() {
  for (const root of roots) {
    for (const element of root.querySelectorAll('[data-prequal-wait]')) {
      element.dataset.idle ??= element.textContent;
      const words = waiting === 'catalog' ? element.dataset.catalog
        : waiting === 'import' && element.dataset.import ? element.dataset.import.replace('{0}', IMPORT_KB)
          : element.dataset.idle;
      if (element.firstChild && element.firstChild.nodeValue !== words) element.firstChild.nodeValue = words;
    }
  }
}

// The app's modules by URL (the wasm modules' glue, the key store), each imported and
// started once; a failed download is tried again on the next call.
const modules = new Map();
// Failed tries by URL: the browser keeps a module whose download failed as failed for the
// page's life, so a new try asks for it under a new address (`?try=N`; the server and the
// offline copy ignore the query).
const failures = new Map();

/** The module at `url`, imported and then started by `start` (a wasm module's glue: its
 * `default`, which instantiates the wasm). */
function loadModule(url, start = (module) => module.default()) {
  if (!modules.has(url)) {
    const tries = failures.get(url) ?? 0;
    const started = (async () => {
      const module = await import(tries ? `${url}?try=${tries}` : url);
      await start(module);
      return module;
    })();
    started.catch(() => {
      modules.delete(url);
      failures.set(url, tries + 1);
    });
    modules.set(url, started);
  }
  return modules.get(url);
}

/** The app module's exports. The page's loader has started it before the app runs, so this
 * is the same module instance, and its `default` returns at once. */
function loadFlow() {
  return loadModule(new URL('prequal_www_flow.js', flowBase).href);
}

/** Starts fetching what the result needs (the catalog and the model) while the merchant
 * fills in the form. */
export function preloadFlow(config) {
  // Called on every change the merchant types: the work is done once per page (a failed
  // download is tried again when the result is asked for, by mountFlow).
  const root = config?.root ?? document;
  if (roots.has(root)) return;
  roots.add(root);
  // A waiting message drawn while the catalog downloads is said at once, not at its end.
  new MutationObserver(paint).observe(root, { childList: true, subtree: true });
  addStyles(root);
  loadCatalog(config);
  loadModel(config);
}

/** Tells the host an event (`ready`, `scored`, `bundle-signed`). */
export function emit(config, name, detail) {
  try {
    config?.onEvent?.(name, detail ?? {});
  } catch (error) {
    console.error(error);
  }
}

/** The model's bytes and its operator's detached signature (`.jws` beside it), and the key the
 * host trusts to have signed it (`modelKey`; the app module falls back to the project's
 * sample key). The module refuses a model whose signature does not verify. */
function loadModel(config) {
  const url = new URL(config?.model || 'data/scorecard.json', appBase);
  const key = config?.modelKey;
  const id = `${url.href} ${key ?? ''}`;
  if (!models.has(id)) models.set(id, fetchModel(url, key, id));
  return models.get(id);
}

async function fetchModel(url, key, id) {
  try {
    const [response, signed] = await Promise.all([
      fetch(url, { credentials: 'omit' }),
      fetch(new URL(`${url.href}.jws`), { credentials: 'omit' }),
    ]);
    // A failed answer is not kept: the next mount asks again (a server restarting, a proxy's
    // hiccup), and the screens say why meanwhile.
    if (!response.ok) {
      models.delete(id);
      return { modelError: `${url.pathname}: HTTP ${response.status}` };
    }
    if (!signed.ok) models.delete(id);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { model: bytes, modelKey: key, modelSignature: signed.ok ? await signed.text() : undefined };
  } catch (error) {
    models.delete(id); // a network failure is retried on the next mount
    return { modelError: String(error?.message ?? error) };
  }
}

/** The catalog's bytes, and its detached signature when the host names a trusted key. */
function loadCatalog(config) {
  const url = new URL(config?.catalog || 'data/catalog.json', appBase);
  const key = config?.catalogKey;
  const id = `${url.href} ${key ?? ''}`;
  if (!catalogs.has(id)) catalogs.set(id, fetchCatalog(url, key, id));
  return catalogs.get(id);
}

async function fetchCatalog(url, key, id) {
  try {
    const response = await fetch(url, { credentials: 'omit' });
    if (!response.ok) return { catalogError: `${url.pathname}: HTTP ${response.status}` };
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (!key) return { catalog: bytes };
    const signed = await fetch(new URL(`${url.href}.jws`), { credentials: 'omit' });
    return { catalog: bytes, catalogKey: key, catalogSignature: signed.ok ? await signed.text() : undefined };
  } catch (error) {
    catalogs.delete(id); // a network failure is retried on the next mount
    return { catalogError: String(error?.message ?? error) };
  }
}

/** Adds the result's screens' style sheet to the document or shadow root `root`. */
function addStyles(root) {
  if (root.querySelector('link[data-prequal-flow]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('flow.css', flowBase).href;
  link.dataset.prequalFlow = '';
  (root === document ? document.head : root).append(link);
}

/** Mounts the result's screens on `element`; `callbacks`: `{back(), step(name)}`. */
export async function mountFlow(element, options, callbacks, config) {
  addStyles(element.getRootNode());
  const flow = await loadFlow();
  const inbox = new URL(config?.inbox || 'api/v1/', appBase);
  const host = {
    async send(path, body) {
      const response = await fetch(new URL(path, inbox), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      });
      return { status: response.status, body: await response.text() };
    },
    download(name, text) {
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    },
    random: (n) => crypto.getRandomValues(new Uint8Array(n)),
    keyStore() {
      keys ??= loadModule(new URL('keystore.js', flowBase).href, () => {}).then((m) => m.openKeyStore(flow));
      keys.catch(() => { keys = undefined; });
      return keys;
    },
    back: () => callbacks.back(),
    step: (name) => callbacks.step(name),
    event: (name, detail) => emit(config, name, detail),
    print: () => window.print(),
  };
  tell('catalog');
  const [catalog, model] = await Promise.all([loadCatalog(config), loadModel(config)]);
  tell('idle');
  const mounted = flow.mountFlow(element, { ...options, ...catalog, ...model, host });
  // The merchant has the result: the page may now fill its offline copy (app.js) without
  // competing with anything the merchant waits for.
  requestAnimationFrame(() => setTimeout(() => dispatchEvent(new Event('prequal-result-shown')), 0));
  return mounted;
}

/** The import module (`dist/import/`), fetched once, when the merchant first opens the file
 * chooser: few merchants import, so the app module does not carry it. A failed download is
 * tried again on the next file. */
export function prepareImport() {
  return loadModule(new URL('import/prequal_www_import.js', appBase).href);
}

/** Reads a file the merchant chose: `{fields, rows}` or `{heading, problems}`. */
export async function importFile(file, asOf, lang) {
  try {
    return await readFile(file, asOf, lang);
  } catch (error) {
    // The app says it in the merchant's words; the browser's own are kept here.
    console.error(error);
    throw error;
  }
}

async function readFile(file, asOf, lang) {
  let module = prepareImport();
  // Said only if the download is still going (a slow link, or a file dropped at once).
  const still = await Promise.race([module.then(() => false, () => false), new Promise((done) => setTimeout(() => done(true), 300))]);
  if (still) tell('import');
  try {
    module = await module;
  } finally {
    if (waiting === 'import') tell('idle');
  }
  // The bytes, not `file.text()`: a spreadsheet saved on a Chinese Windows is GBK, which the
  // module recognises and decodes; text() would have turned it into replacement characters.
  const bytes = new Uint8Array(await file.arrayBuffer());
  return module.importFile(file.name, bytes, asOf, lang);
}

// The app's place in the browser's history and its text for this tab (session storage, gone
// when the tab closes), so Back, Forward and a reload never lose what was typed. Used only when
// the app owns its page: inside a host page's element, history and storage are the host's.
const PLACE_KEY = 'prequal.session.v1';

/** Records `fragment` as a history entry (the app's first replaces the page's own entry, so
 * Back from it leaves the app) and keeps the form's `fields` for this tab. */
export function keepPlace(fragment, fields) {
  if (history.state !== fragment) {
    history[typeof history.state === 'string' ? 'pushState' : 'replaceState'](fragment, '', `#${fragment}`);
  }
  try {
    sessionStorage.setItem(PLACE_KEY, JSON.stringify(fields));
  } catch {
    // Private mode or full storage: the form still works, a reload just starts afresh.
  }
}

/** `{route, fields}` kept for this tab: the entry's place (or the address's fragment) and the text. */
export function keptPlace() {
  let fields = null;
  try {
    fields = JSON.parse(sessionStorage.getItem(PLACE_KEY) ?? 'null');
  } catch {
    fields = null;
  }
  const route = typeof history.state === 'string' ? history.state : location.hash.slice(1);
  return { route, fields };
}

/** Calls `went(fragment)` whenever Back or Forward returns to one of the app's entries. */
export function onPlace(went) {
  addEventListener('popstate', (event) => {
    if (typeof event.state === 'string') went(event.state);
    // The page's own first entry, left without a place when Start was followed before any
    // script ran (app.js): the place its address names, or the welcome.
    else if (event.state === null) went(location.hash.slice(1) || 'welcome');
  });
}

// Large text (适老化): a class on the page's root element, kept on this device. app.js sets it
// before the first paint on the next visit.
const LARGE_TEXT_KEY = 'prequal.large-text';

/** Whether large text is on. */
export function largeText() {
  return document.documentElement.classList.contains('large-text');
}

/** Turns large text on or off, keeps the choice on this device, and says which it is now. */
export function toggleLargeText() {
  const on = document.documentElement.classList.toggle('large-text');
  try {
    localStorage.setItem(LARGE_TEXT_KEY, on ? '1' : '0');
  } catch {
    // Storage refused: the choice lasts for this page.
  }
  return on;
}
