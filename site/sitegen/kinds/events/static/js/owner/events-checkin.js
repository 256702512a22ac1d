/* The door: checking people in to an event on a phone (docs/events-api.md "The owner").
 *
 * #/events/<id>/checkin: find someone by name as you type, or scan the ticket's QR
 * code (BarcodeDetector, where the browser has it) or type its 16 characters; a big
 * "Checked in" or "Already checked in at 18:42". Loaded after events.js, whose helpers
 * it shares (window.FrostfolioEvents). Visitor text goes in with textContent. */
(function () {
  "use strict";

  var shared = window.FrostfolioEvents;
  var path = shared.path, clock = shared.clock, plural = shared.plural, button = shared.button;

  function fold(text) {
    // "Zoë" is found by "zoe": accents and case left out, as people type at a door.
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function checkin(ctx, id) {
    var el = ctx.el, api = ctx.api;
    var v = ctx.view("Check-in");
    var page = { confirmed: [], waiting: [], event: null };
    var counts = el("p", { class: "seats", role: "status" });
    var headline = el("p", { class: "checkin-headline" });
    var detail = el("p", { class: "checkin-detail" });
    var result = el("div", { class: "checkin-result", role: "status", "aria-live": "assertive", "aria-atomic": "true", hidden: true }, [headline, detail]);
    var search = el("input", { id: "checkin-name", type: "search", autocomplete: "off", spellcheck: "false", "aria-describedby": "checkin-name-hint", "aria-controls": "checkin-matches" });
    var matches = el("ul", { id: "checkin-matches", class: "matches", "aria-label": "Matching names" });
    var matchNote = el("p", { id: "checkin-name-hint", class: "hint", text: "Type part of a name or an email address." });
    var code = el("input", { id: "checkin-code", name: "code", autocomplete: "off", autocapitalize: "characters", spellcheck: "false", "aria-describedby": "checkin-code-hint" });
    var video = el("video", { class: "scanner", muted: true, playsinline: true, hidden: true, "aria-label": "Camera" });
    video.muted = true;  // the attribute alone does not mute a stream
    var scanButton = el("button", { type: "button", class: "button-ghost", hidden: true, text: "Scan a QR code" });
    var codeHint = el("p", { id: "checkin-code-hint", class: "hint", text: "The 16 letters and digits under the QR code in the confirmation email, e.g. ABCD-EFGH-JKMN-PQRS." });
    var backLink = el("a", { href: "#/events/" + encodeURIComponent(id), text: "All RSVPs of this event" });

    v.root.appendChild(counts);
    v.root.appendChild(result);
    v.root.appendChild(el("form", { class: "panel", role: "search", onsubmit: function (e) {
      e.preventDefault();
      var found = matching();
      if (found.length === 1) pick(found[0]);
    } }, [el("label", { for: "checkin-name", text: "Find by name" }), search, matchNote, matches]));
    v.root.appendChild(el("form", { class: "panel", onsubmit: function (e) {
      e.preventDefault();
      if (code.value.trim()) byCode(code.value.trim());
    } }, [
      el("label", { for: "checkin-code", text: "Ticket code" }), code, codeHint,
      el("div", { class: "actions" }, [el("button", { type: "submit", text: "Check in" }), scanButton]),
      video
    ]));
    v.root.appendChild(el("p", {}, [backLink]));

    function say(kind, title, text) {
      result.hidden = false;
      result.className = "checkin-result is-" + kind;
      headline.textContent = title;
      detail.textContent = text || "";
    }

    function who(person) {
      return person.name + (person.party > 1 ? ", party of " + person.party : "");
    }

    function refused(err) {
      var text = err.message || "";
      if (err.body && err.body.error === "already_checked_in") {
        var cut = text.indexOf(": ");  // "Already checked in at 18:42: Ada, party of 2."
        say("warn", cut > 0 ? text.slice(0, cut) : text, cut > 0 ? text.slice(cut + 2).replace(/\.$/, "") : "");
      } else if (err.status === 404 || (err.body && err.body.error === "wrong_event")) {
        say("error", "Not a ticket for this event", text);
      } else {
        say("error", "Not checked in", text);
      }
    }

    function remember(person) {
      page.confirmed = page.confirmed.map(function (p) { return p.key === person.key ? person : p; });
      if (!page.confirmed.some(function (p) { return p.key === person.key; }) && person.status === "confirmed") page.confirmed.push(person);
      page.waiting = page.waiting.filter(function (p) { return p.key !== person.key; });
      drawCounts();
      drawMatches();
    }

    function done(data) {
      remember(data.attendee);
      say("ok", "Checked in", who(data.attendee));
    }

    function byCode(text) {
      say("busy", "Checking…", "");
      return api(path(id, "/checkin"), { method: "POST", body: { code: text } }).then(function (data) {
        code.value = "";
        done(data);
      }, function (err) { refused(err); if (err.status === 409) code.value = ""; });
    }

    function pick(person) {
      if (person.status !== "confirmed") {
        api(path(id, "/rsvps/" + person.key), { method: "PATCH", body: { status: "confirmed" } }).then(function (data) {
          return api(path(id, "/rsvps/" + data.attendee.key + "/checkin"), { method: "POST" });
        }).then(done, refused);
        return;
      }
      api(path(id, "/rsvps/" + person.key + "/checkin"), { method: "POST" }).then(done, refused);
    }

    function undo(person) {
      api(path(id, "/rsvps/" + person.key + "/checkin"), { method: "DELETE" }).then(function (data) {
        remember(data.attendee);
        say("warn", "Check-in taken back", who(data.attendee));
      }, refused);
    }

    function matching() {
      var q = fold(search.value.trim());
      if (!q) return [];
      return page.confirmed.concat(page.waiting).filter(function (p) {
        return fold(p.name).indexOf(q) >= 0 || fold(p.email).indexOf(q) >= 0;
      }).slice(0, 8);
    }

    function drawMatches() {
      matches.textContent = "";
      var found = matching();
      var q = search.value.trim();
      matchNote.textContent = !q ? "Type part of a name or an email address."
        : found.length ? plural(found.length, "match", "matches") + (found.length === 1 ? ": press Enter to check in." : ".")
        : "Nobody by that name is confirmed or waiting.";
      found.forEach(function (person) {
        var state, action;
        if (person.status !== "confirmed") {
          state = person.status === "offered" ? "offered a seat" : "on the waitlist";
          var free = page.event && page.event.seats_left !== null && page.event.seats_left >= person.party;
          action = free ? button(ctx, "Confirm and check in", person.name, "button-ghost", function () { pick(person); }) : null;
        } else if (person.checked_in_at) {
          state = "checked in at " + clock(person.checked_in_at, page.event);
          action = button(ctx, "Undo", person.name, "button-ghost", function () { undo(person); });
        } else {
          state = plural(person.party, "person", "people");
          action = button(ctx, "Check in", person.name, "", function () { pick(person); });
        }
        matches.appendChild(el("li", { class: person.checked_in_at ? "is-in" : null }, [
          el("span", { class: "match-name" }, [el("strong", { text: person.name }), el("span", { class: "meta", text: " · " + state })]),
          action
        ]));
      });
    }

    function drawCounts() {
      var parties = page.confirmed.length;
      var people = page.confirmed.reduce(function (s, p) { return s + p.party; }, 0);
      var arrived = page.confirmed.filter(function (p) { return p.checked_in_at; });
      var inside = arrived.reduce(function (s, p) { return s + p.party; }, 0);
      counts.textContent = inside + " of " + plural(people, "person", "people") + " checked in (" + arrived.length + " of " + plural(parties, "party", "parties") + ")";
    }

    function load() {
      return api(path(id, "/rsvps")).then(function (data) {
        page.event = data.event;
        page.confirmed = data.confirmed;
        page.waiting = data.offered.concat(data.waitlisted);
        v.heading.textContent = "Check-in: " + (data.event.title || id);
        drawCounts();
        drawMatches();
      }, function (err) { say("error", "Could not load the list", err.message); });
    }

    search.addEventListener("input", drawMatches);
    search.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        var first = matches.querySelector("button");
        if (first) { e.preventDefault(); first.focus(); }
      }
    });
    matches.addEventListener("keydown", function (e) {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      var buttons = Array.prototype.slice.call(matches.querySelectorAll("button"));
      var at = buttons.indexOf(document.activeElement);
      if (at < 0) return;
      e.preventDefault();
      if (e.key === "ArrowUp" && at === 0) search.focus();
      else if (buttons[at + (e.key === "ArrowDown" ? 1 : -1)]) buttons[at + (e.key === "ArrowDown" ? 1 : -1)].focus();
    });

    setUpScanner(ctx, video, scanButton, codeHint, byCode);
    load();
    ctx.every(20, load);  // a second phone at the same door checks people in too
    return v;
  }

  /* ---- the camera ----------------------------------------------------------------- */

  function setUpScanner(ctx, video, scanButton, hint, onCode) {
    var supported = "BarcodeDetector" in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia;
    if (!supported) {
      hint.textContent += " This browser cannot scan QR codes: type the code.";
      return;
    }
    var stream = null, timer = null, last = "", lastAt = 0, detector = null;

    function stop() {
      clearTimeout(timer);
      if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
      stream = null;
      video.hidden = true;
      scanButton.textContent = "Scan a QR code";
    }

    function tick() {
      if (!stream) return;
      detector.detect(video).then(function (codes) {
        var found = codes.length ? codes[0].rawValue : "";
        // The same ticket held up for a while is one scan, not one per frame.
        if (found && (found !== last || Date.now() - lastAt > 4000)) {
          last = found;
          lastAt = Date.now();
          onCode(found);
        }
      }, function () {}).then(function () { timer = setTimeout(tick, 250); });
    }

    function start() {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (s) {
        stream = s;
        video.srcObject = s;
        video.hidden = false;
        scanButton.textContent = "Stop the camera";
        return video.play();
      }).then(tick, function (err) {
        stop();
        ctx.toast("The camera did not start (" + (err && err.name || "refused") + "): type the code.");
      });
    }

    window.BarcodeDetector.getSupportedFormats().then(function (formats) {
      if (formats.indexOf("qr_code") < 0) {
        hint.textContent += " This browser cannot scan QR codes: type the code.";
        return;
      }
      detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      scanButton.hidden = false;
      scanButton.addEventListener("click", function () { if (stream) stop(); else start(); });
      // Leaving the page turns the camera off.
      window.addEventListener("hashchange", stop, { once: true });
      window.addEventListener("pagehide", stop, { once: true });
    }, function () {});
  }

  shared.checkin = checkin;
})();
