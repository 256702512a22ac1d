"""The pages the API answers no-JS form posts with: valid HTML5, the form refilled."""

from __future__ import annotations

from urllib.parse import urlencode

from bs4 import BeautifulSoup

from .conftest import build_app, comment_body, sync_threads, thread_entry

FORM = "application/x-www-form-urlencoded"


def form_post(web, thread, **changes):
    data = urlencode(comment_body(**changes))
    return web.post(f"/threads/{thread}/comments", data=data, content_type=FORM)


def test_failure_and_thanks_pages_are_valid_html(moto_url, tmp_path):
    from tests.nu import assert_valid_html

    app = build_app(moto_url, site_url="", allowed_origins=(), comment_rate_window=10**8)
    sync_threads(app, thread_entry("recipes", "pancakes", moderation="all"))
    web = app.test_client()
    failed = form_post(web, "recipes/pancakes", name="", rating="9", parent="bad")
    assert failed.status_code == 422
    page = BeautifulSoup(failed.get_data(as_text=True), "html.parser")
    assert page.find("select", id="rating")["aria-invalid"] == "true"
    assert page.find(id="name-error") and page.find(id="rating-error")
    thanks = form_post(web, "recipes/pancakes", rating="4", notify="on")
    assert thanks.status_code == 201 and "approved" in thanks.get_data(as_text=True)
    closed = form_post(web, "recipes/nothing")
    assert closed.status_code == 404 and not BeautifulSoup(
        closed.get_data(as_text=True), "html.parser"
    ).find("form")
    for name, response in (("failed", failed), ("thanks", thanks), ("missing", closed)):
        (tmp_path / f"{name}.html").write_bytes(response.get_data())
    assert_valid_html(tmp_path)
