/* Training: import GPX, TCX and FIT files (one, several, or a zip such as a Strava export)
 * through POST /training/imports (multipart, parts named "file"), then one line per file:
 * created (with a link to the workout), already imported, or what is wrong with it. */
(function () {
  "use strict";

  var T = window.FrostfolioTraining;
  var WORDS = { created: "Imported", duplicate: "Already imported", error: "Not imported" };

  /* The session's CSRF token (GET /owner/session), then the upload with it. */
  function upload(ctx, files) {
    return ctx.api(T.paths.session).then(function (session) {
      var form = new FormData();
      Array.prototype.forEach.call(files, function (file) { form.append("file", file, file.name); });
      return fetch(ctx.api.url(T.paths.imports), {
        method: "POST",
        body: form,
        credentials: "same-origin",
        cache: "no-store",
        headers: { Accept: "application/json", "X-CSRF-Token": session.csrf || "" }
      });
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok && !(data && data.results)) {
          var err = new Error(data.message || "The server answered " + response.status + ".");
          err.body = data;
          err.status = response.status;
          throw err;
        }
        return data;
      });
    });
  }

  function results(ctx, list, data) {
    var el = ctx.el;
    list.textContent = "";
    (data.results || []).forEach(function (r) {
      var link = r.workout_id ? el("a", { href: "#/training/workouts/" + encodeURIComponent(r.workout_id), text: "open" }) : null;
      list.appendChild(el("li", { class: "training-result is-" + r.status }, [
        el("strong", { text: r.file }), el("span", { text: " — " + (WORDS[r.status] || r.status) }),
        r.message && r.status !== "created" ? el("span", { text: ": " + r.message }) : null,
        link ? el("span", { text: " " }) : null, link
      ]));
    });
  }

  function importView(ctx, root) {
    var el = ctx.el;
    root.appendChild(el("h2", { text: "Import files" }));
    root.appendChild(el("p", { text: "GPX, TCX or FIT files, gzipped or not, or a zip of them (a Strava bulk export works). The same file twice is one workout." }));
    var note = el("p", { class: "status", role: "status" });
    var list = el("ul", { class: "training-results", "aria-label": "Results per file" });
    var picker = el("input", { type: "file", id: "t-files", name: "file", multiple: true, accept: ".gpx,.tcx,.fit,.gz,.zip" });
    var form = el("form", { class: "training-form" }, [
      el("div", { class: "field" }, [el("label", { for: "t-files", text: "Files" }), picker]),
      el("button", { type: "submit", class: "button", text: "Import" }),
      note
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!picker.files.length) { ctx.status(note, "Choose at least one file.", "error"); picker.focus(); return; }
      if (!navigator.onLine) { ctx.status(note, "Files are imported online only: try again with a connection.", "error"); return; }
      var button = form.querySelector("button");
      button.disabled = true;
      ctx.status(note, "Importing " + picker.files.length + (picker.files.length === 1 ? " file…" : " files…"));
      upload(ctx, picker.files).then(function (data) {
        results(ctx, list, data);
        var c = data.created || 0, d = data.duplicate || 0, e = data.error || 0;
        ctx.status(note, c + " imported, " + d + " already there, " + e + " with problems.", e ? "error" : "ok");
        form.reset();
      }, function (err) {
        var fields = err.body && err.body.fields;
        if (fields) results(ctx, list, { results: Object.keys(fields).map(function (f) { return { file: f, status: "error", message: fields[f] }; }) });
        ctx.status(note, err.message, "error");
      }).then(function () { button.disabled = false; });
    });
    root.appendChild(form);
    root.appendChild(list);
  }

  T.add({ id: "import", title: "Import", render: importView });
})();
