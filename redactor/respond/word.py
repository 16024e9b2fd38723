"""The letter as a Word document (python-docx), for the officer to finish and sign in their own tools.

The Markdown of the letter and the annex is walked token by token (markdown-it-py): headings,
paragraphs, lists, quotes and tables become their Word counterparts; each part starts a page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import docx
from docx.shared import Pt
from markdown_it import MarkdownIt
from markdown_it.token import Token

LIST_STYLES = {"bullet_list_open": "List Bullet", "ordered_list_open": "List Number"}


def _runs(paragraph: Any, children: Sequence[Token], italic: bool = False) -> None:
    """The inline content of one block: text with bold, italic, code and line breaks."""
    bold = emphasis = 0
    for child in children:
        if child.type in ("strong_open", "strong_close"):
            bold += 1 if child.type == "strong_open" else -1
        elif child.type in ("em_open", "em_close"):
            emphasis += 1 if child.type == "em_open" else -1
        elif child.type in ("text", "code_inline"):
            run = paragraph.add_run(child.content)
            run.bold = bold > 0 or None
            run.italic = emphasis > 0 or italic or None
            if child.type == "code_inline":
                run.font.name = "Courier New"
        elif child.type == "hardbreak":
            paragraph.add_run().add_break()
        elif child.type == "softbreak":
            paragraph.add_run(" ")


def _table(document: Any, rows: list[list[Token]]) -> None:
    if not rows:
        return
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, token in enumerate(row):
            paragraph = table.cell(i, j).paragraphs[0]
            _runs(paragraph, token.children or [])
            if i == 0:
                for run in paragraph.runs:
                    run.bold = True


def _add_markdown(document: Any, text: str) -> None:
    tokens = MarkdownIt("commonmark", {"html": False}).enable("table").parse(text)
    heading: int | None = None
    lists: list[str] = []
    quote = 0
    in_cell = False
    rows: list[list[Token]] = []
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            heading = int(token.tag[1:])
        elif kind in LIST_STYLES:
            lists.append(LIST_STYLES[kind])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind in ("blockquote_open", "blockquote_close"):
            quote += 1 if kind == "blockquote_open" else -1
        elif kind == "table_open":
            rows = []
        elif kind == "tr_open":
            rows.append([])
        elif kind in ("th_open", "td_open", "th_close", "td_close"):
            in_cell = kind.endswith("_open")
        elif kind == "table_close":
            _table(document, rows)
        elif kind == "hr":
            document.add_page_break()
        elif kind == "inline" and in_cell:
            rows[-1].append(token)
        elif kind == "inline":
            if heading is not None:
                paragraph = document.add_heading(level=min(heading, 4))
                heading = None
            elif lists:
                paragraph = document.add_paragraph(style=lists[-1])
            else:
                paragraph = document.add_paragraph()
                if quote:
                    paragraph.paragraph_format.left_indent = Pt(18)
            _runs(paragraph, token.children or [], italic=quote > 0)


def render_docx(parts: Sequence[str]) -> bytes:
    """One Word document from Markdown parts, each starting on a new page."""
    document: Any = docx.Document()  # python-docx is only partly annotated
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10.5)
    for n, part in enumerate(parts):
        if n:
            document.add_page_break()
        _add_markdown(document, part)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
