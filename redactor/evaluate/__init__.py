"""Evaluate: labelled documents in, recall and over-redaction figures out (`redact eval`)."""
