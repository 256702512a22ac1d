/* Training: progress. Streaks; weekly volume (bar) and monthly totals; the pace or speed
 * trend of one sport (line); how a record grew over the year (line); the year as a
 * calendar heatmap (matrix); records; body weight (form, line). Every chart comes with
 * its numbers as a table (FrostfolioCharts.draw, docs/dashboard.md "Charts"). */
(function () {
  "use strict";

  var T = window.FrostfolioTraining;
  var RECORDS = {
    fastest_1k: ["Fastest 1 km", "time"], fastest_5k: ["Fastest 5 km", "time"], fastest_10k: ["Fastest 10 km", "time"],
    longest_distance: ["Longest distance", "km"], longest_duration: ["Longest time", "time"], most_ascent: ["Most ascent", "m"]
  };

  function iso(d) { return d.getFullYear() + "-" + T.pad(d.getMonth() + 1) + "-" + T.pad(d.getDate()); }

  function section(ctx, root, title) {
    var box = ctx.el("section", { class: "training-section" }, [ctx.el("h2", { text: title })]);
    root.appendChild(box);
    return box;
  }

  function streaks(ctx, box) {
    ctx.api(T.paths.streaks).then(function (d) {
      var days = d.days || {}, weeks = d.weeks || {};
      box.appendChild(ctx.el("dl", { class: "training-stats" }, [
        ctx.el("dt", { text: "Days in a row" }), ctx.el("dd", { text: (days.current || 0) + " (longest " + (days.longest || 0) + ")" }),
        ctx.el("dt", { text: "Weeks in a row" }), ctx.el("dd", { text: (weeks.current || 0) + " (longest " + (weeks.longest || 0) + ")" })
      ]));
    }, function (err) { box.appendChild(ctx.el("p", { class: "status is-error", text: T.errorText(err) })); });
  }

  /* The last 12 weeks, empty weeks included, as kilometres per week. */
  function weekly(ctx, box) {
    var monday = new Date(T.weekStart(new Date()) + "T00:00:00");
    var first = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() - 77);
    ctx.api(T.paths.totals + "?period=week&from=" + iso(first)).then(function (d) {
      var found = d.totals || {}, keys = Object.keys(found), labels = [], km = [], hours = [];
      for (var i = 0; i < 12; i++) {
        var day = new Date(first.getFullYear(), first.getMonth(), first.getDate() + 7 * i);
        labels.push(iso(day));
        var key = keys.filter(function (k) { return k === iso(day) || k === weekKey(day); })[0];
        var t = found[key] || {};
        km.push(((t.distance_m || 0) / 1000).toFixed(1));
        hours.push(((t.duration_s || 0) / 3600).toFixed(1));
      }
      var chart = ctx.el("div", { class: "training-week-chart", "data-chart": "weekly" });
      box.appendChild(chart);
      T.chart(ctx, chart, { type: "bar", title: "Distance per week, last 12 weeks", labels: labels, labelHeading: "Week of", unit: "km", series: [{ name: "Distance", values: km }] });
      var time = ctx.el("div");
      box.appendChild(time);
      T.chart(ctx, time, { type: "bar", title: "Hours per week, last 12 weeks", labels: labels, labelHeading: "Week of", unit: "h", series: [{ name: "Time", values: hours }] });
    }, function (err) { box.appendChild(ctx.el("p", { class: "status is-error", text: T.errorText(err) })); });
  }

  /* ISO week "2026-W49", as the API names weeks. */
  function weekKey(date) {
    var d = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
    d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));  // the week's Thursday
    var week = Math.ceil(((d - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000 + 1) / 7);
    return d.getUTCFullYear() + "-W" + T.pad(week);
  }

  function monthly(ctx, box, year) {
    ctx.api(T.paths.totals + "?period=month&from=" + year + "-01-01&to=" + year + "-12-31").then(function (d) {
      var found = d.totals || {};
      var rows = Object.keys(found).map(function (month) {
        var t = found[month];
        return [month, String(t.workouts), T.km(t.distance_m), T.clock(t.duration_s), t.ascent_m + " m"];
      });
      box.appendChild(rows.length ? T.table(ctx, "Totals per month, " + year, ["Month", "Workouts", "Distance", "Time", "Ascent"], rows) : ctx.el("p", { text: "No workouts in " + year + " yet." }));
    }, function () {});
  }

  /* Pace (or speed) of each workout of one sport this year, oldest first. */
  function trend(ctx, box, workouts, sport) {
    var mine = workouts.filter(function (w) { return w.sport === sport && w.distance_m > 0; }).reverse();
    if (mine.length < 2) { box.appendChild(ctx.el("p", { text: "Log two " + T.sportName(sport).toLowerCase() + " workouts with a distance to see a trend." })); return; }
    var speed = sport !== "run" && sport !== "walk" && sport !== "hike";
    var values = mine.map(function (w) {
      return speed ? (w.distance_m / w.duration_s * 3.6).toFixed(1) : (w.duration_s / 60 / (w.distance_m / 1000)).toFixed(2);
    });
    var chart = ctx.el("div");
    box.appendChild(chart);
    T.chart(ctx, chart, { type: "line", title: T.sportName(sport) + (speed ? ": speed" : ": pace (minutes per km)"), labels: mine.map(function (w) { return w.day; }), labelHeading: "Day", unit: speed ? "km/h" : "min/km", series: [{ name: speed ? "Speed" : "Pace", values: values }] });
  }

  /* The longest distance of one sport so far, after each workout of the year. */
  function recordGrowth(ctx, box, workouts, sport) {
    var best = 0, labels = [], values = [];
    workouts.slice().reverse().forEach(function (w) {
      if (w.sport === sport && w.distance_m > best) { best = w.distance_m; labels.push(w.day); values.push((best / 1000).toFixed(2)); }
    });
    if (labels.length < 2) return;
    var chart = ctx.el("div");
    box.appendChild(chart);
    T.chart(ctx, chart, { type: "line", title: T.sportName(sport) + ": longest distance over the year", labels: labels, labelHeading: "Day", unit: "km", series: [{ name: "Longest distance", values: values }] });
  }

  /* Minutes of training each day of the year. */
  function calendar(ctx, box, workouts, year) {
    var minutes = {};
    workouts.forEach(function (w) { minutes[w.day] = (minutes[w.day] || 0) + Math.round(w.duration_s / 60); });
    var labels = [], values = [], last = new Date() < new Date(year, 11, 31) ? new Date() : new Date(year, 11, 31);
    for (var d = new Date(year, 0, 1); d <= last; d.setDate(d.getDate() + 1)) { labels.push(iso(d)); values.push(minutes[iso(d)] || 0); }
    var chart = ctx.el("div");
    box.appendChild(chart);
    T.chart(ctx, chart, { type: "matrix", title: "Minutes of training per day, " + year, labels: labels, labelHeading: "Day", unit: "min", series: [{ name: "Minutes", values: values }] });
  }

  function records(ctx, box) {
    ctx.api(T.paths.records).then(function (d) {
      var rows = [];
      Object.keys(d.sports || {}).forEach(function (sport) {
        Object.keys(d.sports[sport]).forEach(function (name) {
          var r = d.sports[sport][name], how = RECORDS[name] || [name, ""];
          var value = how[1] === "time" ? T.clock(r.value) : how[1] === "km" ? T.km(r.value) : r.value + " m";
          rows.push([T.sportName(sport) + ": " + how[0], value, r.day]);
        });
      });
      Object.keys(d.lifts || {}).forEach(function (key) {
        var l = d.lifts[key];
        rows.push([l.name + ": estimated 1RM", l.e1rm_kg + " kg (" + l.weight_kg + " kg × " + l.reps + ")", l.day]);
      });
      box.appendChild(rows.length ? T.table(ctx, null, ["Record", "Best", "Day"], rows) : ctx.el("p", { text: "No records yet." }));
    }, function (err) { box.appendChild(ctx.el("p", { class: "status is-error", text: T.errorText(err) })); });
  }

  function body(ctx, box, year) {
    var el = ctx.el, note = el("p", { class: "status", role: "status" });
    var day = el("input", { type: "date", id: "t-weight-day", value: iso(new Date()), required: true });
    var kg = el("input", { id: "t-weight", inputmode: "decimal", autocomplete: "off", required: true });
    var list = el("div");
    var form = el("form", { class: "training-form training-inline" }, [
      el("div", { class: "field" }, [el("label", { for: "t-weight-day", text: "Day" }), day]),
      el("div", { class: "field" }, [el("label", { for: "t-weight", text: "Weight (kg)" }), kg]),
      el("button", { type: "submit", class: "button", text: "Save weight" }), note
    ]);
    function load() {
      ctx.api(T.paths.body + "?year=" + year).then(function (d) {
        var weights = d.weights || [];
        list.textContent = "";
        if (!weights.length) { list.appendChild(el("p", { text: "No weight logged in " + year + "." })); return; }
        T.chart(ctx, list, { type: "line", title: "Body weight, " + year, labels: weights.map(function (w) { return w.date; }), labelHeading: "Day", unit: "kg", series: [{ name: "Weight", values: weights.map(function (w) { return w.weight_kg; }) }] });
      }, function () {});
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var value = kg.value.trim().replace(",", ".");
      if (!/^\d{1,3}(\.\d{1,2})?$/.test(value)) { ctx.status(note, "Weight: a number of kilograms, e.g. 72.5.", "error"); kg.focus(); return; }
      T.send(ctx, "PUT", T.paths.body + "/" + day.value, { weight_kg: value }, "Weight " + value + " kg").then(function () {
        ctx.status(note, "Saved.", "ok");
        kg.value = "";
        load();
      }, function (err) { ctx.status(note, T.errorText(err), "error"); });
    });
    box.appendChild(form);
    box.appendChild(list);
    load();
  }

  function progressView(ctx, root) {
    var year = new Date().getFullYear();
    var sport = "run";
    streaks(ctx, section(ctx, root, "Streaks"));
    weekly(ctx, section(ctx, root, "Weekly volume"));
    var trends = section(ctx, root, "Trends");
    var cal = section(ctx, root, "The year");
    monthly(ctx, section(ctx, root, "Months"), year);
    records(ctx, section(ctx, root, "Records"));
    body(ctx, section(ctx, root, "Body weight"), year);
    ctx.api(T.paths.workouts + "?year=" + year).then(function (d) {
      var workouts = d.workouts || [];
      var counts = {};
      workouts.forEach(function (w) { if (w.distance_m) counts[w.sport] = (counts[w.sport] || 0) + 1; });
      sport = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; })[0] || sport;
      trend(ctx, trends, workouts, sport);
      recordGrowth(ctx, trends, workouts, sport);
      calendar(ctx, cal, workouts, year);
    }, function (err) { trends.appendChild(ctx.el("p", { class: "status is-error", text: T.errorText(err) })); });
  }

  T.add({ id: "progress", title: "Progress", render: progressView });
})();
