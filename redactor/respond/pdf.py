"""The letter as a PDF: Markdown to HTML (markdown-it-py), laid out on A4 by PyMuPDF's Story.

Each part (the letter, the annex) starts on a new page. Fonts are MuPDF's built-in ones, which
cover Welsh (ŵ, ŷ) as well as English.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pymupdf
from markdown_it import MarkdownIt

from redactor.errors import RedactorError

PAGE = pymupdf.paper_rect("a4")
MARGIN = 56.0  # points: about 2 cm
CSS = """
body { font-family: sans-serif; font-size: 10.5pt; line-height: 1.35; }
h1 { font-size: 15pt; margin: 0 0 8pt 0; }
h2 { font-size: 12.5pt; margin: 12pt 0 4pt 0; }
h3 { font-size: 11pt; margin: 10pt 0 4pt 0; }
h4 { font-size: 10.5pt; margin: 8pt 0 2pt 0; font-style: italic; }
p { margin: 0 0 6pt 0; }
blockquote { margin: 0 0 6pt 16pt; font-style: italic; }
table { border-collapse: collapse; margin: 4pt 0 8pt 0; }
th, td { border: 0.5pt solid #777; padding: 2pt 4pt; font-size: 9.5pt; text-align: left; vertical-align: top; }
code { font-family: monospace; font-size: 9pt; }
"""


class RenderError(RedactorError):
    """The letter could not be laid out as a PDF."""


def markdown_html(text: str) -> str:
    """HTML for Markdown text; raw HTML in it is escaped, not passed through."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    return str(md.render(text))


def render_pdf(parts: Sequence[str]) -> bytes:
    """One PDF from Markdown parts, each starting on a new A4 page."""
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    where = pymupdf.Rect(PAGE.x0 + MARGIN, PAGE.y0 + MARGIN, PAGE.x1 - MARGIN, PAGE.y1 - MARGIN)
    for part in parts:
        story = pymupdf.Story(html=markdown_html(part), user_css=CSS)
        more = True
        while more:
            device = writer.begin_page(PAGE)
            more, filled = story.place(where)
            if pymupdf.Rect(filled).is_empty and more:
                writer.end_page()
                raise RenderError("a line of the letter is too wide or too tall to fit on a page")
            story.draw(device)
            writer.end_page()
    writer.close()
    return buffer.getvalue()
