// <prequal-advisor>: the advisor inside a host page, added with one script tag:
//
//   <script type="module" src="https://…/prequal/embed.js" integrity="sha384-…" crossorigin="anonymous"></script>
//   <prequal-advisor lang="zh-CN" institutions="inst-001,inst-005" catalog="…" inbox="…" theme="dark"></prequal-advisor>
//
// The app runs in the element's shadow root, with its own styles; the host's CSS reaches it only
// through the documented custom properties (--prequal-accent, …). Events are DOM events on the
// element: `ready`, `scored` (detail: {grade}; never the profile) and `bundle-signed` (detail:
// {bundle_id, institution, product}). Once ready, the element also carries the `ready`
// attribute, for hosts whose listener may come after the event. The host page needs `script-src 'wasm-unsafe-eval'` and
// its own origin list for the app's files; strict portals use the iframe mode instead
// (docs/embedding.md).

const base = new URL('./', import.meta.url);
let app;

function loadApp() {
  app ??= import(new URL('flow/prequal_www_flow.js', base).href).then(async (module) => {
    await module.default({ module_or_path: new URL('flow/prequal_www_flow_bg.wasm', base) });
    return module;
  });
  return app;
}

const list = (value) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

class PrequalAdvisor extends HTMLElement {
  static observedAttributes = ['lang', 'institutions'];

  async connectedCallback() {
    if (this.shadowRoot) return;
    const shadow = this.attachShadow({ mode: 'open' });
    const styles = document.createElement('link');
    styles.rel = 'stylesheet';
    styles.href = new URL('styles.css', base).href;
    const root = document.createElement('div');
    const flow = document.createElement('section');
    flow.hidden = true;
    flow.className = 'flow-root';
    // The app is one module; until it runs, the element says it is coming.
    const waiting = document.createElement('p');
    waiting.className = 'loading';
    waiting.setAttribute('role', 'status');
    waiting.textContent = (this.getAttribute('lang') ?? 'zh-CN').startsWith('en')
      ? 'Loading the loan pre-check…'
      : '正在加载贷款预审…';
    root.append(waiting);
    shadow.append(styles, root, flow);
    const { start } = await loadApp();
    waiting.remove();
    this.advisor = start(root, flow, {
      lang: this.getAttribute('lang') ?? undefined,
      institutions: list(this.getAttribute('institutions')),
      catalog: this.getAttribute('catalog') ?? undefined,
      catalogKey: this.getAttribute('catalog-key') ?? undefined,
      model: this.getAttribute('model') ?? undefined,
      modelKey: this.getAttribute('model-key') ?? undefined,
      inbox: this.getAttribute('inbox') ?? undefined,
      ownsDocument: false,
      // Where the app's waiting messages are (www/js/flow.js fills in download progress).
      root: shadow,
      onEvent: (name, detail) => {
        // A host script that attaches its listener after the app is up (a slow fetch of the
        // host's own script, a later import) still learns it is ready: the element keeps the
        // state as an attribute as well as announcing it.
        if (name === 'ready') this.setAttribute('ready', '');
        this.dispatchEvent(new CustomEvent(name, { detail: { ...detail }, bubbles: true, composed: true }));
      },
    });
  }

  attributeChangedCallback(name, previous, value) {
    if (!this.advisor || previous === value) return;
    if (name === 'lang' && value) this.advisor.setLang(value);
    if (name === 'institutions') this.advisor.setInstitutions(list(value));
  }
}

if (!customElements.get('prequal-advisor')) customElements.define('prequal-advisor', PrequalAdvisor);
