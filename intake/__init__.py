"""intake: an email-driven intake bot for deadline-bound calls for nominations."""

__version__ = "0.1.0"
