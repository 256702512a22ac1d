/* Comments under a page, progressively enhanced (sitegen.comments, docs/comments.md).
   Without this script the page shows the comments baked in at build time and the
   form is a plain POST to the API. With it: the live thread from the API, replies
   (the form moves under the comment), upvotes, posting in place. Every comment's
   HTML (already cleaned by the API) passes through DOMPurify, loaded only when a
   thread has comments; names and dates go in as text. */
(function () {
  "use strict";
  var section = document.querySelector("[data-comments]");
  if (!section || !window.fetch || !window.Promise) return;

  var MAX_DEPTH = 3;
  var VISITOR_KEY = "frostfolio.visitor"; // shared with the recipes' ratings
  var VOTES_KEY = "frostfolio.comment-votes";
  var api = (section.getAttribute("data-api") || "").replace(/\/+$/, "");
  var thread = section.getAttribute("data-thread");
  var open = section.hasAttribute("data-open");
  var list = section.querySelector("[data-comments-list]");
  var empty = section.querySelector("[data-comments-empty]");
  var count = section.querySelector("[data-count]");
  var form = section.querySelector("[data-comment-form]");
  var purifying = null;

  function store(key, value) {
    try {
      if (value === undefined) return window.localStorage.getItem(key);
      window.localStorage.setItem(key, value);
    } catch (e) { /* storage off: the API falls back to the client's address */ }
    return null;
  }

  function visitor() {
    var id = store(VISITOR_KEY);
    if (id && /^[A-Za-z0-9_-]{16,64}$/.test(id)) return id;
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    id = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    store(VISITOR_KEY, id);
    return store(VISITOR_KEY) === id ? id : null;
  }

  function voted() {
    try { return JSON.parse(store(VOTES_KEY) || "{}") || {}; } catch (e) { return {}; }
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function call(path, options) {
    options = options || {};
    var init = { method: options.method || "GET", headers: { Accept: "application/json" } };
    if (options.body) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(options.body);
    }
    return fetch(api + path, init).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    });
  }

  function purifier() {
    // DOMPurify (vendor/purify.min.js) is fetched once, only when there is HTML to show.
    if (window.DOMPurify) return Promise.resolve(window.DOMPurify);
    if (!purifying) {
      purifying = new Promise(function (resolve, reject) {
        var script = el("script", { src: section.getAttribute("data-purify") });
        script.onload = function () { return window.DOMPurify ? resolve(window.DOMPurify) : reject(); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return purifying;
  }

  function body(html, text, purify) {
    var div = el("div", { class: "comment-body" });
    if (!purify) {
      text.split(/\n{2,}/).forEach(function (para) { div.appendChild(el("p", {}, para)); });
      return div;
    }
    var clean = purify.sanitize(html || "", {
      ALLOWED_TAGS: ["p", "br", "em", "strong", "code", "pre", "a", "blockquote"],
      ALLOWED_ATTR: ["href"],
      ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
      RETURN_DOM_FRAGMENT: true
    });
    Array.prototype.forEach.call(clean.querySelectorAll("a"), function (a) {
      a.setAttribute("rel", "nofollow ugc noopener");
    });
    div.appendChild(clean);
    return div;
  }

  function when(iso) {
    var date = new Date(iso);
    if (isNaN(date)) return null;
    var t = el("time", { datetime: iso }, date.toLocaleDateString(document.documentElement.lang || undefined, { day: "numeric", month: "long", year: "numeric" }));
    return t;
  }

  function votesText(n) { return n + (n === 1 ? " upvote" : " upvotes"); }

  function card(c, purify, replyTo) {
    var li = el("li", { class: "comment" + (c.author ? " is-author" : ""), id: "comment-" + c.id, "data-id": c.id });
    var article = el("article", { class: "comment-card", "aria-labelledby": "comment-" + c.id + "-by" });
    var head = el("p", { class: "comment-head" });
    head.appendChild(el("span", { class: "comment-by", id: "comment-" + c.id + "-by" }, c.name));
    if (c.author) head.appendChild(el("span", { class: "badge comment-author" }, "Author"));
    if (replyTo) head.appendChild(el("span", { class: "meta" }, "in reply to " + replyTo));
    var time = when(c.created);
    if (time) {
      var link = el("a", { class: "meta comment-when", href: "#comment-" + c.id });
      link.appendChild(time);
      head.appendChild(link);
    }
    article.appendChild(head);
    if (c.rating >= 1 && c.rating <= 5) {
      var stars = el("p", { class: "comment-rating" });
      stars.appendChild(el("span", { "aria-hidden": "true" }, "★★★★★".slice(0, c.rating) + "☆☆☆☆☆".slice(c.rating)));
      stars.appendChild(el("span", { class: "visually-hidden" }, "Rated " + c.rating + " out of 5"));
      article.appendChild(stars);
    }
    article.appendChild(body(c.html, c.text || "", purify));
    article.appendChild(actions(c));
    li.appendChild(article);
    return li;
  }

  function actions(c) {
    var foot = el("p", { class: "comment-foot meta", "data-actions": "" });
    var mine = !!voted()[c.id];
    var up = el("button", { type: "button", class: "button button-ghost", "aria-pressed": mine ? "true" : "false", "data-vote": c.id });
    up.appendChild(el("span", { "aria-hidden": "true" }, "▲ "));
    up.appendChild(el("span", { "data-votes": "" }, votesText(c.votes || 0)));
    up.appendChild(el("span", { class: "visually-hidden" }, " for " + c.name));
    up.addEventListener("click", function () { vote(up, c.id); });
    foot.appendChild(up);
    if (open && form) {
      var reply = el("button", { type: "button", class: "button button-ghost", "data-reply": c.id }, "Reply");
      reply.appendChild(el("span", { class: "visually-hidden" }, " to " + c.name));
      reply.addEventListener("click", function () { replyTo(c.id, c.name); });
      foot.appendChild(reply);
    }
    return foot;
  }

  function draw(comments, purify) {
    // Oldest first; replies under their comment, at most MAX_DEPTH deep (as the build does).
    var nodes = {};
    list.textContent = "";
    comments.slice().sort(function (a, b) {
      return a.created < b.created ? -1 : a.created > b.created ? 1 : (a.id < b.id ? -1 : 1);
    }).forEach(function (c) {
      var parent = c.parent ? nodes[c.parent] : null;
      var holder = parent, replyName = null;
      if (parent && parent.depth >= MAX_DEPTH && parent.holder) {
        holder = parent.holder;
        replyName = parent.name;
      }
      var li = card(c, purify, replyName);
      var node = { li: li, depth: holder ? holder.depth + 1 : 1, holder: holder, name: c.name };
      if (!holder) {
        list.appendChild(li);
      } else {
        var sub = holder.li.querySelector(":scope > ol");
        if (!sub) { sub = el("ol", { class: "comment-list" }); holder.li.appendChild(sub); }
        sub.appendChild(li);
      }
      nodes[c.id] = node;
    });
    if (count) count.textContent = "(" + comments.length + ")";
    if (empty) empty.hidden = comments.length > 0;
  }

  function load() {
    return call("/threads/" + thread + "/comments").then(function (result) {
      if (result.status !== 200 || !result.data.ok) return;
      var comments = result.data.comments || [];
      var ready = comments.length ? purifier().catch(function () { return null; }) : Promise.resolve(null);
      return ready.then(function (purify) {
        // A reply begun under a baked comment stays under it, focus and text kept.
        var parent = form ? form.elements.parent.value : "";
        var focused = form && form.contains(document.activeElement) ? document.activeElement : null;
        if (form && list.contains(form)) home.parentNode.insertBefore(form, home);
        draw(comments, purify);
        enhanceBaked();
        var under = parent && document.getElementById("comment-" + parent);
        if (under) under.querySelector(".comment-card").after(form);
        else if (parent) cancelReply();
        if (focused) focused.focus();
      });
    });
  }

  function enhanceBaked() {
    // Baked comments (the page as built) get their buttons too.
    Array.prototype.forEach.call(list.querySelectorAll("[data-actions]"), function (foot) {
      if (foot.querySelector("button")) return;
      var li = foot.closest("li");
      var votes = parseInt((foot.textContent.match(/\d+/) || ["0"])[0], 10);
      foot.replaceWith(actions({ id: li.getAttribute("data-id"), name: li.getAttribute("data-name") || "", votes: votes }));
    });
  }

  function vote(button, id) {
    var id_ = visitor();
    var withdraw = button.getAttribute("aria-pressed") === "true";
    button.disabled = true;
    call("/comments/" + encodeURIComponent(id) + "/vote", { method: withdraw ? "DELETE" : "PUT", body: id_ ? { visitor: id_ } : {} })
      .then(function (result) {
        if (result.status !== 200 || typeof result.data.votes !== "number") {
          say(result.data.message || "Your vote could not be counted; please try again.", "error");
          return;
        }
        var mine = voted();
        if (withdraw) delete mine[id]; else mine[id] = 1;
        store(VOTES_KEY, JSON.stringify(mine));
        button.setAttribute("aria-pressed", withdraw ? "false" : "true");
        button.querySelector("[data-votes]").textContent = votesText(result.data.votes);
      }, function () { say("Could not reach the server; please try again.", "error"); })
      .then(function () { button.disabled = false; });
  }

  /* --- the form: replies, token, posting in place --- */
  var status = form && form.querySelector("[data-comment-status]");
  var home = form && document.createComment("comment form");
  var tokenReadyAt = 0;

  function say(text, kind) {
    if (!status) return;
    status.textContent = text;
    status.className = "form-status" + (kind ? " is-" + kind : "");
  }

  function replyTo(id, name) {
    var li = document.getElementById("comment-" + id);
    if (!li) return;
    if (!home.parentNode) form.parentNode.insertBefore(home, form);
    li.querySelector(".comment-card").after(form);
    form.elements.parent.value = id;
    var replying = form.querySelector("[data-replying]");
    form.querySelector("[data-replying-text]").textContent = "Replying to " + name + ".";
    replying.hidden = false;
    form.elements.text.focus();
  }

  function cancelReply() {
    if (!form) return;
    form.elements.parent.value = "";
    form.querySelector("[data-replying]").hidden = true;
    if (home && home.parentNode) home.parentNode.insertBefore(form, home);
  }

  function fetchToken() {
    return call("/comments/token").then(function (result) {
      if (!result.data.token) throw new Error("no token");
      form.elements.token.value = result.data.token;
      tokenReadyAt = Date.now() + (result.data.min_age || 0) * 1000;
    });
  }

  function payload() {
    var f = form.elements;
    var data = { name: f.name.value, text: f.text.value, token: f.token.value, website: f.website.value, notify: f.notify.checked };
    if (f.email.value) data.email = f.email.value;
    if (f.parent.value) data.parent = f.parent.value;
    var rating = form.querySelector("input[name=rating]:checked");
    if (rating) data.rating = parseInt(rating.value, 10);
    var id = visitor();
    if (id) data.visitor = id;
    return data;
  }

  function fieldErrors(fields) {
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (n) { n.removeAttribute("aria-invalid"); });
    var first = null;
    Object.keys(fields || {}).forEach(function (name) {
      var input = form.elements[name];
      if (input && input.setAttribute && name !== "website") {
        input.setAttribute("aria-invalid", "true");
        if (!first) first = input;
      }
    });
    if (first) first.focus();
  }

  function posted(result) {
    var data = result.data || {};
    if (result.status === 201 && data.ok) {
      var pending = data.status === "pending";
      form.elements.text.value = "";
      Array.prototype.forEach.call(form.querySelectorAll("input[name=rating]"), function (r) { r.checked = false; });
      cancelReply();
      say(data.message || (pending ? "Thank you: it shows here once the author approves it." : "Thank you: your comment is published."), "success");
      fetchToken().catch(function () {});
      if (pending) return;
      return load().then(function () {
        var mine = data.comment && document.getElementById("comment-" + data.comment.id);
        if (mine) { mine.setAttribute("tabindex", "-1"); mine.focus(); }
      });
    }
    if (data.fields && data.fields.token) fetchToken().catch(function () {});
    fieldErrors(data.fields);
    var extra = Object.keys(data.fields || {}).map(function (k) { return data.fields[k]; }).join(" ");
    say((data.message || "Your comment could not be posted; please try again.") + (extra && extra !== data.message ? " " + extra : ""), "error");
  }

  if (form) {
    var button = form.querySelector("button[type=submit]");
    form.querySelector("[data-cancel-reply]").addEventListener("click", function () {
      var parent = form.elements.parent.value;
      cancelReply();
      var back = parent && document.querySelector("#comment-" + CSS.escape(parent) + " [data-reply]");
      if (back) back.focus();
    });
    form.addEventListener("focusin", function () {
      if (!form.elements.token.value) fetchToken().catch(function () {});
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      button.disabled = true;
      form.setAttribute("aria-busy", "true");
      say("Sending…");
      (form.elements.token.value ? Promise.resolve() : fetchToken())
        .then(function () { return new Promise(function (r) { setTimeout(r, Math.max(0, tokenReadyAt - Date.now())); }); })
        .then(function () { return call("/threads/" + thread + "/comments", { method: "POST", body: payload() }); })
        .then(posted)
        .catch(function () { say("Could not reach the server. Your text is still here: please try again.", "error"); })
        .then(function () { button.disabled = false; form.removeAttribute("aria-busy"); });
    });
  }

  if (/[?&]comment=pending\b/.test(location.search)) {
    var note = document.getElementById("comment-pending");
    if (note) { note.classList.add("is-shown"); note.focus(); }
  }
  enhanceBaked();
  load().catch(function () { /* the baked comments stay */ });
})();
