"""`make deploy` points the site's /api/ at the stage's API Gateway, with the origin secret.

Against moto: the REST API Zappa would have created, a stack with the
template's three API parameters, a distribution with or without the API
origin, and SSM holding (or not yet holding) the secret.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from sitegen.publish import apiorigin, deploy
from sitegen.publish.__main__ import main

from .conftest import deploy_argv

# The stack's API parameters as docs/aws/stack.yaml declares them; the output
# shows the test what the stack was given (a NoEcho value is never read back).
TEMPLATE = {
    "Parameters": {
        "Stage": {"Type": "String"},
        "ApiDomainName": {"Type": "String", "Default": ""},
        "ApiStagePath": {"Type": "String", "Default": ""},
        "OriginSecret": {"Type": "String", "Default": "", "NoEcho": True},
    },
    "Resources": {"Site": {"Type": "AWS::S3::Bucket"}},
    "Outputs": {"GivenSecret": {"Value": {"Ref": "OriginSecret"}}},
}
SECRET_PARAMETER = "FROSTFOLIO_ORIGIN_SECRET"


@pytest.fixture
def api_host(aws: Any, stage: str) -> str:
    """Create the REST API `zappa deploy` makes for the stage; return its execute-api host."""
    api_id = aws("apigateway").create_rest_api(name=f"frostfolio-{stage}")["id"]
    aws("apigateway").create_rest_api(name=f"frostfolio-{stage}-other")  # not this one
    return f"{api_id}.execute-api.us-east-1.amazonaws.com"


def make_stack(aws: Any, stage: str, template: dict[str, Any], **parameters: str) -> str:
    name = deploy.stack_name(stage)
    values = {"Stage": stage, **parameters}
    aws("cloudformation").create_stack(
        StackName=name,
        TemplateBody=json.dumps(template),
        Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in values.items()],
    )
    return name


def stack_state(aws: Any, name: str) -> tuple[dict[str, str], dict[str, str], str]:
    """Return the stack's parameters, outputs and status."""
    (stack,) = aws("cloudformation").describe_stacks(StackName=name)["Stacks"]
    parameters = {p["ParameterKey"]: p["ParameterValue"] for p in stack["Parameters"]}
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
    return parameters, outputs, stack["StackStatus"]


def stored_secret(aws: Any, stage: str) -> str | None:
    name = deploy.ssm_name(stage, SECRET_PARAMETER)
    found = aws("ssm").get_parameters(Names=[name], WithDecryption=True)["Parameters"]
    return found[0]["Value"] if found else None


def distribution_with_api(aws: Any, bucket: str, host: str, path: str, secret: str) -> str:
    """Create a distribution already serving the API at /api/* with ``secret``."""
    api = {
        "Id": apiorigin.ORIGIN_ID,
        "DomainName": host,
        "OriginPath": path,
        "CustomHeaders": {
            "Quantity": 1,
            "Items": [{"HeaderName": "X-Origin-Verify", "HeaderValue": secret}],
        },
        "CustomOriginConfig": {
            "HTTPPort": 80,
            "HTTPSPort": 443,
            "OriginProtocolPolicy": "https-only",
        },
    }
    site = {
        "Id": "site",
        "DomainName": f"{bucket}.s3.amazonaws.com",
        "S3OriginConfig": {"OriginAccessIdentity": ""},
    }
    config = {
        "CallerReference": uuid.uuid4().hex,
        "Comment": "frostfolio test",
        "Enabled": True,
        "Origins": {"Quantity": 2, "Items": [site, api]},
        "DefaultCacheBehavior": {
            "TargetOriginId": "site",
            "ViewerProtocolPolicy": "redirect-to-https",
            "TrustedSigners": {"Enabled": False, "Quantity": 0},
            "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
            "MinTTL": 0,
        },
    }
    created = aws("cloudfront").create_distribution(DistributionConfig=config)
    return created["Distribution"]["Id"]


def test_dry_run_shows_the_api_origin_and_changes_nothing(
    aws_env, aws, stage, api_host, build, settings, bucket, distribution, capsys
):
    stack = make_stack(aws, stage, TEMPLATE)
    code = main([*deploy_argv(stage, build, settings, bucket, distribution), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"/api/* -> https://{api_host}/{stage}/api/*" in out
    assert "now: no /api/ origin" in out
    assert f"ApiDomainName: '' -> '{api_host}'" in out
    assert f"ApiStagePath: '' -> '/{stage}'" in out
    assert "OriginSecret: (hidden)" in out
    assert f"would update stack {stack}" in out
    assert (
        f"FROSTFOLIO_ORIGIN_SECRET from a new one, to be stored in SSM /frostfolio/{stage}/" in out
    )
    parameters, _, status = stack_state(aws, stack)
    assert parameters["ApiDomainName"] == "" and status == "CREATE_COMPLETE"
    assert stored_secret(aws, stage) is None


def test_deploy_points_api_at_the_stage_with_one_secret_for_cloudfront_and_lambda(
    aws_env, aws, stage, api_host, build, settings, bucket, distribution, fake_zappa, tmp_path
):
    stack = make_stack(aws, stage, TEMPLATE)
    argv = [*deploy_argv(stage, build, settings, bucket, distribution), "--deploy-venv"]
    assert main([*argv, str(fake_zappa)]) == 0
    secret = stored_secret(aws, stage)
    assert secret and len(secret) >= 32, "generated once into SSM"
    call = json.loads((tmp_path / "zappa-call.json").read_text())
    assert call["settings"][stage]["aws_environment_variables"][SECRET_PARAMETER] == secret
    parameters, outputs, _ = stack_state(aws, stack)
    assert parameters["ApiDomainName"] == api_host
    assert parameters["ApiStagePath"] == f"/{stage}"
    assert parameters["Stage"] == stage, "the other parameters are kept"
    assert outputs["GivenSecret"] == secret
    # The next deploy reuses the stored secret.
    assert main([*argv, str(fake_zappa)]) == 0
    assert stored_secret(aws, stage) == secret
    call = json.loads((tmp_path / "zappa-call.json").read_text())
    assert call["settings"][stage]["aws_environment_variables"][SECRET_PARAMETER] == secret


@pytest.mark.parametrize("rotated", [False, True])
def test_a_distribution_already_serving_the_api_is_left_alone_unless_the_secret_changed(
    aws_env, aws, stage, api_host, build, settings, bucket, capsys, rotated
):
    aws("ssm").put_parameter(
        Name=deploy.ssm_name(stage, SECRET_PARAMETER), Value="s" * 43, Type="SecureString"
    )
    live_secret = "r" * 43 if rotated else "s" * 43
    distribution = distribution_with_api(aws, bucket, api_host, f"/{stage}", live_secret)
    stack = make_stack(
        aws, stage, TEMPLATE, ApiDomainName=api_host, ApiStagePath=f"/{stage}", OriginSecret="x"
    )
    code = main([*deploy_argv(stage, build, settings, bucket, distribution), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"now: https://{api_host}/{stage}/api/*" in out
    if rotated:
        assert "OriginSecret: (hidden)" in out and "ApiDomainName:" not in out
    else:
        assert f"stack {stack} already serves the API at /api/" in out
        assert "would update stack" not in out


def test_a_stack_made_before_api_gets_the_exact_command(
    aws_env, aws, stage, api_host, build, settings, bucket, distribution, capsys
):
    old = {**TEMPLATE, "Parameters": {"Stage": {"Type": "String"}}, "Outputs": {}}
    stack = make_stack(aws, stage, old)
    code = main([*deploy_argv(stage, build, settings, bucket, distribution), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"stack {stack} predates /api/" in out
    command = next(line for line in out.splitlines() if "aws cloudformation deploy" in line)
    assert f"--stack-name {stack}" in command and "--template-file docs/aws/stack.yaml" in command
    assert f"ApiDomainName={api_host} ApiStagePath=/{stage}" in command
    assert f"--name /frostfolio/{stage}/origin_secret" in command


def test_before_the_first_zappa_deploy_there_is_no_api_to_point_at(
    aws_env, stage, build, settings, bucket, distribution, capsys
):
    code = main([*deploy_argv(stage, build, settings, bucket, distribution), "--dry-run"])
    assert code == 0
    assert f"no API Gateway named frostfolio-{stage} yet" in capsys.readouterr().out


def test_the_404_page_goes_to_the_bucket_cloudfront_serves_missing_paths_from(
    aws_env, s3, stage, build, settings, bucket, distribution, monkeypatch, capsys
):
    not_found = f"not-found-{uuid.uuid4().hex[:8]}"
    s3.create_bucket(Bucket=not_found)
    s3.put_object(Bucket=not_found, Key="stale.html", Body=b"old")
    monkeypatch.setenv("FROSTFOLIO_NOT_FOUND_BUCKET", not_found)
    argv = [*deploy_argv(stage, build, settings, bucket, distribution), "--skip-api"]
    assert main([*argv, "--dry-run"]) == 0
    assert f"s3://{not_found}/404.html: would upload" in capsys.readouterr().out
    assert main(argv) == 0
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=not_found)["Contents"]] == ["404.html"]
    page = s3.get_object(Bucket=not_found, Key="404.html")
    assert page["ContentType"] == "text/html; charset=utf-8"
    assert page["Body"].read() == (build / "404.html").read_bytes()
    assert main(argv) == 0
    assert f"s3://{not_found}/404.html: unchanged" in capsys.readouterr().out
