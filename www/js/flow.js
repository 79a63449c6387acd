// Loads the app's on-demand part (flow/) and gives it the page's services. This file and the
// module loader are the only code of the app that makes network requests: static files (the
// on-demand module, the catalog, the key store), and, only after the merchant signs, the
// bundle or revocation POSTed to the inbox. Nothing here reads the merchant's data.
//
// `config` is the host's settings (docs/embedding.md): `catalog`, `catalogKey`, `inbox` URLs
// and `onEvent(name, detail)`. Relative URLs are resolved against the app's own directory, so
// the app works the same on its own page, in an iframe and inside a host page's element.

// wasm-bindgen copies this file to <app>/snippets/<crate>/js/flow.js.
const appBase = new URL('../../../', import.meta.url);
const flowBase = new URL('flow/', appBase);

let loading;
let keys;
// One catalog per URL and key: several advisors on one page may each name their own.
const catalogs = new Map();

/** The on-demand module, fetched and started once. */
export function loadFlow() {
  loading ??= (async () => {
    const flow = await import(new URL('prequal_www_flow.js', flowBase).href);
    await flow.default({ module_or_path: new URL('prequal_www_flow_bg.wasm', flowBase) });
    return flow;
  })();
  loading.catch(() => { loading = undefined; });
  return loading;
}

/** Starts fetching the on-demand part while the merchant fills in the form. */
export function preloadFlow() {
  loadFlow().catch(() => {});
}

/** Tells the host an event (`ready`, `scored`, `bundle-signed`). */
export function emit(config, name, detail) {
  try {
    config?.onEvent?.(name, detail ?? {});
  } catch (error) {
    console.error(error);
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

/** Adds the on-demand screens' style sheet to the document or shadow root `element` is in. */
function addStyles(element) {
  const root = element.getRootNode();
  if (root.querySelector('link[data-prequal-flow]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('flow.css', flowBase).href;
  link.dataset.prequalFlow = '';
  (root === document ? document.head : root).append(link);
}

/** Mounts the on-demand screens on `element`; `callbacks`: `{back(), step(name)}`. */
export async function mountFlow(element, options, callbacks, config) {
  addStyles(element);
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
      keys ??= import(new URL('keystore.js', flowBase).href).then((m) => m.openKeyStore(flow));
      keys.catch(() => { keys = undefined; });
      return keys;
    },
    back: () => callbacks.back(),
    step: (name) => callbacks.step(name),
    event: (name, detail) => emit(config, name, detail),
    print: () => window.print(),
  };
  return flow.mountFlow(element, { ...options, ...(await loadCatalog(config)), host });
}

/** Reads a file the merchant chose: `{fields, rows}` or `{heading, problems}`. */
export async function importFile(file, asOf, lang) {
  const flow = await loadFlow();
  // The bytes, not `file.text()`: a spreadsheet saved on a Chinese Windows is GBK, which the
  // module recognises and decodes; text() would have turned it into replacement characters.
  const bytes = new Uint8Array(await file.arrayBuffer());
  const result = flow.importFile(file.name, bytes, asOf, lang);
  if (result.problems) result.heading = flow.importHeading(file.name, lang);
  return result;
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
  });
}
