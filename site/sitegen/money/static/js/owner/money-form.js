/* Money: the quick "log an expense or income" form. Amount, account, category, payee, date
 * (today unless changed), notes and tags; splits across categories and transfers between
 * accounts in its expanded part. Sent through the dashboard's offline queue, so an entry
 * made without a connection is kept and sent once when it returns. */
(function () {
  "use strict";

  var M = window.FrostfolioMoney;
  var counter = 0;
  var LAST_ACCOUNT = "frostfolio.money.account";

  function options(ctx, select, items, blank) {
    var el = ctx.el;
    select.textContent = "";
    if (blank) select.appendChild(el("option", { value: "", text: blank }));
    items.forEach(function (item) {
      var label = M.nameOf(item) + (item.currency ? " (" + item.currency + ")" : "") + (item.group ? " · " + item.group : "");
      select.appendChild(el("option", { value: item.id || M.nameOf(item), text: label }));
    });
  }

  function field(ctx, id, label, control, hint) {
    var el = ctx.el;
    control.id = id;
    return el("div", { class: "money-field" }, [
      el("label", { for: id, text: label }), control,
      hint ? el("p", { class: "hint", id: id + "-hint", text: hint }) : null
    ]);
  }

  function splitRow(ctx, prefix, n, categories, onRemove) {
    var el = ctx.el;
    var category = el("select", { name: "split-category" });
    options(ctx, category, categories, "Choose a category");
    var amount = el("input", { name: "split-amount", inputmode: "decimal", autocomplete: "off" });
    var remove = el("button", { type: "button", class: "link-button", text: "Remove", "aria-label": "Remove split " + n, onclick: function () { onRemove(row); } });
    var row = el("fieldset", { class: "money-split" }, [
      el("legend", { text: "Split " + n }),
      field(ctx, prefix + "-split-cat-" + n, "Category", category),
      field(ctx, prefix + "-split-amount-" + n, "Amount", amount),
      remove
    ]);
    row.values = function () { return { category: category.value, amount: M.cleanAmount(amount.value) }; };
    return row;
  }

  /* Draw the form into `root`; `done(answer, entry)` runs after each entry is sent or kept. */
  function logForm(ctx, root, done, defaults) {
    var el = ctx.el;
    var p = "money-log-" + (++counter);
    defaults = defaults || {};
    var note = el("p", { class: "status", role: "status" });
    var kind = "expense";
    var kinds = el("fieldset", { class: "money-kinds" }, [el("legend", { text: "What is it?" })]);
    [["expense", "Expense"], ["income", "Income"], ["transfer", "Transfer"]].forEach(function (k) {
      var input = el("input", { type: "radio", name: p + "-kind", id: p + "-kind-" + k[0], value: k[0], checked: k[0] === kind, onchange: function () { kind = k[0]; sync(); } });
      kinds.appendChild(el("span", { class: "money-kind" }, [input, el("label", { for: p + "-kind-" + k[0], text: k[1] })]));
    });
    var amount = el("input", { name: "amount", inputmode: "decimal", autocomplete: "off", required: true, "aria-describedby": p + "-amount-hint" });
    var account = el("select", { name: "account", required: true });
    var category = el("select", { name: "category" });
    var payee = el("input", { name: "payee", autocomplete: "off", maxlength: "200" });
    var date = el("input", { name: "date", type: "date", value: defaults.date || M.today(), required: true });
    var notes = el("textarea", { name: "notes", rows: "2", maxlength: "1000" });
    var tags = el("input", { name: "tags", autocomplete: "off", "aria-describedby": p + "-tags-hint" });
    var toAccount = el("select", { name: "to_account" });
    var toAmount = el("input", { name: "to_amount", inputmode: "decimal", autocomplete: "off" });
    var splits = el("div", { class: "money-splits" });
    var splitRows = [];
    var categories = [];
    var addSplit = el("button", { type: "button", class: "button-ghost", text: "Add a split", onclick: function () {
      var row = splitRow(ctx, p, splitRows.length + 1, categories, function (gone) {
        splitRows = splitRows.filter(function (r) { return r !== gone; });
        gone.remove();
      });
      splitRows.push(row);
      splits.appendChild(row);
      row.querySelector("select").focus();
    } });
    var toField = el("div", {}, [
      field(ctx, p + "-to", "To account", toAccount),
      field(ctx, p + "-to-amount", "Amount received (optional)", toAmount, "Only when the two accounts' currencies differ.")
    ]);
    var categoryField = field(ctx, p + "-category", "Category", category);
    var payeeField = field(ctx, p + "-payee", "Payee", payee);
    var splitBox = el("div", {}, [
      el("p", { class: "hint", text: "Split one payment across categories; the splits must add up to the amount." }),
      splits, el("div", { class: "actions" }, [addSplit])
    ]);
    var more = el("details", { class: "money-more" }, [
      el("summary", { text: "More: notes, tags, splits" }),
      field(ctx, p + "-notes", "Notes", notes),
      field(ctx, p + "-tags", "Tags", tags, "Separate tags with commas."),
      splitBox
    ]);
    var submit = el("button", { type: "submit", text: "Log it" });
    var form = el("form", { class: "panel money-log", "aria-labelledby": p + "-title", novalidate: true, onsubmit: function (event) {
      event.preventDefault();
      send();
    } }, [
      el("h2", { id: p + "-title", text: "Log an expense or income" }),
      kinds,
      field(ctx, p + "-amount", "Amount", amount, "For example 12.30 (an expense is logged as money out)."),
      field(ctx, p + "-account", "Account", account),
      toField, categoryField, payeeField,
      field(ctx, p + "-date", "Date", date),
      more,
      el("div", { class: "actions" }, [submit]),
      note
    ]);
    root.appendChild(form);

    function sync() {
      var transfer = kind === "transfer";
      toField.hidden = !transfer;
      categoryField.hidden = transfer;
      payeeField.hidden = transfer;
      splitBox.hidden = transfer;
      submit.textContent = transfer ? "Log the transfer" : kind === "income" ? "Log the income" : "Log the expense";
    }
    sync();

    Promise.all([M.lookup(ctx, "accounts"), M.lookup(ctx, "categories")]).then(function (found) {
      options(ctx, account, found[0], found[0].length ? null : "No account yet");
      if (!found[0].length) {
        note.textContent = "";
        note.appendChild(el("a", { href: "#/money/setup", text: "Add an account first (Set up)." }));
      }
      options(ctx, toAccount, found[0], "Choose an account");
      categories = found[1];
      options(ctx, category, categories, "No category");
      var last = remembered();  // the account this device logged to last
      if (defaults.account || last) account.value = defaults.account || last;
      if (!account.value && found[0].length) account.selectedIndex = 0;
    }, M.fail(ctx, note));

    function remembered() {
      try { return localStorage.getItem(LAST_ACCOUNT) || ""; } catch (e) { return ""; }
    }

    function entry() {
      var value = M.cleanAmount(amount.value);
      if (!value) return { problem: "Type the amount, for example 12.30.", focus: amount };
      if (!account.value) return { problem: "Choose an account.", focus: account };
      if (!date.value) return { problem: "Choose the date.", focus: date };
      if (kind === "transfer") {
        if (!toAccount.value || toAccount.value === account.value) return { problem: "Choose the account the money goes to.", focus: toAccount };
        var transfer = {
          date: date.value, amount: value, from_account: account.value, to_account: toAccount.value,
          notes: notes.value.trim()
        };
        if (toAmount.value.trim()) {
          transfer.to_amount = M.cleanAmount(toAmount.value);
          if (!transfer.to_amount) return { problem: "Type the amount received, for example 10.80.", focus: toAmount };
        }
        return { path: M.paths.transfers, label: "Transfer " + value, body: transfer };
      }
      var sign = kind === "expense" ? M.negate : function (x) { return x; };
      var body = {
        date: date.value, amount: sign(value), account: account.value,
        category: category.value, payee: payee.value.trim(),
        notes: notes.value.trim(),
        tags: tags.value.split(",").map(function (t) { return t.trim(); }).filter(Boolean)
      };
      var parts = splitRows.map(function (r) { return r.values(); }).filter(function (s) { return s.category || s.amount; });
      if (parts.length) {
        for (var i = 0; i < parts.length; i++) {
          if (!parts[i].category || !parts[i].amount) return { problem: "Give each split a category and an amount.", focus: splitRows[i].querySelector("select") };
        }
        body.splits = parts.map(function (s) { return { category: s.category, amount: sign(s.amount) }; });
        body.category = "";
      }
      return { path: M.paths.createTransaction, label: (kind === "expense" ? "Expense " : "Income ") + value + (body.payee ? " · " + body.payee : ""), body: body };
    }

    function send() {
      var made = entry();
      if (made.problem) {
        ctx.status(note, made.problem, "error");
        made.focus.focus();
        return;
      }
      submit.disabled = true;
      ctx.status(note, "Saving…");
      M.send(ctx, "POST", made.path, made.body, made.label).then(function (answer) {
        if (M.wasQueued(answer)) ctx.status(note, "Kept on this device: it will be sent when you are back online.", "ok");
        else ctx.status(note, "Logged: " + made.label + ".", "ok");
        try { localStorage.setItem(LAST_ACCOUNT, made.body.account || made.body.from_account); } catch (e) { /* private mode */ }
        amount.value = "";
        toAmount.value = "";
        payee.value = "";
        notes.value = "";
        tags.value = "";
        splitRows.forEach(function (r) { r.remove(); });
        splitRows = [];
        amount.focus();
        if (done) done(answer, made);
      }, function (err) {
        var fields = err.body && err.body.fields;
        var detail = fields ? Object.keys(fields).map(function (k) { return k + ": " + fields[k]; }).join(" ") : "";
        ctx.status(note, (err.message || "Not saved.") + (detail ? " " + detail : ""), "error");
      }).then(function () { submit.disabled = false; });
    }
    return form;
  }

  M.parts.logForm = logForm;
  M.parts.options = options;
  M.parts.field = field;
})();
