"""Pure functions from message and document bytes to values.

Nothing in this package touches the network, the database or the clock.
"""
