"""Fixtures for the deploy tests: one moto server over HTTP, the real Lambda zip.

moto serves S3, CloudFront, CloudFormation, SSM, API Gateway, DynamoDB and SES
on an ephemeral loopback port; each test gets its own bucket, distribution and
stage. The Lambda zip is built once
per session with `make package` from the deploy-only venv (`.venv-deploy`,
reused when present, created fresh in CI).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import stat
import subprocess
import sys
import tempfile
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from sitegen.publish import deploy

from .. import moto_server

ROOT = Path(__file__).resolve().parents[2]
REGION = "us-east-1"
# Only what Lambda's Python runtime provides on top of the zip: boto3 and its deps.
LAMBDA_PROVIDED = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six.py")


@pytest.fixture(scope="session")
def moto_url() -> Iterator[str]:
    """Run one moto server for the session and return its URL."""
    proc, url = moto_server.start()
    yield url
    moto_server.stop(proc)


@pytest.fixture(scope="session")
def aws(moto_url: str) -> Any:
    """Return a factory of boto3 clients talking to the moto server."""
    session = boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    )

    def client(service: str) -> Any:
        return session.client(service, endpoint_url=moto_url)

    return client


@pytest.fixture
def s3(aws: Any) -> Any:
    """Return an S3 client on moto."""
    return aws("s3")


@pytest.fixture
def cloudfront(aws: Any) -> Any:
    """Return a CloudFront client on moto."""
    return aws("cloudfront")


@pytest.fixture
def bucket(s3: Any) -> str:
    """Create an empty bucket for one test."""
    name = f"site-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name)
    return name


@pytest.fixture
def distribution(cloudfront: Any, bucket: str) -> str:
    """Create a CloudFront distribution in front of the bucket; return its id."""
    config = {
        "CallerReference": uuid.uuid4().hex,
        "Comment": "frostfolio test",
        "Enabled": True,
        "Origins": {
            "Quantity": 1,
            "Items": [
                {
                    "Id": "site",
                    "DomainName": f"{bucket}.s3.amazonaws.com",
                    "S3OriginConfig": {"OriginAccessIdentity": ""},
                }
            ],
        },
        "DefaultCacheBehavior": {
            "TargetOriginId": "site",
            "ViewerProtocolPolicy": "redirect-to-https",
            "TrustedSigners": {"Enabled": False, "Quantity": 0},
            "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
            "MinTTL": 0,
        },
    }
    return cloudfront.create_distribution(DistributionConfig=config)["Distribution"]["Id"]


@pytest.fixture(scope="session")
def lambda_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the prod Lambda zip with `make package`, without credentials or network.

    Every AWS variable is removed and proxies point at a closed port, so any
    attempt to reach AWS or PyPI while packaging fails the build.
    """
    out = tmp_path_factory.mktemp("package") / "frostfolio-prod.zip"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "VIRTUAL_ENV"))}
    env["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    env["AWS_CONFIG_FILE"] = os.devnull
    env["DEPLOY_PYTHON"] = env.get("DEPLOY_PYTHON", "python3.11")
    # `make test` runs on several workers, and `make package` works in the checkout:
    # one worker at a time creates the deploy venv and packages.
    with _checkout_lock():
        return _package(out, env)


@contextlib.contextmanager
def _checkout_lock() -> Iterator[None]:
    name = hashlib.sha1(str(ROOT).encode()).hexdigest()[:12]
    with open(Path(tempfile.gettempdir()) / f"frostfolio-package-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _package(out: Path, env: dict[str, str]) -> Path:
    # The deploy venv may need PyPI once; packaging itself must need no network.
    venv = subprocess.run(
        ["make", "--no-print-directory", ".venv-deploy/.installed"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert venv.returncode == 0, f"deploy venv failed:\n{venv.stdout}\n{venv.stderr}"
    offline = {**env, "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}
    result = subprocess.run(
        ["make", "--no-print-directory", "package", "STAGE=prod", f"ZIP={out}"],
        cwd=ROOT,
        env=offline,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"make package failed:\n{result.stdout}\n{result.stderr}"
    assert f"Lambda package: {out}" in result.stdout
    return out


@pytest.fixture(scope="session")
def unpacked(lambda_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Unzip the Lambda package the way Lambda does (into an empty folder)."""
    folder = tmp_path_factory.mktemp("task")
    with zipfile.ZipFile(lambda_zip) as zf:
        zf.extractall(folder)
    return folder


@pytest.fixture(scope="session")
def runtime_libs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder holding only the libraries Lambda's runtime adds: boto3 and deps."""
    import boto3 as _boto3

    site_packages = Path(_boto3.__file__).resolve().parents[1]
    folder = tmp_path_factory.mktemp("lambda-runtime")
    for name in LAMBDA_PROVIDED:
        source = site_packages / name
        assert source.exists(), f"{name} is missing from {site_packages}"
        (folder / name).symlink_to(source, target_is_directory=source.is_dir())
    return folder


@pytest.fixture(scope="session")
def bare_python() -> str:
    """Return the interpreter the packaged handler runs on (site disabled with -S)."""
    return sys.executable


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch, moto_url: str) -> None:
    """Point every boto3 client of the CLI at moto, with throwaway credentials."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_url)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.delenv("DRY_RUN", raising=False)
    for name in deploy.SECRETS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def build(tmp_path: Path) -> Path:
    """Write a small build folder."""
    root = tmp_path / "build"
    keys = ("index.html", "404.html", "blog/a/index.html", "static/css/site.0123abcd.css")
    for key in (*keys, "feed.xml"):
        (root / key).parent.mkdir(parents=True, exist_ok=True)
        (root / key).write_text(f"<p>{key}</p>")
    return root


@pytest.fixture
def stage(aws: Any) -> str:
    """Return a fresh stage name whose secrets are stored in moto's SSM."""
    name = f"t{uuid.uuid4().hex[:8]}"
    ssm = aws("ssm")
    ssm.put_parameter(
        Name=deploy.ssm_name(name, "FROSTFOLIO_FORM_SECRET"), Value="s3cret", Type="SecureString"
    )
    ssm.put_parameter(
        Name=deploy.ssm_name(name, "FROSTFOLIO_OWNER_TOKEN_SHA256"),
        Value="ab" * 32,
        Type="SecureString",
    )
    return name


@pytest.fixture
def settings(tmp_path: Path, stage: str) -> Path:
    """Write zappa settings where the test stage extends the project's prod stage."""
    project = json.loads((ROOT / "zappa_settings.json").read_text())
    project[stage] = {"extends": "prod", "project_name": "frostfolio"}
    path = tmp_path / "zappa_settings.json"
    path.write_text(json.dumps(project))
    return path


@pytest.fixture
def fake_zappa(tmp_path: Path) -> Path:
    """Make a venv folder whose `zappa` records how it was called (zappa-call.json,
    the last call; zappa-calls.jsonl, every call) and whose `package` writes a zip
    of one module, so the deploy's precompile step (the venv's `python`) has work."""
    venv = tmp_path / "venv-deploy"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(sys.executable)
    script = venv / "bin" / "zappa"
    record = tmp_path / "zappa-call.json"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys, zipfile\n"
        "args = sys.argv[1:]\n"
        'call = {"argv": args, "venv": os.environ.get("VIRTUAL_ENV"),\n'
        '        "settings": json.load(open(args[args.index("--settings_file") + 1]))}\n'
        'if args[0] == "package":\n'
        '    with zipfile.ZipFile(args[args.index("-o") + 1], "w") as z:\n'
        '        z.writestr("handler.py", "OK = True\\n")\n'
        'if "--zip" in args:\n'
        '    with zipfile.ZipFile(args[args.index("--zip") + 1]) as z:\n'
        '        call["zip"] = sorted(z.namelist())\n'
        f'json.dump(call, open("{record}", "w"))\n'
        f'with open("{record}l", "a") as log:\n'
        '    log.write(json.dumps(call["argv"]) + "\\n")\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return venv


def deploy_argv(
    stage: str, build: Path, settings: Path, bucket: str, distribution: str
) -> list[str]:
    """Return the deploy command line for one test stage, build and bucket (no real build)."""
    return [
        "deploy",
        "--stage",
        stage,
        "--content",
        str(ROOT / "content"),
        "--build",
        str(build),
        "--skip-build",
        "--settings",
        str(settings),
        "--bucket",
        bucket,
        "--distribution",
        distribution,
        "--zappa-bucket",
        "zappa-zips",
    ]
