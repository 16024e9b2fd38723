"""Ingest: a PDF, e-mail or scan becomes a Document (page text with the box of every character)."""
