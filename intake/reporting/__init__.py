"""What intake writes for people beyond the terminal: the coordinator's digest, the jury's
dossier and scoring sheet, and exports, each rendered from the read model
(:mod:`intake.presenting.nominations`)."""

EXPORT_FORMATS = ("xlsx", "csv", "json")
"""What ``intake export`` writes (named here, so the command line knows it without
loading the writers)."""
