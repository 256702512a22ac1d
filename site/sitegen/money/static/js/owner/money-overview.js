/* Money: accounts with their balances per currency, budget vs actual per category with
 * the days left, goals with progress and the monthly amount still needed. Bars always have
 * their figures in text beside them; an overspent category says so in words too. */
(function () {
  "use strict";

  var M = window.FrostfolioMoney;

  function pick(obj, names) {
    for (var i = 0; i < names.length; i++) {
      if (obj[names[i]] !== undefined && obj[names[i]] !== null) return obj[names[i]];
    }
    return null;
  }

  /* A budget line from the API, whatever it calls its fields. */
  function budgetLine(b) {
    return {
      category: pick(b, ["category"]),
      name: M.nameOf(pick(b, ["category_name", "name", "category"])) || "No category",
      budget: pick(b, ["budget", "budgeted", "amount", "available"]),
      spent: pick(b, ["spent", "actual", "activity"]),
      left: pick(b, ["left", "remaining", "balance"]),
      currency: pick(b, ["currency"]),
      percent: pick(b, ["percent", "used_percent"])
    };
  }

  function positive(text) {
    return String(text || "").replace(/^-/, "");
  }

  function budgetRows(ctx, data, month) {
    var el = ctx.el;
    var lines = M.listOf(data, "budgets").map(budgetLine);
    if (!lines.length) lines = M.listOf(data, "categories").map(budgetLine);
    var list = el("ul", { class: "money-bars", "aria-label": "Budget vs actual, " + M.monthName(month) });
    lines.forEach(function (b) {
      var spent = positive(b.spent || "0");
      var over = M.isNegative(b.left);
      var text = M.money(spent, b.currency) + " of " + M.money(b.budget, b.currency) + " · " +
        (over ? M.money(positive(b.left), b.currency) + " over" : M.money(b.left, b.currency) + " left");
      var percent = b.percent !== null ? parseFloat(b.percent) : M.share(spent, b.budget);
      var item = el("li", { "data-category": b.category || "" }, [M.bar(ctx, b.name, percent, text, over)]);
      if (over) item.appendChild(el("p", { class: "money-over-note", text: "Over budget" }));
      list.appendChild(item);
    });
    return { list: list, count: lines.length };
  }

  function budgets(ctx, month, root) {
    var el = ctx.el;
    var section = el("section", { class: "panel money-budgets", "aria-labelledby": "money-budgets-title" });
    var note = el("p", { class: "status", role: "status" });
    var body = el("div");
    section.appendChild(el("h2", { id: "money-budgets-title", text: "Budgets" }));
    section.appendChild(note);
    section.appendChild(body);
    root.appendChild(section);
    function load() {
      return ctx.api(M.paths.budgets(month)).then(function (data) {
        body.textContent = "";
        var left = data.days_left !== undefined ? data.days_left : M.daysLeft(month);
        if (left !== null && left !== undefined) {
          body.appendChild(el("p", { class: "meta money-days", text: left === 0 ? M.monthName(month) + " is over." : left + (left === 1 ? " day left in " : " days left in ") + M.monthName(month) + "." }));
        }
        var drawn = budgetRows(ctx, data, month);
        if (drawn.count) body.appendChild(drawn.list);
        else body.appendChild(el("p", { class: "meta", text: "No budgets for " + M.monthName(month) + " yet." }));
        ctx.status(note, "");
      }, M.fail(ctx, note));
    }
    load();
    return load;
  }

  function accounts(ctx, root) {
    var el = ctx.el;
    var section = el("section", { class: "panel money-accounts", "aria-labelledby": "money-accounts-title" });
    var note = el("p", { class: "status", role: "status" });
    var body = el("div");
    section.appendChild(el("h2", { id: "money-accounts-title", text: "Accounts" }));
    section.appendChild(note);
    section.appendChild(body);
    root.appendChild(section);
    function load() {
      return ctx.api(M.paths.accounts).then(function (data) {
        var list = M.listOf(data, "accounts");
        body.textContent = "";
        if (!list.length) {
          body.appendChild(el("p", { class: "meta", text: "No accounts yet." }));
          return;
        }
        // Grouped by currency: balances in different currencies are never added up here.
        var currencies = [];
        list.forEach(function (a) { if (currencies.indexOf(a.currency) < 0) currencies.push(a.currency); });
        var totals = {};
        M.listOf(data, "totals").forEach(function (t) { totals[t.currency] = t.balance || t.total; });
        if (data.totals && !Array.isArray(data.totals)) totals = data.totals;
        currencies.forEach(function (ccy) {
          var rows = el("ul", { class: "devices money-account-list", "aria-label": "Accounts in " + ccy });
          list.filter(function (a) { return a.currency === ccy; }).forEach(function (a) {
            rows.appendChild(el("li", { "data-account": a.id }, [
              el("div", {}, [el("strong", { text: M.nameOf(a) }), el("p", { class: "meta", text: (a.type || "account").replace(/_/g, " ") + " · " + ccy })]),
              el("span", { class: "money-amount" + (M.isNegative(a.balance) ? " is-out" : ""), text: M.money(a.balance, ccy) })
            ]));
          });
          var head = [el("h3", { text: ccy })];
          if (totals[ccy] !== undefined) head.push(el("p", { class: "meta", text: "Total " + M.money(totals[ccy], ccy) }));
          body.appendChild(el("div", { class: "money-currency" }, head.concat([rows])));
        });
        if (data.net_worth) {
          var nw = data.net_worth;
          body.appendChild(el("p", { class: "money-networth", text: "Net worth: " + M.money(nw.amount || nw, nw.currency || data.currency) }));
        }
      }, M.fail(ctx, note));
    }
    load();
    return load;
  }

  function goalLine(ctx, g) {
    var el = ctx.el;
    var currency = g.currency;
    var saved = pick(g, ["saved", "progress", "current", "balance"]) || "0";
    var target = pick(g, ["target", "amount", "target_amount"]);
    var monthly = pick(g, ["monthly_needed", "monthly", "per_month"]);
    var due = pick(g, ["due", "by", "target_date", "date"]);
    var percent = pick(g, ["percent"]);
    var text = M.money(saved, currency) + " of " + M.money(target, currency);
    var lines = [M.bar(ctx, M.nameOf(g), percent !== null ? parseFloat(percent) : M.share(saved, target), text, false)];
    var facts = [];
    if (due) facts.push("by " + M.day(due));
    if (monthly !== null) facts.push(M.isNegative(monthly) || parseFloat(monthly) === 0 ? "reached" : M.money(monthly, currency) + " a month still needed");
    if (g.account_name || g.category_name) facts.push("from " + (g.account_name || g.category_name));
    if (facts.length) lines.push(el("p", { class: "meta", text: facts.join(" · ") }));
    return el("li", { "data-goal": g.id || "" }, lines);
  }

  function goals(ctx, root, all) {
    var el = ctx.el;
    var section = el("section", { class: "panel money-goals", "aria-labelledby": "money-goals-title" });
    var note = el("p", { class: "status", role: "status" });
    var list = el("ul", { class: "money-bars", "aria-label": "Goals" });
    section.appendChild(el("h2", { id: "money-goals-title", text: "Goals" }));
    section.appendChild(note);
    section.appendChild(list);
    if (!all) section.appendChild(el("p", {}, [el("a", { href: "#/money/goals", text: "All goals" })]));
    root.appendChild(section);
    function load() {
      return ctx.api(M.paths.goals).then(function (data) {
        var found = M.listOf(data, "goals");
        list.textContent = "";
        found.slice(0, all ? found.length : 3).forEach(function (g) { list.appendChild(goalLine(ctx, g)); });
        ctx.status(note, found.length ? "" : "No goals yet.");
      }, M.fail(ctx, note));
    }
    load();
    return load;
  }

  function goalsPage(ctx) {
    var v = ctx.view("Goals");
    v.root.appendChild(M.subnav(ctx, "goals"));
    goals(ctx, v.root, true);
    return v;
  }

  M.parts.budgets = budgets;
  M.parts.budgetRows = budgetRows;
  M.parts.accounts = accounts;
  M.parts.goals = goals;
  M.parts.goalsPage = goalsPage;
})();
