"""E-mail addresses written so that harvesters miss them.

"dave @ example.org", "jo (at) example (dot) org" and "jo.bloggs at example.org" are
addresses all the same; Presidio's pattern wants "@" with no blanks. Role mailboxes, lists
and trackers stay readable, as for the ordinary form (see PersonalEmailRecognizer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import regex
from presidio_analyzer import RecognizerResult
from pydantic import Field

from redactor.detect.recognizers.base import RecognizerOptions, RuleRecognizer
from redactor.detect.recognizers.contact.email import PersonalEmailRecognizer
from redactor.types import Entity

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

_LOCAL = r"(?<![\w.+@-])(?P<local>[\w][\w.+-]*)"
_LABEL = r"[A-Za-z0-9][\w-]*"
_AT = r"(?:[ \t]*(?:\((?i:at)\)|\[(?i:at)\]|\{(?i:at)\})[ \t]*|[ \t]+(?i:at)[ \t]+)"
_DOT = r"(?:[ \t]*(?:\((?i:dot)\)|\[(?i:dot)\]|\{(?i:dot)\})[ \t]*|[ \t]+(?i:dot)[ \t]+|\.)"
_END = r"(?![\w@-]|\.\w)"


WHY = {
    "spaced at": "An e-mail address written with blanks around '@'.",
    "written out": "An e-mail address with 'at' or 'dot' written out.",
}


class ObfuscatedEmailRecognizer(RuleRecognizer):
    """Addresses with a blank around "@", or with "at" and "dot" written out."""

    ENTITY = Entity.EMAIL_ADDRESS
    CONTEXT: ClassVar[list[str]] = []
    PATTERNS: ClassVar[dict[str, str]] = {
        # "dave @ example.org": blanks around "@".
        "spaced at": _LOCAL
        + r"(?:[ \t]+@[ \t]*|[ \t]*@[ \t]+)(?P<domain>"
        + _LABEL
        + r"(?:\."
        + _LABEL
        + r")+)"
        + _END,
        # "jo (at) example (dot) org", "jo at example dot org": the words written out.
        "written out": (_LOCAL + _AT + r"(?P<domain>" + _LABEL + r"(?:" + _DOT + _LABEL + r")+)" + _END),
    }

    class Options(RecognizerOptions):
        patterns: dict[str, str] | None = None
        score: float = Field(default=0.85, ge=0.0, le=1.0)

    options: Options

    def setup(self) -> None:
        o = self.options
        self.patterns = dict(o.patterns if o.patterns is not None else self.PATTERNS)
        self._re = {key: regex.compile(p) for key, p in self.patterns.items()}
        self._mailboxes = self.peers.get(PersonalEmailRecognizer)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Report obfuscated addresses of people."""
        if not self._wanted(entities):
            return []
        results: list[RecognizerResult] = []
        for name, pattern in self._re.items():
            for m in pattern.finditer(text):
                if not self._plausible(name, m):
                    continue
                address = m["local"] + "@" + regex.sub(_DOT, ".", m["domain"])
                if self._mailboxes.organisational(address) is not None:
                    continue
                start, end = m.span()
                why = WHY.get(name, "An e-mail address in an unusual form.")
                results.append(self._result(self.ENTITY, start, end, self.options.score, name, why))
        return self._dedupe(results)

    @staticmethod
    def _plausible(name: str, m: regex.Match[str]) -> bool:
        """Whether a match is an address at all.

        "at" in prose ("look at example.org") makes one only when the local part has a letter
        and a dot, underscore or digit, or when "dot" is spelt out too.
        """
        local, domain = m["local"], m["domain"]
        if not regex.search(r"[^\W\d_]", local):
            return False  # "meet at 10 at example.org"
        if name != "written out" or "(" in m.group() or "[" in m.group() or "{" in m.group():
            return True
        spelt_dot = bool(regex.search(r"[ \t](?i:dot)[ \t]", domain))
        return spelt_dot or bool(regex.search(r"[._\d]", local))
