"""Verify: the pre-release checks, on our own outputs and on anyone's PDFs (`redact check`)."""
