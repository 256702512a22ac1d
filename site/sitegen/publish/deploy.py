"""The whole deploy, step by step: check, build, sync, invalidate, update the API.

Where things go is read from the CloudFormation stack `frostfolio-<stage>-site`
(outputs `SiteBucketName`, `DistributionId`, `ZappaBucketName`,
`LambdaRoleArn`, `NotFoundBucketName`), unless given on the command line or in
`FROSTFOLIO_BUCKET`, `FROSTFOLIO_DISTRIBUTION_ID`, `FROSTFOLIO_ZAPPA_BUCKET`,
`FROSTFOLIO_LAMBDA_ROLE_ARN`, `FROSTFOLIO_NOT_FOUND_BUCKET`. The API's secrets
come from the environment or, failing that, from SSM Parameter Store
(`/frostfolio/<stage>/form_secret`, ...) and are handed to Zappa in a private
temporary settings file, so they are never committed and never in the zip.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import s3sync

STACK_OUTPUTS = {
    "bucket": "SiteBucketName",
    "distribution": "DistributionId",
    "zappa_bucket": "ZappaBucketName",
    "role_arn": "LambdaRoleArn",
    "not_found_bucket": "NotFoundBucketName",
}
ENV_TARGETS = {
    "bucket": "FROSTFOLIO_BUCKET",
    "distribution": "FROSTFOLIO_DISTRIBUTION_ID",
    "zappa_bucket": "FROSTFOLIO_ZAPPA_BUCKET",
    "role_arn": "FROSTFOLIO_LAMBDA_ROLE_ARN",
    "not_found_bucket": "FROSTFOLIO_NOT_FOUND_BUCKET",
}
# Lambda environment values that must not be committed: name -> required.
SECRETS = {
    "FROSTFOLIO_FORM_SECRET": True,
    "FROSTFOLIO_OWNER_TOKEN_SHA256": True,
    "FROSTFOLIO_SES_SENDER": False,
    "FROSTFOLIO_SES_RECIPIENT": False,
    "FROSTFOLIO_ORIGIN_SECRET": False,  # generated into SSM on the first deploy
}
LIST_LIMIT = 100  # lines of file names printed per section of the plan


class DeployError(Exception):
    """A deploy step cannot go on; the message says what to fix."""


@dataclass(frozen=True)
class Target:
    """Where one stage is published."""

    stage: str
    bucket: str
    distribution: str
    zappa_bucket: str = ""
    role_arn: str = ""
    not_found_bucket: str = ""


def stack_name(stage: str) -> str:
    """Return the name of the stage's stack (docs/aws/stack.yaml)."""
    # Not frostfolio-<stage>: that is the name Zappa gives its own stack (the API
    # Gateway), and `zappa update` would replace any stack of that name with its own.
    return f"frostfolio-{stage}-site"


def ssm_name(stage: str, variable: str) -> str:
    """Return the SSM parameter holding `variable` for `stage`."""
    return f"/frostfolio/{stage}/{variable.removeprefix('FROSTFOLIO_').lower()}"


def stack_outputs(cloudformation: Any, stack: str) -> dict[str, str]:
    """Return the outputs of a CloudFormation stack by key."""
    try:
        found = cloudformation.describe_stacks(StackName=stack)["Stacks"]
    except Exception as exc:
        raise DeployError(
            f"cannot read stack {stack!r} ({exc}); create it as the README's Deploy section "
            "shows, or pass --bucket and --distribution"
        ) from exc
    return {o["OutputKey"]: o["OutputValue"] for o in found[0].get("Outputs", [])}


def resolve_target(
    stage: str,
    given: Mapping[str, str | None],
    environ: Mapping[str, str],
    cloudformation: Callable[[], Any],
    stack: str | None = None,
) -> Target:
    """Find the bucket, distribution and Zappa bucket: arguments, environment, stack."""
    values = {k: given.get(k) or environ.get(ENV_TARGETS[k], "") for k in STACK_OUTPUTS}
    if not all(values.values()):
        try:
            outputs = stack_outputs(cloudformation(), stack or stack_name(stage))
        except DeployError:
            if not (values["bucket"] and values["distribution"]):
                raise
            outputs = {}  # the rest is optional: zappa finds its bucket and role itself
        for key, output in STACK_OUTPUTS.items():
            values[key] = values[key] or outputs.get(output, "")
    for key in ("bucket", "distribution"):
        if not values[key]:
            raise DeployError(
                f"no {key} for stage {stage!r}: set {ENV_TARGETS[key]}, pass --{key}, "
                f"or add the output {STACK_OUTPUTS[key]} to the stack"
            )
    return Target(stage, **{k: v or "" for k, v in values.items()})


def runtime_secrets(
    stage: str, environ: Mapping[str, str], ssm: Callable[[], Any]
) -> tuple[dict[str, str], dict[str, str]]:
    """Return the Lambda's secret settings and where each came from (env or SSM)."""
    values: dict[str, str] = {}
    sources: dict[str, str] = {}
    for name in SECRETS:
        if environ.get(name):
            values[name], sources[name] = environ[name], "environment"
    wanted = {ssm_name(stage, n): n for n in SECRETS if n not in values}
    if wanted:
        try:
            found = ssm().get_parameters(Names=sorted(wanted), WithDecryption=True)
        except Exception as exc:
            raise DeployError(f"cannot read SSM parameters {sorted(wanted)}: {exc}") from exc
        for param in found.get("Parameters", []):
            name = wanted[param["Name"]]
            values[name], sources[name] = param["Value"], f"SSM {param['Name']}"
    missing = [n for n, required in SECRETS.items() if required and n not in values]
    if missing:
        how = "; ".join(
            f"export {n}=... or `aws ssm put-parameter --type SecureString "
            f"--name {ssm_name(stage, n)} --value ...`"
            for n in missing
        )
        raise DeployError(f"the API needs {', '.join(missing)} for stage {stage!r}: {how}")
    return values, sources


def stage_settings(settings_path: Path, stage: str) -> dict[str, Any]:
    """Return one stage of zappa_settings.json with `extends` resolved."""
    try:
        all_settings = json.loads(settings_path.read_text())
    except (OSError, ValueError) as exc:
        raise DeployError(f"{settings_path}: cannot read Zappa settings: {exc}") from exc
    if stage not in all_settings:
        raise DeployError(f"{settings_path}: no stage {stage!r} (stages: {sorted(all_settings)})")
    chain: list[str] = []
    name: str | None = stage
    while name:
        if name in chain or name not in all_settings:
            raise DeployError(
                f"{settings_path}: stage {stage!r} extends a missing or circular stage"
            )
        chain.append(name)
        name = all_settings[name].get("extends")
    merged: dict[str, Any] = {}
    for name in reversed(chain):
        merged.update(all_settings[name])
    merged.pop("extends", None)
    return merged


def write_zappa_settings(
    settings_path: Path, stage: str, secrets: Mapping[str, str], target: Target, folder: Path
) -> Path:
    """Write a private settings file for this deploy: the stage, secrets, bucket and role."""
    config = stage_settings(settings_path, stage)
    config["aws_environment_variables"] = {
        **config.get("aws_environment_variables", {}),
        **secrets,
    }
    if target.zappa_bucket:
        config["s3_bucket"] = target.zappa_bucket
    if target.role_arn:  # spares zappa an iam:GetRole call to find it by name
        config["role_arn"] = target.role_arn
    path = folder / "zappa_settings.json"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump({stage: config}, f, indent=2)
    return path


def lambda_exists(lambda_client: Any, name: str) -> bool:
    """Tell whether the function was deployed before (then `zappa update`, else `deploy`)."""
    try:
        lambda_client.get_function(FunctionName=name)
    except lambda_client.exceptions.ResourceNotFoundException:
        return False
    return True


def zappa_command(
    venv: Path, action: str, stage: str, settings_file: Path, *extra: str
) -> tuple[list[str], dict[str, str]]:
    """Return the zappa command line and its environment, with the deploy venv activated."""
    venv = venv.resolve()
    if not (venv / "bin" / "zappa").exists():
        raise DeployError(
            f"{venv}/bin/zappa not found: run `make package` to create the deploy venv"
        )
    env = dict(os.environ)
    # zappa packs the site-packages of the activated venv; outside one it packs the system's.
    env["VIRTUAL_ENV"] = str(venv)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env.pop("PYTHONHOME", None)
    argv = [str(venv / "bin" / "zappa"), action, stage, "--settings_file", str(settings_file)]
    argv += extra
    return argv, env


def describe_plan(plan: s3sync.SyncPlan, paths: list[str], target: Target) -> list[str]:
    """Return the plan as lines a person can check."""
    lines = [f"  bucket s3://{target.bucket}, distribution {target.distribution}"]
    size = plan.upload_bytes / 1024
    lines.append(f"  upload {len(plan.uploads)} files ({size:.1f} KB), {plan.unchanged} unchanged")
    for info in plan.uploads[:LIST_LIMIT]:
        mark = "+" if info.key in plan.new_keys else "~"
        lines.append(f"    {mark} {info.key}  [{info.content_type}; {info.cache_control}]")
    if len(plan.uploads) > LIST_LIMIT:
        lines.append(f"    ... and {len(plan.uploads) - LIST_LIMIT} more")
    lines.append(f"  delete {len(plan.deletes)} files")
    lines += [f"    - {key}" for key in plan.deletes[:LIST_LIMIT]]
    if len(plan.deletes) > LIST_LIMIT:
        lines.append(f"    ... and {len(plan.deletes) - LIST_LIMIT} more")
    lines.append(f"  invalidate {len(paths)} paths on {target.distribution}")
    lines += [f"    {p}" for p in paths[:LIST_LIMIT]]
    if len(paths) > LIST_LIMIT:
        lines.append(f"    ... and {len(paths) - LIST_LIMIT} more")
    return lines
