/* Money: import a bank file (CSV with a column mapping, or OFX/QFX), preview every row as
 * new, duplicate or changed with a decision per row, confirm; and the rules that set a
 * category or payee when a payee or notes match. */
(function () {
  "use strict";

  var M = window.FrostfolioMoney;
  var MAX_BYTES = 5 * 1024 * 1024;  // the API's limit for a bank file

  var MAPPING_FIELDS = [
    ["date", "Date column", ""], ["date_format", "Date format", "%Y-%m-%d"], ["payee", "Payee column", ""],
    ["amount", "Amount column (signed)", ""], ["money_in", "Money in column", ""], ["money_out", "Money out column", ""],
    ["notes", "Notes column", ""], ["reference", "Bank reference column", ""], ["decimal", "Decimal mark", "."],
    ["thousands", "Thousands separator", ""], ["skip_lines", "Lines before the header", "0"]
  ];
  // What the API allows per row status (api/money/imports.py); the first is the default,
  // except a possible duplicate, which the owner must decide.
  var ALLOWED = {
    "new": ["import", "skip"], duplicate: ["skip", "import"], changed: ["update", "skip"],
    possible_duplicate: ["", "import", "skip"]
  };
  var SAY = { "": "Decide…", "import": "Import as new", skip: "Skip", update: "Update the stored one" };
  var STATUS = { "new": "new", duplicate: "duplicate", changed: "changed", possible_duplicate: "possible duplicate" };

  /* Send the bank file itself as the request's body (up to 5 MB; JSON bodies stop at 64 KB),
   * its fields in the query string. The dashboard's api() sends JSON only, so this asks the
   * session for its CSRF token and sends the file with fetch. */
  function upload(ctx, file, fields, ofx) {
    var query = Object.keys(fields).map(function (k) {
      var v = fields[k];
      return k + "=" + encodeURIComponent(typeof v === "object" ? JSON.stringify(v) : String(v));
    }).join("&");
    return ctx.api("/owner/session").then(function (session) {
      return fetch(ctx.api.url(M.paths.imports) + "?" + query, {
        method: "POST",
        headers: { Accept: "application/json", "Content-Type": ofx ? "application/x-ofx" : "text/csv", "X-CSRF-Token": session.csrf },
        body: file,
        credentials: "same-origin",
        cache: "no-store"
      }).catch(function () {
        throw { status: 0, message: "No connection: the file was not sent.", body: {} };
      });
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) throw { status: response.status, message: data.message || "The server answered " + response.status + ".", body: data };
        return data;
      });
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
    var imp = data.preview || data;
    var rows = M.listOf(imp, "rows");
    var choices = {};
    var counts = imp.counts || {};
    root.textContent = "";
    root.appendChild(el("h2", { text: "Preview", tabindex: "-1" }));
    root.appendChild(el("p", { text: Object.keys(counts).filter(function (k) { return counts[k]; }).map(function (k) { return counts[k] + " " + (STATUS[k] || k); }).join(", ") + ". Choose what happens to each row, then confirm." }));
    ((imp.source || {}).problems || []).forEach(function (p) {
      root.appendChild(el("p", { class: "status is-error", text: "Line " + p.line + ": " + p.message }));
    });
    var list = el("ul", { class: "money-preview", "aria-label": "Rows in the file" });
    rows.forEach(function (r, i) {
      var key = String(r.index !== undefined ? r.index : i);
      var select = el("select", { id: "money-row-" + i, name: "decision" });
      (ALLOWED[r.status] || ["import", "skip"]).forEach(function (a) { select.appendChild(el("option", { value: a, text: SAY[a] })); });
      select.value = r.decision || "";
      choices[key] = select;
      var changes = Object.keys(r.changes || {}).map(function (k) { return k.replace("_", " ") + ": " + r.changes[k][0] + " → " + r.changes[k][1]; });
      list.appendChild(el("li", { class: "money-preview-row is-" + r.status }, [
        el("div", { class: "money-txn-main" }, [
          el("span", { class: "money-txn-payee", text: r.payee || r.raw_payee || "(no payee)" }),
          el("span", { class: "money-amount" + (M.isNegative(r.amount) ? " is-out" : ""), text: M.money(r.amount, r.currency || imp.currency) })
        ]),
        el("p", { class: "meta", text: M.day(r.date) + " · " + (STATUS[r.status] || r.status) + (r.reason ? " (" + r.reason + ")" : "") + (r.raw_payee && r.raw_payee !== r.payee ? " · bank: " + r.raw_payee : "") }),
        changes.length ? el("p", { class: "meta", text: "Changed since the last import: " + changes.join("; ") }) : null,
        el("label", { for: "money-row-" + i, text: "Line " + r.line + ": what to do" }), select
      ]));
    });
    root.appendChild(list);
    var note = el("p", { class: "status", role: "status" });
    var confirm = el("button", { type: "button", text: "Confirm the import", onclick: function () {
      var decisions = {};
      var undecided = Object.keys(choices).filter(function (k) { return !choices[k].value; });
      if (undecided.length) {
        ctx.status(note, undecided.length + " possible duplicates need a decision: import or skip.", "error");
        choices[undecided[0]].focus();
        return;
      }
      Object.keys(choices).forEach(function (k) { decisions[k] = choices[k].value; });
      confirm.disabled = true;
      ctx.status(note, "Importing…");
      ctx.api(M.paths.importConfirm(imp.id), { method: "POST", body: { decisions: decisions } }).then(function (answer) {
        var c = answer.result || {};
        ctx.status(note, "Done: " + (c.imported || 0) + " added, " + (c.updated || 0) + " updated, " + (c.skipped || 0) + " skipped" + (c.already ? ", " + c.already + " already there" : "") + ".", "ok");
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
    var saveAs = el("input", { name: "save_as", autocomplete: "off", placeholder: "e.g. my-bank" });
    var mapping = mappingForm(ctx, p);
    var out = el("section", { class: "panel", "aria-live": "polite" });
    var mappings = {};
    saved.addEventListener("change", function () {
      if (!mappings[saved.value]) return;
      mapping.fill(mappings[saved.value]);
      saveAs.value = saved.value;
    });
    var form = el("form", { class: "panel", onsubmit: function (event) {
      event.preventDefault();
      var chosen = file.files && file.files[0];
      if (!chosen) { ctx.status(note, "Choose a file from your bank.", "error"); file.focus(); return; }
      if (!account.value) { ctx.status(note, "Choose the account the file belongs to.", "error"); account.focus(); return; }
      var ofx = /\.(ofx|qfx)$/i.test(chosen.name);
      ctx.status(note, "Reading " + chosen.name + "…");
      if (chosen.size > MAX_BYTES) { ctx.status(note, "The file is over 5 MB: export a shorter period from your bank.", "error"); return; }
      var fields = { account: account.value, format: ofx ? "ofx" : "csv" };
      if (!ofx) {
        fields.mapping = mapping.values();
        var bank = saveAs.value.trim().toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
        if (bank) { fields.bank = bank; fields.save_mapping = "true"; } else fields.save_mapping = "false";
      }
      upload(ctx, chosen, fields, ofx).then(function (data) {
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
      var list = M.listOf(data, "banks");
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
    var suggestions = el("ul", { class: "devices", "aria-label": "Suggested rules" });
    var offers = el("section", { class: "panel", hidden: true }, [
      el("h2", { text: "Suggested rules" }),
      el("p", { class: "hint", text: "You moved these payees to one category more than once." }),
      suggestions
    ]);

    function add(body) {
      return ctx.api(M.paths.rules, { method: "POST", body: body }).then(function () {
        ctx.status(note, "Rule added.", "ok");
        load();
      }, function (err) { ctx.status(note, err.message, "error"); });
    }

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
      var offered = ctx.api(M.paths.ruleSuggestions).catch(function () { return {}; });
      return Promise.all([M.lookup(ctx, "categories"), ctx.api(M.paths.rules), offered]).then(function (found) {
        categories = found[0];
        list.textContent = "";
        suggestions.textContent = "";
        M.listOf(found[2], "suggestions").forEach(function (r) {
          var text = describe(r);
          suggestions.appendChild(el("li", {}, [
            el("span", { text: text }),
            el("button", { type: "button", class: "button-ghost", text: "Add", "aria-label": "Add rule: " + text, onclick: function () { add({ field: r.field, op: r.op, value: r.value, set_category: r.set_category }); } })
          ]));
        });
        offers.hidden = !suggestions.children.length;
        M.listOf(found[1], "rules").forEach(function (r) {
          var text = describe(r);
          list.appendChild(el("li", {}, [
            el("span", { text: text }),
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
      add(body).then(function () { value.value = ""; payee.value = ""; });
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
    v.root.appendChild(offers);
    v.root.appendChild(form);
    load();
    return v;
  }

  M.parts.importPage = render;
  M.parts.rules = rules;
})();
