"""The site's `/api/`: point the stack's CloudFront behaviour at the stage's API Gateway.

After `zappa deploy` or `update`, the stage's REST API is found in API Gateway
by the name Zappa gives it (`frostfolio-<stage>`); its host and stage path
become the stack's `ApiDomainName` and `ApiStagePath`, and the Lambda's
`FROSTFOLIO_ORIGIN_SECRET` its `OriginSecret`. That secret is a NoEcho
parameter CloudFormation never shows again, so it is compared with the header
the distribution sends now. When anything differs, the stack is updated with
its own template and every other parameter kept (`UsePreviousValue`).

The secret is generated once, on the first deploy that lacks it, and kept in
SSM Parameter Store (SecureString) beside the other secrets.
"""

from __future__ import annotations

import secrets as tokens
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

from .deploy import DeployError, ssm_name

SECRET = "FROSTFOLIO_ORIGIN_SECRET"
HEADER = "X-Origin-Verify"
ORIGIN_ID = "api"  # the API origin's Id in docs/aws/stack.yaml
PARAMETERS = ("ApiDomainName", "ApiStagePath", "OriginSecret")
BUSY = ("_IN_PROGRESS",)


@dataclass(frozen=True)
class LiveOrigin:
    """The distribution's API origin as CloudFront serves it now."""

    domain: str
    path: str
    secret: str | None


def ensure_secret(
    stage: str,
    values: MutableMapping[str, str],
    sources: MutableMapping[str, str],
    ssm: Callable[[], Any],
    dry_run: bool,
) -> str:
    """Return the origin secret, generating it into SSM the first time (not in a dry run)."""
    if values.get(SECRET):
        return values[SECRET]
    name = ssm_name(stage, SECRET)
    values[SECRET] = tokens.token_urlsafe(32)
    if dry_run:
        sources[SECRET] = f"a new one, to be stored in SSM {name}"
        return values[SECRET]
    try:
        ssm().put_parameter(Name=name, Value=values[SECRET], Type="SecureString")
    except Exception as exc:
        raise DeployError(f"cannot store the new origin secret in SSM {name}: {exc}") from exc
    sources[SECRET] = f"SSM {name} (generated now)"
    return values[SECRET]


def find_api(apigateway: Any, name: str) -> str | None:
    """Return the execute-api host of the REST API called ``name``, or None."""
    for page in apigateway.get_paginator("get_rest_apis").paginate():
        for api in page.get("items", []):
            if api["name"] == name:
                region = apigateway.meta.region_name
                return f"{api['id']}.execute-api.{region}.amazonaws.com"
    return None


def live_origin(cloudfront: Any, distribution: str) -> LiveOrigin | None:
    """Return the distribution's API origin, or None when it has none."""
    config = cloudfront.get_distribution_config(Id=distribution)["DistributionConfig"]
    for origin in config["Origins"].get("Items", []):
        if origin["Id"] == ORIGIN_ID:
            headers = origin.get("CustomHeaders", {}).get("Items", [])
            sent = [h["HeaderValue"] for h in headers if h["HeaderName"].lower() == HEADER.lower()]
            return LiveOrigin(
                origin["DomainName"], origin.get("OriginPath", ""), next(iter(sent), None)
            )
    return None


def _command(stack: str, stage: str, wanted: dict[str, str]) -> str:
    secret = (
        f'"$(aws ssm get-parameter --with-decryption --name {ssm_name(stage, SECRET)} '
        '--query Parameter.Value --output text)"'
    )
    return (
        "aws cloudformation deploy --region us-east-1 --template-file docs/aws/stack.yaml "
        f"--stack-name {stack} --capabilities CAPABILITY_NAMED_IAM --parameter-overrides "
        f"ApiDomainName={wanted['ApiDomainName']} ApiStagePath={wanted['ApiStagePath']} "
        f"OriginSecret={secret}"
    )


def wire(
    *,
    stage: str,
    api_name: str,
    secret: str,
    stack: str,
    distribution: str,
    client: Callable[[str], Any],
    dry_run: bool,
    say: Callable[[str], None] = print,
) -> bool:
    """Point the stack's /api/ behaviour at the stage's API; return whether the stack changes."""
    host = find_api(client("apigateway"), api_name)
    if host is None:
        say(f"  no API Gateway named {api_name} yet: `zappa deploy` creates it, then /api/ follows")
        return False
    wanted = {"ApiDomainName": host, "ApiStagePath": f"/{stage}", "OriginSecret": secret}
    say(f"  /api/* -> https://{host}/{stage}/api/*  (sends {HEADER}: the origin secret)")
    cloudformation = client("cloudformation")
    try:
        (found,) = cloudformation.describe_stacks(StackName=stack)["Stacks"]
    except ClientError as exc:
        if "does not exist" not in str(exc):
            raise
        say(f"  no stack {stack}: give your distribution that origin yourself, or create it:")
        say(f"    {_command(stack, stage, wanted)}")
        return False
    current = {p["ParameterKey"]: p.get("ParameterValue", "") for p in found.get("Parameters", [])}
    if not set(PARAMETERS) <= set(current):
        say(f"  stack {stack} predates /api/: update it with the current template:")
        say(f"    {_command(stack, stage, wanted)}")
        return False
    live = live_origin(client("cloudfront"), distribution)
    say(f"  now: https://{live.domain}{live.path}/api/*" if live else "  now: no /api/ origin")
    changes = {k: wanted[k] for k in PARAMETERS[:2] if current[k] != wanted[k]}
    if live is None or live.secret != secret:
        changes["OriginSecret"] = secret
    if not changes:
        say(f"  stack {stack} already serves the API at /api/")
        return False
    for key in changes:
        shown = "(hidden)" if key == "OriginSecret" else f"{current[key]!r} -> {wanted[key]!r}"
        say(f"    {key}: {shown}")
    if dry_run:
        say(f"  would update stack {stack} (the other parameters and the template kept)")
        return True
    if found["StackStatus"].endswith(BUSY):
        say(f"  stack {stack} is busy ({found['StackStatus']}): deploy again once it is done")
        return False
    try:
        cloudformation.update_stack(
            StackName=stack,
            UsePreviousTemplate=True,
            Capabilities=["CAPABILITY_NAMED_IAM"],
            Parameters=[
                {"ParameterKey": key, "ParameterValue": changes[key]}
                if key in changes
                else {"ParameterKey": key, "UsePreviousValue": True}
                for key in current
            ],
        )
    except ClientError as exc:
        # The stack holds these values but its distribution does not show them
        # (not made by this stack, or changed by hand): nothing a stack update fixes.
        if "No updates are to be performed" not in str(exc):
            raise
        say(f"  stack {stack} already has these values, but distribution {distribution} differs")
        return False
    say(f"  updating stack {stack}: CloudFront takes a few minutes to serve the change")
    return True
