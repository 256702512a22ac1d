"""``make dev``: the site's live preview and the API, against a local DynamoDB.

Starts an in-process moto server (DynamoDB and SES), creates the table,
serves the API and the preview, prints both URLs and the owner token, and
stops everything on Ctrl-C. Nothing here is needed by the deployed API.

Environment: ``SITE_PORT`` (default 5000), ``API_PORT`` (5001), ``MOTO_PORT``
(ephemeral), ``OWNER_TOKEN`` (generated when unset), ``HOST`` (127.0.0.1).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import threading
from collections.abc import Callable
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
    api_url: str = ""
    moto_url: str = ""
    settings: Any = None
    _moto: Any = None
    _server: BaseWSGIServer | None = None
    _thread: threading.Thread | None = None

    def start(self) -> ApiStack:
        """Start moto, create the table, verify the SES sender and serve the API."""
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
            },
        )
        create_table(self.settings)
        make_client("ses", self.moto_url, "us-east-1").verify_email_identity(
            EmailAddress=DEV_SENDER
        )
        app = create_app({"SERVICES": Services(self.settings)})
        self._server = serve_api(self.host, self.api_port, app)
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


def _site_runner(content: Path, host: str, port: int, api_url: str) -> Callable[[], None]:
    """Return a blocking function serving the site preview with ``api_url`` set."""
    from .serve import run_preview

    return lambda: run_preview(content, host, port, api_url=api_url)


def _banner(stack: ApiStack, site_url: str) -> str:
    token = stack.owner_token
    return f"""
  Site preview   {site_url}/
  Contact form   {site_url}/contact/
  API            {stack.api_url}/   (OpenAPI: {stack.api_url}/openapi.json)
  DynamoDB, SES  {stack.moto_url}   (moto; data is lost on exit)
  Owner token    {token}

  Read your messages:
    curl -H 'Authorization: Bearer {token}' {stack.api_url}/messages
    curl -H 'Authorization: Bearer {token}' {stack.api_url}/messages/export.csv
  Owner emails sent: {stack.moto_url}/moto-api/data.json  (under "ses")

  Ctrl-C stops everything.
"""


def _wait_listening(host: str, port: int, thread: threading.Thread, timeout: float) -> bool:
    """Wait until something accepts connections on host:port while ``thread`` runs."""
    import socket
    import time

    deadline = time.monotonic() + timeout
    while thread.is_alive() and time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def _port(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    try:
        return int(raw) if raw else default
    except ValueError:
        raise SystemExit(f"{name}={raw!r}: expected a port number") from None


def main(argv: list[str] | None = None) -> int:
    """Run the preview and the API until interrupted."""
    parser = argparse.ArgumentParser(
        prog="python -m sitegen.commands.devstack", description=__doc__
    )
    parser.add_argument("--content", default="content", type=Path, help="content folder")
    args = parser.parse_args(argv)
    host = os.environ.get("HOST", "127.0.0.1")
    site_port = _port("SITE_PORT", 5000)
    if site_port == 0:  # the API must know the site's origin before the site starts
        import socket

        with socket.socket() as sock:
            sock.bind((host, 0))
            site_port = sock.getsockname()[1]
    site_url = f"http://{host}:{site_port}"
    origins = (site_url, f"http://localhost:{site_port}", f"http://127.0.0.1:{site_port}")
    stack = ApiStack(
        host=host,
        api_port=_port("API_PORT", 5001),
        moto_port=_port("MOTO_PORT", 0),
        owner_token=os.environ.get("OWNER_TOKEN") or secrets.token_urlsafe(24),
        site_origins=tuple(dict.fromkeys(origins)),
        site_url=site_url,
    )
    try:
        stack.start()
    except OSError as exc:
        print(
            f"make dev: could not start the API: {exc} (set API_PORT or MOTO_PORT)", file=sys.stderr
        )
        stack.stop()
        return 1
    failure: list[BaseException] = []

    def serve() -> None:
        try:
            _site_runner(args.content, host, site_port, stack.api_url)()
        except BaseException as exc:  # reported by the main thread
            failure.append(exc)

    # The preview runs in a thread so the banner can wait until it listens and
    # the main thread stays free to take Ctrl-C.
    site = threading.Thread(target=serve, daemon=True)
    try:
        site.start()
        if not _wait_listening(host, site_port, site, timeout=120):
            problem = failure[0] if failure else "it did not start within 120 s"
            print(f"make dev: could not serve the site on {site_url}: {problem}", file=sys.stderr)
            return 1
        print(_banner(stack, site_url), flush=True)
        while site.is_alive():
            site.join(0.5)
        if failure:
            print(f"make dev: the site preview stopped: {failure[0]}", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        print("\nstopping", flush=True)
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
