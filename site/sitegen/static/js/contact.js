/* Contact form, progressively enhanced: without this script the form is a
   plain POST to the API, which redirects to /contact/thanks/. With it, the
   form fetches a fresh token, posts JSON and shows each error by its field. */
(function () {
  "use strict";
  var form = document.getElementById("contact-form");
  if (!form || !window.fetch || !window.FormData) return;

  var api = (form.getAttribute("data-api") || "").replace(/\/+$/, "");
  var status = form.querySelector(".form-status");
  var button = form.querySelector("button[type=submit]");
  var tokenInput = form.querySelector("input[name=token]");
  var FIELDS = ["name", "email", "subject", "message", "website"];
  var tokenReadyAt = 0;

  function say(text, kind) {
    if (!status) return;
    status.textContent = text;
    status.className = "form-status" + (kind ? " is-" + kind : "");
  }

  function fetchToken() {
    return fetch(api + "/contact/token", { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r); })
      .then(function (data) {
        tokenInput.value = data.token;
        tokenReadyAt = Date.now() + (data.min_age || 0) * 1000;
      });
  }

  function clearErrors() {
    FIELDS.forEach(function (name) {
      var p = document.getElementById(name + "-error");
      var input = form.elements[name];
      if (p) { p.textContent = ""; p.hidden = true; }
      if (input) input.removeAttribute("aria-invalid");
    });
  }

  function showErrors(fields) {
    var first = null;
    var other = [];
    Object.keys(fields || {}).forEach(function (name) {
      var p = document.getElementById(name + "-error");
      var input = form.elements[name];
      if (p && input && name !== "website") {
        p.textContent = fields[name];
        p.hidden = false;
        input.setAttribute("aria-invalid", "true");
        if (!first) first = input;
      } else {
        other.push(fields[name]);
      }
    });
    if (first) first.focus();
    return other;
  }

  function wait(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, Math.max(0, ms)); });
  }

  function body() {
    var data = {};
    var formData = new FormData(form);
    ["name", "email", "subject", "message", "website", "token"].forEach(function (name) {
      var value = formData.get(name);
      if (value !== null) data[name] = String(value);
    });
    return JSON.stringify(data);
  }

  function send() {
    return fetch(api + "/contact", {
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
    if (result.status === 201 && data.ok) {
      form.reset();
      say(data.message || "Thank you: your message was sent.", "success");
      if (status) { status.setAttribute("tabindex", "-1"); status.focus(); }
      return fetchToken().catch(function () {});
    }
    var other = showErrors(data.fields);
    var text = data.message || "The message could not be sent; please try again.";
    if (data.fields && data.fields.token) {
      // A fresh token is all it takes: fetch one so the next press works.
      fetchToken().catch(function () {});
    }
    say(other.length && !data.fields.token ? text + " " + other.join(" ") : text, "error");
    if (!data.fields || !Object.keys(data.fields).length) {
      if (status) { status.setAttribute("tabindex", "-1"); status.focus(); }
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
    say("Sending…");
    var ready = tokenInput.value ? Promise.resolve() : fetchToken();
    ready
      .then(function () { return wait(tokenReadyAt - Date.now()); })
      .then(send)
      .then(done)
      .catch(function () {
        say("Could not reach the server. Your message is still here: please try again.", "error");
      })
      .then(function () {
        button.disabled = false;
        form.removeAttribute("aria-busy");
      });
  });

  fetchToken().catch(function () {
    /* The API is unreachable for now; the submit handler tries again. */
  });
})();
