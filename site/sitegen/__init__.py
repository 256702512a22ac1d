"""Frostfolio's static-site generator: content in, frozen site out."""
