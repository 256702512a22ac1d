/* Training: the quick log form (sent through the offline queue, so a workout logged in a
 * field with no signal is sent once back online) and the list of workouts with edit and
 * delete; an edit made from a stale copy shows the API's version conflict. */
(function () {
  "use strict";

  var T = window.FrostfolioTraining;

  function field(ctx, id, label, input, hint) {
    return ctx.el("div", { class: "field" }, [
      ctx.el("label", { for: id, text: label }),
      input,
      hint ? ctx.el("p", { class: "hint", id: id + "-hint", text: hint }) : null
    ]);
  }

  function input(ctx, id, attrs) {
    var all = { id: id, name: id };
    Object.keys(attrs || {}).forEach(function (k) { all[k] = attrs[k]; });
    return ctx.el("input", all);
  }

  /* One strength exercise: its name and sets of reps × weight. */
  function exerciseBox(ctx, n, given) {
    var el = ctx.el;
    given = given || { name: "", sets: [{ reps: "", weight_kg: "" }] };
    var sets = el("ol", { class: "training-sets" });
    var box = el("fieldset", { class: "training-exercise" }, [
      el("legend", { text: "Exercise " + n }),
      field(ctx, "ex" + n + "-name", "Exercise", input(ctx, "ex" + n + "-name", { value: given.name, maxlength: "60", autocomplete: "off" })),
      sets
    ]);
    function addSet(set) {
      var i = sets.children.length + 1, id = "ex" + n + "-set" + i;
      sets.appendChild(el("li", { class: "training-set" }, [
        field(ctx, id + "-reps", "Reps", input(ctx, id + "-reps", { type: "number", min: "1", max: "1000", inputmode: "numeric", value: set.reps, "data-reps": "" })),
        field(ctx, id + "-kg", "kg", input(ctx, id + "-kg", { inputmode: "decimal", value: set.weight_kg, "data-kg": "", autocomplete: "off" }))
      ]));
    }
    given.sets.forEach(addSet);
    box.appendChild(el("button", { type: "button", class: "button-ghost", text: "Add a set", onclick: function () { addSet({ reps: "", weight_kg: "" }); } }));
    box.read = function () {
      var name = box.querySelector("input").value.trim();
      var out = [];
      Array.prototype.forEach.call(sets.children, function (li) {
        var reps = li.querySelector("[data-reps]").value, kg = li.querySelector("[data-kg]").value.trim().replace(",", ".");
        if (reps) out.push({ reps: +reps, weight_kg: kg || "0" });
      });
      return name ? { name: name, sets: out } : null;
    };
    return box;
  }

  /* The form, empty (log) or filled from a workout (edit); `done(body)` sends it. */
  function workoutForm(ctx, workout, gear, done) {
    var el = ctx.el, w = workout || {};
    var note = el("p", { class: "status", role: "status" });
    var sport = el("select", { id: "t-sport", name: "sport" }, T.SPORTS.map(function (s) {
      return el("option", { value: s, selected: (w.sport || "run") === s, text: T.sportName(s) });
    }).concat([el("option", { value: "other", text: "Other…" })]));
    var own = input(ctx, "t-own", { maxlength: "30", pattern: "[a-z][a-z0-9\\-]{0,29}", autocomplete: "off" });
    var ownField = field(ctx, "t-own", "Your own type", own, "Lower-case letters, digits and '-'.");
    if (w.sport && T.SPORTS.indexOf(w.sport) < 0) { sport.value = "other"; own.value = w.sport; } else ownField.hidden = true;
    var title = input(ctx, "t-title", { maxlength: "100", autocomplete: "off", value: w.title || "" });
    var start = input(ctx, "t-start", { type: "datetime-local", required: true, value: T.localInput(w.start ? new Date(w.start) : new Date()) });
    var duration = input(ctx, "t-duration", { required: true, inputmode: "numeric", autocomplete: "off", placeholder: "45:00", value: w.duration_s ? T.clock(w.duration_s) : "", "aria-describedby": "t-duration-hint" });
    var distance = input(ctx, "t-distance", { inputmode: "decimal", autocomplete: "off", value: w.distance_m ? String(w.distance_m / 1000) : "" });
    var ascent = input(ctx, "t-ascent", { type: "number", min: "0", max: "50000", inputmode: "numeric", value: w.ascent_m || "" });
    var rpe = input(ctx, "t-rpe", { type: "number", min: "1", max: "10", inputmode: "numeric", value: w.rpe || "" });
    var hr = input(ctx, "t-hr", { type: "number", min: "20", max: "250", inputmode: "numeric", value: w.avg_hr || "" });
    var notes = el("textarea", { id: "t-notes", name: "notes", rows: "3", maxlength: "4000" });
    notes.value = w.notes || "";
    var gearBox = el("fieldset", { class: "training-gear" }, [el("legend", { text: "Gear" })]);
    (gear || []).filter(function (g) { return !g.retired || (w.equipment || []).indexOf(g.id) >= 0; }).forEach(function (g) {
      var id = "t-gear-" + g.id;
      gearBox.appendChild(el("div", { class: "check" }, [
        el("input", { type: "checkbox", id: id, value: g.id, checked: (w.equipment || []).indexOf(g.id) >= 0 }),
        el("label", { for: id, text: g.name + " (" + T.km(g.distance_m) + ")" })
      ]));
    });
    var exercises = el("div", { class: "training-exercises" });
    (w.exercises || []).forEach(function (x, i) { exercises.appendChild(exerciseBox(ctx, i + 1, x)); });
    var strength = el("div", {}, [exercises, el("button", { type: "button", class: "button-ghost", text: "Add an exercise", onclick: function () {
      exercises.appendChild(exerciseBox(ctx, exercises.children.length + 1));
    } })]);
    function showStrength() {
      strength.hidden = sport.value !== "strength";
      ownField.hidden = sport.value !== "other";
      if (!strength.hidden && !exercises.children.length) exercises.appendChild(exerciseBox(ctx, 1));
    }
    sport.addEventListener("change", showStrength);
    showStrength();
    var publicBox = el("input", { type: "checkbox", id: "t-public", checked: w.visibility === "public" });
    var form = el("form", { class: "training-form", novalidate: true }, [
      field(ctx, "t-sport", "Type", sport), ownField,
      field(ctx, "t-title", "Title (optional)", title),
      field(ctx, "t-start", "Start", start),
      field(ctx, "t-duration", "Duration", duration, "h:mm:ss, mm:ss or minutes"),
      field(ctx, "t-distance", "Distance (km)", distance),
      field(ctx, "t-ascent", "Ascent (m)", ascent),
      field(ctx, "t-rpe", "Effort (RPE 1–10)", rpe),
      field(ctx, "t-hr", "Average heart rate", hr),
      field(ctx, "t-notes", "Notes", notes),
      gear && gear.length ? gearBox : null,
      strength,
      el("div", { class: "check" }, [publicBox, el("label", { for: "t-public", text: "Show on the site" })]),
      el("button", { type: "submit", class: "button", text: workout ? "Save changes" : "Log workout" }),
      note
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var seconds = T.seconds(duration.value), when = T.withOffset(start.value);
      var km = distance.value.trim().replace(",", ".");
      if (!seconds) { ctx.status(note, "Duration: type h:mm:ss, mm:ss or minutes.", "error"); duration.focus(); return; }
      if (!when) { ctx.status(note, "Start: pick a date and time.", "error"); start.focus(); return; }
      if (km && !/^\d+(\.\d+)?$/.test(km)) { ctx.status(note, "Distance: a number of kilometres.", "error"); distance.focus(); return; }
      var body = {
        sport: sport.value === "other" ? own.value.trim() : sport.value,
        title: title.value.trim(),
        start: when,
        duration_s: seconds,
        distance_m: km ? Math.round(parseFloat(km) * 1000) : 0,
        ascent_m: ascent.value ? +ascent.value : 0,
        notes: notes.value,
        visibility: publicBox.checked ? "public" : "private",
        equipment: Array.prototype.map.call(gearBox.querySelectorAll("input:checked"), function (i) { return i.value; })
      };
      if (rpe.value) body.rpe = +rpe.value;
      if (hr.value) body.avg_hr = +hr.value;
      if (body.sport === "strength") {
        body.exercises = Array.prototype.map.call(exercises.children, function (b) { return b.read(); }).filter(Boolean);
      }
      done(body, note, form);
    });
    return form;
  }

  function logView(ctx, root) {
    var el = ctx.el;
    root.appendChild(el("h2", { text: "Log a workout" }));
    var week = el("p", { class: "training-week", role: "status" });
    root.appendChild(week);
    function showWeek() {
      T.week(ctx.api).then(function (w) {
        var goal = T.goalText(w.goal);
        week.textContent = "This week: " + T.km(w.distance_m) + ", " + T.clock(w.duration_s) + (goal ? " — " + goal : "");
      }, function () { week.textContent = ""; });
    }
    showWeek();
    // A workout kept offline and sent later moves the week too.
    window.addEventListener("frostfolio:queue-sent", function () { if (week.isConnected) showWeek(); });
    var slot = el("div");
    root.appendChild(slot);
    function draw(gear) {
      slot.textContent = "";
      slot.appendChild(workoutForm(ctx, null, gear, function (body, note, form) {
        ctx.status(note, "Sending…");
        T.send(ctx, "POST", T.paths.workouts, body, T.sportName(body.sport) + " " + T.clock(body.duration_s)).then(function (answer) {
          var queued = answer && answer.queued;
          ctx.toast(queued ? "Saved on this device: it will be sent when you are online." : "Logged: " + T.sportName(body.sport));
          form.reset();
          draw(gear);
          showWeek();
        }, function (err) { ctx.status(note, T.errorText(err), "error"); });
      }));
    }
    ctx.api(T.paths.gear).then(function (d) { draw(d.gear || []); }, function () { draw([]); });
  }

  function row(ctx, w) {
    var el = ctx.el;
    return el("li", { class: "training-item" }, [
      el("a", { href: "#/training/workouts/" + encodeURIComponent(w.id) }, [
        el("strong", { text: w.title || T.sportName(w.sport) }),
        el("span", { text: " · " + T.day(w.start) })
      ]),
      el("span", { class: "training-figures", text: [w.distance_m ? T.km(w.distance_m) : "", T.clock(w.duration_s), T.pace(w.sport, w.distance_m, w.duration_s), w.visibility === "public" ? "public" : ""].filter(Boolean).join(" · ") })
    ]);
  }

  function listView(ctx, root, rest) {
    var el = ctx.el;
    if (rest[0]) return editView(ctx, root, rest[0]);
    var year = new Date().getFullYear();
    root.appendChild(el("h2", { text: "Workouts" }));
    var note = el("p", { class: "status", role: "status", text: "Loading…" });
    var list = el("ul", { class: "training-list" });
    var more = el("button", { type: "button", class: "button-ghost", text: "Earlier workouts" });
    root.appendChild(note);
    root.appendChild(list);
    root.appendChild(more);
    function load() {
      more.disabled = true;
      ctx.api(T.paths.workouts + "?year=" + year).then(function (d) {
        ctx.status(note, "");
        (d.workouts || []).forEach(function (w) { list.appendChild(row(ctx, w)); });
        if (!list.children.length) ctx.status(note, "No workouts yet in " + year + ".");
        year -= 1;
        more.textContent = "Workouts of " + year;
        more.disabled = false;
      }, function (err) { ctx.status(note, T.errorText(err), "error"); more.disabled = false; });
    }
    more.addEventListener("click", load);
    load();
  }

  function editView(ctx, root, id) {
    var el = ctx.el;
    var note = el("p", { class: "status", role: "status", text: "Loading…" });
    root.appendChild(el("p", {}, [el("a", { href: "#/training/workouts", text: "All workouts" })]));
    root.appendChild(el("h2", { text: "Edit workout" }));
    root.appendChild(note);
    Promise.all([ctx.api(T.paths.workout(id)), ctx.api(T.paths.gear).catch(function () { return {}; })]).then(function (got) {
      var w = got[0].workout || got[0];
      ctx.status(note, "");
      root.appendChild(workoutForm(ctx, w, got[1].gear || [], function (body, status) {
        body.version = w.version;
        ctx.api(T.paths.workout(id), { method: "PATCH", body: body }).then(function (answer) {
          w = answer.workout || answer;
          ctx.status(status, "Saved.", "ok");
        }, function (err) {
          if (err.status === 409) {
            ctx.status(status, "This workout was changed elsewhere since you opened it (version " + w.version + "). Reload it to see the other change, then edit again.", "error");
            status.appendChild(el("button", { type: "button", text: "Reload", onclick: function () { location.reload(); } }));
          } else ctx.status(status, T.errorText(err), "error");
        });
      }));
      root.appendChild(el("button", { type: "button", class: "button-danger", text: "Delete this workout", onclick: function () {
        if (!window.confirm("Delete this workout?")) return;
        ctx.api(T.paths.workout(id) + "?version=" + w.version, { method: "DELETE" }).then(function () {
          ctx.toast("Workout deleted.");
          location.hash = "#/training/workouts";
        }, function (err) { ctx.status(note, T.errorText(err), "error"); });
      } }));
    }, function (err) { ctx.status(note, T.errorText(err), "error"); });
  }

  T.add({ id: "log", title: "Log", render: logView });
  T.add({ id: "workouts", title: "Workouts", render: listView });
  T.workoutForm = workoutForm;
})();
