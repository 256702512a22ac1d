/* Money: set up what the log needs (#/money/setup): accounts, categories in groups, a
 * category's budget for a month or a year (with rollover), and savings goals. Each form
 * posts once and says what the API answered; nothing here is queued (setting up needs
 * the API's answer, such as a new account's id, at once). */
(function () {
  "use strict";

  var M = window.FrostfolioMoney;
  var TYPES = [["checking", "Checking"], ["savings", "Savings"], ["cash", "Cash"], ["credit_card", "Credit card"]];

  function problems(err) {
    var fields = err.body && err.body.fields;
    return (err.message || "Not saved.") + (fields ? " " + Object.keys(fields).map(function (k) { return k + ": " + fields[k]; }).join(" ") : "");
  }

  function choice(ctx, name, pairs) {
    return ctx.el("select", { name: name }, pairs.map(function (p) { return ctx.el("option", { value: p[0], text: p[1] }); }));
  }

  /* One form: fields, a submit button, a status line; `body()` returns the request or a problem. */
  function form(ctx, id, title, parts, button, send) {
    var el = ctx.el;
    var note = el("p", { class: "status", role: "status" });
    var node = el("form", { class: "panel money-setup", "aria-labelledby": id, novalidate: true, onsubmit: function (event) {
      event.preventDefault();
      var made = send();
      if (made.problem) { ctx.status(note, made.problem, "error"); if (made.focus) made.focus.focus(); return; }
      ctx.status(note, "Saving…");
      ctx.api(made.path, { method: made.method || "POST", body: made.body }).then(function () {
        M.forget();
        ctx.status(note, made.done, "ok");
        if (made.after) made.after();
      }, function (err) { ctx.status(note, problems(err), "error"); });
    } }, [el("h2", { id: id, text: title })].concat(parts).concat([el("div", { class: "actions" }, [el("button", { type: "submit", text: button })]), note]));
    return node;
  }

  function render(ctx) {
    var el = ctx.el, F = M.parts;
    var v = ctx.view("Set up");
    v.root.appendChild(M.subnav(ctx, "setup"));

    var aName = el("input", { name: "name", autocomplete: "off", maxlength: "100" });
    var aType = choice(ctx, "type", TYPES);
    var aCcy = el("input", { name: "currency", value: "EUR", autocomplete: "off", maxlength: "3", "aria-describedby": "money-acc-ccy-hint" });
    var aOpen = el("input", { name: "opening_balance", inputmode: "decimal", value: "0.00", autocomplete: "off" });
    v.root.appendChild(form(ctx, "money-acc", "Add an account", [
      F.field(ctx, "money-acc-name", "Name", aName), F.field(ctx, "money-acc-type", "Type", aType),
      F.field(ctx, "money-acc-ccy", "Currency", aCcy, "Its ISO code, e.g. EUR, USD, GBP; it cannot change later."),
      F.field(ctx, "money-acc-open", "Opening balance", aOpen, "Negative for a card's debt, e.g. -120.00.")
    ], "Add the account", function () {
      var typed = aOpen.value.trim();
      var negative = typed.charAt(0) === "-";
      var opening = M.cleanAmount(negative ? typed.slice(1) : typed);
      if (!aName.value.trim()) return { problem: "Name the account.", focus: aName };
      if (!opening) return { problem: "Type the opening balance, e.g. 0.00.", focus: aOpen };
      var name = aName.value.trim();
      return { path: M.paths.accounts, done: "Added " + name + ".", after: function () { aName.value = ""; fill(); }, body: {
        name: name, type: aType.value, currency: aCcy.value.trim().toUpperCase(), opening_balance: (negative ? "-" : "") + opening
      } };
    }));

    var cName = el("input", { name: "name", autocomplete: "off", maxlength: "100" });
    var cGroup = el("input", { name: "group", autocomplete: "off", maxlength: "100" });
    var cKind = choice(ctx, "kind", [["expense", "Expense"], ["income", "Income"]]);
    v.root.appendChild(form(ctx, "money-cat", "Add a category", [
      F.field(ctx, "money-cat-name", "Name", cName), F.field(ctx, "money-cat-group", "Group (optional)", cGroup),
      F.field(ctx, "money-cat-kind", "Kind", cKind)
    ], "Add the category", function () {
      if (!cName.value.trim()) return { problem: "Name the category.", focus: cName };
      var name = cName.value.trim();
      return { path: M.paths.categories, done: "Added " + name + ".", after: function () { cName.value = ""; fill(); }, body: {
        name: name, group: cGroup.value.trim(), kind: cKind.value
      } };
    }));

    var bCat = el("select", { name: "category" });
    var bPeriod = el("input", { name: "period", value: M.thisMonth(), autocomplete: "off", "aria-describedby": "money-bud-period-hint" });
    var bAmount = el("input", { name: "amount", inputmode: "decimal", autocomplete: "off" });
    var bCcy = el("input", { name: "currency", value: "EUR", autocomplete: "off", maxlength: "3" });
    var bRoll = el("input", { type: "checkbox", name: "rollover", id: "money-bud-roll" });
    v.root.appendChild(form(ctx, "money-bud", "Set a budget", [
      F.field(ctx, "money-bud-cat", "Category", bCat),
      F.field(ctx, "money-bud-period", "Month or year", bPeriod, "yyyy-mm for a month, yyyy for a whole year."),
      F.field(ctx, "money-bud-amount", "Amount", bAmount), F.field(ctx, "money-bud-ccy", "Currency", bCcy),
      el("div", { class: "money-check" }, [bRoll, el("label", { for: "money-bud-roll", text: "Carry what is left (or overspent) into the next period" })])
    ], "Set the budget", function () {
      var amount = M.cleanAmount(bAmount.value);
      var period = bPeriod.value.trim();
      if (!bCat.value) return { problem: "Choose a category.", focus: bCat };
      if (!/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(period)) return { problem: "Type a month as 2026-11 or a year as 2026.", focus: bPeriod };
      if (!amount) return { problem: "Type the amount, e.g. 300.00.", focus: bAmount };
      return { method: "PUT", path: "/money/budgets/" + period + "/" + encodeURIComponent(bCat.value), done: "Budget set for " + period + ".", body: {
        amount: amount, currency: bCcy.value.trim().toUpperCase(), rollover: bRoll.checked
      } };
    }));

    var gName = el("input", { name: "name", autocomplete: "off", maxlength: "100" });
    var gTarget = el("input", { name: "target", inputmode: "decimal", autocomplete: "off" });
    var gBy = el("input", { name: "by", type: "date" });
    var gAccount = el("select", { name: "account" });
    v.root.appendChild(form(ctx, "money-goal", "Add a goal", [
      F.field(ctx, "money-goal-name", "Name", gName), F.field(ctx, "money-goal-target", "Amount to save", gTarget),
      F.field(ctx, "money-goal-by", "By", gBy), F.field(ctx, "money-goal-account", "Saved in the account", gAccount)
    ], "Add the goal", function () {
      var target = M.cleanAmount(gTarget.value);
      if (!gName.value.trim()) return { problem: "Name the goal.", focus: gName };
      if (!target) return { problem: "Type the amount to save, e.g. 900.00.", focus: gTarget };
      if (!gBy.value) return { problem: "Choose the date.", focus: gBy };
      if (!gAccount.value) return { problem: "Choose the account it is saved in.", focus: gAccount };
      var name = gName.value.trim();
      return { path: M.paths.goals, done: "Added " + name + ".", body: { name: name, target: target, by: gBy.value, account: gAccount.value } };
    }));

    function fill() {
      Promise.all([M.lookup(ctx, "accounts"), M.lookup(ctx, "categories")]).then(function (found) {
        F.options(ctx, gAccount, found[0], "Choose an account");
        F.options(ctx, bCat, found[1], "Choose a category");
      }, function () {});
    }
    fill();
    return v;
  }

  M.parts.setup = render;
})();
