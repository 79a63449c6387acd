// The service worker for offline use (written into dist/ by `cargo xtask dist`, which fills in
// the version and the file list). It keeps every file the app uses, so that after one visit the
// app, the model, the result's screens and the catalog work with no network: the app's own
// files from the copy (a new release brings a new worker), the signed data under data/ from
// the network first. It never touches the inbox (/api/): bundles are sent only when online, and
// never cached.
const VERSION = 'prequal-__VERSION__';
const FILES = [
  /* FILES */
];

self.addEventListener('install', (event) => {
  // 'force-cache': the files this visit has just downloaded are taken from the browser's HTTP
  // cache, not fetched a second time over the merchant's slow link. The worker is registered
  // only once the result is on screen (app.js), so these are the same release's files.
  const requests = FILES.map((file) => new Request(file, { cache: 'force-cache' }));
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(requests)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('prequal-') && key !== VERSION).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.includes('/api/')) return;
  if (request.mode === 'navigate') {
    // The page itself: the network first (a new release shows at once), the copy offline.
    event.respondWith(fetch(request).catch(() => caches.match('./', { ignoreSearch: true })));
    return;
  }
  if (url.pathname.includes('/data/')) {
    // Signed data (the catalog, the model and their signatures) that a portal replaces without
    // a new release of the app: the network first, so a new model or catalog is used from the
    // next visit on, and the copy kept when offline. The copy is replaced only by a whole
    // answer, and never by a timer, so a model and its signature cannot come from two releases.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            event.waitUntil(caches.open(VERSION).then((cache) => cache.put(request, copy)));
          }
          return response;
        })
        .catch(() => caches.match(request, { ignoreSearch: true }).then((hit) => hit ?? Response.error())),
    );
    return;
  }
  event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => hit ?? fetch(request)));
});
