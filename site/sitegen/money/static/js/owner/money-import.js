/* Money: import a bank file (CSV with a column mapping, or OFX/QFX), preview every row as
 * new, duplicate or changed with a decision per row, confirm; and the rules that set a
 * category or payee when a payee or notes match. */
(function () {
  "use strict";

  var M = window.FrostfolioMoney;

  var MAPPING_FIELDS = [
    ["date", "Date column", ""], ["date_format", "Date format", "%Y-%m-%d"], ["payee", "Payee column", ""],
    ["amount", "Amount column (signed)", ""], ["money_in", "Money in column", ""], ["money_out", "Money out column", ""],
    ["notes", "Notes column", ""], ["reference", "Bank reference column", ""], ["decimal", "Decimal mark", "."],
    ["thousands", "Thousands separator", ""], ["skip_lines", "Lines before the header", "0"]
  ];
  var DECISIONS = { "new": "import", duplicate: "skip", changed: "update" };

  function readFile(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(reader.result); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsDataURL(file);  // base64: the API decodes the bank's own encoding
    });
  }

  function mappingForm(ctx, p) {
    var el = ctx.el, F = M.parts;
    var inputs = {};
    var box = el("fieldset", { class: "money-mapping" }, [el("legend", { text: "Columns (CSV)" })]);
    MAPPING_FIELDS.forEach(function (f) {
      inputs[f[0]] = el("input", { name: f[0], value: f[2], autocomplete: "off" });
      box.appendChild(F.field(ctx, p + "-map-" + f[0], f[1], inputs[f[0]]));
    });
    inputs.flip_sign = el("input", { type: "checkbox", name: "flip_sign", id: p + "-map-flip" });
    box.appendChild(el("div", { class: "money-check" }, [inputs.flip_sign, el("label", { for: p + "-map-flip", text: "Flip the sign (a card statement listing spending as positive)" })]));
    box.values = function () {
      var out = {};
      Object.keys(inputs).forEach(function (k) {
        if (k === "flip_sign") out[k] = inputs[k].checked;
        else if (k === "skip_lines") out[k] = parseInt(inputs[k].value, 10) || 0;
        else if (inputs[k].value !== "" || k === "thousands") out[k] = inputs[k].value;
      });
      return out;
    };
    box.fill = function (m) {
      Object.keys(inputs).forEach(function (k) {
        if (m[k] === undefined) return;
        if (k === "flip_sign") inputs[k].checked = !!m[k];
        else inputs[k].value = String(m[k]);
      });
    };
    return box;
  }

  function preview(ctx, root, data, done) {
    var el = ctx.el;
    var imp = data["import"] || data;
    var rows = M.listOf(imp, "rows");
    var choices = {};
    var counts = {};
    rows.forEach(function (r) { counts[r.status] = (counts[r.status] || 0) + 1; });
    root.textContent = "";
    root.appendChild(el("h2", { text: "Preview", tabindex: "-1" }));
    root.appendChild(el("p", { text: Object.keys(counts).map(function (k) { return counts[k] + " " + k; }).join(", ") + ". Choose what happens to each row, then confirm." }));
    var list = el("ul", { class: "money-preview", "aria-label": "Rows in the file" });
    rows.forEach(function (r, i) {
      var key = r.row !== undefined ? String(r.row) : r.import_id || String(i);
      var select = el("select", { id: "money-row-" + i, name: "decision" });
      var allowed = r.status === "changed" ? ["update", "skip", "import"] : r.status === "duplicate" ? ["skip", "import"] : ["import", "skip"];
      allowed.forEach(function (a) { select.appendChild(el("option", { value: a, text: { "import": "Import as new", skip: "Skip", update: "Update the stored one" }[a] })); });
      select.value = r.decision || DECISIONS[r.status] || "import";
      choices[key] = select;
      var match = r.match || r.existing;
      list.appendChild(el("li", { class: "money-preview-row is-" + r.status }, [
        el("div", { class: "money-txn-main" }, [
          el("span", { class: "money-txn-payee", text: r.payee || r.raw_payee || "(no payee)" }),
          el("span", { class: "money-amount" + (M.isNegative(r.amount) ? " is-out" : ""), text: M.money(r.amount, r.currency || imp.currency) })
        ]),
        el("p", { class: "meta", text: M.day(r.date) + " · " + r.status + (r.category_name || r.category ? " · " + (r.category_name || r.category) : "") + (r.raw_payee && r.raw_payee !== r.payee ? " · bank: " + r.raw_payee : "") }),
        match ? el("p", { class: "meta", text: "Stored: " + M.day(match.date) + " · " + M.money(match.amount, match.currency || imp.currency) + " · " + (match.payee || "") }) : null,
        r.problem ? el("p", { class: "status is-error", text: r.problem }) : null,
        el("label", { for: "money-row-" + i, text: "Row " + (i + 1) + ": what to do" }), select
      ]));
    });
    root.appendChild(list);
    var note = el("p", { class: "status", role: "status" });
    var confirm = el("button", { type: "button", text: "Confirm the import", onclick: function () {
      var decisions = {};
      Object.keys(choices).forEach(function (k) { decisions[k] = choices[k].value; });
      confirm.disabled = true;
      ctx.status(note, "Importing…");
      ctx.api(M.paths.importConfirm(imp.id), { method: "POST", body: { decisions: decisions } }).then(function (answer) {
        var c = answer.counts || answer;
        ctx.status(note, "Done: " + (c.created || 0) + " added, " + (c.updated || 0) + " updated, " + (c.skipped || 0) + " skipped.", "ok");
        M.forget();
        if (done) done(answer);
      }, function (err) { confirm.disabled = false; ctx.status(note, err.message, "error"); });
    } });
    root.appendChild(el("div", { class: "actions" }, [confirm]));
    root.appendChild(note);
    root.querySelector("h2").focus();
  }

  function render(ctx) {
    var el = ctx.el, F = M.parts;
    var v = ctx.view("Import");
    v.root.appendChild(M.subnav(ctx, "import"));
    var p = "money-import";
    var note = el("p", { class: "status", role: "status" });
    var file = el("input", { type: "file", name: "file", accept: ".csv,.txt,.ofx,.qfx,text/csv", required: true });
    var account = el("select", { name: "account", required: true });
    var saved = el("select", { name: "mapping" });
    var saveAs = el("input", { name: "save_as", autocomplete: "off", placeholder: "e.g. My bank" });
    var mapping = mappingForm(ctx, p);
    var out = el("section", { class: "panel", "aria-live": "polite" });
    var mappings = {};
    saved.addEventListener("change", function () { if (mappings[saved.value]) mapping.fill(mappings[saved.value]); });
    var form = el("form", { class: "panel", onsubmit: function (event) {
      event.preventDefault();
      var chosen = file.files && file.files[0];
      if (!chosen) { ctx.status(note, "Choose a file from your bank.", "error"); file.focus(); return; }
      if (!account.value) { ctx.status(note, "Choose the account the file belongs to.", "error"); account.focus(); return; }
      var ofx = /\.(ofx|qfx)$/i.test(chosen.name);
      ctx.status(note, "Reading " + chosen.name + "…");
      readFile(chosen).then(function (url) {
        var body = { account: account.value, filename: chosen.name, format: ofx ? "ofx" : "csv", content: url.slice(url.indexOf(",") + 1) };
        if (!ofx) {
          body.mapping = mapping.values();
          if (saveAs.value.trim()) body.save_mapping = saveAs.value.trim();
        }
        return ctx.api(M.paths.imports, { method: "POST", body: body });
      }).then(function (data) {
        ctx.status(note, "");
        preview(ctx, out, data, function () { file.value = ""; });
      }, function (err) {
        var fields = err.body && err.body.fields;
        ctx.status(note, (err.message || "The file could not be read.") + (fields ? " " + Object.keys(fields).map(function (k) { return k + ": " + fields[k]; }).join(" ") : ""), "error");
      });
    } }, [
      el("h2", { text: "Import a bank file" }),
      el("p", { class: "hint", text: "CSV with the columns named below, or OFX/QFX. Nothing is stored before you confirm the preview; the same file imported twice adds nothing." }),
      F.field(ctx, p + "-file", "File", file),
      F.field(ctx, p + "-account", "Account", account),
      F.field(ctx, p + "-saved", "Saved mapping", saved),
      mapping,
      F.field(ctx, p + "-save-as", "Save this mapping as (optional)", saveAs),
      el("div", { class: "actions" }, [el("button", { type: "submit", text: "Preview" })]),
      note
    ]);
    v.root.appendChild(form);
    v.root.appendChild(out);
    M.lookup(ctx, "accounts").then(function (list) { F.options(ctx, account, list, "Choose an account"); }, M.fail(ctx, note));
    ctx.api(M.paths.mappings).then(function (data) {
      var list = M.listOf(data, "mappings");
      saved.textContent = "";
      saved.appendChild(el("option", { value: "", text: list.length ? "Type the columns below" : "None saved yet" }));
      list.forEach(function (m) {
        var name = m.name || m.id;
        mappings[name] = m.mapping || m;
        saved.appendChild(el("option", { value: name, text: name }));
      });
    }, function () { saved.appendChild(el("option", { value: "", text: "None saved yet" })); });
    return v;
  }

  var OPS = [["contains", "contains"], ["is", "is"], ["starts_with", "starts with"]];

  function rules(ctx) {
    var el = ctx.el, F = M.parts;
    var v = ctx.view("Rules");
    v.root.appendChild(M.subnav(ctx, "rules"));
    var note = el("p", { class: "status", role: "status" });
    var list = el("ul", { class: "devices", "aria-label": "Rules" });
    var categories = [];
    var field = el("select", { name: "field" }, [el("option", { value: "payee", text: "Payee" }), el("option", { value: "notes", text: "Notes" })]);
    var op = el("select", { name: "op" }, OPS.map(function (o) { return el("option", { value: o[0], text: o[1] }); }));
    var value = el("input", { name: "value", autocomplete: "off", required: true });
    var category = el("select", { name: "set_category" });
    var payee = el("input", { name: "set_payee", autocomplete: "off" });

    function describe(r) {
      var when = r.when || r;
      var then = r.then || r;
      var cat = categories.filter(function (c) { return c.id === then.set_category || c.id === then.category; })[0];
      var sets = [];
      if (then.set_category || then.category) sets.push("category " + (cat ? M.nameOf(cat) : then.set_category || then.category));
      if (then.set_payee || then.payee) sets.push("payee “" + (then.set_payee || then.payee) + "”");
      var opText = (OPS.filter(function (o) { return o[0] === (when.op || when.match); })[0] || [0, when.op])[1];
      return "When " + (when.field || "payee") + " " + opText + " “" + when.value + "”, set " + (sets.join(" and ") || "nothing");
    }

    function load() {
      return Promise.all([M.lookup(ctx, "categories"), ctx.api(M.paths.rules)]).then(function (found) {
        categories = found[0];
        list.textContent = "";
        M.listOf(found[1], "rules").forEach(function (r) {
          var text = describe(r);
          list.appendChild(el("li", {}, [
            el("span", { text: text + (r.suggested ? " (suggested)" : "") }),
            el("button", { type: "button", class: "button-danger", text: "Delete", "aria-label": "Delete rule: " + text, onclick: function () {
              ctx.api(M.paths.rule(r.id), { method: "DELETE" }).then(load, function (err) { ctx.status(note, err.message, "error"); });
            } })
          ]));
        });
        if (!list.children.length) ctx.status(note, "No rules yet.");
        F.options(ctx, category, categories, "Leave the category");
      }, M.fail(ctx, note));
    }

    var form = el("form", { class: "panel", onsubmit: function (event) {
      event.preventDefault();
      if (!value.value.trim()) { ctx.status(note, "Type the text to match.", "error"); value.focus(); return; }
      var body = { field: field.value, op: op.value, value: value.value.trim() };
      if (category.value) body.set_category = category.value;
      if (payee.value.trim()) body.set_payee = payee.value.trim();
      ctx.api(M.paths.rules, { method: "POST", body: body }).then(function () {
        value.value = "";
        payee.value = "";
        ctx.status(note, "Rule added.", "ok");
        load();
      }, function (err) { ctx.status(note, err.message, "error"); });
    } }, [
      el("h2", { text: "Add a rule" }),
      F.field(ctx, "money-rule-field", "When", field),
      F.field(ctx, "money-rule-op", "Match", op),
      F.field(ctx, "money-rule-value", "Text", value),
      F.field(ctx, "money-rule-category", "Set the category", category),
      F.field(ctx, "money-rule-payee", "Set the payee (optional)", payee),
      el("div", { class: "actions" }, [el("button", { type: "submit", text: "Add the rule" })])
    ]);
    v.root.appendChild(el("section", { class: "panel" }, [el("h2", { text: "Rules" }), note, list]));
    v.root.appendChild(form);
    load();
    return v;
  }

  M.parts.importPage = render;
  M.parts.rules = rules;
})();
