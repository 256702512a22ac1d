/* Money: the dashboard's Money page and its home card (the month's spending vs budget).
 *   #/money[/<yyyy-mm>]               overview: log an entry, budgets, spending, accounts, goals
 *   #/money/transactions/<yyyy-mm>…   a month's transactions, search, edit
 *   #/money/reports/<yyyy-mm>         charts, drill-down, CSV export
 *   #/money/report/<yyyy-mm>          the printable monthly report
 *   #/money/goals, /import, /rules
 * The parts live in money-*.js (loaded first, sharing FrostfolioMoney). */
(function () {
  "use strict";

  var M = window.FrostfolioMoney;

  function overview(ctx, rest) {
    var el = ctx.el;
    var month = M.isMonth(rest[0]) ? rest[0] : M.thisMonth();
    var v = ctx.view("Money");
    M.forget();
    v.root.appendChild(M.subnav(ctx, ""));
    var queue = window.FrostfolioDashboard && window.FrostfolioDashboard.queue;
    var logBox = el("div");
    v.root.appendChild(logBox);
    v.root.appendChild(M.monthPicker(ctx, month, "#/money"));
    var budgets = el("div");
    v.root.appendChild(budgets);
    var note = el("p", { class: "status", role: "status" });
    var chartBox = el("div", { class: "money-charts" });
    v.root.appendChild(el("section", { class: "panel", "aria-labelledby": "money-home-spending" }, [
      el("h2", { id: "money-home-spending", text: "Spending by category" }), note, chartBox,
      el("p", {}, [el("a", { href: "#/money/reports/" + month, text: "All reports" })])
    ]));
    var accounts = el("div");
    v.root.appendChild(accounts);
    var goals = el("div");
    v.root.appendChild(goals);

    var reloadBudgets = M.parts.budgets(ctx, month, budgets);
    var reloadAccounts = M.parts.accounts(ctx, accounts);
    M.parts.goals(ctx, goals, false);
    function reloadChart() { return M.parts.spendingChart(ctx, month, chartBox, note); }
    reloadChart();

    function refresh() {
      reloadBudgets();
      reloadAccounts();
      reloadChart();
    }
    M.parts.logForm(ctx, logBox, function (answer) {
      if (!M.wasQueued(answer)) refresh();
    }, { date: month === M.thisMonth() ? M.today() : month + "-01" });
    // An entry kept offline reaches the API later: show it once the queue has sent it.
    if (queue && queue.onSent) queue.onSent(function () { if (location.hash.indexOf("#/money") === 0) refresh(); });
    ctx.every(60, refresh);
    return v;
  }

  function render(ctx, rest) {
    var sub = rest[0];
    if (sub === "transactions") return M.parts.transactions(ctx, rest.slice(1));
    if (sub === "reports") return M.parts.reports(ctx, rest.slice(1));
    if (sub === "report") return M.parts.printable(ctx, rest.slice(1));
    if (sub === "goals") return M.parts.goalsPage(ctx, rest.slice(1));
    if (sub === "import") return M.parts.importPage(ctx, rest.slice(1));
    if (sub === "rules") return M.parts.rules(ctx, rest.slice(1));
    return overview(ctx, rest);
  }

  /* The home card: this month's spending against its budget, in the main currency. */
  function card(api) {
    var month = M.thisMonth();
    return api(M.paths.summary(month)).then(function (data) {
      var rows = M.listOf(data, "currencies");
      var main = rows.length ? rows[0] : data;
      var ccy = main.currency;
      var spent = String(main.spent || main.expense || "0").replace(/^-/, "");
      var budget = main.budget || main.budgeted;
      return {
        value: M.money(spent, ccy),
        label: budget ? "spent of " + M.money(budget, ccy) + " budget in " + M.monthName(month) : "spent in " + M.monthName(month)
      };
    });
  }

  FrostfolioDashboard.register({
    id: "money",
    title: "Money",
    order: 30,
    card: card,
    render: render
  });
})();
