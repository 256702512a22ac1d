"""Built-in content kinds: pages, posts, projects, testimonials (see `sitegen.registry`)."""
