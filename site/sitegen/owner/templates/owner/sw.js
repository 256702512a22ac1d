/* The dashboard's service worker: the shell opens with no connection.
 * Pages: network first, the kept copy when offline. Styles, scripts, icons: the kept
 * copy (their names change with their content); the chart library is kept the first
 * time it is fetched. The API: never kept, never faked (entries logged offline wait in
 * the page's queue, js/owner/queue.js, not here). */
"use strict";
const SHELL = {{ shell|tojson }};
const LATER = {{ later|tojson }};  // the chart library: kept once it is first used
const CACHE = "frostfolio-owner-" + {{ version|tojson }};
const API = {{ api_base|tojson }};
const PAGE = SHELL[0];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("frostfolio-owner-") && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || (API && url.pathname.startsWith(API + "/"))) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          if (response.ok) caches.open(CACHE).then((cache) => cache.put(PAGE, copy));
          return response;
        })
        .catch(() => caches.match(PAGE))
    );
    return;
  }
  if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((kept) => kept || fetch(request)));
  } else if (LATER.includes(url.pathname)) {
    event.respondWith(
      caches.match(url.pathname).then((kept) => kept || fetch(request).then((response) => {
        const copy = response.clone();
        if (response.ok) caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
        return response;
      }))
    );
  }
});
