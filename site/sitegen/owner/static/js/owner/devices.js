/* Signed-in devices: which ones, when last seen; sign one out, or all of them. */
(function () {
  "use strict";

  function when(iso) {
    var date = new Date(iso);
    return isNaN(date) ? iso : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }

  function render(ctx) {
    var el = ctx.el, api = ctx.api;
    var v = ctx.view("Devices");
    var note = el("p", { class: "status", role: "status" });
    var items = el("ul", { class: "devices", "aria-label": "Signed-in devices" });
    var all = el("button", { type: "button", class: "button-danger", text: "Sign out everywhere", onclick: function () {
      if (!window.confirm("Sign out every device, this one too?")) return;
      api("/owner/sessions", { method: "DELETE" }).then(function () { location.reload(); }, function (err) { ctx.status(note, err.message, "error"); });
    } });
    v.root.appendChild(el("p", { class: "meta", text: "Each device stays signed in for 30 days after it was last used." }));
    v.root.appendChild(items);
    v.root.appendChild(note);
    v.root.appendChild(el("div", { class: "actions" }, [all]));

    function load() {
      api("/owner/sessions").then(function (data) {
        items.textContent = "";
        data.sessions.forEach(function (device) {
          var out = el("button", { type: "button", class: "button-ghost", text: device.current ? "Sign out this device" : "Sign out", onclick: function () {
            api("/owner/sessions/" + encodeURIComponent(device.id), { method: "DELETE" }).then(function () {
              if (device.current) location.reload();
              else { ctx.toast("Signed out " + device.label + "."); load(); }
            }, function (err) { ctx.status(note, err.message, "error"); });
          } });
          items.appendChild(el("li", {}, [
            el("div", {}, [
              el("strong", { text: device.label }), device.current ? " (this device)" : "",
              el("p", { class: "meta", text: "Signed in " + when(device.created_at) + " · last seen " + when(device.last_seen) })
            ]),
            out
          ]));
        });
      }, function (err) { ctx.status(note, err.message, "error"); });
    }
    load();
    return v;
  }

  FrostfolioDashboard.register({ id: "devices", title: "Devices", order: 90, render: render });
})();
