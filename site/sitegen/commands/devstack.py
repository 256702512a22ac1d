"""``make dev``: the site's live preview and the API, against a local DynamoDB.

Starts an in-process moto server (DynamoDB and SES), creates the table, and
serves the preview with the API under ``/api`` on the same origin, as the
site's CloudFront does once deployed (so the dashboard's session cookie and
the contact form work exactly as they will live). Prints the URLs, the owner
token and a one-time sign-in link, and stops everything on Ctrl-C. Nothing
here is needed by the deployed API.

Environment: ``SITE_PORT`` (default 5000), ``MOTO_PORT`` (ephemeral),
``OWNER_TOKEN`` (generated when unset), ``HOST`` (127.0.0.1).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from werkzeug.serving import BaseWSGIServer, make_server

DEV_SENDER = "frostfolio@example.com"
DEV_RECIPIENT = "owner@example.com"
DEV_TABLE = "frostfolio-dev"


def _quiet_moto_server() -> type:
    """Moto's threaded server without a terminal line for every DynamoDB and SES call."""
    from moto.moto_server.threaded_moto_server import MotoRequestHandler
    from moto.server import DomainDispatcherApplication, ThreadedMotoServer, create_backend_app

    class QuietHandler(MotoRequestHandler):
        def log_request(self, *args: Any, **kwargs: Any) -> None:
            pass  # the API logs each visitor request; the store's calls are noise

    class Quiet(ThreadedMotoServer):
        def _server_entry(self) -> None:
            app = DomainDispatcherApplication(create_backend_app)
            self._server = make_server(
                self._ip_address, self._port, app, threaded=True, request_handler=QuietHandler
            )
            self._server_ready_event.set()
            self._server.serve_forever()

    return Quiet


@dataclass
class ApiStack:
    """The local API: a moto server, the table in it, and the API on a port."""

    host: str = "127.0.0.1"
    api_port: int = 5001
    moto_port: int = 0
    owner_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    site_origins: tuple[str, ...] = ()
    site_url: str = ""
    table_name: str = DEV_TABLE
    own_port: bool = True  # False: no server of its own; `app` is mounted in another
    api_url: str = ""
    moto_url: str = ""
    settings: Any = None
    app: Any = None
    _moto: Any = None
    _server: BaseWSGIServer | None = None
    _thread: threading.Thread | None = None

    def start(self) -> ApiStack:
        """Start moto, create the table, verify the SES sender and make (and serve) the API."""
        from api import create_app
        from api.devserver import serve as serve_api
        from api.security import hash_token
        from api.services import Services
        from api.settings import load_settings
        from api.storage import make_client
        from api.tables import create_table

        moto_server = _quiet_moto_server()
        self._moto = moto_server(ip_address="127.0.0.1", port=self.moto_port, verbose=False)
        self._moto.start()
        host, port = self._moto.get_host_and_port()
        self.moto_url = f"http://{host}:{port}"
        self.settings = load_settings(
            environ={},
            overrides={
                "table_name": self.table_name,
                "dynamodb_endpoint": self.moto_url,
                "ses_endpoint": self.moto_url,
                "region": "us-east-1",
                "allowed_origins": self.site_origins,
                "owner_token_sha256": hash_token(self.owner_token),
                "form_secret": secrets.token_hex(16),
                "ses_sender": DEV_SENDER,
                "ses_recipient": DEV_RECIPIENT,
                "site_url": self.site_url,
                "cookie_secure": False,  # plain http on this machine
            },
        )
        create_table(self.settings)
        make_client("ses", self.moto_url, "us-east-1").verify_email_identity(
            EmailAddress=DEV_SENDER
        )
        self.app = create_app({"SERVICES": Services(self.settings)})
        if not self.own_port:
            return self
        self._server = serve_api(self.host, self.api_port, self.app)
        self.api_port = self._server.server_port
        self.api_url = f"http://{self.host}:{self.api_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def sent_emails(self) -> list[dict[str, Any]]:
        """Return the notifications moto's SES has accepted (what the owner would get)."""
        import json
        import urllib.request

        with urllib.request.urlopen(f"{self.moto_url}/moto-api/data.json", timeout=5) as r:
            return json.load(r).get("ses", {}).get("Message", [])

    def stop(self) -> None:
        """Stop the API server and moto."""
        if self._server:
            self._server.shutdown()
            self._server.server_close()
        if self._thread:
            self._thread.join(timeout=5)
        if self._moto:
            self._moto.stop()


def site_with_api(content: Path, api: Any) -> Any:
    """The preview with ``api`` mounted at ``/api``: one origin, as on CloudFront."""
    from werkzeug.middleware.dispatcher import DispatcherMiddleware

    from .serve import preview_app

    preview = preview_app(content, "/api")
    try:
        loaded = preview.extensions["sitegen"].content()
        print(f"Previewing {len(loaded.all_items())} items from {content}")
    except Exception as exc:  # shown in the browser too; the server still starts
        print(exc)
    else:
        sync_api_feeds(api, loaded, preview.extensions["sitegen"].registry)
    return DispatcherMiddleware(preview, {"/api": api})


def sync_api_feeds(api: Any, content: Any, registry: Any) -> None:
    """Hand the API what the kinds publish for it (the events' seats), in the local table.

    Drafts and future items are shown in the preview, so they are synced too. A
    later edit needs `make dev` again. A failure is printed; the preview still starts.
    """
    import importlib
    import json
    import tempfile

    settings = api.extensions["frostfolio"].settings
    for feed in registry.api_feeds():
        where = ["--table", settings.table_name, "--region", settings.region]
        where += ["--endpoint", settings.dynamodb_endpoint]
        try:
            with tempfile.TemporaryDirectory(prefix="frostfolio-feed-") as folder:
                document = Path(folder) / "feed.json"
                document.write_text(json.dumps(feed.build(content)), encoding="utf-8")
                sync = importlib.import_module(f"{feed.api}.__main__").main
                sync(["sync", str(document), *where])
        except Exception as exc:  # reported; the preview starts regardless
            print(f"{feed.path}: not synced to the local API: {type(exc).__name__}: {exc}")


def sign_in_link(stack: ApiStack, site_url: str) -> str:
    """A one-time link that signs a browser in to the dashboard (15 minutes)."""
    import time

    from api.sessions import new_link

    token = new_link(stack.app.extensions["frostfolio"].table, time.time())
    return f"{site_url}/owner/#signin={token}"


def _banner(stack: ApiStack, site_url: str, link: str) -> str:
    token = stack.owner_token
    api = f"{site_url}/api"
    return f"""
  Site preview   {site_url}/
  Contact form   {site_url}/contact/
  Dashboard      {site_url}/owner/
  API            {api}/   (OpenAPI: {api}/openapi.json)
  DynamoDB, SES  {stack.moto_url}   (moto; data is lost on exit)
  Owner token    {token}

  Sign in to the dashboard with the token, or open this one-time link
  (valid for 15 minutes): {link}

  Read your messages from a terminal:
    curl -H 'Authorization: Bearer {token}' {api}/messages
    curl -H 'Authorization: Bearer {token}' {api}/messages/export.csv
  Owner emails sent: {stack.moto_url}/moto-api/data.json  (under "ses")

  Ctrl-C stops everything.
"""


def _port(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    try:
        return int(raw) if raw else default
    except ValueError:
        raise SystemExit(f"{name}={raw!r}: expected a port number") from None


def main(argv: list[str] | None = None) -> int:
    """Run the preview and the API until interrupted."""
    from api.devserver import serve

    parser = argparse.ArgumentParser(
        prog="python -m sitegen.commands.devstack", description=__doc__
    )
    parser.add_argument("--content", default="content", type=Path, help="content folder")
    args = parser.parse_args(argv)
    host = os.environ.get("HOST", "127.0.0.1")
    try:  # bound first: the API must know the site's origin (SITE_PORT=0 picks one)
        server = serve(host, _port("SITE_PORT", 5000), app=None)
    except OSError as exc:
        print(f"make dev: could not serve the site: {exc} (set SITE_PORT)", file=sys.stderr)
        return 1
    port = server.server_port
    site_url = f"http://{host}:{port}"
    origins = (site_url, f"http://localhost:{port}", f"http://127.0.0.1:{port}")
    stack = ApiStack(
        host=host,
        moto_port=_port("MOTO_PORT", 0),
        owner_token=os.environ.get("OWNER_TOKEN") or secrets.token_urlsafe(24),
        site_origins=tuple(dict.fromkeys(origins)),
        site_url=site_url,
        own_port=False,
    )
    try:
        stack.start()
        stack.api_url = f"{site_url}/api"
        server.app = site_with_api(args.content, stack.app)
        print(_banner(stack, site_url, sign_in_link(stack, site_url)), flush=True)
        server.serve_forever()
    except OSError as exc:
        print(f"make dev: could not start the API: {exc} (set MOTO_PORT)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nstopping", flush=True)
    finally:
        server.server_close()
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
