/* Training: goals with their progress and what is left per week; what the site shows
 * (goals here, records and privacy zones under "Public") — workouts are made public from
 * their own form. Privacy zones: track points within the radius of each place are cut
 * by the API from every public map (docs/training.md). */
(function () {
  "use strict";

  var T = window.FrostfolioTraining;
  var KINDS = [["distance", "Distance per period"], ["duration", "Time per period"], ["count", "Workouts per period"], ["lift", "A lift"], ["event", "An event"]];
  var RECORD_NAMES = { fastest_1k: "fastest 1 km", fastest_5k: "fastest 5 km", fastest_10k: "fastest 10 km", longest_distance: "longest distance", longest_duration: "longest time", most_ascent: "most ascent" };

  function field(ctx, id, label, control) {
    return ctx.el("div", { class: "field" }, [ctx.el("label", { for: id, text: label }), control]);
  }

  function describe(goal) {
    var p = goal.progress || {};
    var head = goal.name || T.goalText(goal).replace(/^goal /, "").split(",")[0];
    var left = "";
    if (p.reached) left = "Reached";
    else if (goal.kind === "distance" || goal.kind === "event") left = T.km(p.left) + " to go" + (p.per_week ? ", " + T.km(p.per_week) + " a week" : "");
    else if (goal.kind === "duration") left = T.clock(p.left) + " to go";
    else if (goal.kind === "count") left = p.left + " workouts to go";
    else if (goal.kind === "lift") left = p.left + " kg to go";
    return { head: head, line: T.goalText(goal), left: left, pct: p.target ? Math.min(100, Math.round(100 * Number(p.done) / Number(p.target))) : 0 };
  }

  function goalItem(ctx, goal, reload) {
    var el = ctx.el, d = describe(goal), note = el("span", { class: "status", role: "status" });
    var id = "t-goal-public-" + goal.id;
    var box = el("input", { type: "checkbox", id: id, checked: !!goal.public });
    box.addEventListener("change", function () {
      ctx.api(T.paths.goal(goal.id), { method: "PATCH", body: { public: box.checked, version: goal.version } }).then(function (a) {
        goal = a.goal;
        ctx.status(note, box.checked ? "Shown on the site." : "Private.", "ok");
      }, function (err) { box.checked = !box.checked; ctx.status(note, err.status === 409 ? "Changed elsewhere: reload the page." : T.errorText(err), "error"); });
    });
    return el("li", { class: "training-goal" }, [
      el("strong", { text: d.head }),
      el("progress", { max: "100", value: String(d.pct), "aria-label": d.head + ": " + d.pct + "%" }),
      el("span", { text: d.line + (d.left ? " — " + d.left : "") }),
      el("span", { class: "check" }, [box, el("label", { for: id, text: "Public" })]), note,
      el("button", { type: "button", class: "button-ghost", text: "Delete", onclick: function () {
        ctx.api(T.paths.goal(goal.id) + "?version=" + goal.version, { method: "DELETE" }).then(reload, function (err) { ctx.status(note, T.errorText(err), "error"); });
      } })
    ]);
  }

  function goalForm(ctx, done) {
    var el = ctx.el, note = el("p", { class: "status", role: "status" });
    var kind = el("select", { id: "g-kind" }, KINDS.map(function (k) { return el("option", { value: k[0], text: k[1] }); }));
    var period = el("select", { id: "g-period" }, [["week", "Week"], ["month", "Month"], ["year", "Year"]].map(function (p) { return el("option", { value: p[0], text: p[1] }); }));
    var sport = el("select", { id: "g-sport" }, [el("option", { value: "", text: "Any" })].concat(T.SPORTS.map(function (s) { return el("option", { value: s, text: T.sportName(s) }); })));
    var target = el("input", { id: "g-target", inputmode: "decimal", autocomplete: "off" });
    var exercise = el("input", { id: "g-exercise", maxlength: "60", autocomplete: "off" });
    var day = el("input", { id: "g-date", type: "date" });
    var name = el("input", { id: "g-name", maxlength: "100", autocomplete: "off" });
    var pub = el("input", { type: "checkbox", id: "g-public" });
    var parts = {
      period: field(ctx, "g-period", "Period", period), sport: field(ctx, "g-sport", "Sport", sport),
      target: field(ctx, "g-target", "Target", target), exercise: field(ctx, "g-exercise", "Exercise", exercise),
      date: field(ctx, "g-date", "Day", day)
    };
    var targetLabel = parts.target.querySelector("label");
    function show() {
      var k = kind.value;
      parts.period.hidden = ["distance", "duration", "count"].indexOf(k) < 0;
      parts.sport.hidden = k === "lift";
      parts.exercise.hidden = k !== "lift";
      parts.date.hidden = k !== "event" && k !== "lift";
      targetLabel.textContent = { distance: "Target (km)", duration: "Target (hours)", count: "Workouts", lift: "Target (kg)", event: "Distance (km)" }[k];
    }
    kind.addEventListener("change", show);
    show();
    var form = el("form", { class: "training-form" }, [
      field(ctx, "g-kind", "Goal", kind), parts.period, parts.sport, parts.exercise, parts.target, parts.date,
      field(ctx, "g-name", "Name (optional)", name),
      el("div", { class: "check" }, [pub, el("label", { for: "g-public", text: "Show on the site" })]),
      el("button", { type: "submit", class: "button", text: "Add goal" }), note
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var k = kind.value, value = parseFloat(target.value.replace(",", "."));
      if (!(value > 0)) { ctx.status(note, "Give a target above zero.", "error"); target.focus(); return; }
      var body = { kind: k, public: pub.checked };
      if (name.value.trim()) body.name = name.value.trim();
      if (sport.value && k !== "lift") body.sport = sport.value;
      if (k === "distance") body.target = Math.round(value * 1000);
      if (k === "duration") body.target = Math.round(value * 3600);
      if (k === "count") body.target = Math.round(value);
      if (["distance", "duration", "count"].indexOf(k) >= 0) body.period = period.value;
      if (k === "lift") { body.exercise = exercise.value.trim(); body.target_kg = target.value.replace(",", "."); if (day.value) body.date = day.value; }
      if (k === "event") { body.distance_m = Math.round(value * 1000); body.date = day.value; }
      T.send(ctx, "POST", T.paths.goals, body, "Goal").then(function () { form.reset(); show(); ctx.status(note, "Added.", "ok"); done(); },
        function (err) { ctx.status(note, T.errorText(err), "error"); });
    });
    return form;
  }

  function goalsView(ctx, root) {
    var el = ctx.el, list = el("ul", { class: "training-goals" });
    root.appendChild(el("h2", { text: "Goals" }));
    root.appendChild(list);
    function load() {
      ctx.api(T.paths.goals).then(function (d) {
        list.textContent = "";
        (d.goals || []).forEach(function (g) { list.appendChild(goalItem(ctx, g, load)); });
        if (!list.children.length) list.appendChild(el("li", { text: "No goals yet." }));
      }, function (err) { list.textContent = T.errorText(err); });
    }
    root.appendChild(el("h3", { text: "New goal" }));
    root.appendChild(goalForm(ctx, load));
    load();
  }

  function zoneRow(ctx, zone, n) {
    var el = ctx.el, id = "z" + n;
    var row = el("fieldset", { class: "training-zone" }, [el("legend", { text: "Place " + n })]);
    [["name", "Name (only you see it)", zone.name || ""], ["lat", "Latitude", zone.lat === undefined ? "" : zone.lat], ["lon", "Longitude", zone.lon === undefined ? "" : zone.lon], ["radius_m", "Radius (m)", zone.radius_m || 300]].forEach(function (f) {
      row.appendChild(field(ctx, id + "-" + f[0], f[1], el("input", { id: id + "-" + f[0], "data-zone": f[0], value: String(f[2]), inputmode: f[0] === "name" ? null : "decimal", autocomplete: "off" })));
    });
    row.appendChild(el("button", { type: "button", class: "button-ghost", text: "Use where I am", onclick: function () {
      if (!navigator.geolocation) return;
      navigator.geolocation.getCurrentPosition(function (pos) {
        row.querySelector("[data-zone=lat]").value = pos.coords.latitude.toFixed(5);
        row.querySelector("[data-zone=lon]").value = pos.coords.longitude.toFixed(5);
      });
    } }));
    row.appendChild(el("button", { type: "button", class: "button-ghost", text: "Remove", onclick: function () { row.remove(); } }));
    return row;
  }

  function publicView(ctx, root) {
    var el = ctx.el, note = el("p", { class: "status", role: "status" });
    root.appendChild(el("h2", { text: "Public and private" }));
    root.appendChild(el("p", { text: "The site's training page shows the workouts you mark public (in their form), the goals marked public under Goals, and the records ticked here. Track points inside a privacy zone never leave the API." }));
    Promise.all([ctx.api(T.paths.settings), ctx.api(T.paths.records)]).then(function (got) {
      var settings = got[0].settings || {}, recs = got[1], chosen = settings.public_records || [];
      var records = el("fieldset", { class: "training-public-records" }, [el("legend", { text: "Records on the site" })]);
      var keys = [];
      Object.keys(recs.sports || {}).forEach(function (s) { Object.keys(recs.sports[s]).forEach(function (n) { keys.push([s + ":" + n, T.sportName(s) + ", " + (RECORD_NAMES[n] || n)]); }); });
      Object.keys(recs.lifts || {}).forEach(function (k) { keys.push(["lift:" + k, recs.lifts[k].name + ", estimated 1RM"]); });
      keys.forEach(function (k, i) {
        records.appendChild(el("div", { class: "check" }, [el("input", { type: "checkbox", id: "r" + i, value: k[0], checked: chosen.indexOf(k[0]) >= 0 }), el("label", { for: "r" + i, text: k[1] })]));
      });
      if (!keys.length) records.appendChild(el("p", { text: "No records yet." }));
      var zones = el("div", { class: "training-zones" });
      (settings.privacy_zones || []).forEach(function (z, i) { zones.appendChild(zoneRow(ctx, z, i + 1)); });
      var form = el("form", { class: "training-form" }, [records, el("h3", { text: "Privacy zones" }),
        el("p", { text: "Places such as home or work: no point of a public map comes within the radius of one." }), zones,
        el("button", { type: "button", class: "button-ghost", text: "Add a place", onclick: function () { zones.appendChild(zoneRow(ctx, {}, zones.children.length + 1)); } }),
        el("button", { type: "submit", class: "button", text: "Save" }), note]);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var body = {
          version: settings.version || 0,
          public_records: Array.prototype.map.call(records.querySelectorAll("input:checked"), function (b) { return b.value; }),
          privacy_zones: Array.prototype.map.call(zones.children, function (row) {
            function v(name) { return row.querySelector("[data-zone=" + name + "]").value.trim(); }
            function number(name) {  // the API takes coordinates as JSON numbers
              var typed = v(name).replace(",", ".");
              return /^-?\d+(\.\d+)?$/.test(typed) ? Number(typed) : typed;
            }
            return { name: v("name"), lat: number("lat"), lon: number("lon"), radius_m: parseInt(v("radius_m"), 10) };
          })
        };
        ctx.api(T.paths.settings, { method: "PUT", body: body }).then(function (a) {
          settings = a.settings;
          ctx.status(note, "Saved. The site shows it after its next build.", "ok");
        }, function (err) { ctx.status(note, err.status === 409 ? "Changed elsewhere: reload the page." : T.errorText(err), "error"); });
      });
      root.appendChild(form);
    }, function (err) { ctx.status(note, T.errorText(err), "error"); root.appendChild(note); });
  }

  T.add({ id: "goals", title: "Goals", render: goalsView });
  T.add({ id: "public", title: "Public", render: publicView });
})();
