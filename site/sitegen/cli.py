"""Command line: build, serve, new, check, import.

Content problems print as `path:line: field: message`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .content.problems import BuildError, ContentError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitegen", description="Build and preview a Frostfolio site."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="freeze the site into a folder")
    build.add_argument("--content", default="content", help="content folder (default: content)")
    build.add_argument("--out", default="build", help="output folder (default: build)")
    build.add_argument(
        "--base-url", help="override base_url from site.yml (e.g. https://me.example/site/)"
    )
    build.add_argument(
        "--preview", action="store_true", help="include drafts and future posts, marked"
    )
    build.add_argument(
        "--full", action="store_true", help="re-render every page, ignoring the last build"
    )
    build.add_argument("--jobs", type=int, help="worker processes (default: one per core)")
    build.add_argument(
        "--skip-post-build",
        action="store_true",
        help="skip post-build steps such as the search index",
    )

    serve = sub.add_parser("serve", help="live preview: drafts shown, reloads on change")
    serve.add_argument("--content", default="content")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=5000)
    serve.add_argument("--api-url", help="API the forms post to (default: api_url in site.yml)")

    new = sub.add_parser("new", help="start a new content file with complete front matter")
    new.add_argument("kind", help="post, project, page, testimonial…")
    new.add_argument("title", help="title (or name, for a testimonial)")
    new.add_argument("--content", default="content")

    imp = sub.add_parser(
        "import", help="write a new content folder from a Hugo or Jekyll site (never overwrites)"
    )
    imp.add_argument("generator", choices=("hugo", "jekyll"), help="what built the old site")
    imp.add_argument("source", help="the old site's folder (with hugo.toml or _config.yml)")
    imp.add_argument("--content", default="content", help="the new content folder: absent or empty")
    imp.add_argument("--verbose", action="store_true", help="list every link rewritten")

    check = sub.add_parser("check", help="validate the content without building")
    check.add_argument("--content", default="content")
    check.add_argument("--preview", action="store_true", help="check drafts and future posts too")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            if not args.full:  # nothing read has changed: say so, without importing the engine
                from .commands.uptodate import cache_dir_for, skip_if_unchanged

                content = Path(args.content).resolve()
                done = skip_if_unchanged(
                    content,
                    Path(args.out),
                    cache=cache_dir_for(content),
                    preview=args.preview,
                    base_url=args.base_url,
                    post_build=not args.skip_post_build,
                    template_dir=None,
                )
                if done:
                    print(done)
                    return 0
            from .commands.build import build_site

            report = build_site(
                args.content,
                args.out,
                preview=args.preview,
                base_url=args.base_url,
                incremental=not args.full,
                jobs=args.jobs,
                post_build=not args.skip_post_build,
                stamp=True,
            )
            print(report.summary())
        elif args.command == "serve":
            from .commands.serve import run_preview

            run_preview(args.content, host=args.host, port=args.port, api_url=args.api_url)
        elif args.command == "new":
            from .commands.new import new_file

            path = new_file(args.content, args.kind, args.title)
            print(path)
        elif args.command == "import":
            from .importers import import_site
            from .importers.report import text

            report = import_site(args.generator, args.source, args.content)
            print(text(report, verbose=args.verbose))
            return 1 if report.problems else 0
        elif args.command == "check":
            from . import create_app

            app = create_app({"CONTENT_DIR": args.content, "PREVIEW": args.preview})
            content = app.extensions["sitegen"].content()
            for warning in content.extras.get("warnings", ()):
                print(f"warning: {warning}", file=sys.stderr)
            counts = ", ".join(f"{len(v)} {k}" for k, v in content.items.items())
            print(f"{Path(args.content)}: no problems ({counts})")
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except (BuildError, FileExistsError, LookupError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0
