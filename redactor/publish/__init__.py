"""Publish: the output layout, atomic moves, the justification logs, the summary and the annex."""
