/* Money: reports. Spending by category (bar; select a bar to see the transactions behind
 * it), income vs expense per month (bar; select a month), net worth over time (line), all
 * drawn by FrostfolioCharts.draw with its table of the numbers; CSV export; and the
 * printable monthly report (#/money/report/<yyyy-mm>, a print stylesheet in 70-money.css). */
(function () {
  "use strict";

  var M = window.FrostfolioMoney;

  /* Draw through the dashboard's charts; without them (an older core), the table alone. */
  function chart(ctx, container, spec) {
    if (container.moneyChart && container.moneyChart.destroy) container.moneyChart.destroy();
    container.textContent = "";
    if (window.FrostfolioCharts && window.FrostfolioCharts.draw) {
      container.moneyChart = window.FrostfolioCharts.draw(container, spec);
      return container.moneyChart;
    }
    var el = ctx.el;
    var head = el("tr", {}, [el("th", { scope: "col", text: "" })].concat(spec.series.map(function (s) { return el("th", { scope: "col", text: s.name }); })));
    var rows = spec.labels.map(function (label, i) {
      var cells = [el("th", { scope: "row" }, [spec.onSelect ? el("button", { type: "button", class: "link-button", text: label, onclick: function () { spec.onSelect(i); } }) : label])];
      return el("tr", {}, cells.concat(spec.series.map(function (s) { return el("td", { text: String(s.values[i]) }); })));
    });
    container.appendChild(el("figure", { class: "money-chart-fallback" }, [
      el("figcaption", { text: spec.title }),
      el("table", {}, [el("thead", {}, [head]), el("tbody", {}, rows)])
    ]));
  }

  function positive(text) { return String(text === null || text === undefined ? "0" : text).replace(/^-/, ""); }

  /* The categories money went out to, biggest first: a category's net total when negative
   * (a refund lowers it), as the API gives it, without the sign. */
  function spentLines(group) {
    return (group.categories || []).filter(function (c) { return M.isNegative(c.total); });
  }

  function categoryLabel(c) { return c.name || (c.category === "_none" ? "No category" : c.category); }

  function drill(month, line) {
    location.hash = "#/money/transactions/" + month + "/category/" + encodeURIComponent(line.category || "_none") +
      "/label/" + encodeURIComponent(categoryLabel(line));
  }

  function spending(ctx, month, box, note) {
    return ctx.api(M.paths.spending(month)).then(function (data) {
      box.textContent = "";
      var groups = M.listOf(data, "currencies").filter(function (g) { return spentLines(g).length; });
      groups.forEach(function (group) {
        var lines = spentLines(group);
        var part = ctx.el("div", { class: "money-chart", "data-currency": group.currency });
        box.appendChild(part);
        chart(ctx, part, {
          type: "bar",
          title: "Spending by category, " + M.periodName(month) + " (" + group.currency + ")",
          labels: lines.map(categoryLabel),
          series: [{ name: "Spent", values: lines.map(function (l) { return positive(l.total); }) }],
          unit: group.currency,
          labelHeading: "Category",
          onSelect: function (i) { drill(month, lines[i]); }
        });
        part.appendChild(ctx.el("p", { class: "meta", text: "Income " + M.money(group.income, group.currency) + " · expense " + M.money(group.expense, group.currency) + " · net " + M.money(group.net, group.currency) }));
      });
      if (!groups.length) box.appendChild(ctx.el("p", { class: "meta", text: "No spending in " + M.periodName(month) + "." }));
      return data;
    }, M.fail(ctx, note));
  }

  /* Each month's {currencies: {EUR: {...}}} turned into one series per currency. */
  function perCurrency(months, pickValue) {
    var order = [];
    months.forEach(function (m) {
      Object.keys(m.currencies || m.totals || {}).forEach(function (c) { if (order.indexOf(c) < 0) order.push(c); });
    });
    return order.map(function (ccy) {
      return { currency: ccy, values: months.map(function (m) { return pickValue((m.currencies || m.totals || {})[ccy]); }) };
    });
  }

  function lastMonth(period) { return M.isYear(period) ? period + "-12" : period; }

  function incomeExpense(ctx, period, box, note) {
    var month = lastMonth(period);
    var first = M.shiftMonth(month, -11);
    return ctx.api(M.paths.incomeExpense(first, month)).then(function (data) {
      box.textContent = "";
      var months = M.listOf(data, "months");
      var incomes = perCurrency(months, function (f) { return f ? positive(f.income) : "0"; });
      var expenses = perCurrency(months, function (f) { return f ? positive(f.expense) : "0"; });
      incomes.forEach(function (inc, n) {
        var part = ctx.el("div", { class: "money-chart", "data-currency": inc.currency });
        box.appendChild(part);
        chart(ctx, part, {
          type: "bar",
          title: "Income and expense per month, " + M.shortMonth(first) + " to " + M.shortMonth(month) + " (" + inc.currency + ")",
          labels: months.map(function (m) { return M.shortMonth(m.month); }),
          series: [{ name: "Income", values: inc.values }, { name: "Expense", values: expenses[n].values }],
          unit: inc.currency,
          labelHeading: "Month",
          onSelect: function (i) { location.hash = "#/money/transactions/" + months[i].month; }
        });
      });
      if (!incomes.length) box.appendChild(ctx.el("p", { class: "meta", text: "Nothing logged in these 12 months." }));
    }, M.fail(ctx, note));
  }

  function netWorth(ctx, period, box, note) {
    var month = lastMonth(period);
    var first = M.shiftMonth(month, -11);
    return ctx.api(M.paths.netWorth(first, month)).then(function (data) {
      box.textContent = "";
      var months = M.listOf(data, "months");
      perCurrency(months, function (v) { return v === undefined ? "0" : String(v); }).forEach(function (line) {
        var part = ctx.el("div", { class: "money-chart", "data-currency": line.currency });
        box.appendChild(part);
        chart(ctx, part, {
          type: "line",
          title: "Net worth at the end of each month (" + line.currency + ")",
          labels: months.map(function (m) { return M.shortMonth(m.month); }),
          series: [{ name: "Net worth", values: line.values }],
          unit: line.currency,
          labelHeading: "Month"
        });
      });
      if (!M.listOf(data, "accounts").length) box.appendChild(ctx.el("p", { class: "meta", text: "No accounts yet." }));
    }, M.fail(ctx, note));
  }

  function section(ctx, root, id, title) {
    var el = ctx.el;
    var box = el("div", { class: "money-charts" });
    root.appendChild(el("section", { class: "panel", "aria-labelledby": id }, [el("h2", { id: id, text: title }), box]));
    return box;
  }

  /* #/money/reports/<yyyy-mm> */
  function render(ctx, rest) {
    var el = ctx.el;
    var month = M.isPeriod(rest[0]) ? rest[0] : M.thisMonth();
    var year = M.isYear(month);
    var v = ctx.view("Reports");
    v.root.appendChild(M.subnav(ctx, "reports"));
    v.root.appendChild(M.monthPicker(ctx, month, "#/money/reports"));
    var note = el("p", { class: "status", role: "status" });
    v.root.appendChild(note);
    v.root.appendChild(el("p", {}, [year
      ? el("a", { href: "#/money/reports/" + (month === M.thisMonth().slice(0, 4) ? M.thisMonth() : month + "-12"), text: "Month by month" })
      : el("a", { href: "#/money/reports/" + month.slice(0, 4), text: "The whole year " + month.slice(0, 4) })]));
    v.root.appendChild(el("div", { class: "actions" }, [
      year ? null : el("a", { class: "button", href: "#/money/report/" + month, text: "Printable report for " + M.monthName(month) }),
      el("a", { class: "button button-ghost", href: ctx.api.url(M.paths.exportCsv(month)), download: "", text: "Export " + M.periodName(month) + " (CSV)" }),
      el("a", { class: "button button-ghost", href: ctx.api.url(M.paths.exportCsv()), download: "", text: "Export everything (CSV)" })
    ]));
    v.root.appendChild(el("p", { class: "hint", text: "Select a bar to see the transactions behind it." }));
    spending(ctx, month, section(ctx, v.root, "money-r-spending", "Spending by category"), note);
    incomeExpense(ctx, month, section(ctx, v.root, "money-r-income", "Income vs expense"), note);
    netWorth(ctx, month, section(ctx, v.root, "money-r-networth", "Net worth"), note);
    return v;
  }

  function table(ctx, caption, heads, rows) {
    var el = ctx.el;
    return el("table", { class: "money-table" }, [
      el("caption", { text: caption }),
      el("thead", {}, [el("tr", {}, heads.map(function (h, i) { return el("th", { scope: "col", class: i ? "num" : null, text: h }); }))]),
      el("tbody", {}, rows.map(function (r) {
        return el("tr", {}, r.map(function (c, i) { return i ? el("td", { class: "num", text: c }) : el("th", { scope: "row", text: c }); }));
      }))
    ]);
  }

  /* #/money/report/<yyyy-mm>: the month on one printable page, figures as the API gives them. */
  function printable(ctx, rest) {
    var el = ctx.el;
    var month = M.isMonth(rest[0]) ? rest[0] : M.thisMonth();
    var v = ctx.view("Monthly report: " + M.monthName(month));
    v.root.classList.add("money-report-view");
    var note = el("p", { class: "status", role: "status" });
    var body = el("div", { class: "money-report" });
    v.root.appendChild(el("div", { class: "actions money-noprint" }, [
      el("button", { type: "button", text: "Print", onclick: function () { window.print(); } }),
      el("a", { class: "button button-ghost", href: "#/money/reports/" + month, text: "Back to reports" })
    ]));
    v.root.appendChild(note);
    v.root.appendChild(body);
    Promise.all([
      ctx.api(M.paths.spending(month)),
      ctx.api(M.paths.budgets(month)),
      ctx.api(M.paths.accounts)
    ]).then(function (found) {
      var groups = M.listOf(found[0], "currencies"), budgets = M.listOf(found[1], "budgets");
      var accounts = M.listOf(found[2], "accounts");
      body.appendChild(table(ctx, "Income and expense", ["Currency", "Income", "Expense", "Net"], groups.map(function (g) {
        return [g.currency, M.money(g.income, g.currency), M.money(g.expense, g.currency), M.money(g.net, g.currency)];
      })));
      groups.forEach(function (g) {
        var lines = spentLines(g);
        if (!lines.length) return;
        body.appendChild(table(ctx, "Spending by category (" + g.currency + ")", ["Category", "Spent", "Lines"], lines.map(function (l) {
          return [categoryLabel(l), M.money(positive(l.total), g.currency), String(l.count)];
        })));
      });
      if (budgets.length) {
        body.appendChild(table(ctx, "Budget vs actual", ["Category", "Available", "Spent", "Left"], budgets.map(function (b) {
          return [b.name, M.money(b.available, b.currency), M.money(b.spent, b.currency), M.money(b.left, b.currency)];
        })));
      }
      body.appendChild(table(ctx, "Account balances today", ["Account", "Balance"], accounts.map(function (a) {
        return [M.nameOf(a) + " (" + a.currency + ")", M.money(a.balance, a.currency)];
      })));
      body.appendChild(el("p", { class: "meta", text: "Printed " + new Date().toLocaleString() + "." }));
    }, M.fail(ctx, note));
    return v;
  }

  M.parts.reports = render;
  M.parts.printable = printable;
  M.parts.spendingChart = spending;
  M.parts.chart = chart;
})();
