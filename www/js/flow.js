// Loads the app's on-demand part (dist/flow/) and gives it the page's services. This file and
// the module loader are the only code of the app that makes network requests: static files
// (the on-demand module, the catalog, the key store), and, only after the merchant signs,
// the bundle or revocation POSTed to the inbox. Nothing here reads the merchant's data.

const base = () => new URL('flow/', document.baseURI);
const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content ?? '';

let loading;
let catalog;
let keys;

/** The on-demand module, fetched and started once. */
export function loadFlow() {
  loading ??= (async () => {
    const flow = await import(new URL('prequal_www_flow.js', base()).href);
    await flow.default();
    return flow;
  })();
  loading.catch(() => { loading = undefined; });
  return loading;
}

/** Starts fetching the on-demand part while the merchant fills in the form. */
export function preloadFlow() {
  loadFlow().catch(() => {});
}

/** The catalog's bytes, and its detached signature when the page names a trusted key. */
function loadCatalog() {
  catalog ??= (async () => {
    const url = new URL(meta('prequal-catalog') || 'data/catalog.json', document.baseURI);
    const key = meta('prequal-catalog-key');
    try {
      const response = await fetch(url, { credentials: 'omit' });
      if (!response.ok) return { catalogError: `${url.pathname}: HTTP ${response.status}` };
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (!key) return { catalog: bytes };
      const signed = await fetch(new URL(`${url.href}.jws`), { credentials: 'omit' });
      return { catalog: bytes, catalogKey: key, catalogSignature: signed.ok ? await signed.text() : undefined };
    } catch (error) {
      catalog = undefined;
      return { catalogError: String(error?.message ?? error) };
    }
  })();
  return catalog;
}

/** Mounts the on-demand screens on `element`; `callbacks`: `{back(), step(name)}`. */
export async function mountFlow(element, options, callbacks) {
  const flow = await loadFlow();
  const inbox = new URL(meta('prequal-inbox') || 'api/v1/', document.baseURI);
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
      keys ??= import(new URL('keystore.js', base()).href).then((m) => m.openKeyStore(flow));
      keys.catch(() => { keys = undefined; });
      return keys;
    },
    back: () => callbacks.back(),
    step: (name) => callbacks.step(name),
  };
  return flow.mountFlow(element, { ...options, ...(await loadCatalog()), host });
}

/** Reads a file the merchant chose: `{fields, rows}` or `{heading, problems}`. */
export async function importFile(file, asOf, lang) {
  const flow = await loadFlow();
  const text = await file.text();
  const result = flow.importFile(file.name, text, asOf, lang);
  if (result.problems) result.heading = flow.importHeading(file.name, lang);
  return result;
}
