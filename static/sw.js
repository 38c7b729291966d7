/*
 * RPKI Lens service worker: keeps the app shell, the bundled sample and the TALs so that the app opens with the
 * network off after the first visit. Same-origin GETs go to the network first (a new build is seen at once) and
 * fall back to the cache; everything fetched is cached. On install it caches the shell and follows the asset
 * names in index.html and in the scripts it loads, so that chunks loaded later (workers) are there too.
 * Only the app's own files are cached: other origins, and snapshots served beside the app (a 200 MB archive would
 * be copied into the cache on every run), are never touched.
 */
const CACHE = 'rpki-lens-v1';
const SHELL = [
  './',
  './index.html',
  './sample/sample.json',
  './sample/sample.tal',
  './sample/sample.tgz',
  './tals/afrinic.tal',
  './tals/apnic.tal',
  './tals/arin.tal',
  './tals/lacnic.tal',
  './tals/ripe.tal',
];
// Asset names as Vite writes them: "/assets/x-hash.js" in index.html and chunks, "./y-hash.js" between chunks.
const ASSET = /["'`(]((?:\.{1,2}\/|\/)?(?:assets\/)?[\w.-]+\.(?:js|css|svg|png|woff2?))["'`)]/g;

function resolveAsset(path, base) {
  if (path.startsWith('/') || path.startsWith('assets/')) return new URL(path.replace(/^\//, ''), self.registration.scope).href;
  return new URL(path, base).href;
}

async function precache() {
  const cache = await caches.open(CACHE);
  await cache.addAll(SHELL);
  const seen = new Set();
  const queue = [new URL('./index.html', self.registration.scope).href];
  while (queue.length > 0 && seen.size < 500) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const response = (await cache.match(url)) ?? (await fetch(url).catch(() => undefined));
    if (!response || !response.ok) continue;
    // A static server may answer a missing file with index.html: keep a script only if it is one.
    const type = response.headers.get('content-type') ?? '';
    if (/\.js$/.test(url) && !type.includes('javascript')) continue;
    await cache.put(url, response.clone());
    if (!/\.(?:js|css|html)$|\/$/.test(new URL(url).pathname)) continue;
    const text = await response.text();
    for (const m of text.matchAll(ASSET)) queue.push(resolveAsset(m[1], url));
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** The app's own files: the page, its assets, and the bundled sample, pilot and TALs. */
function isAppFile(request) {
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return false;
  const path = url.href.slice(self.registration.scope.length).split(/[?#]/)[0];
  return request.mode === 'navigate' || path === '' || /^(?:sample|pilot|tals)\/[\w.-]+$/.test(path) || /\.(?:html|js|css|svg|png|woff2?)$/.test(path);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !isAppFile(request)) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && response.type === 'basic') {
          const copy = response.clone();
          caches.open(CACHE).then((c) => c.put(request, copy));
        }
        return response;
      })
      .catch(async () => {
        const cache = await caches.open(CACHE);
        const hit = (await cache.match(request, { ignoreSearch: true })) ?? (request.mode === 'navigate' ? await cache.match('./index.html') : undefined);
        return hit ?? Response.error();
      }),
  );
});
