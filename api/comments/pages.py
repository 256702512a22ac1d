"""The pages a browser without JavaScript sees after posting a comment.

The site's pages are static: they cannot show a server-side error or carry a
fresh token. So a failed form post is answered with this small page (the
form refilled, each problem beside its field, a fresh token, a link back to
the page), as the contact form does (``api/form_page.py``). Without a known
site URL a successful post gets a short page instead of a redirect.
"""

from __future__ import annotations

from typing import Any

from flask import Response, render_template_string

from ..errors import ApiError
from ..security import issue_token
from ..services import current

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{ heading }}</title>
<style>
body{font:1rem/1.5 system-ui,sans-serif;max-width:38rem;margin:2rem auto;padding:0 1rem}
label{display:block;margin-top:1rem;font-weight:600}
input,textarea,select{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
input[type=checkbox]{width:auto}
.field-error,.summary{color:#a30000}.hp{position:absolute;left:-9999px}
button{margin-top:1rem;padding:.6rem 1.2rem;font:inherit}
</style>
</head>
<body>
<main>
<h1>{{ heading }}</h1>
<p class="summary" role="alert">{{ message }}</p>
{% if token %}
<form method="post">
{% for name, label, kind in fields %}
{% if kind == "checkbox" %}
<label><input type="checkbox" name="{{ name }}" value="on"
 {% if values.get(name) %}checked{% endif %}>
 {{ label }}</label>
{% else %}
<label for="{{ name }}">{{ label }}</label>
{% if kind == "textarea" %}
<textarea id="{{ name }}" name="{{ name }}" rows="8"
 {% if errors.get(name) %}aria-invalid="true" aria-describedby="{{ name }}-error"{% endif %}
>{{ values.get(name, "") }}</textarea>
{% elif kind == "stars" %}
<select id="{{ name }}" name="{{ name }}"
 {% if errors.get(name) %}aria-invalid="true" aria-describedby="{{ name }}-error"{% endif %}>
<option value="">No rating</option>
{% for n in range(1, 6) %}<option value="{{ n }}"
 {% if values.get(name) == n|string %}selected{% endif %}>
{{ n }} star{{ "s" if n > 1 }}</option>{% endfor %}
</select>
{% else %}
<input id="{{ name }}" name="{{ name }}" type="{{ kind }}" value="{{ values.get(name, '') }}"
 {% if errors.get(name) %}aria-invalid="true" aria-describedby="{{ name }}-error"{% endif %}>
{% endif %}
{% endif %}
{% if errors.get(name) %}
<p class="field-error" id="{{ name }}-error">{{ errors[name] }}</p>
{% endif %}
{% endfor %}
{% for name in hidden %}{% if values.get(name) %}
<input type="hidden" name="{{ name }}" value="{{ values[name] }}">{% endif %}{% endfor %}
<div class="hp" aria-hidden="true"><label for="website">Leave empty</label>
<input id="website" name="website" tabindex="-1" autocomplete="off" value=""></div>
<input type="hidden" name="token" value="{{ token }}">
<button type="submit">Post comment</button>
</form>
{% endif %}
{% if back %}<p><a href="{{ back }}">Back to the page</a></p>{% endif %}
</main>
</body>
</html>
"""

FIELDS = [
    ("name", "Name", "text"),
    ("email", "Email (optional, never shown)", "email"),
    ("text", "Comment", "textarea"),
]
RATING = ("rating", "Your rating (optional)", "stars")
NOTIFY = ("notify", "Email me replies", "checkbox")
HIDDEN = ("parent", "visitor")


def _site() -> str:
    settings = current().settings
    return (settings.site_url or next(iter(settings.allowed_origins), "")).rstrip("/")


def comment_form_page(thread: str, data: dict[str, Any], exc: ApiError) -> Response:
    """Answer a failed form post with the form refilled, its errors and a fresh token."""
    from . import store

    services = current()
    meta = store.get_thread(services.table, thread)
    fields = [*FIELDS, *([RATING] if meta and meta.get("ratings") else []), NOTIFY]
    names = {name for name, _, _ in fields} | set(HIDDEN)
    values = {name: str(data.get(name, ""))[:5000] for name in names if data.get(name)}
    errors = {k: v for k, v in exc.fields.items() if k in names}
    message = exc.message
    if "token" in exc.fields and not errors:
        message = "Please check your comment and press Post to confirm."
    takes_more = exc.code not in ("not_found", "comments_closed")
    secret = services.settings.form_secret
    site = _site()
    html = render_template_string(
        PAGE,
        heading="Check your comment",
        message=message,
        fields=fields,
        hidden=HIDDEN,
        values=values,
        errors=errors,
        token=issue_token(secret, "comment") if secret and takes_more else "",
        back=f"{site}{meta['url']}#comments" if site and meta else "",
    )
    response = Response(html, status=exc.status, mimetype="text/html")
    if exc.retry_after is not None:
        response.headers["Retry-After"] = str(max(1, int(exc.retry_after)))
    return response


def posted_page(meta: dict[str, Any], approved: bool) -> Response:
    """Answer a successful form post when the site's URL is not known."""
    message = (
        "Your comment is up."
        if approved
        else "Your comment will appear once the site's owner has approved it."
    )
    html = render_template_string(
        PAGE,
        heading="Thank you",
        message=message,
        fields=[],
        hidden=(),
        values={},
        errors={},
        token="",
        back="",
    )
    return Response(html, status=201, mimetype="text/html")
