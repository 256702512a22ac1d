/* The dashboard's offline queue: entries logged with no connection are kept on this
 * device and sent when it returns, each exactly once (docs/dashboard.md).
 *
 *   FrostfolioDashboard.queue.send("POST", "/money/transactions", body, {label: "Coffee 3.10"})
 *     .then(function (result) {
 *       if (result.queued) { … kept on this device, sent later … }
 *       else { … result is the API's answer (ok, and the stored entry) … }
 *     }, function (err) { … the API refused it (err.status, err.body.fields) … });
 *
 * Each entry gets an Idempotency-Key once (crypto.randomUUID) and keeps it for every
 * try, so a copy that reaches the API twice (a timeout after it was stored, two tabs)
 * is stored once: the API answers the copy with the first answer. Entries live in
 * IndexedDB (localStorage where it is missing) and are sent again on `online`, when
 * the dashboard signs in (on load) and every 30 s while the page is visible. A refusal
 * (400, 404, 422…) drops the entry and says so; no connection, 401, 403, 409, 429 or
 * 5xx keep it for the next try. The shell shows "N waiting to send" (role=status).
 * Events on window: "frostfolio:queue-sent" {detail: {entry, data}} when a kept entry
 * is stored later, "frostfolio:queue-refused" {detail: {entry, error}}. */
(function () {
  "use strict";

  var D = window.FrostfolioDashboard;
  var DB = "frostfolio-owner";
  var STORE = "queue";
  var LOCAL = "frostfolio-owner-queue";
  var KEEP = { 0: true, 401: true, 403: true, 408: true, 409: true, 425: true, 429: true };
  var inflight = {};
  var flushing = null;
  var waiting = 0;

  /* ---- where entries are kept ------------------------------------------------------ */

  var dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        if (!window.indexedDB) return reject(new Error("no IndexedDB"));
        var open = indexedDB.open(DB, 1);
        open.onupgradeneeded = function () { open.result.createObjectStore(STORE, { keyPath: "key" }); };
        open.onsuccess = function () { resolve(open.result); };
        open.onerror = function () { reject(open.error); };
      }).catch(function () { return null; });  // private windows may refuse: use localStorage
    }
    return dbPromise;
  }

  function idb(mode, work) {
    return db().then(function (database) {
      if (!database) {
        var kept = work(null);
        return kept && "result" in kept ? kept.result : kept;
      }
      return new Promise(function (resolve, reject) {
        var tx = database.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(result && "result" in result ? result.result : undefined); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }

  function localAll() {
    try { return JSON.parse(localStorage.getItem(LOCAL) || "[]"); } catch (e) { return []; }
  }

  function localSave(entries) { localStorage.setItem(LOCAL, JSON.stringify(entries)); }

  var store = {
    put: function (entry) {
      return idb("readwrite", function (s) {
        if (s) return s.put(entry);
        localSave(localAll().filter(function (e) { return e.key !== entry.key; }).concat([entry]));
      });
    },
    remove: function (key) {
      return idb("readwrite", function (s) {
        if (s) return s.delete(key);
        localSave(localAll().filter(function (e) { return e.key !== key; }));
      });
    },
    all: function () {
      return idb("readonly", function (s) { return s ? s.getAll() : { result: localAll() }; })
        .then(function (entries) {
          return (entries || []).sort(function (a, b) { return a.created - b.created || (a.key < b.key ? -1 : 1); });
        });
    }
  };

  /* ---- sending --------------------------------------------------------------------- */

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  function emit(name, detail) {
    window.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }

  // One try: resolves {sent: true, data} or {sent: false} (kept); rejects when refused.
  function attempt(entry) {
    if (inflight[entry.key]) return Promise.resolve({ sent: false });
    if (!navigator.onLine || !D.signedIn()) return Promise.resolve({ sent: false });
    inflight[entry.key] = true;
    return D.api(entry.path, {
      method: entry.method,
      body: entry.body === null ? undefined : entry.body,
      headers: { "Idempotency-Key": entry.key }
    }).then(function (data) {
      delete inflight[entry.key];
      return store.remove(entry.key).then(function () { return { sent: true, data: data }; });
    }, function (err) {
      delete inflight[entry.key];
      if (KEEP[err.status] || err.status >= 500) return { sent: false, error: err };
      return store.remove(entry.key).then(function () { throw err; });
    });
  }

  function send(method, path, body, options) {
    var entry = {
      key: newKey(),
      method: String(method || "POST").toUpperCase(),
      path: path,
      body: body === undefined ? null : body,
      label: (options && options.label) || path,
      created: Date.now()
    };
    return store.put(entry).then(function () {
      return attempt(entry);
    }).then(function (result) {
      refresh();
      if (result.sent) return result.data;
      return { ok: true, queued: true, key: entry.key, label: entry.label };
    }, function (err) {
      refresh();
      throw err;
    });
  }

  // Send every kept entry, oldest first; stop at the first that finds no connection.
  function flush() {
    if (flushing) return flushing;
    if (!navigator.onLine || !D.signedIn()) return refresh();
    flushing = store.all().then(function (entries) {
      var sent = 0;
      var chain = Promise.resolve(true);
      entries.forEach(function (entry) {
        chain = chain.then(function (goOn) {
          if (!goOn) return false;
          return attempt(entry).then(function (result) {
            if (result.sent) {
              sent += 1;
              emit("frostfolio:queue-sent", { entry: entry, data: result.data });
            }
            return result.sent || (result.error && result.error.status !== 0);
          }, function (err) {
            D.toast(entry.label + " was not saved: " + err.message);
            emit("frostfolio:queue-refused", { entry: entry, error: err });
            return true;
          });
        });
      });
      return chain.then(function () {
        if (sent) D.toast(sent === 1 ? "1 waiting entry was sent." : sent + " waiting entries were sent.");
      });
    }).then(refresh, refresh).then(function () { flushing = null; });
    return flushing;
  }

  /* ---- the shell's status line ----------------------------------------------------- */

  function refresh() {
    return store.all().then(function (entries) {
      waiting = entries.length;
      var box = document.querySelector("[data-queue]");
      if (!box) return waiting;
      box.textContent = "";
      box.hidden = waiting === 0;
      if (!waiting) return waiting;
      box.appendChild(document.createTextNode(waiting + " waiting to send"));
      if (navigator.onLine && D.signedIn()) {
        var now = document.createElement("button");
        now.type = "button";
        now.className = "link-button";
        now.textContent = "Send now";
        now.addEventListener("click", flush);
        box.appendChild(now);
      } else {
        box.appendChild(document.createTextNode(" (they go when you are online and signed in)"));
      }
      return waiting;
    }, function () { return waiting; });
  }

  function start() {
    window.addEventListener("online", flush);
    window.addEventListener("offline", refresh);
    window.addEventListener("frostfolio:signed-in", flush);
    document.addEventListener("visibilitychange", function () { if (!document.hidden) flush(); });
    setInterval(function () { if (!document.hidden) flush(); }, 30000);
    refresh();
  }

  D.queue = {
    send: send,
    flush: flush,
    pending: function () { return store.all(); },
    count: function () { return waiting; }
  };
  document.addEventListener("DOMContentLoaded", start);
})();
