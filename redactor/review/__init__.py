"""Review: a person's decisions on the tool's proposals, recorded and honoured by every run.

`store` keeps the append-only decisions file, `ids` the stable redaction ids, `apply` turns
a document's proposals into its final decisions (`apply_review`), `status` and `schedule`
report on a batch, `page` writes the review page and `server` serves it on this machine only.
The package imports nothing itself, so that `decide` can use `ids` without a cycle.
"""
