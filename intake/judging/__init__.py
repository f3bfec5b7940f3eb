"""Judging: receipt time, kind, authenticity, sender and nominees, criteria and revisions.

Pure: no network, no database, no clock. Judgements run in the worker processes, on the
one value a message is read into (:class:`parsers.reading.MessageReading`).
"""
