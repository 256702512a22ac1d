"""Comments brought over from a Disqus XML export (``python -m api.comments import-disqus``).

Each ``<thread>``'s ``<link>`` is matched by its path to one of this site's
threads (the synced META items' ``url``), after the ``--map OLD=NEW``
rewrites for pages that moved (``/posts/=/blog/`` moves the pages below too);
posts on a page that matches nothing are reported, not stored. Each approved
``<post>`` becomes an approved comment through ``store.insert``, as a
visitor's would, with its name, date, reply (``<parent dsq:id>``) and address
(for the owner, never shown); its HTML becomes our Markdown. Spam and deleted
posts are skipped; a reply to one hangs from the nearest kept ancestor. The
comment id derives from the Disqus id, so importing again adds nothing.
Imported comments send no email (``imported_from``).

The file is read by ``disqus_file`` (expat, refusing any DTD or entity).
"""

from __future__ import annotations

import base64
import hashlib
import re
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..storage import ConditionFailed, Table
from . import keys
from .disqus_file import DisqusError, Post, read, to_markdown


@dataclass
class Report:
    """What an import did (or, dry, would do)."""

    threads: dict[str, str] = field(default_factory=dict)  # Disqus link -> our thread
    unknown: dict[str, int] = field(default_factory=dict)  # link -> posts left out
    imported: int = 0
    already: int = 0
    spam: int = 0
    deleted: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Say in one line what happened."""
        return (
            f"disqus: {self.imported} comments imported, {self.already} already there, "
            f"{self.spam} spam and {self.deleted} deleted skipped, "
            f"{len(self.threads)} pages matched, "
            f"{sum(self.unknown.values())} comments on {len(self.unknown)} unknown pages"
        )


# -- matching pages ------------------------------------------------------
def _path(url: str) -> str:
    path = urlsplit(url).path or "/"
    path = re.sub(r"/index\.html?$", "/", path)
    if not path.startswith("/"):
        path = "/" + path
    last = path.rsplit("/", 1)[-1]
    return path if path.endswith("/") or "." in last else path + "/"


def parse_maps(pairs: list[str]) -> list[tuple[str, str]]:
    """Read ``OLD=NEW`` rewrites (paths or URLs); raise ValueError naming a bad one."""
    maps = []
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise ValueError(
                f"--map {pair!r}: expected OLD=NEW, e.g. /2019/04/engines.html=/blog/engines/"
            )
        maps.append((_path(old.strip()), _path(new.strip())))
    return maps


def page_path(link: str, site_url: str, maps: list[tuple[str, str]]) -> str:
    """Return the site path a Disqus thread's link stands for now (maps applied)."""
    path = _path(link)
    base = urlsplit(site_url).path.rstrip("/")
    for old, new in maps:
        if path == old:
            return new
        if old.endswith("/") and path.startswith(old):
            return new + path[len(old) :]
    if base and path.startswith(base + "/"):
        path = path[len(base) :]
    return path


def site_threads(table: Table) -> dict[str, str]:
    """Return this site's threads by the path of their page (``url`` -> ``<kind>/<slug>``)."""
    from . import store

    return {
        _path(meta["url"]): meta["thread"]
        for meta in store.threads(table)
        if meta.get("url") and not meta.get("removed_at")
    }


# -- writing -------------------------------------------------------------
def comment_id(dsq_id: str) -> str:
    """Return the comment id of a Disqus post: always the same for the same post."""
    digest = hashlib.sha256(f"disqus:{dsq_id}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()[:16]


def _item(post: Post, thread: str, parent: str | None, secret: str) -> dict[str, Any]:
    from .markup import render

    text = to_markdown(post.message)
    created = keys.stamp(post.created)
    cid = comment_id(post.dsq_id)
    item: dict[str, Any] = {
        "pk": keys.thread_pk(thread),
        "sk": keys.comment_sk(created, cid),
        "type": "comment",
        "id": cid,
        "thread": thread,
        "name": " ".join(post.name.split())[:100] or "Anonymous",
        "text": text,
        "html": render(text),
        "text_hash": keys.text_hash(text),
        "created": created,
        "status": keys.APPROVED,
        "votes": 0,
        "author": False,
        "visitor": f"disqus-{cid}",
        "client": "disqus",
        "notify": False,
        "gsi1pk": keys.queue_pk(keys.APPROVED),
        "gsi1sk": f"{created}#{cid}",
        "rev": 0,
        "imported_from": "disqus",
        "disqus_id": post.dsq_id,
    }
    if parent:
        item["parent"] = parent
    if _valid_email(post.email):
        item.update(email=post.email, email_hash=keys.email_hash(post.email, secret))
    return item


def _valid_email(email: str) -> bool:
    from ..validation import parse_email

    try:
        parse_email(email)
    except ValueError:  # EmailNotValidError; Disqus keeps whatever was typed
        return False
    return True


def _store(table: Table, item: dict[str, Any]) -> None:
    from . import outbox, store

    try:
        note = store.insert(table, item)
    except store.Duplicate:
        # The same words twice on a page ("Thanks!") were two comments on Disqus: keep both.
        item["text_hash"] = keys.text_hash(f"{item['text']}\0disqus:{item['disqus_id']}")
        note = store.insert(table, item)
    outbox.done(table, note["Put"]["Item"])  # history: nobody is emailed about it
    if item.get("email_hash"):  # approved on Disqus: trusted here (moderation "first")
        trust = {"pk": keys.trust_pk(item["email_hash"]), "sk": keys.META}
        trust.update(type="comment-trust", since=item["created"], comment_id=item["id"])
        with suppress(ConditionFailed):  # trusted already
            table.put_new(trust)


def import_export(
    table: Table,
    data: bytes,
    *,
    site_url: str,
    maps: list[tuple[str, str]],
    secret: str,
    dry_run: bool = False,
) -> Report:
    """Import a Disqus export's approved posts as comments; return what was done."""
    from . import store

    threads, posts = read(data)
    ours = site_threads(table)
    report = Report()
    kept: dict[str, str | None] = {}  # dsq id -> comment id (None: skipped)
    parents = {post.dsq_id: post.parent for post in posts}
    for post in posts:
        link = threads[post.thread][0]
        thread = ours.get(page_path(link, site_url, maps))
        if post.spam or post.deleted:
            report.spam += post.spam
            report.deleted += post.deleted and not post.spam
            kept[post.dsq_id] = None
            continue
        if thread is None:
            report.unknown[link] = report.unknown.get(link, 0) + 1
            kept[post.dsq_id] = None
            continue
        report.threads[link] = thread
        parent, seen = post.parent, set()
        while parent and kept.get(parent) is None and parent not in seen:
            seen.add(parent)  # a skipped parent: hang from the nearest kept ancestor
            parent = parents.get(parent)
        item = _item(post, thread, kept.get(parent) if parent else None, secret)
        kept[post.dsq_id] = item["id"]
        if store.locate(table, item["id"]) is not None:
            report.already += 1
            continue
        if not dry_run:
            try:
                _store(table, item)
            except store.ParentGone:
                report.problems.append(f"post {post.dsq_id}: its parent is not approved here")
                continue
        report.imported += 1
    return report


# -- command line (``python -m api.comments import-disqus``) -------------
def add_command(sub: Any) -> None:
    """Add ``import-disqus`` to the command line's subcommands."""
    cmd = sub.add_parser("import-disqus", help="import comments from a Disqus XML export")
    cmd.add_argument("file", help="the export (Disqus admin: Moderation > Export)")
    cmd.add_argument("--site-url", required=True, help="this site's URL, e.g. https://example.com")
    cmd.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="OLD=NEW",
        help="a page that moved: its old path (or a folder/) = the new one; repeatable",
    )
    cmd.add_argument("--dry-run", action="store_true", help="report, write nothing")
    cmd.add_argument("--table", help="table name (default: FROSTFOLIO_TABLE_NAME)")
    cmd.add_argument("--endpoint", help="DynamoDB URL (default: FROSTFOLIO_DYNAMODB_ENDPOINT)")
    cmd.add_argument("--region", help="AWS region (default: FROSTFOLIO_REGION, AWS_REGION)")


def command(args: Any, table: Table) -> int:
    """Run ``import-disqus``: print what was (or would be) imported and every unknown page."""
    import sys
    from pathlib import Path

    from ..storage import StorageError

    settings = table._settings
    if not settings.form_secret:
        print(
            "FROSTFOLIO_FORM_SECRET is not set: addresses are hashed as the API does without it",
            file=sys.stderr,
        )
    try:
        maps = parse_maps(args.map)
        report = import_export(
            table,
            Path(args.file).read_bytes(),
            site_url=args.site_url,
            maps=maps,
            secret=settings.form_secret or "frostfolio",  # as api.services.Services.secret
            dry_run=args.dry_run,
        )
    except (OSError, ValueError, DisqusError) as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 1
    except StorageError as exc:
        print(f"could not import into table {table.name}: {exc.__cause__ or exc}", file=sys.stderr)
        return 1
    prefix = "(dry run) " if args.dry_run else ""
    for link, thread in sorted(report.threads.items()):
        print(f"{prefix}{link} -> {thread}")
    for link, count in sorted(report.unknown.items()):
        print(
            f"{args.file}: {link}: no page of this site ({count} comments left out; --map OLD=NEW)",
            file=sys.stderr,
        )
    for problem in report.problems:
        print(f"{args.file}: {problem}", file=sys.stderr)
    print(prefix + report.summary())
    return 1 if report.problems else 0
