"""Turning content into what pages need: Markdown, code highlighting, images, assets."""
