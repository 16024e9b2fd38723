"""Review: a person's decisions on the tool's proposals, recorded and honoured by every run.

`store` keeps the append-only decisions file, `ids` the stable redaction ids, `apply` turns
a document's proposals into its final decisions, `status` and `schedule` report on a batch,
`page` writes the review page and `server` serves it on this machine only.
"""

from redactor.review.apply import apply_review
from redactor.review.store import DocumentReview, ReviewBook, ReviewRecord, Scope, Verdict

__all__ = ["DocumentReview", "ReviewBook", "ReviewRecord", "Scope", "Verdict", "apply_review"]
