/* Money: reports. Spending by category (bar; select a bar to see the transactions behind
 * it), income vs expense per month (bar; select a month), net worth over time (line), all
 * drawn by FrostfolioCharts.draw with its table of the numbers; CSV export; and the
 * printable monthly report (#/money/report/<yyyy-mm>, a print stylesheet in 70-money.css). */
(function () {
  "use strict";

  var M = window.FrostfolioMoney;

  function pick(obj, names) {
    for (var i = 0; i < names.length; i++) {
      if (obj && obj[names[i]] !== undefined && obj[names[i]] !== null) return obj[names[i]];
    }
    return null;
  }

  /* Draw through the dashboard's charts; without them (an older core), the table alone. */
  function chart(ctx, container, spec) {
    container.textContent = "";
    if (window.FrostfolioCharts && window.FrostfolioCharts.draw) {
      return window.FrostfolioCharts.draw(container, spec);
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

  /* Split one report's lines by currency: each currency gets its own chart. */
  function byCurrency(lines, fallback) {
    var groups = {};
    var order = [];
    lines.forEach(function (line) {
      var ccy = line.currency || fallback || "";
      if (!groups[ccy]) { groups[ccy] = []; order.push(ccy); }
      groups[ccy].push(line);
    });
    return order.map(function (ccy) { return { currency: ccy, lines: groups[ccy] }; });
  }

  function positive(text) { return String(text === null || text === undefined ? "0" : text).replace(/^-/, ""); }

  function spending(ctx, month, box, note) {
    return ctx.api(M.paths.spending(month)).then(function (data) {
      box.textContent = "";
      var lines = M.listOf(data, "categories");
      if (!lines.length) {
        box.appendChild(ctx.el("p", { class: "meta", text: "No spending in " + M.monthName(month) + "." }));
        return data;
      }
      byCurrency(lines, data.currency).forEach(function (group) {
        var part = ctx.el("div", { class: "money-chart" });
        box.appendChild(part);
        chart(ctx, part, {
          type: "bar",
          title: "Spending by category, " + M.monthName(month) + (group.currency ? " (" + group.currency + ")" : ""),
          labels: group.lines.map(function (l) { return M.nameOf(pick(l, ["name", "category_name", "category"])) || "No category"; }),
          series: [{ name: "Spent", values: group.lines.map(function (l) { return positive(pick(l, ["spent", "amount", "total", "sum"])); }) }],
          unit: group.currency,
          onSelect: function (i) {
            var line = group.lines[i];
            var id = line.category || line.id || "_none";
            var label = M.nameOf(pick(line, ["name", "category_name", "category"])) || "No category";
            location.hash = "#/money/transactions/" + month + "/category/" + encodeURIComponent(id) + "/label/" + encodeURIComponent(label);
          }
        });
      });
      return data;
    }, M.fail(ctx, note));
  }

  function incomeExpense(ctx, year, box, note) {
    return ctx.api(M.paths.incomeExpense(year)).then(function (data) {
      box.textContent = "";
      var months = M.listOf(data, "months");
      byCurrency(months, data.currency).forEach(function (group) {
        var part = ctx.el("div", { class: "money-chart" });
        box.appendChild(part);
        chart(ctx, part, {
          type: "bar",
          title: "Income and expense per month, " + year + (group.currency ? " (" + group.currency + ")" : ""),
          labels: group.lines.map(function (m) { return M.shortMonth(m.month); }),
          series: [
            { name: "Income", values: group.lines.map(function (m) { return positive(pick(m, ["income", "inflow"])); }) },
            { name: "Expense", values: group.lines.map(function (m) { return positive(pick(m, ["expense", "expenses", "outflow"])); }) }
          ],
          unit: group.currency,
          onSelect: function (i) { location.hash = "#/money/transactions/" + group.lines[i].month; }
        });
      });
      if (!months.length) box.appendChild(ctx.el("p", { class: "meta", text: "Nothing logged in " + year + "." }));
    }, M.fail(ctx, note));
  }

  function netWorth(ctx, box, note) {
    return ctx.api(M.paths.netWorth).then(function (data) {
      box.textContent = "";
      var points = M.listOf(data, "points");
      if (!points.length) points = M.listOf(data, "months");
      byCurrency(points, data.currency).forEach(function (group) {
        var part = ctx.el("div", { class: "money-chart" });
        box.appendChild(part);
        chart(ctx, part, {
          type: "line",
          title: "Net worth over time" + (group.currency ? " (" + group.currency + ")" : ""),
          labels: group.lines.map(function (p) { return M.shortMonth(p.month); }),
          series: [{ name: "Net worth", values: group.lines.map(function (p) { return String(pick(p, ["net_worth", "amount", "balance", "total"])); }) }],
          unit: group.currency
        });
      });
      if (!points.length) box.appendChild(ctx.el("p", { class: "meta", text: "No balances yet." }));
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
    var month = M.isMonth(rest[0]) ? rest[0] : M.thisMonth();
    var v = ctx.view("Reports");
    v.root.appendChild(M.subnav(ctx, "reports"));
    v.root.appendChild(M.monthPicker(ctx, month, "#/money/reports"));
    var note = el("p", { class: "status", role: "status" });
    v.root.appendChild(note);
    v.root.appendChild(el("div", { class: "actions" }, [
      el("a", { class: "button", href: "#/money/report/" + month, text: "Printable report for " + M.monthName(month) }),
      el("a", { class: "button button-ghost", href: ctx.api.url(M.paths.exportCsv(month)), download: "", text: "Export CSV" }),
      el("a", { class: "button button-ghost", href: ctx.api.url(M.paths.exportCsv()), download: "", text: "Export everything (CSV)" })
    ]));
    v.root.appendChild(el("p", { class: "hint", text: "Select a bar to see the transactions behind it." }));
    spending(ctx, month, section(ctx, v.root, "money-r-spending", "Spending by category"), note);
    incomeExpense(ctx, month.slice(0, 4), section(ctx, v.root, "money-r-income", "Income vs expense"), note);
    netWorth(ctx, section(ctx, v.root, "money-r-networth", "Net worth"), note);
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
      ctx.api(M.paths.summary(month)).catch(function () { return null; }),
      ctx.api(M.paths.spending(month)),
      ctx.api(M.paths.budgets(month)).catch(function () { return {}; }),
      ctx.api(M.paths.accounts)
    ]).then(function (found) {
      var summary = found[0] || {}, spent = found[1], budget = found[2], accounts = M.listOf(found[3], "accounts");
      var totals = M.listOf(summary, "currencies");
      if (!totals.length && summary.income !== undefined) totals = [summary];
      if (totals.length) {
        body.appendChild(table(ctx, "Totals", ["Currency", "Income", "Expense", "Net"], totals.map(function (t) {
          return [t.currency || "", M.money(positive(t.income), t.currency), M.money(positive(t.expense || t.spent), t.currency), M.money(t.net, t.currency)];
        })));
      }
      var lines = M.listOf(spent, "categories");
      body.appendChild(table(ctx, "Spending by category", ["Category", "Spent"], lines.map(function (l) {
        return [M.nameOf(pick(l, ["name", "category_name", "category"])) || "No category", M.money(positive(pick(l, ["spent", "amount", "total", "sum"])), l.currency || spent.currency)];
      })));
      var budgets = M.listOf(budget, "budgets");
      if (budgets.length) {
        body.appendChild(table(ctx, "Budget vs actual", ["Category", "Budget", "Spent", "Left"], budgets.map(function (b) {
          var ccy = b.currency;
          return [M.nameOf(pick(b, ["category_name", "name", "category"])), M.money(pick(b, ["budget", "budgeted", "amount"]), ccy), M.money(positive(pick(b, ["spent", "actual"])), ccy), M.money(pick(b, ["left", "remaining"]), ccy)];
        })));
      }
      body.appendChild(table(ctx, "Account balances", ["Account", "Balance"], accounts.map(function (a) {
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
