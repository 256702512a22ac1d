"""The page a browser without JavaScript sees when its contact post needs another go.

The static contact page cannot show server-side errors or carry a fresh token,
so instead of a redirect that would drop what the visitor typed, the API
answers the form post with this small page: the form refilled, each problem
next to its field, a fresh token, and a link back to the site.
"""

from __future__ import annotations

from typing import Any

from flask import Response, render_template_string

from .errors import ApiError
from .security import issue_token
from .services import current

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Check your message</title>
<style>
body{font:1rem/1.5 system-ui,sans-serif;max-width:38rem;margin:2rem auto;padding:0 1rem}
label{display:block;margin-top:1rem;font-weight:600}
input,textarea{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
.field-error,.summary{color:#a30000}.hp{position:absolute;left:-9999px}
button{margin-top:1rem;padding:.6rem 1.2rem;font:inherit}
</style>
</head>
<body>
<main>
<h1>Check your message</h1>
<p class="summary" role="alert">{{ message }}</p>
{% if token %}
<form method="post">
{% for name, label, kind in fields %}
<label for="{{ name }}">{{ label }}</label>
{% if kind == "textarea" %}
<textarea id="{{ name }}" name="{{ name }}" rows="8"
 {% if errors.get(name) %}aria-invalid="true" aria-describedby="{{ name }}-error"{% endif %}
>{{ values.get(name, "") }}</textarea>
{% else %}
<input id="{{ name }}" name="{{ name }}" type="{{ kind }}" value="{{ values.get(name, '') }}"
 {% if errors.get(name) %}aria-invalid="true" aria-describedby="{{ name }}-error"{% endif %}>
{% endif %}
{% if errors.get(name) %}
<p class="field-error" id="{{ name }}-error">{{ errors[name] }}</p>
{% endif %}
{% endfor %}
<div class="hp" aria-hidden="true"><label for="website">Leave empty</label>
<input id="website" name="website" tabindex="-1" autocomplete="off" value=""></div>
<input type="hidden" name="token" value="{{ token }}">
<button type="submit">Send message</button>
</form>
{% endif %}
{% if back %}<p><a href="{{ back }}">Back to the site</a></p>{% endif %}
</main>
</body>
</html>
"""

FIELDS = [
    ("name", "Name", "text"),
    ("email", "Email", "email"),
    ("subject", "Subject (optional)", "text"),
    ("message", "Message", "textarea"),
]


def render_form_page(data: dict[str, Any], exc: ApiError) -> Response:
    """Answer a failed form post with the form refilled, its errors and a fresh token."""
    settings = current().settings
    values = {name: str(data.get(name, ""))[:5000] for name, _, _ in FIELDS}
    errors = {k: v for k, v in exc.fields.items() if k in values}
    message = exc.message
    if "token" in exc.fields and not errors:
        message = "Please check your message and press Send to confirm."
    site = settings.site_url.rstrip("/")
    html = render_template_string(
        PAGE,
        message=message,
        fields=FIELDS,
        values=values,
        errors=errors,
        token=issue_token(settings.form_secret) if settings.form_secret else "",
        back=f"{site}/contact/" if site else "",
    )
    response = Response(html, status=exc.status, mimetype="text/html")
    if exc.retry_after is not None:
        response.headers["Retry-After"] = str(max(1, int(exc.retry_after)))
    return response
