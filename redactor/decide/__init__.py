"""Decide: policy turns Findings into Decisions (redact with an exemption, or keep with a reason)."""
