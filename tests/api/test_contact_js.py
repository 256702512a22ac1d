"""The contact page in a real browser, against the local stack, with and without JS."""

from __future__ import annotations

import shutil
import socket
import threading
import uuid
from pathlib import Path

import pytest
from sitegen.commands.devstack import ApiStack
from werkzeug.serving import make_server

from api import messages

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser
SEND = "#contact-form button[type=submit]"


@pytest.fixture
def local_site(tmp_path):
    """Serve the example site's preview wired to a local API stack."""
    from sitegen.commands.serve import preview_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    site_url = f"http://127.0.0.1:{port}"
    stack = ApiStack(
        api_port=0,
        table_name=f"dev-{uuid.uuid4().hex[:8]}",
        site_origins=(site_url,),
        site_url=site_url,
    ).start()
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    server = make_server("127.0.0.1", port, preview_app(content, stack.api_url), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site_url, stack
    server.shutdown()
    thread.join(timeout=5)
    stack.stop()


def _fill(page, email="ada@example.org"):
    page.fill("#name", "Ada Lovelace")
    page.fill("#email", email)
    page.fill("#subject", "Engines")
    page.fill("#message", "I enjoyed your post about engines.")


def test_with_javascript_the_message_is_sent_in_place(browser, local_site):
    site_url, stack = local_site
    page = browser.new_page()
    page.goto(f"{site_url}/contact/")
    page.wait_for_function("document.querySelector('input[name=token]').value !== ''")
    _fill(page, email="ada@example")  # the browser accepts it; the API asks for a domain
    page.click(SEND)
    error = page.locator("#email-error")
    error.wait_for(state="visible", timeout=15000)
    assert "email address" in error.inner_text()
    assert page.get_attribute("#email", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "email"

    page.fill("#email", "ada@example.org")
    page.click(SEND)
    status = page.locator(".form-status")
    page.wait_for_function(
        "document.querySelector('.form-status').textContent.includes('Thank you')",
        timeout=15000,
    )
    assert page.url == f"{site_url}/contact/"  # no navigation
    assert error.is_hidden()
    assert page.input_value("#message") == ""  # the form is cleared for a new message
    assert "Thank you" in status.inner_text()
    [item] = list(messages.every(_table(stack)))
    assert item["subject"] == "Engines"
    page.close()


def test_without_javascript_the_form_post_ends_on_the_thank_you_page(browser, local_site):
    site_url, stack = local_site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/contact/")
    _fill(page)
    page.click(SEND)
    # The static page had no token: the API asks to confirm, keeping the text.
    page.wait_for_selector("text=press Send to confirm")
    assert page.input_value("#message") == "I enjoyed your post about engines."
    page.wait_for_timeout(2100)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{site_url}/contact/thanks/")
    assert "Thank you" in page.inner_text("h1")
    assert len(list(messages.every(_table(stack)))) == 1
    context.close()


def _table(stack):
    from api.storage import Table

    return Table(stack.settings)
