"""`python -m sitegen.publish deploy`: the plan, the safety checks, secrets, zappa."""

from __future__ import annotations

import json
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest
from sitegen.publish import deploy
from sitegen.publish.__main__ import main

from .conftest import ROOT
from .conftest import deploy_argv as _args


def test_dry_run_prints_the_plan_and_changes_nothing(
    aws_env: None,
    s3: Any,
    cloudfront: Any,
    bucket: str,
    distribution: str,
    build: Path,
    settings: Path,
    stage: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    s3.put_object(Bucket=bucket, Key="old/index.html", Body=b"gone soon")
    code = main([*_args(stage, build, settings, bucket, distribution), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "+ blog/a/index.html  [text/html; charset=utf-8" in out
    assert "- old/index.html" in out
    assert "/old/" in out and "/old/index.html" in out
    assert "FROSTFOLIO_FORM_SECRET from SSM" in out
    assert f"would run: zappa deploy {stage}" in out
    # What wakes the owner, read from the stack template.
    assert "alarm LambdaErrorsAlarm: AWS/Lambda/Errors" in out
    assert "alarm MonthlyCostBudget: AWS Budgets" in out
    assert f"logs /aws/lambda/frostfolio-{stage}: kept 30 days" in out
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]]
    assert keys == ["old/index.html"]
    invalidations = cloudfront.list_invalidations(DistributionId=distribution)
    assert invalidations["InvalidationList"].get("Quantity", 0) == 0


def test_deploy_publishes_then_updates_the_api_with_secrets(
    aws_env: None,
    s3: Any,
    cloudfront: Any,
    bucket: str,
    distribution: str,
    build: Path,
    settings: Path,
    stage: str,
    fake_zappa: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s3.put_object(Bucket=bucket, Key="index.html", Body=b"old home")
    monkeypatch.setenv("FROSTFOLIO_SES_RECIPIENT", "owner@example.com")
    argv = [*_args(stage, build, settings, bucket, distribution), "--deploy-venv", str(fake_zappa)]
    assert main(argv) == 0
    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"])
    assert keys == sorted(p.relative_to(build).as_posix() for p in build.rglob("*.*"))
    (summary,) = cloudfront.list_invalidations(DistributionId=distribution)["InvalidationList"][
        "Items"
    ]
    sent = cloudfront.get_invalidation(DistributionId=distribution, Id=summary["Id"])
    assert sent["Invalidation"]["InvalidationBatch"]["Paths"]["Items"] == ["/", "/index.html"]

    call = json.loads((tmp_path / "zappa-call.json").read_text())
    assert call["argv"][:2] == ["deploy", stage]
    # The Lambda gets the packaged zip with bytecode, so a cold start compiles nothing.
    calls = [json.loads(line) for line in (tmp_path / "zappa-call.jsonl").read_text().splitlines()]
    assert [c[:2] for c in calls] == [["package", stage], ["deploy", stage]]
    assert call["argv"][call["argv"].index("--zip") + 1] == calls[0][calls[0].index("-o") + 1]
    assert any(n.startswith("__pycache__/handler.cpython-") for n in call["zip"])
    assert call["venv"] == str(fake_zappa.resolve())
    config = call["settings"][stage]
    assert config["app_function"] == "api.wsgi.app"
    assert config["s3_bucket"] == "zappa-zips"
    env = config["aws_environment_variables"]
    assert env["FROSTFOLIO_FORM_SECRET"] == "s3cret"
    assert env["FROSTFOLIO_OWNER_TOKEN_SHA256"] == "ab" * 32
    assert env["FROSTFOLIO_SES_RECIPIENT"] == "owner@example.com"
    assert env["FROSTFOLIO_TABLE_NAME"] == "frostfolio-prod"


def test_missing_secret_stops_before_anything_is_published(
    aws_env: None,
    s3: Any,
    bucket: str,
    distribution: str,
    build: Path,
    settings: Path,
    stage: str,
    aws: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    aws("ssm").delete_parameter(Name=deploy.ssm_name(stage, "FROSTFOLIO_FORM_SECRET"))
    code = main(_args(stage, build, settings, bucket, distribution))
    err = capsys.readouterr().err
    assert code == 1
    assert "FROSTFOLIO_FORM_SECRET" in err and f"/frostfolio/{stage}/form_secret" in err
    assert s3.list_objects_v2(Bucket=bucket).get("KeyCount", 0) == 0


def test_a_build_that_lost_most_files_is_refused(
    aws_env: None,
    s3: Any,
    bucket: str,
    distribution: str,
    build: Path,
    settings: Path,
    stage: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for i in range(40):
        s3.put_object(Bucket=bucket, Key=f"blog/post-{i}/index.html", Body=b"x")
    code = main([*_args(stage, build, settings, bucket, distribution), "--skip-api"])
    assert code == 1
    assert "would delete 40 of 40 files" in capsys.readouterr().err
    assert s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 40


def test_targets_come_from_the_stack_outputs(aws_env: None, aws: Any) -> None:
    stack = f"frostfolio-{uuid.uuid4().hex[:6]}"
    template = {
        "Resources": {"Site": {"Type": "AWS::S3::Bucket"}},
        "Outputs": {
            "SiteBucketName": {"Value": {"Ref": "Site"}},
            "DistributionId": {"Value": "E2EXAMPLE"},
            "ZappaBucketName": {"Value": "zips"},
            "LambdaRoleArn": {"Value": "arn:aws:iam::123456789012:role/frostfolio-x-lambda"},
        },
    }
    cfn = aws("cloudformation")
    cfn.create_stack(StackName=stack, TemplateBody=json.dumps(template))
    target = deploy.resolve_target("x", {}, {}, lambda: cfn, stack)
    assert target.bucket and target.distribution == "E2EXAMPLE" and target.zappa_bucket == "zips"
    assert target.role_arn.endswith(":role/frostfolio-x-lambda")
    with pytest.raises(deploy.DeployError, match="README's Deploy section"):
        deploy.resolve_target("x", {}, {}, lambda: cfn, "no-such-stack")


def test_bad_content_stops_the_deploy(
    aws_env: None,
    tmp_path: Path,
    build: Path,
    settings: Path,
    stage: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    (content / "site.yml").write_text("title: T\n")
    (content / "posts" / "broken.md").write_text("---\ntitle: [unclosed\n---\nBody\n")
    code = main(
        ["deploy", "--stage", stage, "--content", str(content), "--build", str(build)]
        + ["--settings", str(settings), "--bucket", "b", "--distribution", "d", "--dry-run"]
    )
    assert code == 1
    assert "broken.md" in capsys.readouterr().err


@pytest.mark.parametrize(("dry_run", "expected"), [("1", True), ("0", False), ("", False)])
def test_make_deploy_passes_dry_run_on(dry_run: str, expected: bool) -> None:
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "deploy", "STAGE=prod", f"DRY_RUN={dry_run}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    command = result.stdout.replace("\\\n", " ")
    assert "-m sitegen.publish deploy --stage prod" in command
    assert ("--dry-run" in command) is expected


def test_dry_run_variable_is_honoured_by_the_cli(
    aws_env: None,
    monkeypatch: pytest.MonkeyPatch,
    s3: Any,
    bucket: str,
    distribution: str,
    build: Path,
    settings: Path,
    stage: str,
) -> None:
    monkeypatch.setenv("DRY_RUN", "1")
    assert main(_args(stage, build, settings, bucket, distribution)) == 0
    assert s3.list_objects_v2(Bucket=bucket).get("KeyCount", 0) == 0
