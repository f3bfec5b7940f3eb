"""Presenting: what people and scripts see of the filed messages, in their language."""
