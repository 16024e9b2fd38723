"""E-mail addresses, less the role mailboxes of public bodies."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import regex
from presidio_analyzer import AnalysisExplanation, RecognizerResult
from presidio_analyzer.predefined_recognizers import EmailRecognizer
from pydantic import Field

from redactor.config.lexicon import fold, fold_all
from redactor.detect.recognizers.base import ListOption, Peers, RecognizerOptions, list_gazetteer
from redactor.detect.recognizers.names.titled import TitledNameRecognizer
from redactor.types import Entity

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts


# A tracker's numbered address: 123456@bugs..., 123456-submitter@..., 123456-done@...
_NUMBERED = regex.compile(r"\d{3,}(?:[-+][a-z]+)*")
_LIST = "A mailing list's address, not a person's"
_ROLE = "A role mailbox (a team's or public body's published address), not a person's"
# An address whose host has no dot, as internal mail systems print it: "<jo@mailhub>".
_LOCAL_HOST = regex.compile(r"<(?P<address>[\w.+'\-]+@[A-Za-z][\w\-]{0,62})>")
# The rest of a display name after a name found in it, then its address: " Tracking System <...>".
# A printout may wrap a long header line inside the display name.
_DISPLAY_TAIL = regex.compile(
    r"(?P<rest>(?:[ \t]*\n?[ \t]*\p{Lu}[\p{L}\p{M}'’\-]*){0,4})[\"'”’]?[ \t]*<(?P<address>[^<>\s@]+@[^<>\s]+)>"
)
_DISPLAY_WORD = regex.compile(r"[\p{L}\p{M}'’]+")


class PersonalEmailRecognizer(EmailRecognizer):  # type: ignore[misc]
    """Presidio's e-mail recognizer, scoring role mailboxes (foi@, info@, ...) below threshold.

    A public body's published mailbox is not personal data and must stay readable. The local
    part is split at ".", "-", "_" and "+"; it is a role mailbox when a piece is a role word
    (models/role_mailboxes.txt) and the others are role words too or, at most one, a short
    abbreviation of the body ("bcu.foi@", "foi.cav@"). "gareth.jones@" is a person's.

    Mailing lists are organisational too: an address on a list server ("@lists.", "@groups.")
    or whose local part holds a list word (models/mailing_lists.txt: "-users", "-devel",
    "linux-") and no known given name; so is a tracker's numbered address ("12345@bugs.").
    A printout that wraps "linux-" at a line end loses the hyphen when the word is re-joined
    ("linuxdevel@"): a local part made of two list words is a list's too. When two addresses
    on a text are lists' on one host (three labels or more: mx.example.org), it is a list
    server, and the other addresses on it without a known given name are lists too.
    """

    _SPLIT = regex.compile(r"[._+\-]")

    class Options(RecognizerOptions):
        role_words: ListOption = "role_mailboxes.txt"
        places: ListOption = None  # "cardiff.foi@": a place and a role
        role_score: float = Field(default=0.35, ge=0.0, le=1.0)
        abbreviation_length: int = Field(default=3, ge=0)
        list_words: ListOption = "mailing_lists.txt"
        # The first label of a list server's domain: usrp-users@lists.example.org.
        list_hosts: tuple[str, ...] = ("lists", "list", "groups", "googlegroups", "mailman", "listserv")
        # How many lists' addresses on one host (in one text) make it a list server.
        list_server_evidence: int = Field(default=2, ge=1)
        local_host_score: float = Field(default=0.85, ge=0.0, le=1.0)

    def __init__(
        self,
        options: Options | None = None,
        *,
        peers: Peers | None = None,
        supported_language: str = "en",
        context: list[str] | None = None,
        name: str | None = None,
    ) -> None:
        o = self.options = options if options is not None else self.Options()
        lex = (peers if peers is not None else Peers(language=supported_language)).lexicon
        entities = o.supported_entities or (Entity.EMAIL_ADDRESS,)
        super().__init__(
            context=context,
            supported_language=supported_language,
            supported_entity=entities[0],
            name=name or type(self).__name__,
        )
        self.role_words = list_gazetteer(o.role_words, ())
        self.places = list_gazetteer(o.places, lex.places)
        self.role_score = o.role_score
        self.abbreviation_length = o.abbreviation_length
        self.list_words = list_gazetteer(o.list_words, ())
        self.list_hosts = frozenset(h.casefold() for h in o.list_hosts)
        self.list_server_evidence = o.list_server_evidence
        self.local_host_score = o.local_host_score
        self.given_names = lex.given_name_gazetteer
        self.organisation_words = fold_all(lex.organisation_words)
        self._names = (peers if peers is not None else Peers(language=supported_language)).get(TitledNameRecognizer)

    def organisational(self, address: str) -> str | None:
        """Why the address is a role mailbox, a list's or a tracker's, or None for a person's."""
        local, _, domain = address.casefold().rpartition("@")
        labels = domain.split(".")
        if self.is_role_mailbox(address):
            return _ROLE
        if _NUMBERED.fullmatch(local):
            return "A numbered address of a bug or ticket tracker, not a person's"
        pieces = [p for p in self._SPLIT.split(local) if p]
        cut = self._two_list_words(pieces[0]) if len(pieces) == 1 else 0
        if cut:
            pieces = [pieces[0][:cut], pieces[0][cut:]]
        # One word alone ("debian@example.org") is a list's only on a list server's host name
        # (three labels or more: stable@vger.example.org); on a two-label domain it is a person's.
        listed = any(p in self.list_words for p in pieces) and (len(pieces) > 1 or len(labels) > 2)
        if (
            labels[0] in self.list_hosts
            or "googlegroups" in labels
            or (listed and not any(p in self.given_names for p in pieces))
        ):
            return _LIST
        return None

    def names_organisational_address(self, text: str, start: int, end: int) -> str | None:
        """Why text[start:end] is (part of) the display name of a list's or a role mailbox.

        "CIFS <linux-cifs@...>", "Debian Bug Tracking System <submit@bugs...>": the display name
        names the list or the service, not a person. A display name holding a known given name
        is a person's whatever the address ("Ann Other via Example-users" is not matched: the
        lower-case "via" ends the name). People write from role mailboxes under their own names
        ("Ann Other <foi@...>"): beside a role mailbox, the display name must also hold an
        organisation word ("System", "Team").
        """
        tail = _DISPLAY_TAIL.match(text, end)
        if tail is None:
            return None
        why = self.organisational(tail["address"])
        if why is None:
            return None
        words = _DISPLAY_WORD.findall(text, start, tail.end("rest"))
        if any(w in self.given_names for w in words):
            return None
        if why == _ROLE and not any(fold(w) in self.organisation_words for w in words):
            return None
        return "the display name of an organisational address: " + why[:1].lower() + why[1:]

    def _two_list_words(self, word: str) -> int:
        """Where a word made of two list words splits ("linuxdevel": 5), or 0."""
        for cut in range(3, len(word) - 2):
            if word[:cut] in self.list_words and word[cut:] in self.list_words:
                return cut
        return 0

    def _on_list_host(self, address: str, hosts: set[str]) -> bool:
        local, _, domain = address.casefold().rpartition("@")
        pieces = [p for p in self._SPLIT.split(local) if p]
        return domain in hosts and not any(p in self.given_names for p in pieces)

    def _local_host_addresses(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """Addresses on a host with no domain, in angle brackets after a person's name.

        Presidio's pattern needs a top-level domain; an internal mail system's printouts have
        none ("Jo Bloggs" <jo@mailhub>). Without a person's name before it (a role such as
        "The Minister" or "FOI Team"), such an address is left alone.
        """
        out: list[RecognizerResult] = []
        for m in _LOCAL_HOST.finditer(text):
            if any(r.start <= m.start() < r.end for r in found):
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            display = regex.split(r"[,:;]", text[line_start : m.start()])[-1].strip().strip("\"'")
            span = self._names.scanner.scan(display, 0) if display else None
            if span is None or span != (0, len(display)):
                continue
            result = RecognizerResult(
                self.supported_entities[0],
                m.start("address"),
                m.end("address"),
                self.local_host_score,
                AnalysisExplanation(
                    recognizer=self.name,
                    original_score=self.local_host_score,
                    pattern_name="address on a local host",
                    textual_explanation="An e-mail address on an internal host (no domain), in <...>",
                ),
                {RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True},
            )
            out.append(result)
        return out

    def is_role_mailbox(self, address: str) -> bool:
        local = address.rsplit("@", 1)[0].casefold()
        if local in self.role_words:
            return True
        pieces = [p for p in self._SPLIT.split(local) if p]
        roles = [p for p in pieces if p in self.role_words]
        others = [p for p in pieces if p not in self.role_words]
        return (
            bool(roles)
            and len(others) <= 1
            and all(p.isalpha() and (len(p) <= self.abbreviation_length or p in self.places) for p in others)
        )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Presidio's results, with role mailboxes marked and scored low."""
        results: list[RecognizerResult] = super().analyze(text, entities, nlp_artifacts, regex_flags)
        results += self._local_host_addresses(text, results)
        reasons = [self.organisational(text[r.start : r.end]) for r in results]
        domains = [text[r.start : r.end].casefold().rpartition("@")[2] for r in results]
        listed = Counter(d for d, why in zip(domains, reasons, strict=True) if why == _LIST and d.count(".") >= 2)
        hosts = {d for d, n in listed.items() if n >= self.list_server_evidence}
        for r, why in zip(results, reasons, strict=True):
            if why is None and hosts and self._on_list_host(text[r.start : r.end], hosts):
                why = _LIST + " (on the same list server as another list's address)"
            if why is not None:
                r.score = self.role_score
                metadata = r.recognition_metadata if r.recognition_metadata is not None else {}
                metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True  # no context boost
                r.recognition_metadata = metadata
                if r.analysis_explanation is not None:
                    r.analysis_explanation.textual_explanation = why
                    r.analysis_explanation.score = self.role_score
        return results
