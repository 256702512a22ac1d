"""Setting the money log up and feeding it on a 360 px phone: a bank file previewed and
imported once, a split payment and a transfer, accounts, categories, budgets and goals,
a payee rule offered after two moves, and a year's spending drilled down."""

from __future__ import annotations

import re

import pytest

from ..browser.test_a11y import AXE_OPTIONS, describe
from .conftest import dashboard, open_money, phone

pytestmark = pytest.mark.browser


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
