"""Reading content: front matter, schemas, validation, items, the load cache (no Flask)."""
