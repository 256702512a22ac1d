/* The owner's dashboard: sign-in, the API client, pages and home cards, offline state.
 *
 * Pages come from other scripts, loaded after this one, which call
 *   FrostfolioDashboard.register({id, title, order, card, render})
 * (docs/dashboard.md): `card(api)` resolves to {value, label} for the home page,
 * `render(view, api, rest)` draws #/<id>/<rest...>. Nothing a visitor wrote is ever
 * put into the page as HTML: text goes in with textContent. */
(function () {
  "use strict";

  var body = document.body;
  var API = body.dataset.api;
  var pages = [];
  var csrf = null;
  var signedIn = false;
  var polls = [];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name.indexOf("on") === 0) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function ApiError(status, body) {
    this.status = status;
    this.body = body || {};
    this.message = (body && body.message) || (status ? "The server answered " + status + "." : "No connection.");
  }

  function api(path, options) {
    options = options || {};
    var headers = { Accept: "application/json" };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    if (options.method && options.method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
    if (options.etag) headers["If-None-Match"] = options.etag;
    Object.keys(options.headers || {}).forEach(function (name) { headers[name] = options.headers[name]; });
    return fetch(API + path, {
      method: options.method || "GET",
      headers: headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      cache: "no-store",
      keepalive: !!options.keepalive
    }).then(function (response) {
      setOffline(false);
      if (response.status === 304) return { notModified: true, etag: options.etag };
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (response.status === 401 && signedIn) showSignIn("Your session has ended: sign in again.");
        if (!response.ok) throw new ApiError(response.status, data);
        data.etag = response.headers.get("ETag");
        return data;
      });
    }, function () {
      setOffline(true);
      throw new ApiError(0, null);
    });
  }
  api.url = function (path) { return API + path; };

  function setOffline(offline) {
    document.querySelector("[data-offline]").hidden = !offline && navigator.onLine;
  }

  var toastTimer = null;
  function toast(text, action) {
    var box = document.querySelector("[data-toast]");
    box.textContent = "";
    box.appendChild(el("span", { text: text }));
    if (action) box.appendChild(el("button", { type: "button", onclick: function () { box.hidden = true; action.run(); }, text: action.label }));
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { box.hidden = true; }, action ? action.ms || 6000 : 4000);
  }

  function status(node, text, kind) {
    node.textContent = text;
    node.className = "status" + (kind ? " is-" + kind : "");
  }

  function view(title) {
    var main = document.querySelector("[data-view]");
    main.textContent = "";
    document.title = title + " · " + document.title.split(" · ").pop();
    var heading = el("h1", { text: title, tabindex: "-1" });
    main.appendChild(heading);
    return { root: main, heading: heading };
  }

  function stopPolling() {
    polls.forEach(clearInterval);
    polls = [];
  }

  function every(seconds, fn) {
    // Asks again while the page is visible; a hidden tab costs nothing.
    polls.push(setInterval(function () { if (!document.hidden && navigator.onLine) fn(); }, seconds * 1000));
  }

  /* ---- signing in ---------------------------------------------------------------- */

  function linkToken() {
    var match = /(?:^#|&)signin=([A-Za-z0-9_-]+)/.exec(location.hash);
    return match ? match[1] : null;
  }

  function startSession(data) {
    csrf = data.csrf;
    signedIn = true;
    document.querySelector("[data-sign-out]").hidden = false;
    buildNav();
    if (linkToken()) history.replaceState(null, "", location.pathname + "#/");
    route();
    window.dispatchEvent(new CustomEvent("frostfolio:signed-in"));  // the offline queue sends
  }

  function showSignIn(message) {
    stopPolling();
    signedIn = false;
    csrf = null;
    document.querySelector("[data-nav]").hidden = true;
    document.querySelector("[data-sign-out]").hidden = true;
    var v = view("Sign in");
    var note = el("p", { class: "status", role: "status" });
    if (message) status(note, message, "error");
    var token = linkToken();
    var label = el("input", { id: "device-label", name: "label", autocomplete: "off", maxlength: "80", placeholder: "e.g. My phone" });
    var labelField = [el("label", { for: "device-label", text: "Name this device (optional)" }), label];
    if (token) {
      v.root.appendChild(el("p", { text: "This link signs this device in. It works once, for 15 minutes." }));
      var form = el("form", { class: "panel", onsubmit: function (event) {
        event.preventDefault();
        status(note, "Signing in…");
        api("/owner/session", { method: "POST", body: { link: token, label: label.value.trim() || null } })
          .then(startSession, function (err) { status(note, err.message, "error"); });
      } }, labelField.concat([el("div", { class: "actions" }, [el("button", { type: "submit", text: "Sign in on this device" })])]));
      v.root.appendChild(form);
      v.root.appendChild(note);
      return;
    }
    var secret = el("input", { id: "owner-token", name: "token", type: "password", autocomplete: "current-password", required: true });
    var signIn = el("form", { class: "panel", onsubmit: function (event) {
      event.preventDefault();
      status(note, "Signing in…");
      api("/owner/session", { method: "POST", body: { token: secret.value, label: label.value.trim() || null } })
        .then(function (data) { secret.value = ""; startSession(data); }, function (err) { status(note, err.message, "error"); });
    } }, [
      el("label", { for: "owner-token", text: "Owner token" }), secret,
      el("p", { class: "hint", text: "The token is sent once to start a session; it is not kept on this device." })
    ].concat(labelField).concat([el("div", { class: "actions" }, [el("button", { type: "submit", text: "Sign in" })])]));
    var emailMe = el("button", { type: "button", class: "button-ghost", text: "Email me a sign-in link", onclick: function () {
      status(note, "Sending…");
      api("/owner/signin-link", { method: "POST", body: {} }).then(
        function (data) { status(note, data.message + " Open it on this device.", "ok"); },
        function (err) { status(note, err.message, "error"); }
      );
    } });
    v.root.appendChild(signIn);
    v.root.appendChild(el("p", { class: "or", text: "or" }));
    v.root.appendChild(el("div", { class: "actions" }, [emailMe]));
    v.root.appendChild(note);
  }

  function signOut() {
    api("/owner/session", { method: "DELETE" }).then(
      function () { showSignIn("Signed out."); },
      function (err) { toast(err.message); }
    );
  }

  /* ---- pages and routing --------------------------------------------------------- */

  function register(page) {
    pages.push(page);
    pages.sort(function (a, b) { return (a.order || 50) - (b.order || 50); });
  }

  function buildNav() {
    var nav = document.querySelector("[data-nav]");
    nav.textContent = "";
    var list = el("ul");
    [{ id: "", title: "Home" }].concat(pages).forEach(function (page) {
      list.appendChild(el("li", {}, [el("a", { href: "#/" + page.id, "data-page": page.id, text: page.title })]));
    });
    nav.appendChild(list);
    nav.hidden = false;
  }

  function markNav(id) {
    document.querySelectorAll("[data-nav] a").forEach(function (link) {
      if (link.dataset.page === id) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    });
  }

  function home() {
    var v = view("Dashboard");
    var cards = el("ul", { class: "cards" });
    v.root.appendChild(cards);
    pages.filter(function (p) { return p.card; }).forEach(function (page) {
      var value = el("span", { class: "card-value", text: "…" });
      var label = el("span", { class: "card-label", text: page.title });
      cards.appendChild(el("li", {}, [el("a", { class: "card", href: "#/" + page.id }, [value, label])]));
      function fill() {
        page.card(api).then(function (card) {
          value.textContent = card.value;
          label.textContent = card.label;
        }, function () { value.textContent = "–"; });
      }
      fill();
      every(30, fill);
    });
    return v;
  }

  function route() {
    if (!signedIn) return;
    stopPolling();
    var parts = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
    var page = pages.filter(function (p) { return p.id === parts[0]; })[0];
    markNav(page ? page.id : "");
    var v = page ? page.render({ view: view, el: el, api: api, toast: toast, status: status, every: every }, parts.slice(1)) : home();
    if (v && v.heading) v.heading.focus();
  }

  function start() {
    document.querySelector("[data-sign-out]").addEventListener("click", signOut);
    window.addEventListener("hashchange", function () { if (linkToken()) showSignIn(); else route(); });
    window.addEventListener("online", function () { setOffline(false); });
    window.addEventListener("offline", function () { setOffline(true); });
    setOffline(!navigator.onLine);
    if ("serviceWorker" in navigator && body.dataset.worker) {
      navigator.serviceWorker.register(body.dataset.worker, { scope: body.dataset.scope }).catch(function () {});
    }
    if (!API) return;  // the page says why
    if (linkToken()) return showSignIn();
    api("/owner/session").then(function (data) {
      if (data.via === "session") startSession(data);
      else showSignIn();
    }, function (err) {
      if (err.status === 0) {
        view("Dashboard").root.appendChild(el("p", { class: "notice", text: "The dashboard needs a connection to sign in. It will work again once you are back online." }));
      } else {
        showSignIn();
      }
    });
  }

  window.FrostfolioDashboard = {
    register: register,
    api: api,  // api(path, {method, body, headers}): the session's CSRF header is added
    toast: toast,
    signedIn: function () { return signedIn; }
  };
  document.addEventListener("DOMContentLoaded", start);
})();
