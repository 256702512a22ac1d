/* Money in the dashboard, shared helpers (FrostfolioMoney): the API's paths, amounts shown
 * from the API's exact strings, months and dates. Amounts are never parsed to numbers to add
 * them up: the API computes every sum; the page only formats what it is given. */
(function () {
  "use strict";

  var formats = {};

  /* An amount ("-12.30", in the account's currency) as the owner reads it: "−€12.30".
   * Intl.NumberFormat formats a decimal string exactly (no float rounding on the way). */
  function money(amount, currency) {
    if (amount === null || amount === undefined || amount === "") return "–";
    var text = String(amount);
    if (!currency) return text;
    var key = currency;
    try {
      if (!formats[key]) formats[key] = new Intl.NumberFormat(undefined, { style: "currency", currency: currency });
      return formats[key].format(text);
    } catch (e) {
      return text + " " + currency;
    }
  }

  function isNegative(amount) {
    return /^\s*-/.test(String(amount || ""));
  }

  /* "12.30" → "-12.30" and back, as text (an expense is logged as a positive number). */
  function negate(amount) {
    var text = String(amount).trim();
    if (text.charAt(0) === "-") return text.slice(1);
    if (text.charAt(0) === "+") text = text.slice(1);
    return /^0*(\.0*)?$/.test(text) ? text : "-" + text;
  }

  /* What the owner typed ("12,3", "1 234.50") as the API's plain decimal string, or null. */
  function cleanAmount(typed) {
    var text = String(typed || "").replace(/[\s\u00a0']/g, "");
    if (/^\d{1,3}(\.\d{3})+,\d+$/.test(text)) text = text.replace(/\./g, "").replace(",", ".");
    else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, "");
    else text = text.replace(",", ".");
    return /^\d+(\.\d+)?$/.test(text) ? text : null;
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function thisMonth() { return today().slice(0, 7); }

  function isMonth(text) { return /^\d{4}-(0[1-9]|1[0-2])$/.test(text || ""); }

  function isYear(text) { return /^\d{4}$/.test(text || ""); }

  /* A month (yyyy-mm) or a whole year (yyyy), as the API's periods. */
  function isPeriod(text) { return isMonth(text) || isYear(text); }

  function periodName(period) { return isYear(period) ? period : monthName(period); }

  function shiftMonth(month, by) {
    var y = +month.slice(0, 4), m = +month.slice(5, 7) - 1 + by;
    y += Math.floor(m / 12);
    m = ((m % 12) + 12) % 12;
    return y + "-" + pad(m + 1);
  }

  function monthName(month) {
    var d = new Date(+month.slice(0, 4), +month.slice(5, 7) - 1, 1);
    return d.toLocaleDateString(undefined, { month: "long", year: "numeric" });
  }

  function shortMonth(month) {
    var d = new Date(+month.slice(0, 4), +month.slice(5, 7) - 1, 1);
    return d.toLocaleDateString(undefined, { month: "short", year: "2-digit" });
  }

  function day(iso) {
    if (!iso) return "";
    var d = new Date(iso.slice(0, 10) + "T12:00:00");
    return isNaN(d) ? iso : d.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
  }

  function daysLeft(month) {
    if (month !== thisMonth()) return month < thisMonth() ? 0 : null;
    var d = new Date();
    var last = new Date(d.getFullYear(), d.getMonth() + 1, 0).getDate();
    return last - d.getDate() + 1;  // today still counts
  }

  /* The API's paths, in one place (docs/money.md lists them). */
  var paths = {
    summary: "/money/summary",
    accounts: "/money/accounts",
    categories: "/money/categories",
    transactions: function (period, filters) {
      var query = (isYear(period) ? "?year=" : "?month=") + period;
      ["category", "account", "flow", "tag"].forEach(function (name) {
        if (filters && filters[name]) query += "&" + name + "=" + encodeURIComponent(filters[name]);
      });
      return "/money/transactions" + query;
    },
    transaction: function (id) { return "/money/transactions/" + encodeURIComponent(id); },
    createTransaction: "/money/transactions",
    transfers: "/money/transfers",
    budgets: function (period) { return "/money/budgets/" + period; },
    goals: "/money/goals",
    spending: function (period) { return "/money/reports/spending/" + period; },
    incomeExpense: function (first, last) { return "/money/reports/income-expense?from=" + first + "&to=" + last; },
    netWorth: function (first, last) { return "/money/reports/net-worth?from=" + first + "&to=" + last; },
    exportCsv: function (period) {
      if (!period) return "/money/export.csv";
      return "/money/export.csv?from=" + (isYear(period) ? period + "-01&to=" + period + "-12" : period + "&to=" + period);
    },
    imports: "/money/imports",
    importOne: function (id) { return "/money/imports/" + encodeURIComponent(id); },
    importConfirm: function (id) { return "/money/imports/" + encodeURIComponent(id) + "/confirm"; },
    mappings: "/money/imports/banks",
    rules: "/money/rules",
    ruleSuggestions: "/money/rules/suggestions",
    rule: function (id) { return "/money/rules/" + encodeURIComponent(id); }
  };

  /* The list in an answer, whatever its key ({accounts: [...]}, {items: [...]}, [...]). */
  function listOf(data, key) {
    if (Array.isArray(data)) return data;
    if (!data) return [];
    if (Array.isArray(data[key])) return data[key];
    if (Array.isArray(data.items)) return data.items;
    return [];
  }

  function nameOf(thing) {
    if (thing === null || thing === undefined) return "";
    if (typeof thing === "string") return thing;
    return thing.name || thing.label || thing.id || "";
  }

  /* Send a change the way the contract says: through the dashboard's offline queue, which
   * keeps it (with one idempotency key) until the API has it. Without the queue (an older
   * core), straight to the API. Resolves to {queued: true} when kept for later. */
  function send(ctx, method, path, body, label) {
    var dash = window.FrostfolioDashboard || {};
    if (dash.queue && dash.queue.send) {
      return Promise.resolve(dash.queue.send(method, path, body, { label: label })).then(function (answer) {
        return answer || { queued: true };
      });
    }
    return ctx.api(path, { method: method, body: body });
  }

  function wasQueued(answer) {
    return !!(answer && (answer.queued || answer.offline || answer.pending));
  }

  /* One status line for a list's loading error. */
  function fail(ctx, note) {
    return function (err) {
      var text = err && err.status === 0 ? "No connection: showing nothing new until you are back online." : (err && err.message) || "Something went wrong.";
      ctx.status(note, text, "error");
    };
  }

  /* A bar with its value in text beside it: the bar is decoration, the text is the fact. */
  function bar(ctx, label, percent, text, over) {
    var el = ctx.el;
    var fill = el("span", { class: "money-bar-fill" + (over ? " is-over" : "") });
    var width = Math.max(0, Math.min(100, percent || 0));
    fill.style.width = width + "%";  // CSSOM, allowed by the dashboard's CSP (no style attribute)
    return el("div", { class: "money-bar-row" + (over ? " is-over" : "") }, [
      el("div", { class: "money-bar-head" }, [
        el("span", { class: "money-bar-label", text: label }),
        el("span", { class: "money-bar-text", text: text })
      ]),
      el("span", { class: "money-bar", "aria-hidden": "true" }, [fill])
    ]);
  }

  /* Percentage for drawing only (the figures shown are the API's strings). */
  function share(part, whole) {
    var p = parseFloat(part), w = parseFloat(whole);
    if (!isFinite(p) || !isFinite(w) || w <= 0) return p > 0 ? 100 : 0;
    return (Math.abs(p) / w) * 100;
  }

  function subnav(ctx, current) {
    var el = ctx.el;
    var items = [
      ["", "Overview"], ["transactions", "Transactions"], ["reports", "Reports"],
      ["goals", "Goals"], ["import", "Import"], ["rules", "Rules"], ["setup", "Set up"]
    ];
    var list = el("ul", { class: "filters money-nav" });
    items.forEach(function (item) {
      list.appendChild(el("li", {}, [el("a", {
        href: "#/money" + (item[0] ? "/" + item[0] : ""),
        "aria-current": item[0] === current ? "page" : null,
        text: item[1]
      })]));
    });
    return el("nav", { "aria-label": "Money" }, [list]);
  }

  function monthPicker(ctx, period, base) {
    var el = ctx.el;
    if (isYear(period)) {
      var before = String(+period - 1), after = String(+period + 1);
      return el("div", { class: "money-months" }, [
        el("a", { class: "button button-ghost", href: base + "/" + before, text: "‹ " + before, "aria-label": "Previous year, " + before }),
        el("h2", { class: "money-month", text: period }),
        el("a", { class: "button button-ghost", href: base + "/" + after, text: after + " ›", "aria-label": "Next year, " + after })
      ]);
    }
    return el("div", { class: "money-months" }, [
      el("a", { class: "button button-ghost", href: base + "/" + shiftMonth(period, -1), text: "‹ " + shortMonth(shiftMonth(period, -1)), "aria-label": "Previous month, " + monthName(shiftMonth(period, -1)) }),
      el("h2", { class: "money-month", text: monthName(period) }),
      el("a", { class: "button button-ghost", href: base + "/" + shiftMonth(period, 1), text: shortMonth(shiftMonth(period, 1)) + " ›", "aria-label": "Next month, " + monthName(shiftMonth(period, 1)) })
    ]);
  }

  /* Cached per page view: accounts and categories fill the forms' choices. */
  var cache = {};
  function lookup(ctx, what) {
    if (!cache[what]) {
      cache[what] = ctx.api(paths[what]).then(function (data) { return listOf(data, what); }, function (err) {
        delete cache[what];
        throw err;
      });
    }
    return cache[what];
  }
  function forget() { cache = {}; }

  window.FrostfolioMoney = {
    money: money, isNegative: isNegative, negate: negate, cleanAmount: cleanAmount,
    today: today, thisMonth: thisMonth, isMonth: isMonth, isYear: isYear, isPeriod: isPeriod,
    periodName: periodName, shiftMonth: shiftMonth,
    monthName: monthName, shortMonth: shortMonth, day: day, daysLeft: daysLeft,
    paths: paths, listOf: listOf, nameOf: nameOf, send: send, wasQueued: wasQueued,
    fail: fail, bar: bar, share: share, subnav: subnav, monthPicker: monthPicker,
    lookup: lookup, forget: forget, parts: {}
  };
})();
