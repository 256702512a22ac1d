"""What the views share: settings, the table and the SES client (created lazily)."""

from __future__ import annotations

import threading
from typing import Any

from flask import current_app

from .settings import Settings
from .storage import Table, make_client


class Services:
    """Hold the settings and the AWS clients of one app."""

    def __init__(self, settings: Settings, table: Table | None = None, ses: Any = None) -> None:
        self.settings = settings
        self.table = table or Table(settings)
        self._ses = ses
        self._lock = threading.Lock()

    @property
    def ses(self) -> Any:
        """Return the SES client, creating it on first use."""
        if self._ses is None:
            with self._lock:
                if self._ses is None:
                    s = self.settings
                    self._ses = make_client("ses", s.ses_endpoint, s.region)
        return self._ses

    @property
    def secret(self) -> str:
        """Return the key for client hashes (stable even if the form secret is unset)."""
        return self.settings.form_secret or "frostfolio"


def current() -> Services:
    """Return the services of the app handling this request."""
    return current_app.extensions["frostfolio"]
