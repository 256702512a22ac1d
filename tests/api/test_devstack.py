"""``make dev``: the local stack takes a contact message end to end over HTTP."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from sitegen.commands.devstack import DEV_RECIPIENT, ApiStack

from api.security import issue_token

from .conftest import contact_body

ROOT = Path(__file__).resolve().parents[2]
SITE = "http://127.0.0.1:5999"


@pytest.fixture
def stack():
    stack = ApiStack(
        api_port=0,
        table_name=f"dev-{uuid.uuid4().hex[:8]}",
        owner_token="dev-token",
        site_origins=(SITE,),
        site_url=SITE,
    )
    stack.start()
    yield stack
    stack.stop()


def test_local_stack_stores_notifies_and_shows_the_message_to_the_owner(stack):
    token = issue_token(stack.settings.form_secret, now=time.time() - 5)
    response = requests.post(
        f"{stack.api_url}/contact",
        json=contact_body(token=token),
        headers={"Origin": SITE},
        timeout=30,
    )
    assert response.status_code == 201
    assert response.headers["Access-Control-Allow-Origin"] == SITE
    inbox = requests.get(
        f"{stack.api_url}/messages", headers={"Authorization": "Bearer dev-token"}, timeout=30
    ).json()
    assert [m["id"] for m in inbox["messages"]] == [response.json()["id"]]
    mails = [m for m in stack.sent_emails() if response.json()["id"] in m["body"]]
    assert mails and mails[0]["destinations"]["ToAddresses"] == [DEV_RECIPIENT]


def test_local_stack_form_post_lands_on_the_thank_you_page(stack):
    token = issue_token(stack.settings.form_secret, now=time.time() - 5)
    response = requests.post(
        f"{stack.api_url}/contact",
        data=contact_body(token=token),
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"{SITE}/contact/thanks/"


def _preview_available() -> bool:
    return bool(importlib.util.find_spec("sitegen.commands.serve"))


@pytest.mark.skipif(
    not _preview_available() and not os.environ.get("CI"),
    reason="the site preview (sitegen.commands.serve) is not in this checkout yet",
)
def test_make_dev_prints_urls_and_token_and_stops_on_ctrl_c(tmp_path):
    content = tmp_path / "content"  # a copy, so the preview's cache lands in tmp_path
    shutil.copytree(ROOT / "content", content)
    env = {**os.environ, "SITE_PORT": "0", "OWNER_TOKEN": "scripted-token"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "sitegen.commands.devstack", "--content", str(content)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines, deadline = [], time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "Ctrl-C stops everything" in line:
                break
        text = "".join(lines)
        assert "Owner token    scripted-token" in text, text
        api_url = next(ln.split()[1] for ln in lines if ln.strip().startswith("API "))
        site_url = next(ln.split()[2] for ln in lines if ln.strip().startswith("Site preview"))
        assert api_url == f"{site_url}api/"  # one origin, as on CloudFront
        assert requests.get(f"{api_url}health", timeout=30).json()["ok"] is True
        page = requests.get(f"{site_url}contact/", timeout=30)
        assert page.status_code == 200
        assert 'action="/api/contact"' in page.text
        assert requests.get(f"{site_url}owner/", timeout=30).status_code == 200
        link = re.search(r"#signin=([\w-]+)", text).group(1)
        signed_in = requests.post(
            f"{api_url}owner/session",
            json={"link": link, "label": "terminal"},
            headers={"Origin": site_url.rstrip("/")},
            timeout=30,
        )
        assert signed_in.status_code == 201, signed_in.text
        assert "ff_session" in signed_in.cookies
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            assert proc.wait(timeout=20) == 0
        finally:
            proc.kill() if proc.poll() is None else None
            proc.stdout.close()
