"""Testimonials have no pages of their own: the blueprint carries the home section's template."""

from __future__ import annotations

from flask import Blueprint


def blueprint() -> Blueprint:
    """Build the testimonials blueprint (templates only)."""
    return Blueprint("testimonials", __name__, template_folder="templates")
