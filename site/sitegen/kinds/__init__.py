"""The built-in kinds of content, one package each (see `sitegen.registry`, docs/kinds.md).

Registering a kind is one line here (or, for a site's own kinds, one entry under
`kinds:` in site.yml). Order is load order: later kinds may use earlier ones' items.
"""

BUILTIN = (
    "sitegen.kinds.pages",
    "sitegen.kinds.posts",
    "sitegen.kinds.projects",
    "sitegen.kinds.testimonials",
    "sitegen.kinds.recipes",
    "sitegen.kinds.events",
)
