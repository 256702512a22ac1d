"""The Money dashboard's browser fixtures: a site with the API on its origin, an EUR account
with a Groceries budget, one signed-in session per module, and the steps tests share."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest
import requests

from ..browser.test_dashboard import PHONE, TOKEN, Site, sign_in

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
