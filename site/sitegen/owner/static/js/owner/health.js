/* Health: the last deploy, each scheduled job's last run, notifications still to send, recent
   server errors by request id (GET /owner/health); and a whole backup to download
   (GET /owner/export, README "Backups"). Every value goes in with textContent. */
(function () {
  "use strict";

  function when(iso) {
    if (!iso) return "never";
    var date = new Date(iso);
    return isNaN(date) ? iso : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }

  function counts(job) {
    var parts = Object.keys(job.counts || {}).map(function (name) { return name + " " + job.counts[name]; });
    return parts.length ? parts.join(", ") : "nothing to do";
  }

  function problems(data) {
    return data.errors.length + data.jobs.filter(function (job) { return job.ok === false; }).length;
  }

  function saveBackup(ctx, note, button) {
    // fetch, not a plain link: a refusal (too big, signed out) is shown here, not saved as a file.
    button.disabled = true;
    ctx.status(note, "Preparing the backup…");
    fetch(ctx.api.url("/owner/export"), { credentials: "same-origin", cache: "no-store" }).then(function (response) {
      if (!response.ok) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          throw new Error(body.message || "The backup failed (" + response.status + ").");
        });
      }
      var match = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
      var name = match ? match[1] : "frostfolio-backup.jsonl";
      return response.blob().then(function (blob) {
        var url = URL.createObjectURL(blob);
        var link = ctx.el("a", { href: url, download: name, hidden: "" });
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
        ctx.status(note, "Saved " + name + ".", "ok");
      });
    }).catch(function (err) {
      ctx.status(note, err.message, "error");
    }).then(function () { button.disabled = false; });
  }

  function deploySection(el, deploy) {
    var text = deploy
      ? when(deploy.finished_at) + " · stage " + deploy.stage + (deploy.commit ? " · commit " + deploy.commit : "") + (deploy.api ? " · site and API" : " · site only")
      : "No deploy recorded yet (make deploy records one).";
    return el("section", { class: "panel" }, [el("h2", { text: "Last deploy" }), el("p", { text: text })]);
  }

  function jobsSection(el, jobs) {
    var list = el("ul", { class: "devices health", "aria-label": "Scheduled jobs" });
    jobs.forEach(function (job) {
      var state = job.ok === false ? "failed: " + job.error : "ok · " + counts(job);
      var lines = [el("strong", { text: job.job }), el("p", { class: "meta", text: "Last run " + when(job.started_at) + " (" + job.seconds + " s) · " + job.runs + (job.runs === 1 ? " run" : " runs") })];
      if (job.failures) lines.push(el("p", { class: "meta", text: job.failures + " failed, last " + when(job.failed_at) + ": " + (job.last_error || "") }));
      list.appendChild(el("li", {}, [el("div", {}, lines), el("span", { class: job.ok === false ? "status is-error" : "status is-ok", text: state })]));
    });
    var empty = el("p", { class: "meta", text: "No scheduled job has run yet." });
    return el("section", { class: "panel" }, [el("h2", { text: "Scheduled jobs" }), jobs.length ? list : empty]);
  }

  function notificationsSection(el, notes) {
    var text = notes.pending
      ? notes.pending + " to send, the oldest from " + when(notes.oldest) + "."
      : "Nothing waiting to be sent.";
    return el("section", { class: "panel" }, [el("h2", { text: "Notifications" }), el("p", { text: text })]);
  }

  function errorsSection(el, errors) {
    var list = el("ul", { class: "devices health", "aria-label": "Recent server errors" });
    errors.forEach(function (error) {
      list.appendChild(el("li", {}, [
        el("div", {}, [
          el("strong", { text: error.status + " " + error.method + " " + error.path }),
          el("p", { class: "meta", text: when(error.at) + " · " + (error.error || "") + (error.exception ? " (" + error.exception + ")" : "") })
        ]),
        el("code", { text: error.request_id })
      ]));
    });
    var empty = el("p", { class: "meta", text: "No server errors in the last 14 days." });
    return el("section", { class: "panel" }, [
      el("h2", { text: "Recent server errors" }),
      el("p", { class: "hint", text: "Each request id is in the API's log line (CloudWatch) for the details." }),
      errors.length ? list : empty
    ]);
  }

  function render(ctx) {
    var el = ctx.el;
    var v = ctx.view("Health");
    var note = el("p", { class: "status", role: "status" });
    var body = el("div");
    var save = el("button", { type: "button", text: "Download a backup", onclick: function () { saveBackup(ctx, note, save); } });
    v.root.appendChild(el("section", { class: "panel" }, [
      el("h2", { text: "Backup" }),
      el("p", { class: "hint", text: "Every message, RSVP, rating and comment in one JSON Lines file; sessions and sign-in links are never in it. python -m api.backup restore FILE puts it back (README, Backups)." }),
      el("div", { class: "actions" }, [save]),
      note
    ]));
    v.root.appendChild(body);

    function load() {
      ctx.api("/owner/health").then(function (data) {
        body.textContent = "";
        body.appendChild(deploySection(el, data.deploy));
        body.appendChild(jobsSection(el, data.jobs));
        body.appendChild(notificationsSection(el, data.notifications));
        body.appendChild(errorsSection(el, data.errors));
      }, function (err) { ctx.status(note, err.message, "error"); });
    }
    load();
    ctx.every(60, load);
    return v;
  }

  FrostfolioDashboard.register({
    id: "health",
    title: "Health",
    order: 80,
    card: function (api) {
      return api("/owner/health").then(function (data) {
        var count = problems(data);
        return { value: count ? String(count) : "OK", label: count ? "problems (errors, failed jobs)" : "health" };
      });
    },
    render: render
  });
})();
