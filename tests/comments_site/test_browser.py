"""Comments in a real browser, the preview and the API on one origin (as `make dev` and
the site's CloudFront serve them): a visitor posts without JavaScript and sees the comment,
replies and upvotes with it, hostile comments stay inert live, and the owner approves a
waiting comment from the dashboard."""

from __future__ import annotations

import re
import time

import pytest
import requests

from api.security import issue_token

from ..browser.test_a11y import AXE_OPTIONS, describe
from ..browser.test_dashboard import TOKEN, Site, sign_in
from .conftest import RECIPE, post, write

pytestmark = pytest.mark.browser

HOSTILE = [
    "<script>document.body.dataset.owned = 1; alert(1)</script>",
    '<img src=x onerror="document.body.dataset.owned = 1">',
    "[click me](javascript:document.body.dataset.owned=1)",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="javascript:alert(1)">raw link</a> <svg onload=alert(1)>',
    '![pic](x" onerror="document.body.dataset.owned=1)',
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    content = tmp_path_factory.mktemp("comments-browser") / "content"
    settings = "comments:\n  enabled_for: [posts, recipes]\n  moderation: none\n"
    site_yml = f"title: Test site\nbase_url: http://localhost/\nauthor: {{name: Ada}}\n{settings}"
    write(content / "site.yml", site_yml)
    write(content / "posts" / "hello.md", post("Hello"))
    write(content / "posts" / "replies.md", post("Replies"))
    write(content / "posts" / "hostile.md", post("Hostile"))
    write(content / "posts" / "queue.md", post("Queue", extra="comments_moderation: all\n"))
    write(content / "posts" / "axe.md", post("Axe"))
    write(content / "recipes" / "pancakes.md", RECIPE)
    site = Site(content)
    yield site
    site.close()


def send(site: Site, slug: str, text: str, name: str = "Grace", owner: bool = False) -> dict:
    """Post a comment through the API as a visitor's browser would (or as the owner, whom
    no rate limit holds back); return the answer."""
    token = issue_token(site.stack.settings.form_secret, "comment", now=time.time() - 5)
    body = {"name": name, "text": text, "token": token, "website": ""}
    headers = {"Origin": site.url}
    if owner:
        headers["Authorization"] = f"Bearer {TOKEN}"
    response = requests.post(
        f"{site.url}/api/threads/posts/{slug}/comments", json=body, headers=headers, timeout=30
    )
    assert response.status_code == 201, response.text
    return response.json()


def live(site: Site, slug: str) -> list[dict]:
    answer = requests.get(f"{site.url}/api/threads/posts/{slug}/comments", timeout=30)
    return answer.json()["comments"]


def test_a_visitor_without_javascript_posts_a_comment_and_sees_it(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site.url}/blog/hello/")
        form = page.locator("#comment-form")
        page.get_by_label("Your name").fill("Katherine")
        page.get_by_label("Your comment").fill("Posted *without* JavaScript.")
        form.get_by_role("button", name="Post comment").click()
        # No script fetched a token: the API asks to confirm, with a fresh one.
        page.get_by_role("heading", name="Check your comment").wait_for()
        time.sleep(site.stack.settings.token_min_age + 0.2)
        page.get_by_role("button", name="Post comment").click()
        page.wait_for_url(re.compile(r"/blog/hello/#comment-[A-Za-z0-9_-]{16}$"))
        shown = page.locator(".comment", has_text="Posted without JavaScript.")
        shown.wait_for()
        assert shown.locator(".comment-by").inner_text() == "Katherine"
        assert shown.locator("em").inner_text() == "without"
        assert page.locator("[data-comments-list] > li").count() == len(live(site, "hello"))
    finally:
        context.close()


def test_a_visitor_replies_and_upvotes_with_javascript(browser, site):
    first = send(site, "replies", "What do you think?", name="Alan")["comment"]
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    held: list = []  # the live thread, held back until the reply has begun

    def hold(route):
        if route.request.method == "GET" and not held:
            held.append(route)
        else:
            route.continue_()

    page.route(re.compile(r".*/api/threads/posts/replies/comments$"), hold)
    try:
        page.goto(f"{site.url}/blog/replies/")
        comment = page.locator(f"#comment-{first['id']}")
        # The baked comment has its buttons before the live thread arrives.
        comment.get_by_role("button", name="Reply to Alan").click()
        form = page.locator("#comment-form")
        assert comment.locator("#comment-form").count() == 1  # the form moved under it
        assert page.locator("[data-replying]").inner_text().startswith("Replying to Alan.")
        assert page.evaluate("document.activeElement.id") == "comment-text"
        page.keyboard.type("I think")
        with page.expect_response(re.compile(r".*/threads/posts/replies/comments$")):
            held[0].continue_()
        page.wait_for_function(
            "!!document.querySelector('[data-comments-list] li button[data-vote]')"
        )
        # The live thread replaced the baked one: the reply stays where it was begun.
        assert comment.locator("#comment-form").count() == 1
        assert page.evaluate("document.activeElement.id") == "comment-text"
        assert page.get_by_label("Your comment").input_value() == "I think"
        page.get_by_label("Your name").fill("Grace")
        page.get_by_label("Your comment").fill("I think **yes**.")  # replaces the draft
        form.get_by_role("button", name="Post comment").click()
        reply = comment.locator("li.comment", has_text="I think yes.")
        reply.wait_for()
        assert reply.locator("strong").inner_text() == "yes"
        page.locator("[data-comment-status]").filter(has_text="Thank you").wait_for()
        stored = [c for c in live(site, "replies") if c["parent"] == first["id"]]
        assert [c["text"] for c in stored] == ["I think **yes**."]
        assert page.locator("li.comment li.comment #comment-form").count() == 0  # back home

        upvote = comment.get_by_role("button", name=re.compile(r"upvotes? for Alan"))
        upvote.first.click()
        page.locator(f"#comment-{first['id']} > article [aria-pressed=true]").wait_for()
        assert "1 upvote" in upvote.first.inner_text()
        visitor = page.evaluate("localStorage.getItem('frostfolio.visitor')")
        assert re.fullmatch(r"[A-Za-z0-9_-]{16,64}", visitor)
        assert [c["votes"] for c in live(site, "replies") if c["id"] == first["id"]] == [1]
        assert not dialogs
    finally:
        context.close()


def test_a_visitor_reviews_a_recipe_with_stars_chosen_by_keyboard(browser, site):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{site.url}/recipes/pancakes/")
        reviews = page.locator("#comments")
        assert reviews.get_by_role("heading", level=2).inner_text().startswith("Reviews")
        page.get_by_label("Your name").fill("Julia")
        page.get_by_label("Your review").fill("Made these with oat milk: fine.")
        reviews.get_by_role("radio", name="1 star").focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        assert reviews.get_by_role("radio", name="4 stars").is_checked()
        reviews.get_by_role("button", name="Post review").click()
        shown = reviews.locator("li.comment", has_text="Made these with oat milk")
        shown.wait_for()
        assert shown.locator(".comment-rating .visually-hidden").inner_text() == "Rated 4 out of 5"
        answer = requests.get(f"{site.url}/api/threads/recipes/pancakes/comments", timeout=30)
        assert [c.get("rating") for c in answer.json()["comments"]] == [4]
    finally:
        context.close()


def test_hostile_comments_are_inert_live(browser, site):
    # Posted as the owner: six comments from one address are more than a visitor may send.
    for n, text in enumerate(HOSTILE):
        name = '<img src=x onerror="alert(1)">' if n == 0 else "Eve"
        send(site, "hostile", text, name=name, owner=True)
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(f"{site.url}/blog/hostile/")
        # The live thread is drawn by the script (DOMPurify loaded for it).
        page.wait_for_function("!!window.DOMPurify")
        listed = page.locator("[data-comments-list] > li")
        listed.nth(len(HOSTILE) - 1).locator("[data-reply]").wait_for()
        assert listed.count() == len(HOSTILE)
        page.wait_for_timeout(300)  # an onerror would have fired by now
        assert page.evaluate("document.body.dataset.owned") is None
        assert not dialogs
        section = page.locator("#comments")
        assert section.locator("img, svg, iframe, script:not([src])").count() == 0
        hrefs = section.locator(".comment-body a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        assert all(h is None or h.startswith(("http:", "https:", "mailto:")) for h in hrefs)
        handlers = section.evaluate(
            "s => [...s.querySelectorAll('*')].flatMap(e => [...e.attributes])"
            ".filter(a => a.name.startsWith('on')).length"
        )
        assert handlers == 0
        assert section.get_by_text(HOSTILE[0]).count() == 1  # shown as typed
        names = section.locator(".comment-by").all_inner_texts()
        assert names[0] == '<img src=x onerror="alert(1)">'  # a name is text too
    finally:
        context.close()


def test_the_owner_approves_a_waiting_comment_from_the_dashboard(browser, site):
    waiting = send(site, "queue", "Please approve me.", name="Barbara")
    assert waiting["status"] == "pending"
    assert live(site, "queue") == []
    context = browser.new_context()
    page = context.new_page()
    try:
        sign_in(page, site)
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        summary = requests.get(f"{site.url}/api/owner/comments/summary", headers=bearer, timeout=30)
        pending = summary.json()["pending"]
        card = page.locator(".card", has_text="waiting")
        card.locator(".card-value", has_text=str(pending)).wait_for()
        card.click()
        page.get_by_role("heading", name="Comments", level=1).wait_for()
        row = page.locator(f'.comments-queue li[data-id="{waiting["comment"]["id"]}"]')
        row.get_by_text("Please approve me.").wait_for()
        assert (
            row.get_by_role("link", name="Queue")
            .get_attribute("href")
            .endswith(f"/blog/queue/#comment-{waiting['comment']['id']}")
        )
        row.get_by_role("button", name="Approve Barbara's comment").click()
        row.wait_for(state="detached")
        assert [c["text"] for c in live(site, "queue")] == ["Please approve me."]
        page.get_by_role("link", name="Approved").click()
        done = page.locator(f'.comments-queue li[data-id="{waiting["comment"]["id"]}"]')
        done.get_by_role("button", name="Reply Barbara's comment").click()
        page.get_by_label("Your name").fill("Ada")
        page.get_by_label("Reply to Barbara").fill("Approved, and answered.")
        done.get_by_role("button", name="Post reply").click()
        done.get_by_text("Your reply is on the page, marked Author.").wait_for()
        answer = [c for c in live(site, "queue") if c["parent"] == waiting["comment"]["id"]]
        assert [(c["author"], c["name"]) for c in answer] == [(True, "Ada")]
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_comments_block_and_the_queue_pass_axe(browser, site, scheme):
    from axe_playwright_python.sync_playwright import Axe

    if not live(site, "axe"):
        send(site, "axe", "A *first* comment with a [link](https://example.org).", owner=True)
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = {}
    try:
        page.goto(f"{site.url}/blog/axe/")
        page.locator("[data-comments-list] [data-reply]").first.wait_for()
        found["comments"] = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        page.locator("[data-comments-list] [data-reply]").first.click()
        page.locator("[data-comments-list] #comment-form").wait_for()
        found["replying"] = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        sign_in(page, site)
        page.goto(f"{site.url}/owner/#/comments/approved")
        page.locator(".comments-queue li").first.wait_for()
        found["queue"] = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    finally:
        context.close()
    problems = {view: describe(v) for view, v in found.items() if v}
    assert not problems, "\n".join(f"{view} ({scheme}):\n{text}" for view, text in problems.items())


@pytest.mark.parametrize("scripts", [True, False], ids=["javascript", "no-javascript"])
def test_a_comment_waiting_for_approval_gets_a_note_on_return(browser, site, scripts):
    context = browser.new_context(java_script_enabled=scripts)
    page = context.new_page()
    note = page.locator("#comment-pending")
    try:
        page.goto(f"{site.url}/blog/queue/")
        assert not note.is_visible()
        # The script reads the query; without it, CSS shows the note it is sent to.
        where = "?comment=pending#comments" if scripts else "?comment=pending#comment-pending"
        page.goto(f"{site.url}/blog/queue/{where}")
        note.wait_for(state="visible")
        assert "waits for the author's approval" in note.inner_text()
    finally:
        context.close()
