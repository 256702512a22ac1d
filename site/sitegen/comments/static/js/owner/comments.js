/* Comments in the owner's dashboard (sitegen.comments, docs/comments.md): the moderation
 * queue (pending first; approved and rejected as filters), approve, reject, edit the text,
 * delete with six seconds to undo, reply as the author; a home card with the number
 * waiting. Names, emails and texts go in as text; a comment's HTML only through
 * DOMPurify (vendor/purify.min.js, loaded before this script). */
(function () {
  "use strict";

  var FILTERS = [["pending", "Pending"], ["approved", "Approved"], ["rejected", "Rejected"]];
  var NAME_KEY = "frostfolio.owner-name";
  var pendingDelete = null;

  function when(iso) {
    var date = new Date(iso);
    return isNaN(date) ? iso : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }

  function cleanBody(ctx, comment) {
    // The API's html is already cleaned by nh3; DOMPurify is the browser's own check.
    var box = ctx.el("div", { class: "comment-text" });
    if (!window.DOMPurify) {
      box.textContent = comment.text;
      return box;
    }
    var fragment = window.DOMPurify.sanitize(comment.html || "", {
      ALLOWED_TAGS: ["p", "br", "em", "strong", "code", "pre", "a", "blockquote"],
      ALLOWED_ATTR: ["href"],
      ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
      RETURN_DOM_FRAGMENT: true
    });
    Array.prototype.forEach.call(fragment.querySelectorAll("a"), function (a) {
      a.setAttribute("rel", "nofollow ugc noopener");
      a.setAttribute("target", "_blank");
    });
    box.appendChild(fragment);
    return box;
  }

  function flushDelete(api) {
    if (!pendingDelete) return;
    var id = pendingDelete.id;
    clearTimeout(pendingDelete.timer);
    pendingDelete = null;
    return api("/owner/comments/" + encodeURIComponent(id), { method: "DELETE", keepalive: true });
  }

  function pageLink(ctx, comment) {
    var page = comment.page || {};
    var site = (document.body.dataset.site || "/").replace(/\/$/, "");
    var title = page.title || comment.thread;
    if (!page.url) return ctx.el("span", { text: title });
    return ctx.el("a", { href: site + page.url + "#comment-" + comment.id, text: title });
  }

  function item(ctx, comment, status, reload) {
    var el = ctx.el, api = ctx.api;
    var note = el("p", { class: "status", role: "status" });
    var li = el("li", { class: "comment-item", "data-id": comment.id });
    var text = cleanBody(ctx, comment);
    var head = el("p", { class: "comment-meta" }, [
      el("strong", { text: comment.name }),
      comment.author ? el("span", { class: "badge", text: "Author" }) : null,
      comment.email ? el("span", { class: "comment-email", text: comment.email }) : null,
      el("span", { text: " on " }), pageLink(ctx, comment),
      el("span", { class: "comment-when", text: " · " + when(comment.created) }),
      comment.rating ? el("span", { class: "comment-stars", text: " · " + comment.rating + " of 5 stars" }) : null
    ]);

    function moderate(to) {
      return api("/owner/comments/" + encodeURIComponent(comment.id), { method: "PATCH", body: { status: to } }).then(function () {
        ctx.toast(to === "approved" ? "Approved: " + comment.name : "Rejected: " + comment.name);
        li.remove();
        reload(false);
      }, function (err) { ctx.status(note, err.message, "error"); });
    }

    var editor = null;
    function edit() {
      if (editor) { editor.remove(); editor = null; return; }
      var area = el("textarea", { id: "edit-" + comment.id, rows: "5", maxlength: "5000" });
      area.value = comment.text;
      editor = el("form", { class: "panel comment-edit", onsubmit: function (event) {
        event.preventDefault();
        api("/owner/comments/" + encodeURIComponent(comment.id), { method: "PATCH", body: { text: area.value } }).then(function (data) {
          comment = data.comment;
          text.replaceWith(text = cleanBody(ctx, comment));
          editor.remove(); editor = null;
          ctx.status(note, "Saved.", "ok");
        }, function (err) { ctx.status(note, err.message, "error"); });
      } }, [
        el("label", { for: "edit-" + comment.id, text: "Text of " + comment.name + "'s comment" }), area,
        el("div", { class: "actions" }, [el("button", { type: "submit", text: "Save" }), el("button", { type: "button", class: "button-ghost", text: "Cancel", onclick: edit })])
      ]);
      li.insertBefore(editor, note);
      area.focus();
    }

    var replier = null;
    function reply() {
      if (replier) { replier.remove(); replier = null; return; }
      var name = el("input", { id: "reply-name-" + comment.id, maxlength: "100", autocomplete: "name", required: true });
      var area = el("textarea", { id: "reply-" + comment.id, rows: "4", maxlength: "5000", required: true });
      try { name.value = localStorage.getItem(NAME_KEY) || ""; } catch (e) { /* storage off */ }
      replier = el("form", { class: "panel comment-reply", onsubmit: function (event) {
        event.preventDefault();
        try { localStorage.setItem(NAME_KEY, name.value.trim()); } catch (e) { /* storage off */ }
        var body = { name: name.value.trim(), text: area.value, parent: comment.id };
        api("/threads/" + comment.thread + "/comments", { method: "POST", body: body }).then(function () {
          replier.remove(); replier = null;
          ctx.status(note, "Your reply is on the page, marked Author.", "ok");
        }, function (err) { ctx.status(note, err.message, "error"); });
      } }, [
        el("label", { for: "reply-name-" + comment.id, text: "Your name" }), name,
        el("label", { for: "reply-" + comment.id, text: "Reply to " + comment.name }), area,
        el("div", { class: "actions" }, [el("button", { type: "submit", text: "Post reply" }), el("button", { type: "button", class: "button-ghost", text: "Cancel", onclick: reply })])
      ]);
      li.insertBefore(replier, note);
      area.focus();
    }

    function remove() {
      flushDelete(api);
      li.hidden = true;
      pendingDelete = { id: comment.id, timer: setTimeout(function () { flushDelete(api).then(function () { li.remove(); }, function (err) { li.hidden = false; ctx.status(note, err.message, "error"); }); }, 6000) };
      ctx.toast("Deleted " + comment.name + "'s comment.", { label: "Undo", ms: 6000, run: function () {
        clearTimeout(pendingDelete && pendingDelete.timer);
        pendingDelete = null;
        li.hidden = false;
      } });
    }

    var buttons = [];
    if (status !== "approved") buttons.push(el("button", { type: "button", text: "Approve", onclick: function () { moderate("approved"); } }));
    if (status !== "rejected") buttons.push(el("button", { type: "button", class: "button-ghost", text: "Reject", onclick: function () { moderate("rejected"); } }));
    buttons.push(el("button", { type: "button", class: "button-ghost", text: "Edit", onclick: edit }));
    if (status === "approved") buttons.push(el("button", { type: "button", class: "button-ghost", text: "Reply", onclick: reply }));
    buttons.push(el("button", { type: "button", class: "button-ghost", text: "Delete", onclick: remove }));
    buttons.forEach(function (b) { b.appendChild(el("span", { class: "visually-hidden", text: " " + comment.name + "'s comment" })); });
    li.appendChild(head);
    li.appendChild(text);
    li.appendChild(el("div", { class: "actions" }, buttons));
    li.appendChild(note);
    return li;
  }

  function queue(ctx, rest) {
    var el = ctx.el, api = ctx.api;
    var status = FILTERS.some(function (f) { return f[0] === rest[0]; }) ? rest[0] : "pending";
    var v = ctx.view("Comments");
    var tabs = el("ul", { class: "filters" }, FILTERS.map(function (f) {
      return el("li", {}, [el("a", { href: "#/comments/" + f[0], "aria-current": f[0] === status ? "page" : null, text: f[1] })]);
    }));
    var note = el("p", { class: "status", role: "status" });
    var items = el("ul", { class: "comments-queue", "aria-label": FILTERS.filter(function (f) { return f[0] === status; })[0][1] + " comments" });
    var more = el("button", { type: "button", class: "button-ghost", hidden: true, text: "Show more" });
    v.root.appendChild(el("nav", { "aria-label": "Comments by status" }, [tabs]));
    v.root.appendChild(note);
    v.root.appendChild(items);
    v.root.appendChild(el("div", { class: "actions" }, [more]));
    var cursor = null;

    function load(reset) {
      var path = "/owner/comments?status=" + status + (!reset && cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
      return api(path).then(function (data) {
        if (reset) items.textContent = "";
        data.comments.forEach(function (c) {
          if (!pendingDelete || pendingDelete.id !== c.id) items.appendChild(item(ctx, c, status, reload));
        });
        cursor = data.next_cursor;
        more.hidden = !cursor;
        if (!items.children.length) ctx.status(note, status === "pending" ? "Nothing waits for you." : "No " + status + " comments.");
        else ctx.status(note, "");
      }, function (err) { ctx.status(note, err.message, "error"); });
    }

    function reload(reset) {
      if (!items.children.length || reset) load(true);
    }

    more.addEventListener("click", function () { load(false); });
    window.addEventListener("pagehide", function () { flushDelete(api); }, { once: true });
    load(true);
    if (status === "pending") ctx.every(30, function () { if (!items.querySelector("form")) load(true); });
    return v;
  }

  window.FrostfolioDashboard.register({
    id: "comments",
    title: "Comments",
    order: 30,
    card: function (api) {
      return api("/owner/comments/summary").then(function (data) {
        var n = data.pending || 0;
        return { value: String(n), label: n === 1 ? "comment waiting" : "comments waiting" };
      });
    },
    render: queue
  });
})();
