/* The inbox: contact messages newest first, search, read, reply, mark, delete with undo.
 * New messages appear by asking /inbox every 30 s with If-None-Match: a 304 costs one read. */
(function () {
  "use strict";

  var PAGE = 25;
  var inboxTag = null;
  var pendingDelete = null;

  function when(iso) {
    var date = new Date(iso);
    return isNaN(date) ? iso : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }

  function replyLink(message) {
    var subject = message.subject ? "Re: " + message.subject : "Your message";
    var quoted = message.message.split("\n").map(function (line) { return "> " + line; }).join("\n");
    var body = "\n\n" + message.name + " wrote on " + when(message.created_at) + ":\n" + quoted;
    return "mailto:" + encodeURIComponent(message.email) + "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body);
  }

  function flushDelete(api) {
    // A delete waiting for its undo window is carried out before the page goes away.
    if (!pendingDelete) return;
    var id = pendingDelete.id;
    clearTimeout(pendingDelete.timer);
    pendingDelete = null;
    return api("/messages/" + encodeURIComponent(id), { method: "DELETE", keepalive: true });
  }

  function row(ctx, message) {
    var el = ctx.el;
    var unread = !message.read;
    return el("li", { class: unread ? "is-unread" : null, "data-id": message.id }, [
      el("a", { href: "#/inbox/" + encodeURIComponent(message.id) }, [
        el("span", { class: "message-head" }, [
          el("span", { class: "message-from" }, [
            unread ? el("span", { class: "unread-mark", text: "● " }, []) : null,
            unread ? el("span", { class: "visually-hidden", text: "Unread: " }) : null,
            message.name
          ]),
          el("span", { class: "message-when", text: when(message.created_at) })
        ]),
        el("span", { class: "message-subject message-preview", text: message.subject || "(no subject)" }),
        el("span", { class: "message-preview", text: message.message })
      ])
    ]);
  }

  function list(ctx, query) {
    var el = ctx.el, api = ctx.api;
    var v = ctx.view("Inbox");
    var note = el("p", { class: "status", role: "status" });
    var field = el("input", { id: "inbox-q", type: "search", name: "q", value: query || "", autocomplete: "off" });
    var form = el("form", { class: "search", role: "search", onsubmit: function (event) {
      event.preventDefault();
      var q = field.value.trim();
      location.hash = "#/inbox" + (q ? "/search/" + encodeURIComponent(q) : "");
    } }, [el("label", { for: "inbox-q", class: "visually-hidden", text: "Search messages" }), field, el("button", { type: "submit", text: "Search" })]);
    var items = el("ul", { class: "messages", "aria-label": "Messages" });
    var more = el("button", { type: "button", class: "button-ghost", hidden: true, text: "Show older messages" });
    var exportLink = el("a", { class: "button button-ghost", href: api.url("/messages/export.csv"), download: "", text: "Export CSV" });
    v.root.appendChild(form);
    v.root.appendChild(note);
    v.root.appendChild(items);
    v.root.appendChild(el("div", { class: "actions" }, [more, exportLink]));
    var cursor = null;

    function load(reset) {
      var path = "/messages?limit=" + PAGE + (query ? "&q=" + encodeURIComponent(query) : "") + (!reset && cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
      return api(path).then(function (data) {
        if (reset) items.textContent = "";
        data.messages.forEach(function (m) {
          if (!pendingDelete || pendingDelete.id !== m.id) items.appendChild(row(ctx, m));
        });
        cursor = data.next_cursor;
        more.hidden = !cursor;
        if (!items.children.length) ctx.status(note, query ? "No message matches “" + query + "”." : "No messages yet.");
        else ctx.status(note, query ? items.children.length + " found." : "");
      }, function (err) { ctx.status(note, err.message, "error"); });
    }
    more.addEventListener("click", function () { load(false); });
    load(true);
    if (!query) {
      ctx.every(30, function () {
        api("/inbox", { etag: inboxTag }).then(function (data) {
          if (data.notModified) return;
          var first = inboxTag === null;
          inboxTag = data.etag;
          if (!first) { cursor = null; load(true); }
        }, function () {});
      });
    }
    return v;
  }

  function show(ctx, id) {
    var el = ctx.el, api = ctx.api;
    var v = ctx.view("Message");
    var note = el("p", { class: "status", role: "status" });
    v.root.appendChild(note);
    api("/messages/" + encodeURIComponent(id)).then(function (data) {
      var message = data.message;
      v.heading.textContent = message.subject || "Message from " + message.name;
      var toggle = el("button", { type: "button", class: "button-ghost" });
      function setRead(read) {
        message.read = read;
        toggle.textContent = read ? "Mark unread" : "Mark read";
      }
      setRead(message.read);
      toggle.addEventListener("click", function () {
        api("/messages/" + encodeURIComponent(id), { method: "PATCH", body: { read: !message.read } }).then(
          function (done) { setRead(done.message.read); ctx.toast(done.message.read ? "Marked read." : "Marked unread."); },
          function (err) { ctx.status(note, err.message, "error"); }
        );
      });
      var remove = el("button", { type: "button", class: "button-danger", text: "Delete", onclick: function () {
        flushDelete(api);
        pendingDelete = { id: id, api: api, timer: setTimeout(function () { flushDelete(api).then(null, function (err) { ctx.toast(err.message); }); }, 6000) };
        location.hash = "#/inbox";
        ctx.toast("Message deleted.", { label: "Undo", ms: 6000, run: function () {
          clearTimeout(pendingDelete.timer);
          pendingDelete = null;
          location.hash = "#/inbox/" + encodeURIComponent(id);
        } });
      } });
      v.root.insertBefore(el("p", { class: "meta" }, [
        "From ", el("strong", { text: message.name }), " <", el("a", { href: "mailto:" + encodeURIComponent(message.email), text: message.email }), "> · ", when(message.created_at)
      ]), note);
      v.root.insertBefore(el("div", { class: "message-body panel", text: message.message }), note);
      v.root.insertBefore(el("div", { class: "actions" }, [
        el("a", { class: "button", href: replyLink(message), text: "Reply" }), toggle, remove,
        el("a", { class: "button button-ghost", href: "#/inbox", text: "Back to inbox" })
      ]), note);
      if (!message.read) {
        api("/messages/" + encodeURIComponent(id), { method: "PATCH", body: { read: true } }).then(function (done) { setRead(done.message.read); }, function () {});
      }
    }, function (err) { ctx.status(note, err.status === 404 ? "This message is gone." : err.message, "error"); });
    return v;
  }

  window.addEventListener("pagehide", function () { if (pendingDelete && pendingDelete.api) flushDelete(pendingDelete.api); });

  FrostfolioDashboard.register({
    id: "inbox",
    title: "Inbox",
    order: 10,
    card: function (api) {
      return api("/inbox").then(function (data) {
        return { value: String(data.unread), label: data.unread === 1 ? "unread message" : "unread messages (" + data.total + " in all)" };
      });
    },
    render: function (ctx, rest) {
      if (rest[0] === "search" && rest[1]) return list(ctx, rest[1]);
      if (rest[0]) return show(ctx, rest[0]);
      return list(ctx, "");
    }
  });
})();
