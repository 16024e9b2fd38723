"""The response pack: the exemption library, public interest records, the annex facts and the letter.

Everything here reads the published outputs (OUT/logs/summary.json and the per-document logs)
and plain files under OUT/review/, never the pipeline's objects, so it can run after any review.
"""
