/* Charts for the dashboard's pages, each with its numbers as a table (docs/dashboard.md).
 *
 *   var chart = FrostfolioCharts.draw(container, {
 *     type: "bar" | "line" | "doughnut" | "matrix",
 *     title: "Spending by category, March 2026",
 *     labels: ["Food", "Rent"],                       // matrix: dates "2026-03-01"
 *     series: [{name: "Spent", values: ["412.30", "950.00"]}],
 *     unit: "EUR",                                    // optional, shown after values
 *     labelHeading: "Category",                       // optional, the table's first column
 *     summary: "…",                                   // optional, else made from the data
 *     onSelect: function (index) { … }                // optional: drill down
 *   });
 *   chart.ready.then(function (instance) { … });    // the Chart.js chart, once drawn
 *   chart.destroy();
 *
 * Draws <figure><figcaption>title</figcaption><canvas role="img" aria-label="summary">
 * and <details><summary>Show the numbers</summary><table>…</table></details>. Values are
 * strings (exact decimals) or numbers; the table and tooltips show them as given, the
 * canvas plots Number(value). With onSelect, a click on a bar, point or slice and the
 * button in each table row call it with the item's index (so the keyboard can drill
 * down too). Chart.js (vendored, MIT) is loaded once, the first time a chart is drawn,
 * from the URLs on <body data-chart-lib data-chart-matrix>. No inline script or style:
 * it runs under the dashboard's CSP. */
(function () {
  "use strict";

  var loading = {};
  var PALETTE = ["#1d5bd8", "#d8731d", "#1f9d6b", "#b8326e", "#6b4fd8", "#8a7a12", "#2a8fa8", "#c0392b"];

  function loadScript(name) {
    if (loading[name]) return loading[name];
    var url = document.body.dataset[name];
    loading[name] = new Promise(function (resolve, reject) {
      if (!url) return reject(new Error("No chart library on this page (data-" + name + ")."));
      var script = document.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = function () {
        delete loading[name];  // offline with nothing kept: let a later draw try again
        reject(new Error("The chart library could not be loaded."));
      };
      document.head.appendChild(script);
    });
    return loading[name];
  }

  function library(type) {
    return loadScript("chartLib").then(function () {
      return type === "matrix" ? loadScript("chartMatrix") : null;
    }).then(function () { return window.Chart; });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function shown(value, unit) {
    if (value === null || value === undefined || value === "") return "–";
    return String(value) + (unit ? " " + unit : "");
  }

  function number(value) {
    if (value === null || value === undefined || value === "") return null;
    var n = Number(value);
    return isFinite(n) ? n : null;
  }

  function describe(spec) {
    if (spec.summary) return spec.summary;
    var first = spec.series[0] || { values: [] };
    var kind = { bar: "Bar chart", line: "Line chart", doughnut: "Doughnut chart", matrix: "Calendar" }[spec.type] || "Chart";
    var parts = [spec.title + ". " + kind + " of " + spec.labels.length + (spec.labels.length === 1 ? " item" : " items")];
    if (spec.series.length > 1) parts.push(spec.series.map(function (s) { return s.name; }).join(", "));
    var hi = -1, lo = -1;
    first.values.forEach(function (v, i) {
      var n = number(v);
      if (n === null) return;
      if (hi < 0 || n > number(first.values[hi])) hi = i;
      if (lo < 0 || n < number(first.values[lo])) lo = i;
    });
    if (hi >= 0) parts.push("highest " + spec.labels[hi] + ", " + shown(first.values[hi], spec.unit));
    if (lo >= 0 && lo !== hi) parts.push("lowest " + spec.labels[lo] + ", " + shown(first.values[lo], spec.unit));
    return parts.join("; ") + ". The numbers are in the table below.";
  }

  function table(spec) {
    var grid = el("table", { class: "chart-table" });
    grid.appendChild(el("caption", { class: "visually-hidden" }, spec.title));
    var head = el("tr");
    head.appendChild(el("th", { scope: "col" }, spec.labelHeading || (spec.type === "matrix" ? "Date" : "Item")));
    spec.series.forEach(function (s) {
      head.appendChild(el("th", { scope: "col" }, s.name + (spec.unit ? " (" + spec.unit + ")" : "")));
    });
    grid.appendChild(el("thead")).appendChild(head);
    var rows = grid.appendChild(el("tbody"));
    spec.labels.forEach(function (label, index) {
      var row = rows.appendChild(el("tr"));
      var cell = row.appendChild(el("th", { scope: "row" }));
      if (spec.onSelect) {
        var button = cell.appendChild(el("button", { type: "button", class: "link-button", "data-index": String(index) }, String(label)));
        button.addEventListener("click", function () { spec.onSelect(index); });
      } else {
        cell.textContent = String(label);
      }
      spec.series.forEach(function (s) {
        row.appendChild(el("td", { class: "num" }, shown(s.values[index], null)));
      });
    });
    return grid;
  }

  function colours(node) {
    var style = getComputedStyle(node);
    var palette = PALETTE.map(function (fallback, i) {
      return style.getPropertyValue("--chart-" + (i + 1)).trim() || fallback;
    });
    return { palette: palette, text: style.color, grid: style.getPropertyValue("--chart-grid").trim() || "rgba(128,128,128,0.25)" };
  }

  // Calendar heatmap: one square per day, weeks as columns and Monday to Sunday as rows.
  function matrixData(spec, c) {
    var values = spec.series[0].values;
    var days = spec.labels.map(function (label) { return Date.parse(label + "T00:00:00Z") / 86400000; });
    var start = Math.min.apply(null, days);
    start -= (new Date(start * 86400000).getUTCDay() + 6) % 7;  // back to Monday
    var top = Math.max.apply(null, values.map(number).filter(function (n) { return n !== null; }).concat([0])) || 1;
    var points = days.map(function (day, i) {
      return { x: Math.floor((day - start) / 7), y: (day - start) % 7, v: number(values[i]), i: i };
    });
    var weeks = Math.max.apply(null, points.map(function (p) { return p.x; }).concat([0])) + 1;
    return {
      datasets: [{
        label: spec.series[0].name,
        data: points,
        backgroundColor: function (ctx) {
          var p = ctx.raw || {};
          if (!p.v) return c.grid;
          var alpha = 0.25 + 0.75 * Math.min(1, p.v / top);
          return hexAlpha(c.palette[0], alpha);
        },
        width: function (ctx) { var a = ctx.chart.chartArea; return a ? Math.max(2, a.width / weeks - 2) : 8; },
        height: function (ctx) { var a = ctx.chart.chartArea; return a ? Math.max(2, a.height / 7 - 2) : 8; }
      }],
      weeks: weeks
    };
  }

  function hexAlpha(colour, alpha) {
    var m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
    if (!m) return colour;
    return "rgba(" + [1, 2, 3].map(function (k) { return parseInt(m[k], 16); }).join(",") + "," + alpha.toFixed(2) + ")";
  }

  function config(spec, c) {
    var reduced = window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches;
    var many = spec.series.length > 1;
    var options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: reduced ? false : { duration: 300 },
      color: c.text,
      plugins: {
        legend: { display: many || spec.type === "doughnut", labels: { color: c.text } },
        tooltip: {
          callbacks: {
            label: function (ctx) {
              var s = spec.series[ctx.datasetIndex];
              var index = spec.type === "matrix" ? ctx.raw.i : ctx.dataIndex;
              var prefix = spec.type === "matrix" ? spec.labels[index] + ": " : s.name + ": ";
              return prefix + shown(s.values[index], spec.unit);
            }
          }
        }
      },
      onClick: function (event, elements) {
        if (!spec.onSelect || !elements.length) return;
        var hit = elements[0];
        spec.onSelect(spec.type === "matrix" ? hit.element.$context.raw.i : hit.index);
      },
      onHover: function (event, elements) {
        if (spec.onSelect && event.native) event.native.target.style.cursor = elements.length ? "pointer" : "";
      }
    };
    if (spec.type === "matrix") {
      var data = matrixData(spec, c);
      options.scales = {
        x: { type: "linear", min: -0.5, max: data.weeks - 0.5, offset: false, display: false },
        y: {
          type: "linear", min: -0.5, max: 6.5, offset: false, reverse: true,
          ticks: { stepSize: 1, color: c.text, callback: function (v) { return ["Mon", "", "Wed", "", "Fri", "", "Sun"][v] || ""; } },
          grid: { display: false }
        }
      };
      options.plugins.legend.display = false;
      options.plugins.tooltip.callbacks.title = function () { return ""; };
      return { type: "matrix", data: { datasets: data.datasets }, options: options };
    }
    var datasets = spec.series.map(function (s, k) {
      var colour = c.palette[k % c.palette.length];
      var set = { label: s.name, data: s.values.map(number) };
      if (spec.type === "doughnut") {
        set.backgroundColor = spec.labels.map(function (_, i) { return c.palette[i % c.palette.length]; });
      } else {
        set.backgroundColor = spec.type === "line" ? colour : hexAlpha(colour, 0.85);
        set.borderColor = colour;
        if (spec.type === "line") { set.tension = 0.2; set.spanGaps = true; set.pointRadius = 3; }
      }
      return set;
    });
    if (spec.type !== "doughnut") {
      options.scales = {
        x: { ticks: { color: c.text }, grid: { display: false } },
        y: { ticks: { color: c.text }, grid: { color: c.grid }, beginAtZero: spec.type === "bar" }
      };
    }
    return { type: spec.type, data: { labels: spec.labels.map(String), datasets: datasets }, options: options };
  }

  function draw(container, spec) {
    spec = Object.assign({ type: "bar", title: "", labels: [], series: [] }, spec);
    if (container._frostfolioChart) container._frostfolioChart.destroy();
    container.textContent = "";
    var figure = el("figure", { class: "chart chart-" + spec.type });
    figure.appendChild(el("figcaption", {}, spec.title));
    var frame = figure.appendChild(el("div", { class: "chart-frame" }));
    var canvas = frame.appendChild(el("canvas", { role: "img", "aria-label": describe(spec) }));
    canvas.textContent = "The numbers are in the table below.";
    var details = figure.appendChild(el("details", { class: "chart-numbers" }));
    details.appendChild(el("summary", {}, "Show the numbers"));
    details.appendChild(table(spec));
    container.appendChild(figure);

    var handle = { figure: figure, canvas: canvas, chart: null, destroyed: false };
    handle.destroy = function () {
      handle.destroyed = true;
      if (handle.chart) handle.chart.destroy();
      handle.chart = null;
    };
    handle.ready = library(spec.type).then(function (Chart) {
      if (handle.destroyed) return null;
      handle.chart = new Chart(canvas, config(spec, colours(figure)));
      return handle.chart;
    }, function (err) {
      // Offline with no copy of the library: the table still holds every number.
      frame.hidden = true;
      details.open = true;
      throw err;
    });
    handle.ready.catch(function () {});
    container._frostfolioChart = handle;
    return handle;
  }

  window.FrostfolioCharts = { draw: draw, describe: describe, load: library };
})();
