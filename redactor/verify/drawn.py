"""Text-layer detector: pages whose text layer does not say what is drawn on them.

A check that reads the text layer (ours and any other) cannot see a name drawn through a
shifted Unicode map, in glyphs stored out of order or as vector outlines. The cheap test of
ingest (`trust.suspicion`) picks suspect pages; each is read by OCR and compared.
"""

from __future__ import annotations

import pymupdf

from redactor.config import OcrConfig
from redactor.errors import DocumentError
from redactor.ingest import ocr, trust
from redactor.ingest.pdf import is_scan, page_text_of
from redactor.types import Severity
from redactor.verify.codes import Code, LeakFinding, finding


def drawn_findings(doc: pymupdf.Document, cfg: OcrConfig, ours: bool = False) -> list[LeakFinding]:
    """A finding for every page whose text layer disagrees with OCR of the drawn page.

    `ours`: a file `redact` wrote (its log was found). It read such a page by OCR and redacted
    what OCR saw, leaving the original (mismatched) text layer, so the finding is a warning.
    """
    out: list[LeakFinding] = []
    for page in doc:
        layer = page_text_of(page)
        if is_scan(page, layer):
            continue  # a scan's text layer has its own findings (OCR layer)
        why = trust.suspicion(page, layer, cfg.text_check)
        if why is None:
            continue
        n = page.number or 0
        if not cfg.enabled:
            out.append(_not_compared(n, page, why, "OCR is off"))
            continue
        try:
            seen = trust.compare(layer, ocr.ocr_page(page, cfg).page)
        except DocumentError as exc:  # Tesseract missing, or too slow on this page
            out.append(_not_compared(n, page, why, str(exc)))
            continue
        if trust.disagrees(seen, cfg.text_check, why):
            message = (
                f"the text layer does not match what is drawn ({why}): OCR reads {len(seen.missing)} of "
                f"{seen.ocr_words} words that are not in it, so text checks and search cannot see them"
            )
            out.append(finding(Code.TEXT_MISMATCH, message, n, page.rect, Severity.WARN if ours else None))
    return out


def _not_compared(n: int, page: pymupdf.Page, why: str, because: str) -> LeakFinding:
    message = f"the text layer may not match what is drawn ({why}); not compared with OCR: {because}"
    return finding(Code.TEXT_MISMATCH, message, n, page.rect, Severity.WARN)
