"""Workout files (GPX, TCX, FIT, one or a zip) read into workouts.

The pipeline, one module per stage: ``archive`` opens what was uploaded (a zip,
gzipped members, Strava's ``activities.csv``), ``gpx`` / ``tcx`` / ``fit`` read a
file into an :class:`~api.training.files.model.Activity`, ``geo`` filters GPS
spikes and simplifies the track, ``analysis`` computes the totals and splits,
``service`` stores each new workout once (``FILEHASH#<sha256>``) and ``views``
is the ``POST /training/imports`` endpoint. Everything up to ``service`` is pure
(bytes in, dicts out), and the parsers (gpxpy, fitdecode) are imported only when
a file of their kind is read, never at cold start.
"""
