/* Money: the dashboard's Money page and its home card (the month's spending vs budget).
 *   #/money[/<yyyy-mm>]               overview: log an entry, budgets, spending, accounts, goals
 *   #/money/transactions/<yyyy-mm>…   a month's transactions, search, edit
 *   #/money/reports/<yyyy-mm>         charts, drill-down, CSV export
 *   #/money/report/<yyyy-mm>          the printable monthly report
 *   #/money/goals, /import, /rules, /setup (accounts, categories, budgets, goals)
 * The parts live in money-*.js (loaded first, sharing FrostfolioMoney). */
(function () {
  "use strict";

  var M = window.FrostfolioMoney;
  var shown = null;  // the overview's refresh while it is the page shown

  // An entry kept offline reaches the API later: the overview shows it once it is sent.
  window.addEventListener("frostfolio:queue-sent", function (event) {
    var path = event.detail && event.detail.entry && event.detail.entry.path;
    if (shown && /^\/money\//.test(path || "") && /^#\/money\/?(\d{4}-\d{2})?$/.test(location.hash)) shown();
  });

  function overview(ctx, rest) {
    var el = ctx.el;
    var month = M.isMonth(rest[0]) ? rest[0] : M.thisMonth();
    var v = ctx.view("Money");
    v.root.appendChild(M.subnav(ctx, ""));
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
    shown = refresh;
    ctx.every(60, refresh);
    return v;
  }

  function render(ctx, rest) {
    var sub = rest[0];
    shown = null;
    M.forget();  // accounts and categories are read afresh once per page shown
    if (sub === "transactions") return M.parts.transactions(ctx, rest.slice(1));
    if (sub === "reports") return M.parts.reports(ctx, rest.slice(1));
    if (sub === "report") return M.parts.printable(ctx, rest.slice(1));
    if (sub === "goals") return M.parts.goalsPage(ctx, rest.slice(1));
    if (sub === "import") return M.parts.importPage(ctx, rest.slice(1));
    if (sub === "rules") return M.parts.rules(ctx, rest.slice(1));
    if (sub === "setup") return M.parts.setup(ctx, rest.slice(1));
    return overview(ctx, rest);
  }

  /* The home card: this month's spending (the first currency's, as the API adds it up) and
   * how many of the month's budgets are over; no sum is made here. */
  function card(api) {
    return api(M.paths.summary).then(function (data) {
      var month = data.month || M.thisMonth();
      var flows = M.listOf(data, "this_month")[0];
      var ccy = flows ? flows.currency : (M.listOf(data, "accounts")[0] || {}).currency;
      var budgets = M.listOf(data, "budgets");
      var over = budgets.filter(function (b) { return M.isNegative(b.left); }).length;
      var label = "spent in " + M.monthName(month);
      if (budgets.length === 1) label += over ? " · over budget" : " · within budget";
      else if (budgets.length) label += " · " + (over ? over + " of " + budgets.length + " budgets over" : "all " + budgets.length + " budgets within");
      return { value: ccy ? M.money(flows ? flows.expense : "0", ccy) : "–", label: label };
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
