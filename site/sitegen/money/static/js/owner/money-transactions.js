/* Money: a month's transactions, newest first, with search and edit. An edit carries the
 * version it started from; when another device saved first the API answers 409 with the
 * current values, shown here as "changed on another device" with a choice. */
(function () {
  "use strict";

  var M = window.FrostfolioMoney;
  var names = {};  // category id -> name, from the page's last load

  function categoryName(id) {
    return id ? names[id] || id : "No category";
  }

  function categoryOf(t) {
    if (t.splits && t.splits.length) return "Split: " + t.splits.map(function (s) { return categoryName(s.category); }).join(", ");
    if (t.transfer_id) return "Transfer";
    return categoryName(t.category);
  }

  function currencyOf(t, accounts) {
    if (t.currency) return t.currency;
    var account = accounts.filter(function (a) { return a.id === t.account; })[0];
    return account ? account.currency : "";
  }

  function accountName(id, accounts) {
    var account = accounts.filter(function (a) { return a.id === id; })[0];
    return account ? M.nameOf(account) : M.nameOf(id);
  }

  function describe(t, accounts) {
    return [
      M.day(t.date), M.money(t.amount, currencyOf(t, accounts)), t.payee || "(no payee)",
      categoryOf(t), accountName(t.account, accounts), t.notes || ""
    ].filter(Boolean).join(" · ");
  }

  function row(ctx, t, accounts, open) {
    var el = ctx.el;
    var out = M.isNegative(t.amount);
    return el("li", { class: "money-txn", "data-id": t.id }, [
      el("div", { class: "money-txn-main" }, [
        el("span", { class: "money-txn-payee", text: t.payee || t.raw_payee || "(no payee)" }),
        el("span", { class: "money-amount" + (out ? " is-out" : " is-in"), text: M.money(t.amount, currencyOf(t, accounts)) })
      ]),
      el("p", { class: "meta", text: [M.day(t.date), categoryOf(t), accountName(t.account, accounts)].concat(t.tags && t.tags.length ? ["#" + t.tags.join(" #")] : []).join(" · ") }),
      t.notes ? el("p", { class: "meta money-notes", text: t.notes }) : null,
      el("button", { type: "button", class: "link-button", text: "Edit", "aria-label": "Edit " + describe(t, accounts), onclick: function () { open(t); } })
    ]);
  }

  /* The edit form in place of the list's row; `saved(t)` runs with the stored transaction. */
  function editor(ctx, t, accounts, categories, saved, cancel) {
    var el = ctx.el, F = M.parts;
    var id = "money-edit-" + t.id;
    var note = el("p", { class: "status", role: "status" });
    var amount = el("input", { name: "amount", inputmode: "decimal", value: t.amount, autocomplete: "off" });
    var account = el("select", { name: "account" });
    F.options(ctx, account, accounts);
    account.value = t.account;
    var category = el("select", { name: "category" });
    F.options(ctx, category, categories, "No category");
    category.value = t.category || "";
    var payee = el("input", { name: "payee", value: t.payee || "", autocomplete: "off" });
    var date = el("input", { name: "date", type: "date", value: (t.date || "").slice(0, 10) });
    var notes = el("textarea", { name: "notes", rows: "2", text: t.notes || "" });
    var tags = el("input", { name: "tags", value: (t.tags || []).join(", "), autocomplete: "off" });
    var conflict = el("div", { class: "money-conflict", role: "alert", hidden: true });
    var split = t.splits && t.splits.length;
    var version = t.version;

    function changes() {
      var typed = String(amount.value).trim();
      var negative = typed.charAt(0) === "-";
      var value = M.cleanAmount(negative ? typed.slice(1) : typed);
      if (!value) return null;
      var body = {
        amount: negative ? "-" + value : value, account: account.value, payee: payee.value.trim(),
        date: date.value, notes: notes.value.trim(),
        tags: tags.value.split(",").map(function (x) { return x.trim(); }).filter(Boolean),
        version: version
      };
      if (!split) body.category = category.value;
      return body;
    }

    function save(event) {
      if (event) event.preventDefault();
      var body = changes();
      if (!body) { ctx.status(note, "Type the amount, for example -12.30 for money out.", "error"); amount.focus(); return; }
      ctx.status(note, "Saving…");
      ctx.api(M.paths.transaction(t.id), { method: "PATCH", body: body }).then(function (data) {
        saved(data.transaction || data, data.suggested_rule);
      }, function (err) {
        if (err.status === 409) return showConflict(err.body.current || err.body.transaction || {});
        ctx.status(note, err.message, "error");
      });
    }

    function showConflict(current) {
      ctx.status(note, "");
      conflict.textContent = "";
      conflict.hidden = false;
      conflict.appendChild(el("h3", { text: "Changed on another device" }));
      conflict.appendChild(el("p", { text: "While you were editing, this transaction was saved elsewhere. It now reads:" }));
      var list = el("dl", { class: "money-facts" });
      [["Date", M.day(current.date)], ["Amount", M.money(current.amount, currencyOf(current, accounts))],
        ["Payee", current.payee || "(none)"], ["Category", categoryOf(current)],
        ["Account", accountName(current.account, accounts)], ["Notes", current.notes || "(none)"]].forEach(function (pair) {
        list.appendChild(el("dt", { text: pair[0] }));
        list.appendChild(el("dd", { text: pair[1] }));
      });
      conflict.appendChild(list);
      conflict.appendChild(el("div", { class: "actions" }, [
        el("button", { type: "button", text: "Keep these values", onclick: function () { saved(current); } }),
        el("button", { type: "button", class: "button-ghost", text: "Save mine over them", onclick: function () {
          version = current.version;
          conflict.hidden = true;
          save();
        } })
      ]));
      conflict.querySelector("h3").setAttribute("tabindex", "-1");
      conflict.querySelector("h3").focus();
    }

    function remove() {
      if (!window.confirm("Delete this transaction? " + describe(t, accounts))) return;
      ctx.api(M.paths.transaction(t.id) + "?version=" + encodeURIComponent(version), { method: "DELETE" }).then(function () {
        saved(null);
      }, function (err) {
        if (err.status === 409) return showConflict(err.body.current || err.body.transaction || {});
        ctx.status(note, err.message, "error");
      });
    }

    var form = el("form", { class: "panel money-edit", "aria-labelledby": id + "-title", onsubmit: save }, [
      el("h3", { id: id + "-title", text: "Edit " + (t.payee || "transaction"), tabindex: "-1" }),
      F.field(ctx, id + "-amount", "Amount (negative for money out)", amount),
      F.field(ctx, id + "-account", "Account", account),
      split ? el("p", { class: "hint", text: "Split across " + categoryOf(t).replace("Split: ", "") + "." }) : F.field(ctx, id + "-category", "Category", category),
      F.field(ctx, id + "-payee", "Payee", payee),
      F.field(ctx, id + "-date", "Date", date),
      F.field(ctx, id + "-notes", "Notes", notes),
      F.field(ctx, id + "-tags", "Tags", tags, "Separate tags with commas."),
      t.raw_payee && t.raw_payee !== t.payee ? el("p", { class: "hint", text: "The bank's text: " + t.raw_payee }) : null,
      conflict,
      el("div", { class: "actions" }, [
        el("button", { type: "submit", text: "Save" }),
        el("button", { type: "button", class: "button-ghost", text: "Cancel", onclick: cancel }),
        el("button", { type: "button", class: "button-danger", text: "Delete", onclick: remove })
      ]),
      note
    ]);
    return form;
  }

  /* #/money/transactions/<yyyy-mm>[/search/<q>][/category/<id>] */
  function render(ctx, rest) {
    var el = ctx.el;
    var month = M.isPeriod(rest[0]) ? rest[0] : M.thisMonth();
    var filters = {};
    for (var i = 1; i + 1 < rest.length; i += 2) filters[rest[i]] = rest[i + 1];
    var base = "#/money/transactions";
    var v = ctx.view("Transactions");
    v.root.appendChild(M.subnav(ctx, "transactions"));
    v.root.appendChild(M.monthPicker(ctx, month, base));
    var q = el("input", { id: "money-q", type: "search", name: "q", value: filters.search || "", autocomplete: "off" });
    v.root.appendChild(el("form", { class: "search", role: "search", onsubmit: function (event) {
      event.preventDefault();
      var text = q.value.trim();
      location.hash = base + "/" + month + (text ? "/search/" + encodeURIComponent(text) : "");
    } }, [el("label", { for: "money-q", class: "visually-hidden", text: "Search payee, notes, tags" }), q, el("button", { type: "submit", text: "Search" })]));
    var note = el("p", { class: "status", role: "status" });
    var items = el("ul", { class: "money-txns", "aria-label": "Transactions in " + M.periodName(month) });
    if (filters.category) {
      v.root.appendChild(el("p", { class: "notice money-filter" }, [
        el("span", { text: "Only the category " + (filters.label || filters.category) + ". " }),
        el("a", { href: base + "/" + month, text: "Show all" })
      ]));
    }
    var offer = el("div", { class: "notice money-offer", role: "status", hidden: true });
    v.root.appendChild(note);
    v.root.appendChild(offer);
    v.root.appendChild(items);
    v.root.appendChild(el("div", { class: "actions" }, [
      el("a", { class: "button button-ghost", href: ctx.api.url(M.paths.exportCsv(month)), download: "", text: "Export " + M.periodName(month) + " as CSV" })
    ]));
    var accounts = [], categories = [];

    function draw(list) {
      items.textContent = "";
      list.forEach(function (t) { items.appendChild(row(ctx, t, accounts, open)); });
      if (!list.length) ctx.status(note, filters.search ? "Nothing matches “" + filters.search + "” in " + M.periodName(month) + "." : "No transactions in " + M.periodName(month) + ".");
      else ctx.status(note, list.length + (list.length === 1 ? " transaction." : " transactions."));
    }

    /* The API offers a rule once the same payee was moved to the same category twice. */
    function offerRule(rule) {
      var text = "You moved “" + rule.value + "” to " + categoryName(rule.set_category) + " more than once. Make a rule so that its transactions get that category from now on?";
      offer.textContent = "";
      offer.appendChild(el("p", { text: text }));
      offer.appendChild(el("div", { class: "actions" }, [
        el("button", { type: "button", text: "Make the rule", onclick: function () {
          var body = { field: rule.field, op: rule.op, value: rule.value, set_category: rule.set_category };
          ctx.api(M.paths.rules, { method: "POST", body: body }).then(function () {
            offer.hidden = true;
            ctx.toast("Rule made: see Rules.");
          }, function (err) { ctx.status(note, err.message, "error"); });
        } }),
        el("button", { type: "button", class: "button-ghost", text: "No, thanks", onclick: function () { offer.hidden = true; } })
      ]));
      offer.hidden = false;
    }

    function open(t) {
      var li = items.querySelector('[data-id="' + CSS.escape(t.id) + '"]');
      if (!li) return;
      li.textContent = "";
      var form = editor(ctx, t, accounts, categories, function (stored, rule) {
        M.forget();
        ctx.toast(stored ? "Saved." : "Deleted.");
        if (rule) offerRule(rule);
        load();
      }, load);
      li.appendChild(form);
      form.querySelector("h3").focus();
    }

    /* Search looks through what is shown (payee, bank text, notes, tags, category); the
     * month's list comes from the API, filtered by category there when drilled into. */
    function matches(t, words) {
      var hay = [t.payee, t.raw_payee, t.notes, (t.tags || []).join(" "), categoryOf(t), accountName(t.account, accounts)].join(" ").toLowerCase();
      return words.every(function (w) { return hay.indexOf(w) >= 0; });
    }

    function load() {
      var path = M.paths.transactions(month, { category: filters.category, tag: filters.tag });
      return Promise.all([M.lookup(ctx, "accounts"), M.lookup(ctx, "categories"), ctx.api(path)]).then(function (found) {
        accounts = found[0];
        categories = found[1];
        names = {};
        categories.forEach(function (c) { names[c.id] = c.name; });
        var list = M.listOf(found[2], "transactions");
        if (filters.search) {
          var words = filters.search.toLowerCase().split(/\s+/).filter(Boolean);
          list = list.filter(function (t) { return matches(t, words); });
        }
        draw(list);
      }, M.fail(ctx, note));
    }
    load();
    return v;
  }

  M.parts.transactions = render;
  M.parts.describe = describe;
})();
