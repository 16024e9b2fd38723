"""Detect: Presidio over spaCy plus our recognizers turn a Document into Findings."""
