/* Recipes, made nicer in the browser. Every page is complete without this file:
 * - recipe page: servings scaler, metric/US toggle, remembers the recipe was opened;
 * - recipe index: instant filters, suggestions from recipes opened on this device;
 * - "what can I make": ranks recipes by how few ingredients are missing.
 * Nothing is sent anywhere: history lives in localStorage and can be cleared. */
(function () {
  "use strict";

  var HISTORY_KEY = "frostfolio.recipes.opened";
  var HISTORY_MAX = 20;
  var GLYPHS = { "1/2": "½", "1/3": "⅓", "2/3": "⅔", "1/4": "¼", "3/4": "¾", "1/8": "⅛", "3/8": "⅜", "5/8": "⅝", "7/8": "⅞" };
  // Metric units read as decimals (like the page's own rendering); others as kitchen fractions.
  var DECIMAL = { mg: 1, g: 1, kg: 1, ml: 1, cl: 1, dl: 1, l: 1 };

  /* ---------- numbers ---------- */

  function gcd(a, b) { return b ? gcd(b, a % b) : a; }

  // Nearest kitchen fraction: eighths or thirds.
  function nearest(value) {
    var best = null;
    [8, 3].forEach(function (den) {
      var num = Math.round(value * den);
      var err = Math.abs(value - num / den);
      if (best === null || err < best.err - 1e-9) best = { num: num, den: den, err: err };
    });
    return best;
  }

  // Nearest kitchen fraction, shown with glyphs: 1.5 -> "1 ½".
  function niceFraction(value) {
    var best = nearest(value);
    if (best.num === 0) return formatDecimal(value);
    var whole = Math.floor(best.num / best.den);
    var rest = best.num - whole * best.den;
    if (!rest) return String(whole);
    var g = gcd(rest, best.den);
    var glyph = GLYPHS[rest / g + "/" + best.den / g];
    return whole ? whole + " " + glyph : glyph;
  }

  // Same rounding as the server: 2 places below 10, 1 below 100, whole above.
  function formatDecimal(value) {
    var places = value >= 100 ? 0 : value >= 10 ? 1 : 2;
    var text = value.toFixed(places);
    return text.indexOf(".") >= 0 ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
  }

  function formatAmount(value, unit) {
    return DECIMAL[unit] ? formatDecimal(value) : niceFraction(value);
  }

  // The number a reader sees: "1" for 1.04 decides "1 onion", not "1 onions".
  function shownAmount(value, unit) {
    if (DECIMAL[unit]) return parseFloat(formatDecimal(value));
    var best = nearest(value);
    return best.num === 0 ? value : best.num / best.den;
  }

  /* ---------- recipe page ---------- */

  function amounts(root) {
    return Array.prototype.map.call(root.querySelectorAll(".amount[data-qty]"), function (el) {
      return {
        el: el,
        qty: parseFloat(el.dataset.qty),
        max: el.dataset.qtyMax ? parseFloat(el.dataset.qtyMax) : null,
        unit: el.dataset.unit || "",
        dim: el.dataset.dim || "",
        singular: el.dataset.singular || "",
        plural: el.dataset.plural || "",
        // The item's two names, worked out at build time: the page only picks one.
        name: el.parentNode.querySelector("[data-one][data-many]")
      };
    });
  }

  // Pick the unit a cook of the other system would use for this much.
  function convert(value, from, units, system) {
    var base = units[from];
    if (!base || (base.dim !== "mass" && base.dim !== "volume")) return null;
    if (system === "metric" && base.system !== "us") return null;
    if (system === "us" && base.system !== "metric") return null;
    var amount = value * base.base;
    var to;
    if (system === "metric") {
      to = base.dim === "mass" ? (amount >= 1000 ? "kg" : "g") : (amount >= 1000 ? "l" : "ml");
    } else if (base.dim === "mass") {
      to = amount >= units.lb.base ? "lb" : "oz";
    } else {
      to = amount < units.tbsp.base ? "tsp" : amount < units.cup.base / 4 ? "tbsp" : "cup";
    }
    return { value: amount / units[to].base, unit: to };
  }

  function unitLabel(unit, value, units, item) {
    if (item && unit === item.unit && item.singular) return value <= 1 ? item.singular : item.plural;
    var u = units[unit];
    if (!u) return unit;
    return value <= 1 ? u.singular : u.plural;
  }

  function renderAmounts(items, factor, system, units) {
    items.forEach(function (item) {
      var low = item.qty * factor;
      var high = item.max === null ? null : item.max * factor;
      var unit = item.unit;
      var converted = system ? convert(low, unit, units, system) : null;
      if (converted) {
        if (high !== null) high = convert(high, unit, units, system).value;
        low = converted.value;
        unit = converted.unit;
      }
      var text = formatAmount(low, unit);
      if (high !== null) text += "–" + formatAmount(high, unit);
      // More than 1 reads as a plural, 1 or less as a singular (as on the server).
      var top = shownAmount(high !== null ? high : low, unit);
      if (unit) text += " " + unitLabel(unit, top, units, item);
      item.el.textContent = text;
      if (item.name) item.name.textContent = top > 1 ? item.name.dataset.many : item.name.dataset.one;
    });
  }

  function initRecipe(article) {
    var items = amounts(article);
    var unitsHost = article.querySelector("[data-units]");
    var units = unitsHost ? JSON.parse(unitsHost.dataset.units) : {};
    var box = article.querySelector("[data-servings]");
    var base = box ? parseInt(box.dataset.servings, 10) : 0;
    var state = { servings: base, system: null };

    function update() {
      renderAmounts(items, base ? state.servings / base : 1, state.system, units);
      if (box) box.querySelector("[data-servings-label]").textContent = String(state.servings);
    }

    if (box && base) {
      var scaler = box.querySelector("[data-scaler]");
      var input = box.querySelector("[data-servings-input]");
      var label = box.querySelector("[data-servings-label]");
      scaler.hidden = false;
      label.hidden = true;
      input.addEventListener("input", function () {
        var n = parseInt(input.value, 10);
        if (n > 0 && n <= 200) { state.servings = n; update(); }
      });
      scaler.addEventListener("click", function (event) {
        var step = event.target.closest("[data-step]");
        if (!step) return;
        var n = Math.min(200, Math.max(1, state.servings + parseInt(step.dataset.step, 10)));
        state.servings = n;
        input.value = String(n);
        update();
      });
    }

    var toggle = article.querySelector("[data-unit-toggle]");
    if (toggle) {
      var metric = items.some(function (i) { return units[i.unit] && units[i.unit].system === "metric" && units[i.unit].dim !== "count"; });
      var us = items.some(function (i) { return units[i.unit] && units[i.unit].system === "us"; });
      if (metric || us) {
        var target = metric ? "us" : "metric";
        var offText = target === "us" ? "Show US units" : "Show metric units";
        toggle.textContent = offText;
        toggle.hidden = false;
        toggle.addEventListener("click", function () {
          var on = toggle.getAttribute("aria-pressed") !== "true";
          toggle.setAttribute("aria-pressed", on ? "true" : "false");
          toggle.textContent = on ? "Show units as written" : offText;
          state.system = on ? target : null;
          update();
        });
      }
    }
    remember(article.dataset.recipe);
  }

  /* ---------- history (this device only) ---------- */

  function readHistory() {
    try {
      var list = JSON.parse(window.localStorage.getItem(HISTORY_KEY) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }

  function remember(slug) {
    if (!slug) return;
    var list = readHistory().filter(function (s) { return s !== slug; });
    list.unshift(slug);
    try { window.localStorage.setItem(HISTORY_KEY, JSON.stringify(list.slice(0, HISTORY_MAX))); } catch (e) { /* private mode: nothing to keep */ }
  }

  /* ---------- shared: the build-time index ---------- */

  var indexPromise = null;
  function loadIndex(url) {
    if (!indexPromise) {
      indexPromise = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error("recipe index: HTTP " + r.status);
        return r.json();
      });
    }
    return indexPromise;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function card(recipe) {
    var li = el("li", { "class": "recipe-card" });
    var body = el("div", { "class": "recipe-card-body" });
    var h = el("h3", { "class": "recipe-card-title" });
    h.appendChild(el("a", { href: recipe.url }, recipe.title));
    body.appendChild(h);
    if (recipe.summary) body.appendChild(el("p", { "class": "recipe-card-summary" }, recipe.summary));
    li.appendChild(el("article")).appendChild(body);
    return li;
  }

  /* ---------- index page: instant filters and suggestions ---------- */

  function initFilters(root) {
    var list = root.querySelector("[data-recipe-list]");
    var status = root.querySelector("[data-filter-status]");
    var cards = Array.prototype.slice.call(list.querySelectorAll(".recipe-card"));
    var chosen = {};

    function apply() {
      var shown = 0;
      cards.forEach(function (c) {
        var ok = Object.keys(chosen).every(function (facet) {
          var values = (c.dataset[facet] || "").split(" ");
          return values.indexOf(chosen[facet]) >= 0;
        });
        c.hidden = !ok;
        if (ok) shown += 1;
      });
      root.querySelectorAll(".filter-chip").forEach(function (chip) {
        var facet = chip.closest("[data-facet]").dataset.facet;
        if (chosen[facet] === chip.dataset.value) chip.setAttribute("aria-current", "true");
        else chip.removeAttribute("aria-current");
      });
      var any = Object.keys(chosen).length > 0;
      status.textContent = any ? shown + " of " + cards.length + " recipes · " : "";
      if (any) {
        var clear = el("button", { type: "button", "class": "link-button" }, "Show all");
        clear.addEventListener("click", function () { chosen = {}; apply(); });
        status.appendChild(clear);
      }
    }

    root.querySelector(".recipe-filters").addEventListener("click", function (event) {
      var chip = event.target.closest(".filter-chip");
      if (!chip || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      var facet = chip.closest("[data-facet]").dataset.facet;
      if (chosen[facet] === chip.dataset.value) delete chosen[facet];
      else chosen[facet] = chip.dataset.value;
      apply();
    });
  }

  function initSuggestions(root, index) {
    var box = root.querySelector("[data-suggestions]");
    var seen = readHistory();
    if (!box || !seen.length) return;
    var bySlug = {};
    index.recipes.forEach(function (r) { bySlug[r.slug] = r; });
    var score = {};
    seen.forEach(function (slug, age) {
      var recipe = bySlug[slug];
      if (!recipe) return;
      recipe.related.forEach(function (other, rank) {
        if (seen.indexOf(other) >= 0) return;
        // Recent visits and closer matches count more.
        score[other] = (score[other] || 0) + 1 / (1 + age) + 1 / (2 + rank);
      });
    });
    var picks = Object.keys(score).sort(function (a, b) { return score[b] - score[a] || (a < b ? -1 : 1); }).slice(0, 3);
    if (!picks.length) return;
    var list = box.querySelector("[data-suggestion-list]");
    picks.forEach(function (slug) { list.appendChild(card(bySlug[slug])); });
    box.hidden = false;
    box.querySelector("[data-clear-history]").addEventListener("click", function () {
      try { window.localStorage.removeItem(HISTORY_KEY); } catch (e) { /* nothing kept */ }
      box.hidden = true;
      list.textContent = "";
    });
  }

  /* ---------- what can I make ---------- */

  var IRREGULAR = { leaves: "leaf", halves: "half", loaves: "loaf", knives: "knife" };

  function singular(word) {
    if (IRREGULAR[word]) return IRREGULAR[word];
    var rules = [["ies", "y"], ["oes", "o"], ["ches", "ch"], ["shes", "sh"]];
    for (var i = 0; i < rules.length; i++) {
      var s = rules[i][0];
      if (word.length > s.length + 1 && word.slice(-s.length) === s) return word.slice(0, -s.length) + rules[i][1];
    }
    if (word.length > 3 && word.slice(-1) === "s" && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
    return word;
  }

  // Mirrors sitegen.recipes.ingredients.item_key.
  function itemKey(text, descriptors) {
    var words = text.toLowerCase().replace(/\(.*?\)/g, " ").replace(/\s+for\s+.*$/, "").match(/[a-zà-ÿ][a-zà-ÿ'\-]*/g) || [];
    var kept = words.filter(function (w) { return descriptors.indexOf(w) < 0; }).map(singular);
    return kept.length ? kept.join(" ") : words.map(singular).join(" ");
  }

  function covers(have, key) {
    var keyWords = key.split(" ");
    return have.split(" ").every(function (w) { return keyWords.indexOf(w) >= 0; });
  }

  // Mirrors sitegen.recipes.discover.rank_by_pantry.
  function rank(index, haveList) {
    var have = haveList.map(function (h) { return itemKey(h, index.descriptors); }).filter(Boolean);
    var results = [];
    index.recipes.forEach(function (recipe) {
      var missing = recipe.ingredients.filter(function (ing) {
        return !have.some(function (h) { return covers(h, ing.key); });
      });
      var got = recipe.ingredients.length - missing.length;
      if (got) results.push({ recipe: recipe, missing: missing.map(function (i) { return i.name; }), have: got });
    });
    results.sort(function (a, b) {
      return a.missing.length - b.missing.length || b.have - a.have ||
        (a.recipe.title.toLowerCase() < b.recipe.title.toLowerCase() ? -1 : 1);
    });
    return results;
  }

  function initPantry(root, index) {
    var form = root.querySelector("[data-pantry-form]");
    var out = root.querySelector("[data-pantry-results]");
    var status = root.querySelector("[data-pantry-status]");

    function update() {
      var have = Array.prototype.map.call(form.querySelectorAll("input[name=have]:checked"), function (c) { return c.value; });
      form.elements.other.value.split(",").forEach(function (v) { if (v.trim()) have.push(v.trim()); });
      out.textContent = "";
      if (!have.length) { status.textContent = "Tick an ingredient to start."; return; }
      var ranked = rank(index, have);
      status.textContent = ranked.length ? ranked.length + " recipes use what you have." : "No recipe uses those yet.";
      ranked.forEach(function (m) {
        var li = el("li", { "class": "pantry-result", "data-slug": m.recipe.slug });
        li.appendChild(el("a", { href: m.recipe.url }, m.recipe.title));
        li.appendChild(el("span", { "class": m.missing.length ? "missing" : "missing none" },
          m.missing.length ? "Missing: " + m.missing.join(", ") : "You have everything"));
        out.appendChild(li);
      });
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    update();
  }

  /* ---------- start ---------- */

  function start() {
    var article = document.querySelector("[data-recipe]");
    if (article) initRecipe(article);
    var root = document.querySelector("[data-recipes-index]");
    if (!root) return;
    if (root.hasAttribute("data-complete")) initFilters(root);
    var wantsIndex = root.querySelector("[data-suggestions]") || root.querySelector("[data-pantry-form]");
    if (!wantsIndex) return;
    loadIndex(root.dataset.recipesIndex).then(function (index) {
      if (root.querySelector("[data-suggestions]")) initSuggestions(root, index);
      if (root.querySelector("[data-pantry-form]")) initPantry(root, index);
    }).catch(function (err) {
      var status = root.querySelector("[data-pantry-status]");
      if (status) status.textContent = "The recipe list could not be loaded (" + err.message + ").";
    });
  }

  // Exposed for tests and for the curious; nothing else uses it.
  window.frostfolioRecipes = { niceFraction: niceFraction, itemKey: itemKey, rank: rank };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
