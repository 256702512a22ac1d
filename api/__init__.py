"""Frostfolio's serverless JSON API."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create the API app from ``FROSTFOLIO_*`` settings.

    ``test_config`` overrides settings by field name (``{"TABLE_NAME": "t"}``),
    goes into ``app.config``, and may hold ``SERVICES``: a ready
    ``api.services.Services`` (settings plus clients), used as is.
    """
    from . import contact, devices, errors, http, owner, signin
    from .backup import routes as backup
    from .body import ChunkedBodyLimit
    from .comments import mail_views as comment_mail
    from .comments import owner as comment_owner
    from .comments import views as comments
    from .events import manage as event_rsvps
    from .events import owner as event_owner
    from .events import views as events
    from .health import routes as health_page
    from .money import imports_views as money_imports  # noqa: F401  (its routes join money.bp)
    from .money import views as money
    from .prefix import SitePrefix
    from .ratings import views as ratings
    from .services import Services
    from .settings import load_settings
    from .training import routes as training

    app = Flask(__name__)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    services = (test_config or {}).get("SERVICES") or Services(load_settings(overrides=test_config))
    app.config["MAX_CONTENT_LENGTH"] = services.settings.max_body_bytes
    app.config.update(test_config or {})
    app.wsgi_app = ChunkedBodyLimit(app.wsgi_app, app.config["MAX_CONTENT_LENGTH"])  # type: ignore[method-assign]
    app.wsgi_app = SitePrefix(app.wsgi_app)  # type: ignore[method-assign]
    app.extensions["frostfolio"] = services

    errors.register(app)
    http.register(app)
    app.register_blueprint(contact.bp)
    app.register_blueprint(owner.bp)
    app.register_blueprint(signin.bp)
    app.register_blueprint(devices.bp)
    app.register_blueprint(events.bp)
    app.register_blueprint(event_rsvps.bp)
    app.register_blueprint(event_owner.bp)
    app.register_blueprint(comments.bp)
    app.register_blueprint(comment_owner.bp)
    app.register_blueprint(comment_mail.bp)
    app.register_blueprint(backup.bp)
    app.register_blueprint(health_page.bp)
    app.register_blueprint(ratings.bp)
    app.register_blueprint(training.bp)
    app.register_blueprint(money.bp)

    @app.get("/health")
    def health() -> Response:
        """Report that the API is up."""
        return jsonify(ok=True, status="up")

    @app.get("/openapi.json")
    def openapi() -> Response:
        """Serve the OpenAPI document."""
        from .openapi import build_spec

        return jsonify(build_spec())

    return app
