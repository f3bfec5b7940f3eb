"""Sending mail: the SMTP submission every outgoing message goes through."""
