/* The RSVP form, progressively enhanced. Without this script the form is a plain
   POST to the API, which redirects to <event url>confirmed/ or waitlisted/, or
   answers with a page showing each problem by its field. With it: seats left
   from {api}/events/<id>/availability, a fresh form token, JSON posts and
   answers shown in place. */
(function () {
  "use strict";
  var form = document.getElementById("rsvp-form");
  var seats = document.querySelector("[data-seats]");
  if (!form || !seats || !window.fetch || !window.FormData) return;

  var api = (form.getAttribute("data-api") || "").replace(/\/+$/, "");
  var id = form.getAttribute("data-event");
  var base = api + "/events/" + encodeURIComponent(id);
  var waitlist = form.getAttribute("data-waitlist") || "off";
  var status = form.querySelector(".form-status");
  var button = form.querySelector("button[type=submit]");
  var tokenInput = form.querySelector("input[name=token]");
  var tokenReadyAt = 0;

  function getJson(url, fresh) {
    var options = { headers: { Accept: "application/json" } };
    if (fresh) options.cache = "no-cache"; // past the browser's own 5 s copy
    return fetch(url, options).then(function (r) {
      return r.ok ? r.json() : Promise.reject(r);
    });
  }

  function say(text, kind, link) {
    status.textContent = text;
    status.className = "form-status" + (kind ? " is-" + kind : "");
    if (link) {
      var a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      status.appendChild(document.createTextNode(" "));
      status.appendChild(a);
    }
  }

  function showAvailability(data) {
    if (!data || !data.ok) return;
    if (!data.open) {
      var full = data.capacity !== null && data.capacity !== undefined && data.seats_left === 0;
      seats.textContent = full ? "Full: no more places, sorry." : "RSVPs are closed.";
      form.hidden = true;
      return;
    }
    form.hidden = false;
    button.textContent = "RSVP";
    if (data.capacity === null || data.capacity === undefined) {
      seats.textContent = "RSVP is open.";
    } else if (data.seats_left > 0) {
      seats.textContent = data.seats_left + " of " + data.capacity +
        (data.seats_left === 1 ? " seat left." : " seats left.");
    } else if (waitlist !== "off") {
      seats.textContent = "Full: RSVP to join the waitlist" +
        (data.waitlist ? " (" + data.waitlist + " waiting)." : ".");
      button.textContent = "Join the waitlist";
    } else {
      seats.textContent = "Full: no more places, sorry.";
      form.hidden = true;
    }
  }

  function availability(fresh) {
    return getJson(base + "/availability", fresh).then(showAvailability).catch(function () {
      /* Unreachable for now: the page still says RSVP is open and the form works. */
    });
  }

  function fetchToken() {
    return getJson(base + "/rsvp/token").then(function (data) {
      tokenInput.value = data.token;
      tokenReadyAt = Date.now() + (data.min_age || 0) * 1000;
    });
  }

  // Errors come by field name ("answer_diet"); "answers.diet" is read as the same field.
  function fieldName(key) {
    return String(key).replace(/^answers\./, "answer_");
  }

  function errorBox(name) {
    return document.getElementById("rsvp-" + name + "-error");
  }

  function clearErrors() {
    Array.prototype.forEach.call(form.querySelectorAll(".field-error"), function (p) {
      p.textContent = "";
      p.hidden = true;
    });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (el) {
      el.removeAttribute("aria-invalid");
    });
  }

  function showErrors(fields) {
    var first = null;
    var other = [];
    Object.keys(fields || {}).forEach(function (key) {
      var name = fieldName(key);
      var box = errorBox(name);
      var input = form.elements[name];
      if (box && input && name !== "website") {
        box.textContent = fields[key];
        box.hidden = false;
        // A group of radio buttons comes as a list: mark each, focus the first.
        var inputs = input.tagName ? [input] : Array.prototype.slice.call(input);
        inputs.forEach(function (el) { el.setAttribute("aria-invalid", "true"); });
        if (!first) first = inputs[0];
      } else if (name !== "token") {
        other.push(fields[key]);
      }
    });
    if (first) first.focus();
    return other;
  }

  // The form's fields as they are, answers flat as answer_<question id> (as the API reads
  // them from a form post too); the party as a number.
  function body() {
    var out = {};
    new FormData(form).forEach(function (value, key) {
      out[key] = key === "party" ? Number(value) || 1 : String(value);
    });
    return JSON.stringify(out);
  }

  function send() {
    return fetch(base + "/rsvp", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: body()
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    });
  }

  function done(result) {
    var data = result.data || {};
    if (result.status < 300 && data.ok) {
      form.reset();
      var manage = data.manage_url ? { href: data.manage_url, text: "Change or cancel" } : null;
      if (data.status === "waitlisted") {
        say("You are on the waitlist: we will email you if a place frees up.", "success", manage);
      } else {
        say("You are going! A confirmation is on its way to your inbox.", "success", manage);
      }
      status.setAttribute("tabindex", "-1");
      status.focus();
      availability(true);
      return fetchToken().catch(function () {});
    }
    var other = showErrors(data.fields);
    if (data.fields && data.fields.token) fetchToken().catch(function () {});
    var text = data.message || "Your RSVP could not be sent; please try again.";
    say(other.length ? text + " " + other.join(" ") : text, "error");
    if (!data.fields || !Object.keys(data.fields).length) {
      status.setAttribute("tabindex", "-1");
      status.focus();
    }
    if (result.status === 409) availability(true);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
    say("Sending…");
    var ready = tokenInput.value ? Promise.resolve() : fetchToken();
    ready
      .then(function () {
        return new Promise(function (resolve) {
          setTimeout(resolve, Math.max(0, tokenReadyAt - Date.now()));
        });
      })
      .then(send)
      .then(done)
      .catch(function () {
        say("Could not reach the server. What you typed is still here: please try again.", "error");
      })
      .then(function () {
        button.disabled = false;
        form.removeAttribute("aria-busy");
      });
  });

  availability();
  fetchToken().catch(function () {
    /* The API is unreachable for now; the submit handler tries again. */
  });
})();
