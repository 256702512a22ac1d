"""Frostfolio's serverless JSON API."""
