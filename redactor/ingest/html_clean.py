"""Clean an HTML e-mail body for printing, by an allow-list of what may be printed.

Only text and the tags and attributes that lay text out are kept. Pictures in any spelling
(`<img>`, SVG's `<image>`, inline `<svg>` with its `<text>`, `<picture>`, `<video>`,
`<canvas>`, `<object>`...) are not printed: a picture can hold personal data that text
detection cannot see. Each is replaced by a marker, and the e-mail's attachments stay listed
for review. Scripts, frames and the document head are dropped with their content; any tag
not on the list is dropped and its text kept.

The scanner is linear in the length of the markup whatever it holds: every search starts
where the last one ended, a construct that is never closed (a comment, a tag, a script)
swallows the rest of the body instead of being searched for again, and a tag longer than
MAX_TAG_CHARS is dropped. (The standard library's HTMLParser is quadratic on a body of many
unclosed `<script ` fragments.)
"""

from __future__ import annotations

import html
import re

LAYOUT_TAGS = frozenset(
    (
        "a",
        "abbr",
        "address",
        "article",
        "aside",
        "b",
        "bdi",
        "bdo",
        "big",
        "blockquote",
        "body",
        "br",
        "caption",
        "center",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "font",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "i",
        "ins",
        "kbd",
        "label",
        "legend",
        "li",
        "main",
        "mark",
        "nav",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "section",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "tt",
        "u",
        "ul",
        "var",
        "wbr",
    )
)
VOID_TAGS = frozenset(
    (
        "br",
        "col",
        "hr",
        "wbr",
        "img",
        "image",
        "input",
        "source",
        "track",
        "area",
        "embed",
        "param",
        "meta",
        "link",
        "base",
    )
)
# Pictures in every spelling: replaced by a marker, their content (an SVG's <text>) dropped.
PICTURE_TAGS = frozenset(
    (
        "img",
        "image",
        "svg",
        "picture",
        "video",
        "audio",
        "canvas",
        "object",
        "embed",
        "applet",
        "math",
        "map",
    )
)
# Dropped with everything inside them.
DROPPED_TAGS = frozenset(
    (
        "script",
        "noscript",
        "iframe",
        "frame",
        "frameset",
        "head",
        "title",
        "template",
        "xml",
        "style",
    )
)
KEPT_ATTRIBUTES = frozenset(
    (
        "align",
        "valign",
        "width",
        "height",
        "colspan",
        "rowspan",
        "border",
        "cellpadding",
        "cellspacing",
        "bgcolor",
        "color",
        "face",
        "size",
        "dir",
        "lang",
        "style",
        "start",
        "type",
    )
)
MAX_TAG_CHARS = 4096
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:_.-]*)")
_ATTR = re.compile(r"""([^\s/>="']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
# Anything in a style that fetches or inserts content.
_STYLE_URL = re.compile(r"url\s*\([^)]*\)?|@import[^;]*;?|expression\s*\(|content\s*:[^;}]*|behavior\s*:[^;}]*", re.I)
_LONG_RUN = re.compile(r"[^\s\u200b]{40}")


def breakable(text: str) -> str:
    """Let a long unbroken run (a link, a token) wrap: a zero-width space every 40 characters.

    Otherwise a table cell or a no-wrap style can push it past the page edge, where it is not
    seen but still in the file, and the pre-release check (rightly) refuses the printout.
    """
    return _LONG_RUN.sub(lambda m: m.group(0) + "\u200b", text)


def _text(raw: str) -> str:
    if not raw:
        return ""
    return breakable(html.escape(html.unescape(raw), quote=False))


def _attributes(source: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _ATTR.finditer(source):
        name = m.group(1).lower()
        value = next((g for g in m.group(2, 3, 4) if g is not None), "")
        out.setdefault(name, html.unescape(value))
    return out


def _layout_tag(name: str, closing: bool, attrs: dict[str, str]) -> str:
    if closing:
        return "" if name in VOID_TAGS else f"</{name}>"
    kept = "".join(
        f' {k}="{html.escape(_STYLE_URL.sub("", v) if k == "style" else v)}"'
        for k, v in attrs.items()
        if k in KEPT_ATTRIBUTES
    )
    return f"<{name}{kept}>"


def _skip_element(markup: str, name: str, pos: int) -> int:
    """Where the element `name` opened before `pos` ends (nested ones counted), or the end."""
    depth = 1
    for m in re.compile(r"<(/?)" + re.escape(name) + r"(?![A-Za-z0-9:_.-])", re.I).finditer(markup, pos):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            end = markup.find(">", m.end())
            return len(markup) if end < 0 else end + 1
    return len(markup)


def clean_html(markup: str) -> str:
    """The printable HTML of an e-mail body: layout and text only, pictures marked, no fetching."""
    out: list[str] = []
    pos, n = 0, len(markup)
    while pos < n:
        lt = markup.find("<", pos)
        if lt < 0:
            out.append(_text(markup[pos:]))
            break
        out.append(_text(markup[pos:lt]))
        if markup.startswith("<!--", lt):
            end = markup.find("-->", lt + 4)
            pos = n if end < 0 else end + 3
            continue
        tag = _TAG.match(markup, lt)
        if tag is None:
            if markup.startswith(("<!", "<?"), lt):  # a declaration or processing instruction
                end = markup.find(">", lt)
                pos = n if end < 0 else end + 1
            else:  # a lone "<" is text
                out.append("&lt;")
                pos = lt + 1
            continue
        end = markup.find(">", tag.end())
        if end < 0:
            break  # an unclosed tag swallows the rest
        pos = end + 1
        if end - lt > MAX_TAG_CHARS:
            continue
        closing, name = bool(tag.group(1)), tag.group(2).lower()
        body = markup[tag.end() : end]
        self_closing = body.rstrip().endswith("/")
        if name in PICTURE_TAGS:
            if not closing:
                alt = " ".join(_attributes(body).get("alt", "").split())
                out.append(html.escape(f"[image: {alt}]" if alt else "[image]"))
                if name not in VOID_TAGS and not self_closing:
                    pos = _skip_element(markup, name, pos)
        elif name in DROPPED_TAGS:
            if not closing and not self_closing:
                pos = _skip_element(markup, name, pos)
        elif name in LAYOUT_TAGS:
            out.append(_layout_tag(name, closing, {} if closing else _attributes(body)))
    return "".join(out)
