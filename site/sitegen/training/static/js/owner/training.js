/* The training log in the owner's dashboard (sitegen.training, docs/training.md): the
 * Training page with its sub-pages and the home card (this week's distance and time
 * against the weekly goal). Shared helpers live on window.FrostfolioTraining; the other
 * training-*.js scripts, loaded after this one, add the sub-pages:
 *   training-log.js     quick log form (offline queue), workout list and edit
 *   training-import.js  GPX/TCX/FIT/zip upload with per-file results
 *   training-stats.js   weekly/monthly totals, records, streaks, body weight, charts
 *   training-goals.js   goals with progress, what is public, privacy zones
 * Every value goes into the page as text (ctx.el's `text`), never as HTML. */
(function () {
  "use strict";

  var T = window.FrostfolioTraining = { views: [] };
  T.SPORTS = ["run", "ride", "swim", "walk", "hike", "strength", "yoga"];
  T.paths = {
    workouts: "/training/workouts",
    workout: function (id) { return "/training/workouts/" + encodeURIComponent(id); },
    gear: "/training/gear",
    imports: "/training/imports",
    totals: "/training/totals",
    records: "/training/records",
    streaks: "/training/streaks",
    goals: "/training/goals",
    goal: function (id) { return "/training/goals/" + encodeURIComponent(id); },
    body: "/training/body",
    settings: "/training/settings",
    dashboard: "/training/dashboard",
    session: "/owner/session"
  };

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  T.pad = pad;

  /* 5012 → "5.01 km"; 850 → "850 m". */
  T.km = function (metres) {
    var m = Number(metres) || 0;
    if (m < 1000) return Math.round(m) + " m";
    return (m / 1000).toLocaleString(undefined, { maximumFractionDigits: m >= 100000 ? 0 : 2 }) + " km";
  };

  /* 3725 → "1:02:05"; 1294 → "21:34". */
  T.clock = function (seconds) {
    var s = Math.round(Number(seconds) || 0), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return (h ? h + ":" + pad(m) : String(m)) + ":" + pad(s % 60);
  };

  /* Pace (min/km) for runs and walks, speed (km/h) for the rest. */
  T.pace = function (sport, metres, seconds) {
    if (!metres || !seconds) return "";
    if (sport === "run" || sport === "walk" || sport === "hike") return T.clock(seconds / (metres / 1000)) + " /km";
    if (sport === "swim") return T.clock(seconds / (metres / 100)) + " /100 m";
    return (metres / seconds * 3.6).toFixed(1) + " km/h";
  };

  T.sportName = function (sport) {
    var text = String(sport || "workout").replace(/-/g, " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  };

  /* A Date as the value of <input type="datetime-local"> (local time, minutes). */
  T.localInput = function (date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) +
      "T" + pad(date.getHours()) + ":" + pad(date.getMinutes());
  };

  /* "2026-12-07T08:30" typed on this device → "2026-12-07T08:30:00+01:00" (the API wants the offset). */
  T.withOffset = function (local) {
    var date = new Date(local);
    if (isNaN(date)) return null;
    var off = -date.getTimezoneOffset(), sign = off < 0 ? "-" : "+";
    off = Math.abs(off);
    return local.slice(0, 16) + ":00" + sign + pad(Math.floor(off / 60)) + ":" + pad(off % 60);
  };

  T.day = function (iso) {
    var date = new Date(iso);
    return isNaN(date) ? String(iso || "") : date.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
  };

  /* "1:02:05", "62:05", "62" (minutes) → seconds, or null. */
  T.seconds = function (typed) {
    var parts = String(typed || "").trim().split(":");
    if (!parts[0] || parts.length > 3 || parts.some(function (p) { return !/^\d+$/.test(p); })) return null;
    if (parts.length === 1) return +parts[0] * 60;
    return parts.reduce(function (sum, p) { return sum * 60 + +p; }, 0);
  };

  /* Send a change through the dashboard's offline queue (docs/dashboard.md, "Offline
   * entries"), or straight to the API where the queue is missing. */
  T.send = function (ctx, method, path, body, label) {
    var queue = window.FrostfolioDashboard && window.FrostfolioDashboard.queue;
    if (queue && queue.send) return queue.send(method, path, body, { label: label });
    return ctx.api(path, { method: method, body: body });
  };

  /* A table: headers and rows of text. */
  T.table = function (ctx, caption, headers, rows) {
    var el = ctx.el;
    var table = el("table", { class: "training-table" }, [
      caption ? el("caption", { text: caption }) : null,
      el("thead", {}, [el("tr", {}, headers.map(function (h) { return el("th", { scope: "col", text: h }); }))]),
      el("tbody", {}, rows.map(function (row) {
        return el("tr", {}, row.map(function (cell, i) { return el(i ? "td" : "th", i ? { text: cell } : { scope: "row", text: cell }); }));
      }))
    ]);
    return el("div", { class: "table-scroll", role: "region", tabindex: "0", "aria-label": caption || headers.join(", ") }, [table]);
  };

  /* A chart with its table alternative (FrostfolioCharts, docs/dashboard.md "Charts"); only
   * the table while the chart library is missing. */
  T.chart = function (ctx, container, spec) {
    if (window.FrostfolioCharts && window.FrostfolioCharts.draw) return window.FrostfolioCharts.draw(container, spec);
    var headers = [spec.labelName || ""].concat(spec.series.map(function (s) { return s.name + (spec.unit ? " (" + spec.unit + ")" : ""); }));
    var rows = spec.labels.map(function (label, i) {
      return [String(label)].concat(spec.series.map(function (s) { return String(s.values[i]); }));
    });
    container.appendChild(ctx.el("figure", { class: "training-chart" }, [
      ctx.el("figcaption", { text: spec.title }), T.table(ctx, null, headers, rows)
    ]));
  };

  /* Monday of the week holding `date`, as "yyyy-mm-dd" (local). */
  T.weekStart = function (date) {
    var d = new Date(date.getFullYear(), date.getMonth(), date.getDate());
    d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  };

  T.errorText = function (err) {
    var fields = err && err.body && err.body.fields;
    if (!fields) return (err && err.message) || "Something went wrong.";
    return Object.keys(fields).map(function (k) { return k + ": " + fields[k]; }).join(" ");
  };

  /* A sub-page: {id, title, render(ctx, root, rest)}, in the order the scripts add them. */
  T.add = function (page) { T.views.push(page); };

  /* This week's totals and the first weekly goal (GET /training/dashboard), for the home
   * card and the log page. */
  T.week = function (api) {
    return api(T.paths.dashboard).then(function (d) {
      var week = (d.totals && d.totals.week) || {};
      var goal = (d.goals || []).filter(function (g) {
        return g.period === "week" && ["distance", "duration", "count"].indexOf(g.kind) >= 0;
      })[0] || null;
      return { distance_m: week.distance_m || 0, duration_s: week.duration_s || 0, workouts: week.workouts || 0, goal: goal, data: d };
    });
  };

  /* A goal's target and progress in words: "goal 30 km, 41%". */
  T.goalText = function (goal) {
    if (!goal || !goal.progress) return "";
    var p = goal.progress, pct = p.target ? Math.min(100, Math.round(100 * Number(p.done) / Number(p.target))) : 0;
    if (goal.kind === "distance" || goal.kind === "event") return "goal " + T.km(p.target) + ", " + pct + "%";
    if (goal.kind === "duration") return "goal " + T.clock(p.target) + ", " + pct + "%";
    if (goal.kind === "count") return "goal " + p.target + " workouts, " + p.done + " done";
    if (goal.kind === "lift") return "goal " + p.target + " kg, best " + p.done + " kg";
    return "";
  };

  function render(ctx, rest) {
    var el = ctx.el;
    var v = ctx.view("Training");
    var current = T.views.filter(function (p) { return p.id === rest[0]; })[0] || T.views[0];
    var nav = el("nav", { class: "training-nav", "aria-label": "Training" }, [
      el("ul", {}, T.views.map(function (page) {
        return el("li", {}, [el("a", { href: "#/training/" + page.id, "aria-current": page === current ? "page" : null, text: page.title })]);
      }))
    ]);
    v.root.appendChild(nav);
    var box = el("div", { class: "training-view" });
    v.root.appendChild(box);
    if (current) current.render(ctx, box, rest.slice(1));
    return v;
  }

  window.FrostfolioDashboard.register({
    id: "training",
    title: "Training",
    order: 40,
    card: function (api) {
      return T.week(api).then(function (week) {
        var goal = T.goalText(week.goal);
        return {
          value: T.km(week.distance_m),
          label: "this week, " + T.clock(week.duration_s) + (goal ? "; " + goal : "")
        };
      });
    },
    render: render
  });
})();
