"""Command line: `python -m sitegen.publish deploy|sync|cost` (`make deploy`, `make cost`)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import apiorigin, cdn, files, marker, s3sync, stack
from .deploy import (
    DeployError,
    describe_plan,
    lambda_exists,
    resolve_target,
    runtime_secrets,
    stack_name,
    stage_settings,
    write_zappa_settings,
    zappa_command,
)

PRECOMPILE = Path(__file__).with_name("precompile.py")  # run by the deploy venv's Python


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sitegen.publish", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("deploy", "check, build, sync to S3, invalidate CloudFront, update the API"),
        ("sync", "sync an existing build to S3 and invalidate what changed"),
    ):
        cmd = sub.add_parser(name, help=text, description=text)
        cmd.add_argument("--stage", default="dev", help="Zappa stage and stack suffix")
        cmd.add_argument("--build", default="build", help="build folder to publish")
        cmd.add_argument("--bucket", help="S3 bucket (default: stack output SiteBucketName)")
        cmd.add_argument("--distribution", help="CloudFront distribution id")
        cmd.add_argument("--zappa-bucket", help="bucket Zappa uploads the Lambda zip to")
        cmd.add_argument("--stack", help="CloudFormation stack (default: frostfolio-STAGE-site)")
        cmd.add_argument("--settings", default="zappa_settings.json", help="Zappa settings")
        cmd.add_argument(
            "--dry-run",
            action="store_true",
            default=os.environ.get("DRY_RUN", "") not in ("", "0"),
            help="print the plan (upload, delete, invalidate) and change nothing (or DRY_RUN=1)",
        )
        cmd.add_argument("--force", action="store_true", help="upload every file again")
        cmd.add_argument(
            "--max-paths",
            type=int,
            default=cdn.MAX_PATHS,
            help=f"invalidate /* when more paths changed (default {cdn.MAX_PATHS})",
        )
        cmd.add_argument(
            "--allow-mass-delete",
            action="store_true",
            help="allow deleting more than half of the bucket (a broken build usually)",
        )
        if name == "deploy":
            cmd.add_argument("--content", default="content", help="content folder")
            cmd.add_argument("--deploy-venv", default=".venv-deploy", help="venv with zappa")
            cmd.add_argument("--skip-build", action="store_true", help="publish build/ as it is")
            cmd.add_argument("--skip-api", action="store_true", help="leave the Lambda alone")
    return parser


def _session(region: str | None) -> Any:
    import boto3

    return boto3.session.Session(region_name=region or None)


def _step(number: int, total: int, text: str) -> None:
    print(f"[{number}/{total}] {text}", flush=True)


def _site_cli(argv: list[str]) -> int:
    from sitegen.cli import main as site_main

    return site_main(argv)


def _check_mass_delete(plan: s3sync.SyncPlan, allow: bool) -> None:
    remote = plan.unchanged + len(plan.uploads) - len(plan.new_keys) + len(plan.deletes)
    if not allow and len(plan.deletes) > max(20, remote // 2):
        raise DeployError(
            f"the build would delete {len(plan.deletes)} of {remote} files from the bucket; "
            "check the build, or pass --allow-mass-delete if that is intended"
        )


def publish(args: argparse.Namespace, session: Any, target: Any, step: int, total: int) -> None:
    """Sync the build and invalidate what changed (or print that plan)."""
    s3 = session.client("s3")
    _step(step, total, f"sync {args.build}/ to s3://{target.bucket}")
    started = time.perf_counter()
    _, plan = s3sync.compare(s3, target.bucket, args.build, force=args.force)
    _check_mass_delete(plan, args.allow_mass_delete)
    paths = cdn.invalidation_paths(plan.changed_keys, args.max_paths)
    print("\n".join(describe_plan(plan, paths, target)), flush=True)
    if args.dry_run:
        publish_not_found(args, s3, target)
        _step(step + 1, total, f"invalidate {len(paths)} paths on CloudFront: skipped (dry run)")
        return
    s3sync.apply(s3, target.bucket, plan)
    publish_not_found(args, s3, target)
    print(f"  synced in {time.perf_counter() - started:.1f} s")
    _step(step + 1, total, f"invalidate {len(paths)} paths on CloudFront")
    invalidation = cdn.invalidate(session.client("cloudfront"), target.distribution, paths)
    print(f"  invalidation {invalidation}" if invalidation else "  nothing to invalidate")


def publish_not_found(args: argparse.Namespace, s3: Any, target: Any) -> None:
    """Put the build's 404.html where CloudFront serves it for any missing page."""
    page = Path(args.build) / "404.html"
    if not target.not_found_bucket or not page.is_file():
        return
    local = {"404.html": files.describe(Path(args.build), page)}
    plan = s3sync.sync(s3, target.not_found_bucket, local, dry_run=args.dry_run)
    done = "unchanged" if plan.is_empty() else ("would upload" if args.dry_run else "uploaded")
    print(f"  404 page for missing paths, s3://{target.not_found_bucket}/404.html: {done}")


def _api_name(config: dict[str, Any], stage: str) -> str:
    # Zappa names the function, its API Gateway and its own stack this way.
    return f"{config.get('project_name', 'frostfolio')}-{stage}"


def update_api(
    args: argparse.Namespace, session: Any, target: Any, config: dict[str, Any]
) -> tuple[int, dict[str, str]]:
    """Deploy or update the Lambda with zappa, secrets passed in a private settings file."""
    secrets, sources = runtime_secrets(args.stage, os.environ, lambda: session.client("ssm"))
    apiorigin.ensure_secret(
        args.stage, secrets, sources, lambda: session.client("ssm"), args.dry_run
    )
    name = _api_name(config, args.stage)
    action = "update" if lambda_exists(session.client("lambda"), name) else "deploy"
    for variable, source in sorted(sources.items()):
        print(f"  {variable} from {source}")
    if args.dry_run:
        print(f"  would run: zappa {action} {args.stage} (function {name})")
        return 0, secrets
    venv = Path(args.deploy_venv)
    with tempfile.TemporaryDirectory(prefix="frostfolio-zappa-") as folder:
        settings = write_zappa_settings(
            Path(args.settings), args.stage, secrets, target, Path(folder)
        )
        # Packaged and precompiled first (as `make package`), so a cold start loads
        # bytecode instead of compiling the API on Lambda's read-only disk.
        package = Path(folder) / f"{name}.zip"
        argv, env = zappa_command(venv, "package", args.stage, settings, "-o", str(package))
        runtime = f"--runtime={config.get('runtime', 'python3.11')}"
        python = str(venv.resolve() / "bin" / "python")
        steps = [argv, [python, str(PRECOMPILE), runtime, str(package)]]
        argv, env = zappa_command(venv, action, args.stage, settings, "--zip", str(package))
        steps.append(argv)
        for step, say in zip(steps, ("package", "precompile", action), strict=True):
            print(f"  {say} {args.stage}", flush=True)
            code = subprocess.run(step, env=env, check=False).returncode
            if code:
                return code, secrets
        return 0, secrets


def sync_api_feeds(args: argparse.Namespace, config: dict[str, Any]) -> int:
    """Store what the kinds publish for the API (the events' seats) in the stage's table.

    Each kind's `ApiFeed` file in the build goes to `python -m <api> sync FILE`;
    a refusal (a capacity below the seats taken) stops the deploy before publishing.
    """
    import importlib

    from ..registry import site_registry

    table = config.get("aws_environment_variables", {}).get(
        "FROSTFOLIO_TABLE_NAME", f"frostfolio-{args.stage}"
    )
    for feed in site_registry(Path(getattr(args, "content", "content"))).api_feeds():
        path = Path(args.build) / feed.path.lstrip("/")
        if not path.is_file():
            continue  # nothing of that kind in this site
        argv = ["sync", str(path), "--table", table]
        if config.get("aws_region"):
            argv += ["--region", config["aws_region"]]
        print(f"  {feed.api}: sync {path} into {table}", flush=True)
        main = importlib.import_module(f"{feed.api}.__main__").main
        if main([*argv, "--dry-run"] if args.dry_run else argv) != 0:
            return 1
    return 0


def serve_api_on_site(
    args: argparse.Namespace, session: Any, target: Any, config: dict[str, Any], secret: str
) -> None:
    """Point the site's /api/ at the stage's API Gateway (or say how)."""
    apiorigin.wire(
        stage=args.stage,
        api_name=_api_name(config, args.stage),
        secret=secret,
        stack=args.stack or stack_name(args.stage),
        distribution=target.distribution,
        client=session.client,
        dry_run=args.dry_run,
    )


def run(args: argparse.Namespace) -> int:
    """Run the chosen command; raise DeployError and friends on failure."""
    config = stage_settings(Path(args.settings), args.stage)
    session = _session(config.get("aws_region") or os.environ.get("AWS_REGION"))
    given = {
        "bucket": args.bucket,
        "distribution": args.distribution,
        "zappa_bucket": args.zappa_bucket,
    }
    resolve = lambda: resolve_target(  # noqa: E731 - read the stack only once needed
        args.stage, given, os.environ, lambda: session.client("cloudformation"), args.stack
    )
    if args.dry_run:
        print(f"Dry run for stage {args.stage}: nothing will be changed.")
    if args.command == "sync":
        publish(args, session, resolve(), 1, 2)
        return 0

    api = not args.skip_api
    total = 6 if api else 4
    _step(1, total, f"check {args.content}/")
    if _site_cli(["check", "--content", args.content]) != 0:
        return 1
    _step(2, total, f"build {args.build}/")
    if args.skip_build:
        print("  skipped (--skip-build)")
    elif _site_cli(["build", "--content", args.content, "--out", args.build]) != 0:
        return 1
    target = resolve()
    if api:  # fail on a missing secret before anything is published
        runtime_secrets(args.stage, os.environ, lambda: session.client("ssm"))
        # The API must know the events before their pages go live; a capacity
        # below the seats already taken stops the deploy here, naming the event.
        if sync_api_feeds(args, config) != 0:
            return 1
    publish(args, session, target, 3, total)
    if not api:
        marker.record(args, config, api=False)
        return 0
    _step(5, total, f"update the API on Lambda ({args.stage})")
    code, secrets = update_api(args, session, target, config)
    if code != 0:
        return code
    _step(6, total, "serve the API on the site's own origin at /api/")
    serve_api_on_site(args, session, target, config, secrets[apiorigin.SECRET])
    if args.dry_run:  # what the stack promises: the alarms that email the owner, log retention
        print("\n".join(stack.describe_alarms(stack.STACK, args.stage)), flush=True)
    marker.record(args, config, api=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, and turn known failures into one clear line."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["cost"]:  # a model of the bill: no AWS, no credentials (publish/cost)
        from .cost.cli import main as cost_main

        return cost_main(argv[1:])
    args = _parser().parse_args(argv)
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

    try:
        return run(args)
    except NoCredentialsError:
        print(
            "error: no AWS credentials: set AWS_PROFILE or AWS_ACCESS_KEY_ID (deploying needs "
            "them; building and testing do not)",
            file=sys.stderr,
        )
    except (DeployError, s3sync.SyncError, cdn.InvalidationError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
    except (BotoCoreError, ClientError) as exc:
        print(f"error: AWS: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return 1


if __name__ == "__main__":
    sys.exit(main())
