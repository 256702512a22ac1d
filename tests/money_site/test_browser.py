"""The Money page in a real browser on a 360 px phone, with the API on the site's origin (as
`make dev` and the site's CloudFront serve it): log an expense and see its category's budget
bar and the spending chart change; log one offline and find it stored once after
reconnecting; an edit made on another device shows up as a conflict with a choice; the
printable report has the month's figures; axe passes in light and dark."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from ..browser.test_a11y import AXE_OPTIONS, describe
from ..browser.test_dashboard import PHONE
from .conftest import budget, dashboard, log_expense, open_money, phone

pytestmark = pytest.mark.browser


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
