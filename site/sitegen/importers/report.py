"""The import's report as the terminal shows it."""

from __future__ import annotations

from .model import Report

SHOWN_REWRITES = 20  # more are summarised unless asked for (--verbose)
SINGULAR = {"posts": "post", "pages": "page", "recipes": "recipe"}


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def text(report: Report, verbose: bool = False) -> str:
    """Describe what was imported, what was not carried over, and every problem."""
    total = sum(report.counts.values())
    kinds = ", ".join(
        _plural(n, SINGULAR.get(kind, kind), kind) for kind, n in sorted(report.counts.items())
    )
    drafts = f" ({_plural(report.drafts, 'draft')}, shown in preview only)" if report.drafts else ""
    lines = [
        f"Imported the {report.generator.title()} site {report.source} into {report.dest}/",
        f"  {_plural(total, 'item')}: {kinds or 'none'}{drafts}",
    ]
    if report.settings:
        lines.append(f"  site.yml: {', '.join(report.settings)}")
    if report.copied:
        copied = ", ".join(f"{n} {origin}" for origin, n in sorted(report.copied.items()))
        lines.append(f"  files copied as they are: {copied}")
    if report.redirects:
        kept = ", ".join(f"{n} {what}" for what, n in sorted(report.redirects.items()))
        count = sum(report.redirects.values())
        lines.append(f"  old addresses kept as redirects: {count} ({kept})")
    if report.rewrites:
        files = len({r.where.rsplit(":", 1)[0] for r in report.rewrites})
        lines.append(f"  links rewritten: {len(report.rewrites)} in {_plural(files, 'file')}")
        shown = report.rewrites if verbose else report.rewrites[:SHOWN_REWRITES]
        named = " (the one page of that name)"
        lines += [f"    {r.where}: {r.old} -> {r.new}{named if r.guessed else ''}" for r in shown]
        if len(shown) < len(report.rewrites):
            lines.append(
                f"    … and {len(report.rewrites) - len(shown)} more (--verbose lists all)"
            )
    if report.notes:
        lines.append("Not carried over, or done for you:")
        lines += [f"  - {note}" for note in report.notes]
    if report.problems:
        count = len(report.problems)
        lines.append(f"{_plural(count, 'problem')} {'needs' if count == 1 else 'need'} a person:")
        lines += [f"  {problem}" for problem in report.problems]
    else:
        lines.append(f"No problems: python -m sitegen build --content {report.dest} builds it.")
    return "\n".join(lines)
