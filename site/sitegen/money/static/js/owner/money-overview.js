/* Money: accounts with their balances per currency, budget vs actual per category with
 * the days left, goals with progress and the monthly amount still needed. Bars always have
 * their figures in text beside them; an overspent category says so in words too. */
(function () {
  "use strict";

  var M = window.FrostfolioMoney;

  /* Budget vs actual lines, as the API gives them (api/money/budgets.py figures): spent is
   * what went out (a refund lowers it), available the budget plus what rolled over. */
  function budgetRows(ctx, data, month) {
    var el = ctx.el;
    var lines = M.listOf(data, "budgets");
    var list = el("ul", { class: "money-bars", "aria-label": "Budget vs actual, " + M.monthName(month) });
    lines.forEach(function (b) {
      var ccy = b.currency;
      var over = M.isNegative(b.left);
      var text = M.money(b.spent, ccy) + " of " + M.money(b.available, ccy) + " · " +
        (over ? M.money(String(b.left).slice(1), ccy) + " over" : M.money(b.left, ccy) + " left");
      var percent = b.percent_used !== null && b.percent_used !== undefined ? parseFloat(b.percent_used) : (over ? 100 : 0);
      var item = el("li", { "data-category": b.category || "" }, [M.bar(ctx, b.name || "No category", percent, text, over)]);
      var notes = [];
      if (b.carried_in && !/^-?0*(\.0*)?$/.test(b.carried_in)) notes.push(M.money(b.carried_in, ccy) + " carried in from the month before");
      if (b.percent_used) notes.push(b.percent_used + "% used");
      if (notes.length) item.appendChild(el("p", { class: "meta", text: notes.join(" · ") }));
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
        var first = M.listOf(data, "budgets")[0];
        var left = first && first.days_left !== undefined ? first.days_left : M.daysLeft(month);
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
      return ctx.api(M.paths.summary).then(function (data) {
        var list = M.listOf(data, "accounts");
        body.textContent = "";
        if (!list.length) {
          body.appendChild(el("p", { class: "meta", text: "No accounts yet." }));
          return;
        }
        // Grouped by currency: balances in different currencies are never added up here.
        var currencies = [];
        list.forEach(function (a) { if (currencies.indexOf(a.currency) < 0) currencies.push(a.currency); });
        var totals = data.totals || {};  // per currency, added up by the API
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
      }, M.fail(ctx, note));
    }
    load();
    return load;
  }

  function goalLine(ctx, g) {
    var el = ctx.el;
    var ccy = g.currency;
    var text = M.money(g.saved, ccy) + " of " + M.money(g.target, ccy) + " · " + (g.percent || "0") + "%";
    var facts = ["by " + M.day(g.by)];
    if (g.reached) facts.push("reached");
    else facts.push(M.money(g.monthly_needed, ccy) + " a month still needed (" + M.money(g.left, ccy) + " to go)");
    return el("li", { "data-goal": g.id || "" }, [
      M.bar(ctx, M.nameOf(g), parseFloat(g.percent) || 0, text, false),
      el("p", { class: "meta", text: facts.join(" · ") })
    ]);
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
