/* Events in the owner's dashboard (docs/dashboard.md, docs/events-api.md "The owner").
 *
 *   #/events                 every event with its seats, upcoming first
 *   #/events/<id>            who is coming (confirmed, waiting, cancelled) with answers,
 *                            CSV, move or cancel someone, message a group, feedback
 *   #/events/<id>/checkin    the door, on a phone (events-checkin.js)
 *
 * Everything a visitor wrote goes into the page with textContent (ctx.el's `text`). */
(function () {
  "use strict";

  var GROUPS = [
    ["all", "Everyone coming or waiting"],
    ["confirmed", "Confirmed"],
    ["not_checked_in", "Confirmed, not checked in yet"],
    ["waitlisted", "Waiting (and offered a seat)"],
    ["cancelled", "Cancelled"]
  ];

  function path(id, rest) {
    return "/owner/events/" + encodeURIComponent(id) + (rest || "");
  }

  function inZone(iso, zone, options) {
    var date = new Date(iso);
    if (isNaN(date)) return iso || "";
    try {
      return date.toLocaleString(undefined, Object.assign({ timeZone: zone || undefined }, options));
    } catch (e) {  // a zone this browser does not know: the visitor's own clock
      return date.toLocaleString(undefined, options);
    }
  }

  function when(event) {
    var options = event.all_day ? { dateStyle: "medium" } : { dateStyle: "medium", timeStyle: "short" };
    return inZone(event.start, event.timezone, options);
  }

  function clock(iso, event) {
    return inZone(iso, event.timezone, { timeStyle: "short" });
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function seatsText(event) {
    var parts = [];
    if (event.capacity === null || event.capacity === undefined) parts.push(plural(event.confirmed, "seat", "seats") + " taken (no limit)");
    else parts.push(event.confirmed + " of " + event.capacity + " seats taken");
    if (event.waitlist) parts.push(plural(event.waitlist, "party", "parties") + " waiting");
    if (event.offered) parts.push(plural(event.offered, "seat", "seats") + " offered");
    return parts.join(" · ");
  }

  var STATUS_WORDS = { cancelled: "Cancelled", postponed: "Postponed", moved_online: "Moved online" };

  /* ---- the list ------------------------------------------------------------------- */

  function eventItem(ctx, event) {
    var el = ctx.el;
    var bits = [when(event), seatsText(event)];
    if (STATUS_WORDS[event.status]) bits.unshift(STATUS_WORDS[event.status]);
    if (event.removed) bits.push("removed from the site");
    var links = [el("a", { class: "event-title", href: "#/events/" + encodeURIComponent(event.id), text: event.title || event.id })];
    var row = el("li", { "data-event": event.id }, [
      el("div", { class: "event-row" }, links),
      el("p", { class: "meta", text: bits.join(" · ") })
    ]);
    if (event.upcoming && !event.removed) {
      row.appendChild(el("a", { class: "checkin-link", href: "#/events/" + encodeURIComponent(event.id) + "/checkin" }, [
        "Check-in", el("span", { class: "visually-hidden", text: " for " + (event.title || event.id) })
      ]));
    }
    return row;
  }

  function list(ctx) {
    var el = ctx.el;
    var v = ctx.view("Events");
    var note = el("p", { class: "status", role: "status" });
    v.root.appendChild(note);
    ctx.api("/owner/events").then(function (data) {
      var upcoming = data.events.filter(function (e) { return e.upcoming && !e.removed; });
      var past = data.events.filter(function (e) { return !e.upcoming || e.removed; }).reverse();
      if (!data.events.length) {
        ctx.status(note, "No events yet: add one in content/events/ and run make dev or make deploy.");
        return;
      }
      [["Upcoming", upcoming], ["Past", past]].forEach(function (part) {
        if (!part[1].length) return;
        v.root.appendChild(el("h2", { text: part[0] }));
        v.root.appendChild(el("ul", { class: "event-list" }, part[1].map(function (e) { return eventItem(ctx, e); })));
      });
    }, function (err) { ctx.status(note, err.message, "error"); });
    return v;
  }

  /* ---- one event ------------------------------------------------------------------ */

  function answersOf(ctx, event, person) {
    var items = [];
    (event.questions || []).forEach(function (q) {
      var value = person.answers[q.id];
      if (!value) return;
      items.push(ctx.el("dt", { text: q.label }));
      items.push(ctx.el("dd", { text: value }));
    });
    return items.length ? ctx.el("dl", { class: "answers" }, items) : null;
  }

  function button(ctx, label, who, kind, run) {
    return ctx.el("button", { type: "button", class: kind, onclick: run }, [
      label, ctx.el("span", { class: "visually-hidden", text: " " + who })
    ]);
  }

  function personItem(ctx, page, person) {
    var el = ctx.el, event = page.event;
    var facts = [plural(person.party, "person", "people")];
    if (person.status === "waitlisted") facts.push("number " + person.position + " in line");
    if (person.status === "offered" && person.offer_expires) facts.push("seat offered until " + inZone(person.offer_expires, event.timezone, { dateStyle: "medium", timeStyle: "short" }));
    if (person.checked_in_at) facts.push("checked in at " + clock(person.checked_in_at, event));
    if (person.status === "expired") facts.push("let the offer lapse");
    var actions = [];
    var open = event.upcoming && !event.removed && event.status !== "cancelled";
    if (open && person.status === "confirmed" && event.waitlist_mode !== "off" && event.capacity !== null) {
      actions.push(button(ctx, "Move to waitlist", person.name, "button-ghost", function () { page.move(person, "waitlisted"); }));
    }
    if (open && (person.status === "waitlisted" || person.status === "offered")) {
      actions.push(button(ctx, "Confirm", person.name, "button-ghost", function () { page.move(person, "confirmed"); }));
    }
    if (open && ["confirmed", "waitlisted", "offered"].indexOf(person.status) >= 0) {
      actions.push(button(ctx, "Cancel RSVP", person.name, "button-danger", function () { page.cancel(person); }));
    }
    return el("li", { class: "person", "data-key": person.key }, [
      el("p", { class: "person-head" }, [el("strong", { text: person.name }), " ", el("span", { class: "meta", text: facts.join(" · ") })]),
      el("p", { class: "meta" }, [el("a", { href: "mailto:" + encodeURIComponent(person.email), text: person.email })]),
      answersOf(ctx, event, person),
      actions.length ? el("div", { class: "actions" }, actions) : null
    ]);
  }

  function peopleList(ctx, page, people, label, empty) {
    if (!people.length) return ctx.el("p", { class: "meta", text: empty });
    return ctx.el("ul", { class: "people", "aria-label": label }, people.map(function (p) { return personItem(ctx, page, p); }));
  }

  function messageForm(ctx, page) {
    var el = ctx.el;
    var note = el("p", { class: "status", role: "status" });
    var counts = {
      all: page.data.confirmed.length + page.data.offered.length + page.data.waitlisted.length,
      confirmed: page.data.confirmed.length,
      not_checked_in: page.data.confirmed.filter(function (p) { return !p.checked_in_at; }).length,
      waitlisted: page.data.offered.length + page.data.waitlisted.length,
      cancelled: page.data.cancelled.length
    };
    var group = el("select", { id: "message-group", name: "group" }, GROUPS.map(function (g) {
      return el("option", { value: g[0], text: g[1] + " (" + counts[g[0]] + ")" });
    }));
    var subject = el("input", { id: "message-subject", name: "subject", maxlength: "150", required: true, autocomplete: "off" });
    var text = el("textarea", { id: "message-text", name: "message", rows: "5", maxlength: "5000", required: true });
    var form = el("form", { class: "panel", onsubmit: function (e) {
      e.preventDefault();
      ctx.status(note, "Sending…");
      ctx.api(path(page.event.id, "/messages"), { method: "POST", body: { group: group.value, subject: subject.value, message: text.value } }).then(function (done) {
        // The page is drawn again with the message listed; the note says so there.
        page.flash = done.text + " They go out by email.";
        page.reload();
      }, function (err) {
        var fields = err.body && err.body.fields ? Object.keys(err.body.fields).map(function (k) { return err.body.fields[k]; }).join(" ") : "";
        ctx.status(note, err.message + (fields && fields !== err.message ? " " + fields : ""), "error");
      });
    } }, [
      el("label", { for: "message-group", text: "To" }), group,
      el("label", { for: "message-subject", text: "Subject" }), subject,
      el("label", { for: "message-text", text: "Message" }), text,
      el("div", { class: "actions" }, [el("button", { type: "submit", text: "Send by email" })]),
      note
    ]);
    if (page.flash) {
      ctx.status(note, page.flash, "ok");
      note.setAttribute("tabindex", "-1");
      page.flash = null;
      setTimeout(function () { note.focus(); }, 0);
    }
    return form;
  }

  function sentList(ctx, page) {
    var el = ctx.el;
    var names = {};
    GROUPS.forEach(function (g) { names[g[0]] = g[1]; });
    return el("ul", { class: "sent", "aria-label": "Messages sent" }, page.data.messages.map(function (m) {
      return el("li", {}, [
        el("p", { class: "person-head" }, [el("strong", { text: m.subject })]),
        el("p", { class: "meta", text: inZone(m.created_at, null, { dateStyle: "medium", timeStyle: "short" }) + " · " + names[m.group] + " · " + plural(m.recipients, "RSVP", "RSVPs") }),
        el("p", { class: "message-body", text: m.message })
      ]);
    }));
  }

  function feedbackView(ctx, section, feedback) {
    var el = ctx.el;
    section.textContent = "";
    section.appendChild(el("h2", { text: "Feedback" }));
    if (!feedback || !feedback.count) {
      section.appendChild(el("p", { class: "meta", text: "No feedback yet: attendees are asked after the event." }));
      return;
    }
    var average = feedback.average === null || feedback.average === undefined ? "–" : Number(feedback.average).toFixed(1);
    section.appendChild(el("p", { class: "feedback-average" }, [
      el("strong", { text: average }), " out of 5, from " + plural(feedback.count, "answer", "answers")
    ]));
    var rows = [];
    for (var rating = 5; rating >= 1; rating--) {
      var n = Number((feedback.distribution || {})[String(rating)] || 0);
      var bar = el("span", { class: "dist-fill" });
      bar.style.width = (feedback.count ? Math.round(100 * n / feedback.count) : 0) + "%";  // CSSOM, allowed by the CSP
      rows.push(el("li", {}, [
        el("span", { class: "dist-label", text: plural(rating, "star", "stars") }),
        el("span", { class: "dist-track", "aria-hidden": "true" }, [bar]),
        el("span", { class: "dist-count", text: String(n) })
      ]));
    }
    section.appendChild(el("ul", { class: "distribution", "aria-label": "Answers by rating" }, rows));
    var comments = feedback.comments || [];
    if (comments.length) {
      section.appendChild(el("h3", { text: "Comments" }));
      section.appendChild(el("ul", { class: "comments" }, comments.map(function (c) {
        return el("li", {}, [
          el("p", { class: "meta", text: plural(c.rating, "star", "stars") + (c.created_at ? " · " + inZone(c.created_at, null, { dateStyle: "medium" }) : "") }),
          el("p", { class: "message-body", text: c.comment })
        ]);
      })));
    }
  }

  function show(ctx, id) {
    var el = ctx.el, api = ctx.api;
    var v = ctx.view("Event");
    var note = el("p", { class: "status", role: "status" });
    var body = el("div");
    var feedback = el("section", { class: "event-section" });
    v.root.appendChild(note);
    v.root.appendChild(body);
    var page = { id: id };

    page.reload = function () {
      return api(path(id, "/rsvps")).then(function (data) {
        page.data = data;
        page.event = data.event;
        draw();
      }, function (err) { ctx.status(note, err.status === 404 ? "No such event." : err.message, "error"); });
    };

    page.move = function (person, status) {
      var question = status === "confirmed"
        ? "Confirm " + person.name + " (" + plural(person.party, "person", "people") + ")? They will be told by email."
        : "Move " + person.name + " to the end of the waitlist? Their seats go to the first in line; they will be told by email.";
      if (!window.confirm(question)) return;
      api(path(id, "/rsvps/" + person.key), { method: "PATCH", body: { status: status } }).then(function () {
        ctx.toast(person.name + (status === "confirmed" ? " is confirmed." : " is on the waitlist."));
        page.reload().then(function () { v.heading.focus(); });
      }, function (err) { ctx.status(note, err.message, "error"); });
    };

    page.cancel = function (person) {
      if (!window.confirm("Cancel " + person.name + "'s RSVP? Their seats go to the waitlist; they will be told by email.")) return;
      api(path(id, "/rsvps/" + person.key), { method: "DELETE" }).then(function () {
        ctx.toast(person.name + "'s RSVP is cancelled.");
        page.reload().then(function () { v.heading.focus(); });
      }, function (err) { ctx.status(note, err.message, "error"); });
    };

    function section(title, children) {
      return el("section", { class: "event-section" }, [el("h2", { text: title })].concat(children));
    }

    function draw() {
      var event = page.event, data = page.data;
      v.heading.textContent = event.title || event.id;
      document.title = (event.title || event.id) + " · " + document.title.split(" · ").pop();
      body.textContent = "";
      var facts = [when(event)];
      if (STATUS_WORDS[event.status]) facts.unshift(STATUS_WORDS[event.status]);
      body.appendChild(el("p", { class: "meta", text: facts.join(" · ") }));
      body.appendChild(el("p", { class: "seats", text: seatsText(event) + " · " + plural(data.checked_in.people, "person", "people") + " checked in" }));
      var links = [];
      if (event.upcoming && !event.removed) links.push(el("a", { class: "button", href: "#/events/" + encodeURIComponent(id) + "/checkin", text: "Check in at the door" }));
      links.push(el("a", { class: "button button-ghost", href: api.url(path(id, "/rsvps.csv")), download: "", text: "Download CSV" }));
      if (event.url && !event.removed) links.push(el("a", { class: "button button-ghost", href: event.url, text: "Event page" }));
      body.appendChild(el("div", { class: "actions" }, links));

      var people = data.confirmed.reduce(function (sum, p) { return sum + p.party; }, 0);
      body.appendChild(section("Confirmed (" + plural(data.confirmed.length, "party", "parties") + ", " + plural(people, "person", "people") + ")", [
        peopleList(ctx, page, data.confirmed, "Confirmed", "Nobody yet.")
      ]));
      var waiting = data.offered.concat(data.waitlisted);
      if (event.waitlist_mode !== "off" || waiting.length) {
        body.appendChild(section("Waitlist (" + waiting.length + ")", [peopleList(ctx, page, waiting, "Waitlist", "Nobody is waiting.")]));
      }
      if (data.cancelled.length) {
        body.appendChild(el("details", { class: "cancelled" }, [
          el("summary", { text: "Cancelled (" + data.cancelled.length + ")" }),
          peopleList(ctx, page, data.cancelled, "Cancelled", "")
        ]));
      }
      body.appendChild(section("Message attendees", [messageForm(ctx, page)]));
      if (data.messages.length) body.appendChild(section("Messages sent", [sentList(ctx, page)]));
      body.appendChild(feedback);
    }

    page.reload().then(function () {
      if (!page.data) return;
      api(path(id, "/feedback")).then(function (data) { feedbackView(ctx, feedback, data.feedback); }, function () {});
    });
    return v;
  }

  // Shared with events-checkin.js, which adds `checkin(ctx, id)` (the door).
  var shared = window.FrostfolioEvents = { path: path, clock: clock, plural: plural, button: button };

  FrostfolioDashboard.register({
    id: "events",
    title: "Events",
    order: 20,
    card: function (api) {
      return api("/owner/events").then(function (data) {
        return {
          value: String(data.upcoming),
          label: (data.upcoming === 1 ? "upcoming event, " : "upcoming events, ") + plural(data.seats_taken, "seat", "seats") + " taken"
        };
      });
    },
    render: function (ctx, rest) {
      if (rest[0] && rest[1] === "checkin") return shared.checkin(ctx, rest[0]);
      if (rest[0]) return show(ctx, rest[0]);
      return list(ctx);
    }
  });
})();
