"""The contact page: a form that works without JavaScript, and always a way to write."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

API = "https://api.ada-lindqvist.dev"


@pytest.fixture(scope="module")
def contact_with_api(preview_dir: Path) -> BeautifulSoup:
    html = (preview_dir / "contact" / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def test_without_an_api_the_page_offers_email_and_social_links(page) -> None:
    soup = page("/contact/")
    main = soup.find("main")
    assert main.find("form") is None
    assert main.find("a", href="mailto:hello@ada-lindqvist.dev") is not None
    assert main.find("a", href="https://github.com/adalindqvist") is not None


def test_form_posts_to_the_api_with_native_validation(contact_with_api: BeautifulSoup) -> None:
    form = contact_with_api.find("form", id="contact-form")
    assert form["method"] == "post"
    assert form["action"] == f"{API}/contact"
    assert form["data-api"] == API
    fields = {el["name"]: el for el in form.find_all(["input", "textarea"])}
    assert set(fields) == {"name", "email", "subject", "message", "website", "token"}
    assert fields["email"]["type"] == "email"
    for name in ("name", "email", "message"):
        assert fields[name].has_attr("required"), name
        assert int(fields[name]["maxlength"]) > 0, name
    assert not fields["subject"].has_attr("required")
    assert fields["token"]["type"] == "hidden"


@pytest.mark.parametrize(
    ("base_url", "posts_to"),
    [("https://ada.example/", "/api"), ("https://example.org/ada/", "/ada/api")],
)
def test_an_api_on_the_sites_own_origin_is_a_path_under_the_site(
    tmp_path: Path, base_url: str, posts_to: str
) -> None:
    from sitegen.commands.serve import preview_app

    (tmp_path / "site.yml").write_text(f"title: Ada\nbase_url: {base_url}\napi_url: /api\n")
    client = preview_app(tmp_path).test_client()
    html = client.get("/contact/", base_url=base_url).get_data(as_text=True)
    form = BeautifulSoup(html, "html.parser").find("form", id="contact-form")
    assert form["action"] == f"{posts_to}/contact"
    assert form["data-api"] == posts_to  # contact.js fetches {data-api}/contact/token


@pytest.mark.parametrize("name", ["name", "email", "subject", "message", "website"])
def test_each_field_has_a_label_and_an_error_slot(contact_with_api: BeautifulSoup, name) -> None:
    field = contact_with_api.find(attrs={"name": name})
    label = contact_with_api.find("label", attrs={"for": field["id"]})
    assert label is not None and label.get_text(strip=True)
    error = contact_with_api.find(id=f"{name}-error")
    assert error is not None and "field-error" in error["class"] and error.has_attr("hidden")
    assert f"{name}-error" in field["aria-describedby"].split()


def test_honeypot_is_out_of_reach_for_people(contact_with_api: BeautifulSoup) -> None:
    trap = contact_with_api.find(attrs={"name": "website"})
    assert trap["tabindex"] == "-1" and trap["autocomplete"] == "off"
    label = contact_with_api.find("label", attrs={"for": trap["id"]})
    assert label.get_text(strip=True) == "Leave this empty"
    assert "honeypot" in trap.find_parent(class_="field")["class"]


def test_status_is_announced_and_script_is_deferred(contact_with_api: BeautifulSoup) -> None:
    status = contact_with_api.find(class_="form-status")
    assert status["role"] == "status" and status["aria-live"] == "polite"
    for script in contact_with_api.find_all("script", src=True):
        assert script.has_attr("defer"), script["src"]


def test_email_stays_visible_next_to_the_form(contact_with_api: BeautifulSoup) -> None:
    assert contact_with_api.find("a", href="mailto:hello@ada-lindqvist.dev") is not None


def test_thank_you_page_leads_back(page) -> None:
    soup = page("/contact/thanks/")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.find("main").find("a", href="/") is not None


def test_contact_script_is_loaded_deferred_once_it_exists(
    contact_with_api: BeautifulSoup,
) -> None:
    script_source = Path(__file__).resolve().parents[2] / "site/sitegen/static/js/contact.js"
    scripts = [s for s in contact_with_api.find_all("script", src=True) if "contact" in s["src"]]
    if script_source.exists():
        assert len(scripts) == 1 and scripts[0].has_attr("defer")
    else:
        assert scripts == []  # the page must still build and work without it


def test_the_description_promises_only_what_the_page_offers(
    page, contact_with_api: BeautifulSoup
) -> None:
    def description(soup: BeautifulSoup) -> str:
        return soup.find("meta", attrs={"name": "description"})["content"]

    without_api = description(page("/contact/"))
    assert "message" not in without_api  # no form: only an email link and profiles
    assert "write an email" in without_api
    assert "send a message" in description(contact_with_api)
