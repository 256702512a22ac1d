"""The Money page in a real browser on a 360 px phone, with the API on the site's origin (as
`make dev` and the site's CloudFront serve it): log an expense and see its category's budget
bar and the spending chart change; log one offline and find it stored once after
reconnecting; an edit made on another device shows up as a conflict with a choice; the
printable report has the month's figures; axe passes in light and dark."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from decimal import Decimal

import pytest
import requests

from ..browser.test_a11y import AXE_OPTIONS, describe
from ..browser.test_dashboard import PHONE, TOKEN, Site, sign_in

pytestmark = pytest.mark.browser

SITE = "title: Money test\nbase_url: http://localhost/\napi_url: /api\nauthor: {name: Ada}\n"
POST = "---\ntitle: Hello\ndate: 2026-11-01\nsummary: Hi.\n---\nWords.\n"


class Money:
    """The money API as the owner's scripts would call it, with the bearer token."""

    def __init__(self, site: Site) -> None:
        self.base = f"{site.url}/api"
        self.headers = {"Authorization": f"Bearer {TOKEN}"}

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        response = requests.request(
            method, self.base + path, json=body, headers=self.headers, timeout=30
        )
        assert response.ok, (method, path, response.status_code, response.text)
        return response.json()

    def transactions(self, month: str) -> list[dict]:
        return self.call("GET", f"/money/transactions?month={month}")["transactions"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    content = tmp_path_factory.mktemp("money-site") / "content"
    content.mkdir()
    (content / "site.yml").write_text(SITE, encoding="utf-8")
    (content / "posts").mkdir()
    (content / "posts" / "hello.md").write_text(POST, encoding="utf-8")
    site = Site(content)
    yield site
    site.close()
    shutil.rmtree(content, ignore_errors=True)


@pytest.fixture(scope="module")
def money(site: Site) -> dict:
    """An EUR account, a Groceries category with this month's budget of 200.00, a salary."""
    api = Money(site)
    month = datetime.now(UTC).date().isoformat()[:7]
    body = {"name": "Checking", "type": "checking", "currency": "EUR", "opening_balance": "500.00"}
    account = api.call("POST", "/money/accounts", body)["account"]["id"]
    groceries = api.call("POST", "/money/categories", {"name": "Groceries", "group": "Living"})
    groceries = groceries["category"]["id"]
    salary = {"name": "Salary", "group": "Income", "kind": "income"}
    salary = api.call("POST", "/money/categories", salary)["category"]["id"]
    budget = {"amount": "200.00", "currency": "EUR"}
    api.call("PUT", f"/money/budgets/{month}/{groceries}", budget)
    day = f"{month}-01"
    income = {"date": day, "account": account, "amount": "2000.00", "category": salary}
    api.call("POST", "/money/transactions", {**income, "payee": "Employer"})
    shop = {"date": day, "account": account, "amount": "-5.00", "category": groceries}
    api.call("POST", "/money/transactions", {**shop, "payee": "Corner shop"})
    return {"api": api, "month": month, "account": account, "groceries": groceries}


def budget(money: dict) -> dict:
    """This month's Groceries budget line, as the API reports it."""
    return money["api"].call("GET", f"/money/budgets/{money['month']}")["budgets"][0]


@pytest.fixture(scope="module")
def session(browser, site: Site) -> dict:
    """One signed-in session for the module's browser contexts (sign-ins are rate-limited)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        sign_in(page, site, label="Money tests")
        return context.storage_state()
    finally:
        context.close()


def phone(browser, session: dict, scheme: str = "light"):
    return browser.new_context(
        viewport=PHONE, has_touch=True, is_mobile=True, color_scheme=scheme, storage_state=session
    )


def dashboard(page, site: Site, where: str = "") -> None:
    """Open the dashboard at #/<where>, signed in by the module's session."""
    page.goto(f"{site.url}/owner/#/{where}")
    page.locator("[data-nav]:not([hidden])").wait_for()


def open_money(page, site: Site) -> None:
    dashboard(page, site, "money")
    page.get_by_role("heading", name="Money", level=1).wait_for()
    page.locator(".money-budgets .money-bar-row").first.wait_for()


def log_expense(page, amount: str, payee: str) -> None:
    form = page.locator("form.money-log")
    form.get_by_label("Amount", exact=True).fill(amount)
    form.get_by_label("Account", exact=True).select_option(label="Checking (EUR)")
    form.get_by_label("Category", exact=True).select_option(label="Groceries · Living")
    form.get_by_label("Payee", exact=True).fill(payee)
    form.get_by_role("button", name="Log the expense").click()


def test_an_expense_moves_its_budget_bar_and_the_chart(browser, session, site, money):
    context = phone(browser, session)
    page = context.new_page()
    try:
        dashboard(page, site)
        card = page.locator(".card", has_text="spent in")
        card.locator(".card-value", has_text="€").wait_for()
        assert "within budget" in card.inner_text()
        open_money(page, site)
        before = Decimal(budget(money)["spent"])
        after = before + Decimal("12.30")
        bar = page.locator(".money-budgets li", has_text="Groceries")
        assert f"€{before} of €200.00" in bar.inner_text()
        heading = page.get_by_role("heading", name="Spending by category")
        chart = page.locator("section", has=heading).locator("figure")
        chart.wait_for()
        assert f"{before}" in chart.locator("table").text_content()  # in a closed <details>

        log_expense(page, "12.30", "Bakery")
        page.locator("form.money-log .status.is-ok").wait_for()
        bar.get_by_text(f"€{after} of €200.00 · €{Decimal('200.00') - after} left").wait_for()
        assert page.locator(".money-budgets .money-bar-fill").first.evaluate(
            "fill => parseFloat(getComputedStyle(fill).width) > 0"
        )
        # The chart is redrawn from the API's figures: its table of numbers has the new one.
        page.wait_for_function(
            "text => [...document.querySelectorAll('figure table')]"
            ".some(t => t.textContent.includes(text))",
            arg=str(after),
        )
        assert "Groceries" in chart.locator("table").text_content()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        stored = [t for t in money["api"].transactions(money["month"]) if t["payee"] == "Bakery"]
        assert [(t["amount"], t["category"]) for t in stored] == [("-12.30", money["groceries"])]

        # Drill down: the chart's row for Groceries opens the transactions behind it.
        chart.locator("summary").click()
        chart.locator("table button", has_text="Groceries").click()
        page.get_by_role("heading", name="Transactions", level=1).wait_for()
        rows = page.locator(".money-txn")
        rows.first.wait_for()
        shown = " ".join(rows.all_inner_texts())
        assert "Bakery" in shown and "Corner shop" in shown and "Employer" not in shown
    finally:
        context.close()


def test_an_entry_logged_offline_is_stored_once_after_reconnecting(browser, session, site, money):
    context = phone(browser, session)
    page = context.new_page()
    try:
        open_money(page, site)
        context.set_offline(True)
        log_expense(page, "4.50", "Kiosk offline")
        page.locator("form.money-log .status", has_text="Kept on this device").wait_for()
        page.locator("[data-queue]", has_text="1 waiting to send").wait_for()
        assert not [t for t in money["api"].transactions(money["month"]) if "Kiosk" in t["payee"]]

        context.set_offline(False)
        page.locator("[data-queue]").wait_for(state="hidden", timeout=15_000)
        kiosk = [t for t in money["api"].transactions(money["month"]) if "Kiosk" in t["payee"]]
        assert [t["amount"] for t in kiosk] == ["-4.50"]
        # Once sent, the overview shows it, and a reload sends nothing again.
        spent = budget(money)["spent"]
        bar = page.locator(".money-budgets li", has_text="Groceries")
        bar.get_by_text(f"€{spent} of €200.00").wait_for()
        page.reload()
        page.get_by_role("heading", name="Money", level=1).wait_for()
        page.wait_for_timeout(500)
        kiosk = [t for t in money["api"].transactions(money["month"]) if "Kiosk" in t["payee"]]
        assert len(kiosk) == 1
    finally:
        context.close()


def test_an_edit_another_device_saved_first_offers_a_choice(browser, session, site, money):
    from axe_playwright_python.sync_playwright import Axe

    api = money["api"]
    body = {"date": f"{money['month']}-02", "account": money["account"], "amount": "-8.00"}
    txn = api.call("POST", "/money/transactions", {**body, "payee": "Cafe"})["transaction"]
    context = phone(browser, session)
    page = context.new_page()
    try:
        dashboard(page, site, f"money/transactions/{money['month']}")
        row = page.locator(f'.money-txn[data-id="{txn["id"]}"]')
        row.get_by_role("button", name=re.compile("^Edit")).click()
        editor = row.locator("form.money-edit")
        editor.get_by_label("Payee").fill("Cafe on the phone")
        # Meanwhile the laptop saves first.
        changed = {"payee": "Cafe from the laptop", "version": txn["version"]}
        api.call("PATCH", f"/money/transactions/{txn['id']}", changed)
        editor.get_by_role("button", name="Save", exact=True).click()
        conflict = editor.locator(".money-conflict")
        conflict.get_by_role("heading", name="Changed on another device").wait_for()
        assert "Cafe from the laptop" in conflict.inner_text()
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert not violations, describe(violations)
        conflict.get_by_role("button", name="Save mine over them").click()
        page.locator(f'.money-txn[data-id="{txn["id"]}"]', has_text="Cafe on the phone").wait_for()
        stored = api.call("GET", f"/money/transactions/{txn['id']}")["transaction"]
        assert stored["payee"] == "Cafe on the phone"
        assert stored["version"] == txn["version"] + 2
    finally:
        context.close()


def test_the_printable_report_has_the_months_figures(browser, session, site, money):
    api = money["api"]
    body = {"date": f"{money['month']}-03", "account": money["account"], "amount": "-20.00"}
    body |= {"payee": "Market", "category": money["groceries"]}
    api.call("POST", "/money/transactions", body)
    spent = api.call("GET", f"/money/reports/spending/{money['month']}")["currencies"][0]
    line = budget(money)
    context = browser.new_context(viewport={"width": 1024, "height": 800}, storage_state=session)
    page = context.new_page()
    try:
        dashboard(page, site, f"money/report/{money['month']}")
        report = page.locator(".money-report")
        report.locator("table").first.wait_for()
        totals = report.locator("table", has_text="Income and expense").inner_text()
        assert "€2,000.00" in totals
        expense = "€{:,.2f}".format(float(spent["expense"]))  # formatted only to compare
        assert expense in totals
        budgets = report.locator("table", has_text="Budget vs actual").inner_text()
        assert "Groceries" in budgets and f"€{line['spent']}" in budgets
        page.emulate_media(media="print")
        assert not page.locator("header.bar").is_visible()
        assert not page.get_by_role("button", name="Print").is_visible()
        assert report.is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "where", ["", "/transactions", "/reports", "/import", "/rules", "/setup", "/goals"]
)
def test_money_pages_have_no_wcag_violations(browser, session, site, money, where, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = phone(browser, session, scheme)
    page = context.new_page()
    try:
        dashboard(page, site, f"money{where}")
        page.locator("[data-view] h1").wait_for()
        if where in ("", "/reports"):
            page.locator("[data-view] figure").first.wait_for()
            page.locator("[data-view] details").first.evaluate("d => d.open = true")
        page.wait_for_timeout(400)  # the last lists and the charts' canvases
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    finally:
        context.close()
    if violations:
        report = describe(violations)
        pytest.fail(f"#/money{where} ({scheme}) breaks WCAG 2.1 A/AA:\n{report}", False)


def test_a_bank_file_is_previewed_imported_and_a_second_time_adds_nothing(
    browser, session, site, money, tmp_path
):
    month = money["month"]
    from axe_playwright_python.sync_playwright import Axe

    statement = tmp_path / "statement.csv"
    statement.write_text(
        f"Date,Description,Amount\n{month}-04,REWE Markt 4711,-23.40\n{month}-05,Night bus,-2.80\n",
        encoding="utf-8",
    )
    context = phone(browser, session)
    page = context.new_page()
    try:
        dashboard(page, site, "money/rules")
        rule = page.locator("form", has=page.get_by_role("heading", name="Add a rule"))
        rule.get_by_label("Match").select_option("contains")
        rule.get_by_label("Text").fill("rewe")
        rule.get_by_label("Set the category").select_option(label="Groceries · Living")
        rule.get_by_role("button", name="Add the rule").click()
        page.get_by_text("When payee contains “rewe”, set category Groceries").wait_for()

        def preview() -> None:
            page.goto(f"{site.url}/owner/#/money/rules")  # a fresh import page each time
            page.goto(f"{site.url}/owner/#/money/import")
            form = page.locator("form", has=page.get_by_role("heading", name="Import a bank file"))
            form.get_by_label("Account").select_option(label="Checking (EUR)")
            form.get_by_label("File").set_input_files(str(statement))
            form.get_by_label("Date column").fill("Date")
            form.get_by_label("Payee column").fill("Description")
            form.get_by_label("Amount column (signed)").fill("Amount")
            form.get_by_label("Save this mapping as (optional)").fill("test-bank")
            # The file itself is the body (JSON bodies stop at 64 KB), its fields in the query.
            with page.expect_request(re.compile(r".*/api/money/imports\?")) as sent:
                form.get_by_role("button", name="Preview").click()
            assert sent.value.headers["content-type"] == "text/csv"
            assert "content_base64" not in sent.value.url
            page.get_by_role("heading", name="Preview").wait_for()

        preview()
        rows = page.locator(".money-preview-row")
        assert rows.count() == 2
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert not violations, describe(violations)
        assert "2 new" in page.locator("[data-view]").inner_text()
        page.get_by_role("button", name="Confirm the import").click()
        page.get_by_text("Done: 2 added, 0 updated, 0 skipped").wait_for()
        stored = {t["payee"]: t for t in money["api"].transactions(month) if t["import_id"]}
        assert sorted(stored) == ["Night bus", "REWE Markt"]
        assert stored["REWE Markt"]["category"] == money["groceries"]  # the rule applied
        assert stored["REWE Markt"]["raw_payee"] == "REWE Markt 4711"

        preview()  # the same file again: both rows are duplicates, skipped unless chosen
        assert "2 duplicate" in page.locator("[data-view]").inner_text()
        assert page.locator(".money-preview select").evaluate_all(
            "all => all.map(s => s.value)"
        ) == ["skip", "skip"]
        page.get_by_role("button", name="Confirm the import").click()
        page.get_by_text("Done: 0 added, 0 updated, 2 skipped").wait_for()
        again = [t for t in money["api"].transactions(month) if t["import_id"]]
        assert len(again) == 2
        assert "test-bank" in page.get_by_label("Saved mapping").inner_text()
    finally:
        context.close()


def test_a_split_payment_and_a_transfer_from_the_expanded_form(browser, session, site, money):
    api = money["api"]
    household = {"name": "Household", "group": "Living"}
    household = api.call("POST", "/money/categories", household)["category"]["id"]
    savings = {"name": "Savings", "type": "savings", "currency": "EUR"}
    savings = api.call("POST", "/money/accounts", savings)["account"]["id"]
    context = phone(browser, session)
    page = context.new_page()
    try:
        open_money(page, site)
        form = page.locator("form.money-log")
        form.get_by_label("Account", exact=True).select_option(label="Checking (EUR)")
        form.get_by_label("Amount", exact=True).fill("30.00")
        form.get_by_label("Payee", exact=True).fill("Market split")
        form.locator("summary", has_text="More").click()
        form.get_by_label("Tags").fill("weekly, market")
        for category, amount in (("Groceries · Living", "20.00"), ("Household · Living", "10,00")):
            form.get_by_role("button", name="Add a split").click()
            split = form.locator(".money-split").last
            split.get_by_label("Category").select_option(label=category)
            split.get_by_label("Amount").fill(amount)
        form.get_by_role("button", name="Log the expense").click()
        form.locator(".status.is-ok", has_text="Market split").wait_for()
        [stored] = [t for t in api.transactions(money["month"]) if t["payee"] == "Market split"]
        assert stored["amount"] == "-30.00" and stored["tags"] == ["weekly", "market"]
        lines = [(s["category"], s["amount"]) for s in stored["splits"]]
        assert lines == [(money["groceries"], "-20.00"), (household, "-10.00")]

        form.get_by_label("Transfer").check()
        form.get_by_label("Amount", exact=True).fill("100.00")
        # The account this device logged to last is chosen again.
        assert form.get_by_label("Account", exact=True).input_value() == money["account"]
        form.get_by_label("To account").select_option(label="Savings (EUR)")
        form.get_by_role("button", name="Log the transfer").click()
        form.locator(".status.is-ok", has_text="Transfer 100.00").wait_for()
        balances = {a["id"]: a["balance"] for a in api.call("GET", "/money/accounts")["accounts"]}
        assert balances[savings] == "100.00"
        page.locator(f'.money-accounts [data-account="{savings}"]', has_text="€100.00").wait_for()
    finally:
        context.close()


def test_accounts_categories_budgets_and_goals_are_set_up_on_the_phone(
    browser, session, site, money
):
    api = money["api"]
    context = phone(browser, session)
    page = context.new_page()
    try:
        dashboard(page, site, "money/setup")
        account = page.locator("form", has=page.get_by_role("heading", name="Add an account"))
        account.get_by_label("Name").fill("Travel wallet")
        account.get_by_label("Type").select_option("cash")
        account.get_by_label("Currency").fill("usd")
        account.get_by_label("Opening balance").fill("-1.234,50")
        account.get_by_role("button", name="Add the account").click()
        account.get_by_text("Added Travel wallet.").wait_for()

        category = page.locator("form", has=page.get_by_role("heading", name="Add a category"))
        category.get_by_label("Name").fill("Trips")
        category.get_by_label("Group (optional)").fill("Fun")
        category.get_by_role("button", name="Add the category").click()
        category.get_by_text("Added Trips.").wait_for()

        budget = page.locator("form", has=page.get_by_role("heading", name="Set a budget"))
        budget.get_by_label("Category").select_option(label="Trips · Fun")
        budget.get_by_label("Month or year").fill(money["month"][:4])
        budget.get_by_label("Amount").fill("1500")
        budget.get_by_label("Currency").fill("EUR")
        budget.get_by_label("Carry what is left").check()
        budget.get_by_role("button", name="Set the budget").click()
        budget.get_by_text(f"Budget set for {money['month'][:4]}.").wait_for()

        goal = page.locator("form", has=page.get_by_role("heading", name="Add a goal"))
        goal.get_by_label("Name").fill("Emergency fund")
        goal.get_by_label("Amount to save").fill("3000.00")
        goal.get_by_label("By").fill("2027-12-31")
        goal.get_by_label("Saved in the account").select_option(label="Checking (EUR)")
        goal.get_by_role("button", name="Add the goal").click()
        goal.get_by_text("Added Emergency fund.").wait_for()

        [wallet] = [
            a for a in api.call("GET", "/money/accounts")["accounts"] if a["currency"] == "USD"
        ]
        assert (wallet["name"], wallet["type"], wallet["balance"]) == (
            "Travel wallet",
            "cash",
            "-1234.50",
        )
        [year] = api.call("GET", f"/money/budgets/{money['month'][:4]}")["budgets"]
        assert (year["name"], year["amount"], year["rollover"]) == ("Trips", "1500.00", True)
        goals = {g["name"]: g for g in api.call("GET", "/money/goals")["goals"]}
        assert goals["Emergency fund"]["target"] == "3000.00"

        dashboard(page, site, "money/goals")
        page.locator("[data-goal]", has_text="Emergency fund").get_by_text("€3,000.00").wait_for()
        page.goto(f"{site.url}/owner/#/money")
        wallet = page.locator(".money-accounts [data-account]", has_text="Travel wallet")
        wallet.get_by_text("-$1,234.50").wait_for()
    finally:
        context.close()


def test_moving_a_payee_to_one_category_twice_offers_a_rule(browser, session, site, money):
    api = money["api"]
    body = {"date": f"{money['month']}-06", "account": money["account"], "amount": "-9.99"}
    first, second = (
        api.call("POST", "/money/transactions", {**body, "payee": "Bookshop"})["transaction"]
        for _ in range(2)
    )
    moved = {"category": money["groceries"], "version": first["version"]}
    assert api.call("PATCH", f"/money/transactions/{first['id']}", moved)["suggested_rule"] is None
    context = phone(browser, session)
    page = context.new_page()
    try:
        dashboard(page, site, f"money/transactions/{money['month']}")
        row = page.locator(f'.money-txn[data-id="{second["id"]}"]')
        row.get_by_role("button", name=re.compile("^Edit")).click()
        editor = row.locator("form.money-edit")
        editor.get_by_label("Category").select_option(label="Groceries · Living")
        editor.get_by_role("button", name="Save", exact=True).click()
        offer = page.locator(".money-offer")
        offer.get_by_text("You moved “Bookshop” to Groceries more than once").wait_for()
        offer.get_by_role("button", name="Make the rule").click()
        offer.wait_for(state="hidden")
        rules = api.call("GET", "/money/rules")["rules"]
        made = [(r["field"], r["value"].casefold(), r["set_category"]) for r in rules]
        assert ("payee", "bookshop", money["groceries"]) in made
    finally:
        context.close()


def test_a_years_spending_drills_down_to_that_years_transactions(browser, session, site, money):
    year = money["month"][:4]
    context = phone(browser, session)
    page = context.new_page()
    try:
        dashboard(page, site, f"money/reports/{money['month']}")
        page.get_by_role("link", name=f"The whole year {year}").click()
        page.get_by_role("heading", name=year, level=2).wait_for()
        chart = page.locator("figure", has_text=f"Spending by category, {year}")
        chart.locator("summary").click()
        chart.locator("table button", has_text="Groceries").click()
        page.get_by_role("heading", name="Transactions", level=1).wait_for()
        assert page.url.endswith(
            f"#/money/transactions/{year}/category/{money['groceries']}/label/Groceries"
        )
        page.locator(".money-txn").first.wait_for()
        shown = " ".join(page.locator(".money-txn").all_inner_texts())
        assert "Corner shop" in shown and "Employer" not in shown
        assert page.locator(".status", has_text="transaction").count() == 1
    finally:
        context.close()
