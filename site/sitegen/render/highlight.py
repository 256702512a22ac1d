"""Code highlighting styles: Pygments' rules for the light and dark schemes, without repeats."""

from __future__ import annotations

import re

from .markdown import HIGHLIGHT_CLASS

_RULE = re.compile(r"^(?P<selector>[^{]+?)\s*\{(?P<declarations>[^}]*)\}")


def _style_rules(style: str, selector: str) -> dict[str, tuple[str, ...]]:
    """Pygments' highlighting rules for `style`: selector -> normalised declarations."""
    from pygments.formatters import HtmlFormatter

    rules: dict[str, tuple[str, ...]] = {}
    for line in HtmlFormatter(style=style).get_style_defs(selector).splitlines():
        match = _RULE.match(line)
        # No line numbers are rendered, and `pre { line-height }` would restyle every
        # <pre> on the site: keep only the highlighting rules.
        if not match or "linenos" in line or line.startswith("pre "):
            continue
        if match["selector"].strip() == f"{selector} .w":  # whitespace is not wrapped
            continue
        declarations = []
        for declaration in match["declarations"].split(";"):
            name, _, value = declaration.partition(":")
            if value.strip():
                declarations.append(f"{name.strip()}:{value.strip()}")
        rules[match["selector"].strip()] = tuple(declarations)
    return rules


def _colour(declarations: tuple[str, ...]) -> str | None:
    for declaration in declarations:
        if declaration.startswith("color:"):
            return declaration.removeprefix("color:").lower()
    return None


def _drop_base_colour(
    rules: dict[str, tuple[str, ...]], base: str, must_override: set[str]
) -> dict[str, tuple[str, ...]]:
    """Drop `color` declarations that repeat the block's text colour (spans inherit it).

    A selector in `must_override` keeps its colour: another block colours it too
    and this one has to win in its scheme.
    """
    base_colour = _colour(rules.get(base, ()))
    kept = {}
    for selector, declarations in rules.items():
        if selector != base and selector not in must_override and base_colour is not None:
            declarations = tuple(d for d in declarations if _colour((d,)) != base_colour)
        if declarations:
            kept[selector] = declarations
    return kept


def _merged(rules: dict[str, tuple[str, ...]], scope: str) -> str:
    """One rule per distinct declaration block, first-seen order: `.highlight :is(.c,.ch){...}`.

    Safe to reorder: every highlighted span carries exactly one token class, so no
    two of these rules style the same element; `:is()` keeps the specificity.
    """
    groups: dict[tuple[str, ...], list[str]] = {}
    for selector, declarations in rules.items():
        groups.setdefault(declarations, []).append(selector)
    lines = []
    for declarations, selectors in groups.items():
        tokens = [s.removeprefix(f"{scope} ") for s in selectors]
        if len(selectors) > 1 and all(s.startswith(f"{scope} ") for s in selectors):
            selector = f"{scope} :is({','.join(tokens)})"
        else:
            selector = ",".join(selectors)
        lines.append(f"{selector}{{{';'.join(declarations)}}}")
    return "\n".join(lines)


def pygments_css(light: str = "default", dark: str = "monokai") -> str:
    """Highlighting CSS for light and dark schemes (`prefers-color-scheme`), without repeats."""
    sel = f".{HIGHLIGHT_CLASS}"
    light_rules, dark_rules = _style_rules(light, sel), _style_rules(dark, sel)
    # Light rules still apply in the dark scheme unless a dark rule overrides them, so a
    # light colour may go only where dark sets one, and a dark one only where light sets none.
    light_rules = _drop_base_colour(
        light_rules,
        sel,
        {s for s in light_rules if _colour(dark_rules.get(s, ())) is None},
    )
    dark_rules = _drop_base_colour(
        dark_rules, sel, {s for s in dark_rules if _colour(light_rules.get(s, ()))}
    )
    # A dark rule that only repeats the light one (`.ge{font-style:italic}`) changes nothing.
    dark_rules = {s: d for s, d in dark_rules.items() if not set(d) <= set(light_rules.get(s, ()))}
    return (
        f"/* Code highlighting (Pygments: {light} / {dark}) */\n{_merged(light_rules, sel)}\n"
        f"@media (prefers-color-scheme: dark) {{\n{_merged(dark_rules, sel)}\n}}\n"
    )
