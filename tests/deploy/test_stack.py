"""The one-time AWS setup (docs/aws/stack.yaml) lints clean and matches the code.

The template must name every resource the README and `make deploy` rely on,
and agree with zappa_settings.json (table and role names), with the API's
table definition, and with the documented IAM policy.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cfnlint.api import ManualArgs, lint_file
from cfnlint.decode import cfn_yaml
from sitegen.publish import deploy

from api.tables import table_definition

ROOT = Path(__file__).resolve().parents[2]
STACK = ROOT / "docs" / "aws" / "stack.yaml"
POLICY = ROOT / "docs" / "aws" / "lambda-policy.json"


def _plain(value: Any) -> Any:
    """Turn the decoder's nodes into dicts and lists; `!Sub "x"` becomes "x"."""
    if isinstance(value, dict):
        if set(value) == {"Fn::Sub"} and isinstance(value["Fn::Sub"], str):
            return str(value["Fn::Sub"])
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, str) else value


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    """Parse the template with CloudFormation's short-form tags."""
    return _plain(cfn_yaml.load(str(STACK)))


def _resources(template: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [r for r in template["Resources"].values() if r["Type"] == kind]


def test_template_passes_cfn_lint() -> None:
    matches = lint_file(STACK, config=ManualArgs(regions=["us-east-1"]))
    assert [str(m) for m in matches] == []


def test_template_has_every_resource_the_docs_name(template: dict[str, Any]) -> None:
    types = {r["Type"] for r in template["Resources"].values()}
    assert {
        "AWS::S3::Bucket",
        "AWS::S3::BucketPolicy",
        "AWS::CloudFront::Distribution",
        "AWS::CloudFront::OriginAccessControl",
        "AWS::CloudFront::Function",
        "AWS::CertificateManager::Certificate",
        "AWS::DynamoDB::Table",
        "AWS::SES::EmailIdentity",
        "AWS::IAM::Role",
    } <= types
    assert set(deploy.STACK_OUTPUTS.values()) <= set(template["Outputs"])
    # Every resource, output and parameter the README's Deploy section names exists.
    deploy_docs = (ROOT / "README.md").read_text().split("\n## Deploy", 1)[1].split("\n## ")[0]
    actions = json.loads(POLICY.read_text())["Statement"]
    policy = template["Resources"]["ApiOriginRequestPolicy"]["Properties"]
    known = (
        set(template["Resources"])
        | set(template["Outputs"])
        | set(template["Parameters"])
        | {a.split(":")[1] for s in actions for a in s["Action"]}
        | set(policy["OriginRequestPolicyConfig"]["HeadersConfig"]["Headers"])
    )
    named = set(re.findall(r"`([A-Z][A-Za-z0-9]+)`", deploy_docs))
    assert {"SiteBucket", "Distribution", "Table", "LambdaRole", "DistributionId"} <= named
    assert named - known == set()


def test_site_bucket_is_private_and_read_only_by_the_distribution(
    template: dict[str, Any],
) -> None:
    site = template["Resources"]["SiteBucket"]["Properties"]
    assert all(site["PublicAccessBlockConfiguration"].values())
    rule = site["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
    # SSE-KMS would make ETags differ from MD5s and every sync upload everything.
    assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    (statement,) = template["Resources"]["SiteBucketPolicy"]["Properties"]["PolicyDocument"][
        "Statement"
    ]
    assert statement["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert "distribution/${Distribution}" in statement["Condition"]["StringEquals"]["AWS:SourceArn"]
    config = template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    origin = _origins(config)["site"]
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": ["OriginAccessControl", "Id"]}
    assert config["ViewerCertificate"]["AcmCertificateArn"] == {"Ref": "Certificate"}
    assert config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"


def _distribution(template: dict[str, Any]) -> dict[str, Any]:
    return template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]


def _origins(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Return the origins by id, the conditional ones included."""
    found = {}
    for origin in config["Origins"]:
        if "Fn::If" in origin:
            origin = origin["Fn::If"][1]
        found[origin["Id"]] = origin
    return found


def test_api_errors_reach_the_browser_as_the_api_wrote_them(template: dict[str, Any]) -> None:
    config = _distribution(template)
    # CustomErrorResponses apply to every behaviour: an API 403 or 404 would
    # reach the dashboard as the site's HTML 404 page.
    assert "CustomErrorResponses" not in config
    (group,) = config["OriginGroups"]["Items"]
    assert config["DefaultCacheBehavior"]["TargetOriginId"] == group["Id"]
    assert sorted(group["FailoverCriteria"]["StatusCodes"]["Items"]) == [403, 404]
    primary, fallback = (m["OriginId"] for m in group["Members"]["Items"])
    origins = _origins(config)
    assert "S3OriginConfig" in origins[primary]
    # The fallback is the website endpoint of a bucket whose error document is the 404 page.
    host = origins[fallback]["DomainName"]["Fn::Select"][1]["Fn::Split"][1]
    assert host == {"Fn::GetAtt": ["NotFoundBucket", "WebsiteURL"]}
    bucket = template["Resources"]["NotFoundBucket"]["Properties"]
    assert bucket["WebsiteConfiguration"]["ErrorDocument"] == "404.html"
    (statement,) = template["Resources"]["NotFoundBucketPolicy"]["Properties"]["PolicyDocument"][
        "Statement"
    ]
    objects = [r for r in statement["Resource"] if "/" in str(r)]
    assert objects == ["${NotFoundBucket.Arn}/404.html"], "only the 404 page is public"
    assert deploy.STACK_OUTPUTS["not_found_bucket"] in template["Outputs"]


def test_api_is_served_under_the_sites_own_api_path(template: dict[str, Any]) -> None:
    config = _distribution(template)
    condition, behaviours, absent = config["CacheBehaviors"]["Fn::If"]
    assert absent == {"Ref": "AWS::NoValue"}
    assert template["Conditions"][condition] == {
        "Fn::Not": [{"Fn::Equals": [{"Ref": "ApiDomainName"}, ""]}]
    }
    (api,) = behaviours
    assert api["PathPattern"] == "/api/*"
    assert sorted(api["AllowedMethods"]) == sorted(
        ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
    )
    assert api["CachePolicyId"] == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"  # CachingDisabled
    assert api["ViewerProtocolPolicy"] in {"https-only", "redirect-to-https"}
    # The site's /x/ -> /x/index.html rewrite must not touch API paths.
    assert "FunctionAssociations" not in api and "LambdaFunctionAssociations" not in api
    origin = _origins(config)[api["TargetOriginId"]]
    assert origin["DomainName"] == {"Ref": "ApiDomainName"}
    assert origin["OriginPath"] == {"Ref": "ApiStagePath"}
    assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    assert origin["CustomOriginConfig"]["OriginSSLProtocols"] == ["TLSv1.2"]
    assert origin["OriginCustomHeaders"] == [
        {"HeaderName": "X-Origin-Verify", "HeaderValue": {"Ref": "OriginSecret"}}
    ]
    assert template["Parameters"]["OriginSecret"]["NoEcho"] is True

    policy = template["Resources"][api["OriginRequestPolicyId"]["Ref"]]
    assert policy["Condition"] == condition
    forwarded = policy["Properties"]["OriginRequestPolicyConfig"]
    headers = forwarded["HeadersConfig"]
    assert headers["HeaderBehavior"] == "whitelist"
    # What the API reads (Origin check, CORS, CSRF) and the visitor's address;
    # never Host, which API Gateway needs to be its own.
    assert {
        "Origin",
        "Content-Type",
        "Access-Control-Request-Method",
        "X-CSRF-Token",
        "Sec-Fetch-Site",
        "CloudFront-Viewer-Address",
    } <= set(headers["Headers"])
    assert "host" not in {h.lower() for h in headers["Headers"]}
    assert forwarded["CookiesConfig"] == {"CookieBehavior": "all"}
    assert forwarded["QueryStringsConfig"] == {"QueryStringBehavior": "all"}


def test_table_matches_the_api(template: dict[str, Any]) -> None:
    (table,) = _resources(template, "AWS::DynamoDB::Table")
    props = table["Properties"]
    expected = table_definition("frostfolio-${Stage}")
    assert props["TableName"] == expected["TableName"]
    assert props["KeySchema"] == expected["KeySchema"]
    assert sorted(props["AttributeDefinitions"], key=str) == sorted(
        expected["AttributeDefinitions"], key=str
    )
    assert props["GlobalSecondaryIndexes"] == expected["GlobalSecondaryIndexes"]
    assert props["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
    assert table["DeletionPolicy"] == "Retain", "deleting the stack must not delete messages"


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_zappa_stage_uses_the_stacks_table_and_role(template: dict[str, Any], stage: str) -> None:
    config = deploy.stage_settings(ROOT / "zappa_settings.json", stage)
    assert stage in template["Parameters"]["Stage"]["AllowedValues"]
    assert config["aws_region"] == "us-east-1"
    assert config["manage_roles"] is False
    role = template["Resources"]["LambdaRole"]["Properties"]["RoleName"]
    assert config["role_name"] == role.replace("${Stage}", stage)
    table = template["Resources"]["Table"]["Properties"]["TableName"]
    env = config["aws_environment_variables"]
    # The stack's table, or a point-in-time restore of it (README, Backups).
    name = table.replace("${Stage}", stage)
    assert re.fullmatch(f"{name}(-restored-[A-Za-z0-9_.-]+)?", env["FROSTFOLIO_TABLE_NAME"])
    # Secrets are injected at deploy time, never committed.
    assert not set(deploy.SECRETS) & set(env)


def test_role_policy_is_the_documented_one(template: dict[str, Any]) -> None:
    (policy,) = template["Resources"]["LambdaRole"]["Properties"]["Policies"]
    assert policy["PolicyDocument"] == json.loads(POLICY.read_text())


def test_role_may_do_exactly_what_the_api_calls() -> None:
    statements = json.loads(POLICY.read_text())["Statement"]
    allowed = {action for s in statements for action in s["Action"]}
    api = ROOT / "api"
    # Commands run with the deployer's credentials, never the role: creating the
    # table, restoring a backup, the command lines (`python -m api.…`).
    commands = {api / "tables.py", api / "backup" / "restore.py", *api.rglob("__main__.py")}
    source = "\n".join(p.read_text() for p in api.rglob("*.py") if p not in commands)
    used = {
        "dynamodb:" + "".join(part.title() for part in op.split("_"))
        for op in re.findall(r'\.call\(\s*"(\w+)"', source)
    }
    used |= {
        "ses:" + "".join(part.title() for part in op.split("_"))
        for op in re.findall(r"\bses\.(send_\w+)\(", source)
    }
    # IAM has no TransactWriteItems action: a transaction is allowed by the actions
    # of the steps in it (PutItem, UpdateItem, DeleteItem), which `storage` only makes.
    used.discard("dynamodb:TransactWriteItems")
    assert used, "no DynamoDB or SES calls found in api/: the scan is out of date"
    logs = {"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"}
    assert allowed - logs == used
    assert not [a for a in allowed if a.endswith("*")]


@pytest.mark.skipif(not shutil.which("node"), reason="needs node to run the CloudFront function")
def test_index_function_serves_folders_from_index_html(template: dict[str, Any]) -> None:
    code = template["Resources"]["IndexPages"]["Properties"]["FunctionCode"]
    cases = {
        "/": "/index.html",
        "/blog/": "/blog/index.html",
        "/blog/hello": "/blog/hello/index.html",
        "/static/css/site.2c5688dd.css": "/static/css/site.2c5688dd.css",
        "/feed.xml": "/feed.xml",
    }
    script = (
        code
        + f"\nconst cases = {json.dumps(cases)};\n"
        + "const out = {};\n"
        + "for (const uri in cases) out[uri] = handler({request: {uri}}).uri;\n"
        + "console.log(JSON.stringify(out));\n"
    )
    result = subprocess.run(
        ["node", "-e", script], capture_output=True, text=True, timeout=30, check=True
    )
    assert json.loads(result.stdout) == cases


def test_alarms_wake_the_owner_by_email(template: dict[str, Any]) -> None:
    (topic,) = _resources(template, "AWS::SNS::Topic")
    assert topic["Properties"]["Subscription"] == [
        {"Protocol": "email", "Endpoint": {"Ref": "OwnerEmail"}}
    ]
    topic_id = next(k for k, r in template["Resources"].items() if r is topic)
    alarms = _resources(template, "AWS::CloudWatch::Alarm")
    metrics = set()
    for alarm in alarms:
        props = alarm["Properties"]
        assert props["AlarmActions"] == [{"Ref": topic_id}], props["AlarmName"]
        assert props["OKActions"] == [{"Ref": topic_id}]
        stats = [m["MetricStat"]["Metric"] for m in props.get("Metrics", []) if "MetricStat" in m]
        for metric in stats or [props]:
            metrics.add(f"{metric['Namespace']}/{metric['MetricName']}")
    assert {
        "AWS/ApiGateway/5XXError",
        "AWS/Lambda/Errors",
        "AWS/Lambda/Throttles",
        "AWS/DynamoDB/ReadThrottleEvents",
        "AWS/DynamoDB/WriteThrottleEvents",
        "AWS/SES/Reputation.BounceRate",
        "AWS/SES/Reputation.ComplaintRate",
    } <= metrics
    # The function and API Zappa deploys are named project-stage.
    config = deploy.stage_settings(ROOT / "zappa_settings.json", "prod")
    names = {str(d["Value"]) for a in alarms for d in a["Properties"].get("Dimensions", [])}
    assert f"{config['project_name']}-${{Stage}}" in names
    (budget,) = _resources(template, "AWS::Budgets::Budget")
    props = budget["Properties"]
    assert props["Budget"]["BudgetLimit"] == {"Amount": {"Ref": "MonthlyBudget"}, "Unit": "USD"}
    assert props["Budget"]["TimeUnit"] == "MONTHLY"
    for notification in props["NotificationsWithSubscribers"]:
        assert notification["Subscribers"] == [
            {"SubscriptionType": "EMAIL", "Address": {"Ref": "OwnerEmail"}}
        ]


def test_api_logs_do_not_stay_forever(template: dict[str, Any]) -> None:
    (group,) = _resources(template, "AWS::Logs::LogGroup")
    props = group["Properties"]
    config = deploy.stage_settings(ROOT / "zappa_settings.json", "prod")
    assert props["LogGroupName"] == f"/aws/lambda/{config['project_name']}-${{Stage}}"
    assert props["RetentionInDays"] == {"Ref": "LogRetentionDays"}
    assert 1 <= int(template["Parameters"]["LogRetentionDays"]["Default"]) <= 365
    # The role may write there (its statement names the same group).
    assert f"log-group:{props['LogGroupName']}:*" in json.dumps(template["Resources"]["LambdaRole"])
