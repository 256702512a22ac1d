/* Ratings on recipe pages: rate with this browser's visitor id, show live numbers,
   and sort the recipe index by "most loved". Without JavaScript the form posts to
   the API (which answers 303 back to #rating) and the index keeps its title order. */
(function () {
  "use strict";

  var KEY = "frostfolio.visitor"; // shared with comments.js: a review and a rating are one visitor

  function visitorId() {
    var id = null;
    try {
      id = window.localStorage.getItem(KEY);
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(id || "")) {
        var bytes = new Uint8Array(18);
        window.crypto.getRandomValues(bytes);
        id = btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_");
        window.localStorage.setItem(KEY, id);
      }
    } catch (e) {
      return null; // storage refused: the API counts this browser by its address
    }
    return id;
  }

  // "4.3 out of 5 from 12 ratings", rounded from the exact ratio as the build does.
  function describe(summary) {
    if (!summary || !summary.count) return "No ratings yet.";
    var shown = (Math.round((summary.sum * 10) / summary.count) / 10).toFixed(1);
    var noun = summary.count === 1 ? "rating" : "ratings";
    return "Rated " + shown + " out of 5 from " + summary.count + " " + noun + ".";
  }

  function showSummary(summary) {
    var text = describe(summary);
    document.querySelectorAll("[data-rating-summary]").forEach(function (el) {
      el.textContent = text;
    });
  }

  function initForm(form) {
    var api = form.getAttribute("data-api");
    var slug = form.getAttribute("data-slug");
    var status = form.querySelector("[data-rating-status]");
    var url = api + "/recipes/" + encodeURIComponent(slug) + "/rating";
    var visitor = visitorId();

    function check(stars) {
      var radio = form.querySelector('input[name="rating"][value="' + stars + '"]');
      if (radio) radio.checked = true;
    }

    fetch(url + (visitor ? "?visitor=" + encodeURIComponent(visitor) : ""), {
      credentials: "same-origin"
    }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (body) {
      if (!body) return;
      showSummary(body.summary);
      if (body.mine) check(body.mine);
    }).catch(function () { /* the baked summary stays */ });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = form.querySelector('input[name="rating"]:checked');
      if (!chosen) {
        status.textContent = "Choose from 1 to 5 stars first.";
        return;
      }
      var body = { rating: Number(chosen.value) };
      if (visitor) body.visitor = visitor;
      var button = form.querySelector("[type=submit]");
      button.disabled = true;
      status.textContent = "Sending…";
      fetch(url, {
        method: "PUT",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body)
      }).then(function (r) {
        return r.json().then(function (data) { return { ok: r.ok, data: data }; });
      }).then(function (answer) {
        if (!answer.ok) {
          status.textContent = answer.data.message || "Your rating was not saved: try again.";
          return;
        }
        showSummary(answer.data.summary);
        var stars = answer.data.rating + (answer.data.rating === 1 ? " star" : " stars");
        status.textContent = answer.data.previous && answer.data.previous !== answer.data.rating
          ? "Thank you: your rating is now " + stars + " (it was " + answer.data.previous + ")."
          : "Thank you: you rated this " + stars + ".";
      }).catch(function () {
        status.textContent = "Your rating was not saved: check your connection and try again.";
      }).then(function () {
        button.disabled = false;
      });
    });
  }

  function initSort(control) {
    var list = document.querySelector("[data-recipe-list]");
    var select = control.querySelector("select");
    if (!list || !select) return;
    var cards = Array.prototype.slice.call(list.children);
    var titleOrder = cards.slice();
    function loved(card) {
      var value = parseFloat(card.getAttribute("data-loved"));
      return isNaN(value) ? -1 : value;
    }
    select.addEventListener("change", function () {
      var order = select.value === "loved"
        ? cards.slice().sort(function (a, b) {
            return loved(b) - loved(a) || titleOrder.indexOf(a) - titleOrder.indexOf(b);
          })
        : titleOrder;
      order.forEach(function (card) { list.appendChild(card); });
    });
    control.hidden = false;
  }

  document.querySelectorAll("[data-rating-form]").forEach(initForm);
  document.querySelectorAll("[data-recipe-sort]").forEach(initSort);
})();
