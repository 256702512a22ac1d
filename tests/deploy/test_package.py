"""The Lambda zip from `make package`: small, complete, and it answers requests.

The zip is unzipped into a temp folder and its handler run by a bare
interpreter (`python -I -S`) that sees only the zip plus boto3 and its
dependencies, which is what Lambda's Python runtime provides.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest

from api.settings import load_settings
from api.tables import create_table

pytestmark = pytest.mark.slow

RUNNER = Path(__file__).with_name("lambda_runner.py")
SECRET = "package-test-secret"
SENDER = "site@example.com"
OWNER = "owner@example.com"
ORIGIN = "https://ada-lindqvist.dev"
EXCLUDED_TOP = {"content", "site", "build", "tests", "docs", "node_modules", "dist", ".venv"}
EXCLUDED_ANYWHERE = {
    "boto3",
    "botocore",
    "s3transfer",
    "pytest",
    "_pytest",
    "moto",
    "troposphere",
    "pip",
    "setuptools",
    "sitegen",
    "ruff",
}


def _names(zip_path: Path) -> list[str]:
    with zipfile.ZipFile(zip_path) as zf:
        return zf.namelist()


def test_zip_is_small(lambda_zip: Path) -> None:
    assert lambda_zip.stat().st_size < 10 * 1024 * 1024


def test_zip_holds_the_api_and_its_dependencies(lambda_zip: Path) -> None:
    names = set(_names(lambda_zip))
    for required in (
        "handler.py",
        "zappa_settings.py",
        "api/__init__.py",
        "api/wsgi.py",
        "api/jobs.py",
        "flask/__init__.py",
        "werkzeug/__init__.py",
        "jinja2/__init__.py",
        "zappa/handler.py",
    ):
        assert required in names, f"{required} is missing from the Lambda zip"


def test_zip_leaves_out_what_lambda_does_not_need(lambda_zip: Path) -> None:
    names = _names(lambda_zip)
    tops = {name.split("/", 1)[0] for name in names}
    assert not tops & EXCLUDED_TOP
    assert not tops & EXCLUDED_ANYWHERE
    assert not tops & {"README.md", "Makefile", "pyproject.toml", "zappa_settings.json"}
    assert not [n for n in names if "/tests/" in f"/{n}"]
    assert not [n for n in names if n.startswith((".git", ".venv", ".hypothesis"))]


def _runtime_tag() -> str:
    settings = (Path(__file__).parents[2] / "zappa_settings.json").read_text()
    runtime = re.search(r'"runtime": "python(3\.\d+)"', settings).group(1)
    return "cpython-" + runtime.replace(".", "")


def test_every_module_ships_compiled_for_the_runtime(lambda_zip: Path) -> None:
    # Lambda's /var/task is read-only: without .pyc each cold start compiles the API.
    names = set(_names(lambda_zip))
    tag = _runtime_tag()
    sources = [n for n in names if n.endswith(".py")]
    missing = []
    for source in sources:
        folder, _, name = source.rpartition("/")
        compiled = f"{folder}/__pycache__/{name[:-3]}.{tag}.pyc".lstrip("/")
        if compiled not in names:
            missing.append(source)
    assert len(sources) > 100 and not missing
    with zipfile.ZipFile(lambda_zip) as zf:
        header = zf.read(f"api/__pycache__/wsgi.{tag}.pyc")[:8]
    assert int.from_bytes(header[4:8], "little") == 0b01  # hash-based, never checked


def test_the_handler_runs_from_bytecode_alone(
    bare_python: str,
    unpacked: Path,
    runtime_libs: Path,
    lambda_env: dict[str, str],
    tmp_path: Path,
) -> None:
    # Every source replaced by a syntax error: only the shipped bytecode can answer.
    task = tmp_path / "task"
    shutil.copytree(unpacked, task)
    for source in task.rglob("*.py"):
        source.write_text("this is not Python\n")
    out = run_packaged(bare_python, task, runtime_libs, [_event("GET", "/health")], lambda_env)
    assert out["responses"][0]["statusCode"] == 200


def test_settings_in_the_zip_hide_tracebacks(unpacked: Path) -> None:
    settings = (unpacked / "zappa_settings.py").read_text()
    assert "APP_MODULE='api.wsgi'" in settings
    assert "DEBUG=False" in settings
    # Secrets and per-stage values live in Lambda's environment, never in the zip.
    assert "FROSTFOLIO_" not in settings


def _event(method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    headers = {
        "Host": "abc123.execute-api.us-east-1.amazonaws.com",
        "Accept": "application/json",
        "Origin": ORIGIN,
        "User-Agent": "package-test",
        "X-Forwarded-Proto": "https",
    }
    if body is not None:
        headers["Content-Type"] = "application/json"
    return {
        "resource": "/{proxy+}",
        "path": path,
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": {"proxy": path.lstrip("/")},
        "stageVariables": None,
        "requestContext": {
            "resourcePath": "/{proxy+}",
            "httpMethod": method,
            "path": f"/prod{path}",
            "stage": "prod",
            "requestId": uuid.uuid4().hex,
            "identity": {"sourceIp": "203.0.113.7", "userAgent": "package-test"},
        },
        "body": None if body is None else json.dumps(body),
        "isBase64Encoded": False,
    }


def run_packaged(
    bare_python: str,
    unpacked: Path,
    runtime_libs: Path,
    events: list[dict[str, Any]],
    env: dict[str, str],
) -> dict[str, Any]:
    """Answer events with the packaged handler in a bare interpreter."""
    result = subprocess.run(
        # -B: nothing written, as on Lambda's read-only /var/task
        [bare_python, "-B", "-I", "-S", str(RUNNER), str(unpacked), str(runtime_libs)],
        input=json.dumps(events),
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def lambda_env(moto_url: str, aws: Any) -> dict[str, str]:
    """Return a Lambda environment pointing the API at a fresh moto table and SES."""
    table = f"frostfolio-{uuid.uuid4().hex[:8]}"
    env = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": "us-east-1",
        "AWS_LAMBDA_FUNCTION_NAME": "frostfolio-prod",
        "FROSTFOLIO_TABLE_NAME": table,
        "FROSTFOLIO_DYNAMODB_ENDPOINT": moto_url,
        "FROSTFOLIO_SES_ENDPOINT": moto_url,
        "FROSTFOLIO_FORM_SECRET": SECRET,
        "FROSTFOLIO_TOKEN_MIN_AGE": "0",
        "FROSTFOLIO_ALLOWED_ORIGINS": ORIGIN,
        "FROSTFOLIO_SES_SENDER": SENDER,
        "FROSTFOLIO_SES_RECIPIENT": OWNER,
    }
    create_table(load_settings(env), client=aws("dynamodb"))
    aws("ses").verify_email_identity(EmailAddress=SENDER)
    return env


def test_packaged_handler_answers_health(
    bare_python: str, unpacked: Path, runtime_libs: Path, lambda_env: dict[str, str]
) -> None:
    out = run_packaged(bare_python, unpacked, runtime_libs, [_event("GET", "/health")], lambda_env)
    (response,) = out["responses"]
    assert response["statusCode"] == 200
    assert json.loads(response["body"]) == {"ok": True, "status": "up"}
    assert out["foreign"] == [], "the handler imported code from outside the zip"


def test_packaged_handler_stores_a_contact_message(
    bare_python: str,
    unpacked: Path,
    runtime_libs: Path,
    lambda_env: dict[str, str],
    aws: Any,
) -> None:
    message = {
        "name": "Grace",
        "email": "grace@example.org",
        "subject": "Hello",
        "message": "Your kiln project is lovely.",
        "website": "",
        "token": "$TOKEN",
    }
    events = [
        _event("GET", "/contact/token"),
        _event("POST", "/contact", message),
        _event("POST", "/contact", {**message, "email": "not an address"}),
    ]
    out = run_packaged(bare_python, unpacked, runtime_libs, events, lambda_env)
    token, sent, invalid = out["responses"]
    assert token["statusCode"] == 200
    assert sent["statusCode"] == 201, sent["body"]
    body = json.loads(sent["body"])
    assert body["ok"] is True and body["id"]
    assert sent["headers"]["Access-Control-Allow-Origin"] == ORIGIN
    assert invalid["statusCode"] == 422
    assert "email" in json.loads(invalid["body"])["fields"]
    items = aws("dynamodb").scan(TableName=lambda_env["FROSTFOLIO_TABLE_NAME"])["Items"]
    stored = [i for i in items if i.get("email", {}).get("S") == "grace@example.org"]
    assert len(stored) == 1
    assert stored[0]["message"]["S"] == "Your kiln project is lovely."
    assert out["foreign"] == []


def test_behind_the_sites_cloudfront_the_handler_serves_api_and_knows_each_visitor(
    bare_python: str,
    unpacked: Path,
    runtime_libs: Path,
    lambda_env: dict[str, str],
    aws: Any,
) -> None:
    # What API Gateway hands Zappa for https://<site>/api/...: CloudFront keeps the
    # path, its OriginPath adds the stage, and the Host is execute-api's own.
    secret = "origin-secret-in-the-package-test"
    env = {**lambda_env, "FROSTFOLIO_ORIGIN_SECRET": secret, "FROSTFOLIO_CONTACT_RATE_LIMIT": "1"}
    message = {"name": "Ada", "email": "ada@example.org", "message": "Hi.", "token": "$TOKEN"}

    def via_cloudfront(event: dict[str, Any], viewer: str) -> dict[str, Any]:
        extra = {
            "X-Origin-Verify": secret,
            "CloudFront-Viewer-Address": viewer,
            # The last hop is CloudFront: what Zappa would take as the client.
            "X-Forwarded-For": "198.51.100.1, 130.176.0.1, 70.132.0.1",
        }
        event["headers"].update(extra)
        event["multiValueHeaders"].update({k: [v] for k, v in extra.items()})
        return event

    events = [
        via_cloudfront(_event("GET", "/api/contact/token"), "203.0.113.7:50000"),
        via_cloudfront(_event("POST", "/api/contact", message), "203.0.113.7:50001"),
        via_cloudfront(_event("POST", "/api/contact", message), "203.0.113.7:50002"),
        via_cloudfront(_event("POST", "/api/contact", message), "2001:db8::8:443"),
    ]
    out = run_packaged(bare_python, unpacked, runtime_libs, events, env)
    token, first, again, other = (r["statusCode"] for r in out["responses"])
    assert (token, first, again, other) == (200, 201, 429, 201)
    assert out["foreign"] == []


def test_every_library_the_api_imports_is_in_the_zip_or_lambda(lambda_zip: Path) -> None:
    import ast
    import sys

    root = Path(__file__).resolve().parents[2]
    imported: set[str] = set()
    for source in (root / "api").rglob("*.py"):  # api/events/ too
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"api", "__future__"}
    lambda_runtime = {"boto3", "botocore"}
    tops = {name.split("/", 1)[0] for name in _names(lambda_zip)}
    assert third_party - lambda_runtime <= tops, "api/requirements.txt is missing a library"
    lines = (root / "api" / "requirements.txt").read_text().lower().splitlines()
    required = {re.split(r"[<>=!~\[ ]", line)[0] for line in lines if line and line[0] != "#"}
    # Werkzeug and Jinja come with Flask.
    assert required == third_party - lambda_runtime - {"werkzeug", "jinja2"} | {"flask"}
