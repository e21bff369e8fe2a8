"""Quotations and who said them.

Double-quote marks are scanned paragraph by paragraph with a small state machine that knows
the pairs in use in news text: “…” (English), „…“ (German), «…» and »…« (guillemets) and
straight "…". A paragraph that ends inside a quote and is followed by a paragraph that
re-opens it continues the same quotation (standard news style). Closing marks that do not
belong to the opening one are recorded as written; judging them is a rule's job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from seedcheck.document import Paragraph, Quote, QuoteMark, Speaker, SpeakerHow
from seedcheck.model import Span

OPENERS = '“„«»"'
# For each opening mark, the marks that may close it (first one is the proper pair).
CLOSERS = {"“": '”“"', "„": '“”"', "«": "»", "»": "«", '"': '"”'}
SINGLE_PAIRS = {"‘": "’", "'": "'", "‚": "‘"}
# Scanning for the marks with a regex keeps the per-character work in C.
_DOUBLE_MARK = re.compile('[“”„«»"]')
_SINGLE_MARK = re.compile("[‘'‚]")

_VERBS = (
    r"said|says|added|adds|told|tells|asked|wrote|writes|tweeted|explained|insisted|warned|"
    r"stressed|noted|argued|continued|declared|stated|replied|recalled|admitted|claimed"
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_NAME_TOKEN = r"[A-Z][\w’'.-]{0,30}"
SAID_AFTER = re.compile(rf"^[\s,;:—–-]{{0,4}}(?P<verb>{_VERBS})\s+(?P<rest>[^\n]{{0,160}})")
NAME_THEN_VERB = re.compile(
    rf"^[\s,;:—–-]{{0,4}}(?P<who>[^\n.!?\"“”]{{0,100}}?)\s(?P<verb>{_VERBS})\b"
)
ACCORDING_TO = re.compile(
    rf"according to\s+(?P<who>(?:(?:the\s)?{_NAME_TOKEN}\s?){{1,6}})", re.IGNORECASE
)
VERB_BEFORE = re.compile(rf"\b(?P<verb>{_VERBS})\b")

TITLE_WORDS = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "foreign",
        "defense",
        "defence",
        "secretary",
        "general",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chancellor",
        "senator",
        "representative",
        "rep",
        "sen",
        "gov",
        "governor",
        "mayor",
        "chairman",
        "chairwoman",
        "chair",
        "chief",
        "executive",
        "officer",
        "director",
        "head",
        "leader",
        "commander",
        "minister's",
        "deputy",
        "ambassador",
        "envoy",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "judge",
        "justice",
        "professor",
        "prof",
        "dr",
        "mr",
        "mrs",
        "ms",
        "sir",
        "lord",
        "lady",
        "press",
        "service",
        "kremlin",
        "pentagon",
        "white",
        "house",
        "state",
        "department",
        "ministry",
        "former",
        "acting",
        "official",
        "officials",
        "analyst",
        "coach",
        "commissioner",
        "european",
        "economist",
        "manager",
        "striker",
        "captain",
        "boss",
    ]
)


class _Found(NamedTuple):
    """A quotation before attribution: the fields of its `Quote` but the speaker, the first
    six in `Quote`'s order. Quotes are frozen dataclasses, slow to build: each is built
    once, with its speaker."""

    text: str
    span: Span
    parts: tuple[Span, ...]
    open_mark: QuoteMark
    close_mark: QuoteMark | None
    paragraph: int
    nested: bool = False


@dataclass
class _Open:
    mark: QuoteMark
    paragraph: int
    parts: list[Span] = field(default_factory=list)
    part_start: int = 0


def find_quotes(
    text: str, paragraphs: Sequence[Paragraph], stray: list[QuoteMark] | None = None
) -> list[Quote]:
    """Quotations of the paragraphs; closing marks that close nothing go to `stray`."""
    quotes: list[_Found] = []
    pending: _Open | None = None
    for index, paragraph in enumerate(paragraphs):
        start, end = paragraph.span.start, paragraph.span.end
        position = start
        if pending is not None:
            first = text[start] if start < end else ""
            if first in OPENERS and _continues(pending.mark.char, first):
                pending.part_start = start + 1
                position = start + 1
            else:
                quotes.append(_unclosed(text, pending))
                pending = None
        for mark in _DOUBLE_MARK.finditer(text, position, end):
            offset, char = mark.start(), mark.group()
            if pending is None:
                if char == "”":
                    if stray is not None:
                        stray.append(QuoteMark(char, offset))
                    continue  # a stray closing mark opens nothing
                pending = _Open(QuoteMark(char, offset), index, part_start=offset + 1)
            elif _reopens(text, offset, pending.mark.char, start):
                # A paragraph break lost in flattening: `...economically. "More people...`
                pending.parts.append(Span(pending.part_start, offset))
                pending.part_start = offset + 1
            elif char in CLOSERS[pending.mark.char]:
                pending.parts.append(Span(pending.part_start, offset))
                quotes.append(_closed(text, pending, QuoteMark(char, offset)))
                pending = None
        if pending is not None:
            pending.parts.append(Span(pending.part_start, end))
    if pending is not None:
        quotes.append(_unclosed(text, pending))
    quotes = [q for q in quotes if q.text.strip()]
    quotes.extend(_nested_singles(text, quotes))
    # By span, as Span orders, without calling its generated comparison methods.
    quotes.sort(key=lambda q: (q.span.start, q.span.end))
    return attribute_speakers(text, paragraphs, quotes)


def _reopens(text: str, offset: int, open_char: str, floor: int) -> bool:
    """An opening-shaped mark of the open quote's own kind after a sentence end."""
    char = text[offset]
    if not _continues(open_char, char) or open_char not in '“"':
        return False
    before = text[offset - 1] if offset > floor else ""
    if not before.isspace():
        return False
    after = text[offset + 1] if offset + 1 < len(text) else ""
    if not (after.isalnum() or after in "‘'"):
        return False
    return _ends_sentence(text, floor, offset - 1)


def _ends_sentence(text: str, floor: int, last: int) -> bool:
    """Whether text[floor:last + 1], trailing whitespace aside, ends with . ! or ?

    Steps back over the whitespace instead of copying and stripping the paragraph so far.
    """
    while last >= floor and text[last].isspace():
        last -= 1
    return last >= floor and text[last] in ".!?"


def _continues(open_char: str, next_char: str) -> bool:
    return next_char == open_char or (open_char in '“"' and next_char in '“"')


def _inner_text(text: str, parts: Sequence[Span]) -> str:
    return " ".join(part.slice(text).strip() for part in parts)


def _closed(text: str, pending: _Open, close: QuoteMark) -> _Found:
    span = Span(pending.mark.offset, close.offset + 1)
    return _Found(
        _inner_text(text, pending.parts),
        span,
        tuple(pending.parts),
        pending.mark,
        close,
        pending.paragraph,
    )


def _unclosed(text: str, pending: _Open) -> _Found:
    end = pending.parts[-1].end if pending.parts else pending.mark.offset + 1
    return _Found(
        _inner_text(text, pending.parts),
        Span(pending.mark.offset, end),
        tuple(pending.parts),
        pending.mark,
        None,
        pending.paragraph,
    )


def _nested_singles(text: str, quotes: Sequence[_Found]) -> list[_Found]:
    """‘…’ or '…' inside a double-quoted quote, told apart from apostrophes by their edges."""
    found: list[_Found] = []
    for quote in quotes:
        for part in quote.parts:
            resume = part.start
            for mark in _SINGLE_MARK.finditer(text, part.start, part.end):
                offset, char = mark.start(), mark.group()
                closer = SINGLE_PAIRS[char]
                if offset >= resume and _opens_here(text, offset, part.start):
                    close = _find_single_close(text, offset + 1, part.end, closer)
                    if close is not None:
                        inner = Span(offset + 1, close)
                        found.append(
                            _Found(
                                inner.slice(text),
                                Span(offset, close + 1),
                                (inner,),
                                QuoteMark(char, offset),
                                QuoteMark(closer, close),
                                quote.paragraph,
                                nested=True,
                            )
                        )
                        resume = close + 1
    return [q for q in found if q.text.strip()]


def _opens_here(text: str, offset: int, floor: int) -> bool:
    before = text[offset - 1] if offset > floor else " "
    after = text[offset + 1] if offset + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-" or offset == floor) and after.isalnum()


def _find_single_close(text: str, start: int, end: int, closer: str) -> int | None:
    offset = text.find(closer, start, end)
    while offset != -1:
        after = text[offset + 1] if offset + 1 < len(text) else " "
        before = text[offset - 1]
        if not after.isalnum() and not before.isspace():
            return offset
        offset = text.find(closer, offset + 1, end)
    return None


def attribute_speakers(
    text: str, paragraphs: Sequence[Paragraph], quotes: list[_Found]
) -> list[Quote]:
    """Attach speakers: 'said X', 'X said', 'according to X', pronouns and continuations."""
    result: list[Quote] = []
    last_named: Speaker | None = None
    previous: _Found | None = None
    previous_speaker: Speaker | None = None
    for quote in quotes:
        if quote.nested:
            result.append(Quote(*quote[:6], None, True))
            continue
        paragraph = paragraphs[quote.paragraph].span
        end_paragraph = _paragraph_of(paragraphs, quote.span.end, quote.paragraph)
        after_end = paragraphs[end_paragraph].span.end
        speaker = _speaker_after(text, quote.span.end, after_end) or _speaker_before(
            text, paragraph.start, quote.span.start
        )
        if speaker is not None and speaker.how is SpeakerHow.PRONOUN:
            speaker = (
                Speaker(last_named.name, speaker.span, SpeakerHow.PRONOUN) if last_named else None
            )
        if (
            speaker is None
            and previous is not None
            and previous_speaker is not None
            and _starts_sentence(text, paragraph.start, quote.span.start)
            and quote.paragraph - _last_paragraph(paragraphs, previous) <= 1
        ):
            speaker = Speaker(previous_speaker.name, None, SpeakerHow.CONTINUED)
        if speaker is not None and speaker.how not in (SpeakerHow.PRONOUN, SpeakerHow.CONTINUED):
            last_named = speaker
        previous, previous_speaker = quote, speaker
        result.append(Quote(*quote[:6], speaker, quote.nested))
    return result


def _paragraph_of(paragraphs: Sequence[Paragraph], offset: int, first: int) -> int:
    index = first
    while index + 1 < len(paragraphs) and paragraphs[index + 1].span.start < offset:
        index += 1
    return index


def _last_paragraph(paragraphs: Sequence[Paragraph], quote: _Found) -> int:
    return _paragraph_of(paragraphs, quote.span.end, quote.paragraph)


def _starts_sentence(text: str, paragraph_start: int, offset: int) -> bool:
    before = text[paragraph_start:offset].rstrip()
    return not before or before[-1] in '.!?:”"'


def _speaker_after(text: str, start: int, end: int) -> Speaker | None:
    window = text[start : min(end, start + 200)]
    said = SAID_AFTER.match(window)
    if said:
        rest = said.group("rest")
        rest_start = start + said.start("rest")
        pronoun = re.match(r"(he|she|they)\b", rest)
        if pronoun:
            return Speaker(
                pronoun.group(1), Span(rest_start, rest_start + pronoun.end()), SpeakerHow.PRONOUN
            )
        name = _name_from(rest, from_start=True)
        if name:
            at = rest_start + name[1]
            return Speaker(name[0], Span(at, at + len(name[0])), SpeakerHow.SAID_AFTER)
    before_verb = NAME_THEN_VERB.match(window)
    if before_verb:
        who = before_verb.group("who")
        who_start = start + before_verb.start("who")
        if who.strip().lower() in _PRONOUNS:
            offset = who_start + who.index(who.strip())
            return Speaker(who.strip(), Span(offset, offset + len(who.strip())), SpeakerHow.PRONOUN)
        name = _name_from(who, from_start=False)
        if name:
            at = who_start + name[1]
            return Speaker(name[0], Span(at, at + len(name[0])), SpeakerHow.SAID_AFTER)
    according = ACCORDING_TO.match(window.lstrip(" ,;"))
    if according:
        shift = start + len(window) - len(window.lstrip(" ,;"))
        name = _name_from(according.group("who"), from_start=True)
        if name:
            at = shift + according.start("who") + name[1]
            return Speaker(name[0], Span(at, at + len(name[0])), SpeakerHow.ACCORDING_TO)
    return None


def _speaker_before(text: str, paragraph_start: int, quote_start: int) -> Speaker | None:
    """'X said (...) “…”' within the sentence that leads into the quote."""
    lead_start = max(paragraph_start, quote_start - 200)
    lead = text[lead_start:quote_start]
    sentence_break = max(lead.rfind(". "), lead.rfind("? "), lead.rfind("! "))
    if sentence_break != -1:
        lead_start += sentence_break + 2
        lead = text[lead_start:quote_start]
    according = ACCORDING_TO.search(lead)
    if according:
        name = _name_from(according.group("who"), from_start=True)
        if name:
            at = lead_start + according.start("who") + name[1]
            return Speaker(name[0], Span(at, at + len(name[0])), SpeakerHow.ACCORDING_TO)
    for verb in VERB_BEFORE.finditer(lead):
        name = _name_from(lead[: verb.start()], from_start=False)
        if name:
            at = lead_start + name[1]
            how = SpeakerHow.PRONOUN if name[0].lower() in _PRONOUNS else SpeakerHow.SAID_BEFORE
            return Speaker(name[0], Span(at, at + len(name[0])), how)
    return None


def _surname_like_title(run: list[tuple[str, int]]) -> bool:
    if len(run) < 2:
        return False
    last, previous = run[-1][0], run[-2][0]
    return (
        last[:1].isupper()
        and previous[:1].isupper()
        and previous.lower() not in TITLE_WORDS
        and not previous.isupper()
        and previous.lower() not in _LEADING_WORDS
    )


_TOKEN = re.compile(r"[^\s,;:()]+")
_LEADING_WORDS = frozenset(
    [
        "but",
        "and",
        "the",
        "however",
        "meanwhile",
        "yet",
        "so",
        "also",
        "now",
        "then",
        "while",
        "when",
        "if",
        "as",
        "in",
        "on",
        "at",
        "after",
        "before",
        "though",
        "although",
        "because",
        "since",
        "instead",
        "still",
        "later",
        "earlier",
        "here",
        "there",
        "this",
        "that",
        "speaking",
        "writing",
        "asked",
        "one",
    ]
)


def _tokens(phrase: str, from_start: bool) -> Iterator[tuple[str, int]]:
    """The phrase's tokens and their offsets, from its start or from its end, lazily: the
    name is read from a few tokens next to the verb, and phrases run to 200 characters."""
    if from_start:
        return ((m.group(), m.start()) for m in _TOKEN.finditer(phrase))
    # A token is a maximal run of non-separators, so the reversed phrase's tokens are the
    # phrase's own, reversed and in reverse order.
    size = len(phrase)
    return ((m.group()[::-1], size - m.end()) for m in _TOKEN.finditer(phrase[::-1]))


def _name_from(phrase: str, from_start: bool) -> tuple[str, int] | None:
    """The person's name in a phrase such as 'NATO Secretary General Jens Stoltenberg of ...'.

    Reads the run of capitalised words next to the verb (after it when `from_start`, before
    it otherwise) and drops titles and acronyms in front. Returns (name, offset in phrase).
    """
    run: list[tuple[str, int]] = []
    for token, offset in _tokens(phrase, from_start):
        word = token.rstrip(".’'").removesuffix("’s").removesuffix("'s")
        if word[:1].isupper() or word.lower() in TITLE_WORDS:
            run.append((word, offset))
            if token != word and from_start:
                break  # punctuation ends the name
            continue
        break
    if not from_start:
        run.reverse()
    # Drop titles, acronyms and leading articles; keep the trailing run of name words.
    kept: list[tuple[str, int]] = []
    for position, (word, offset) in enumerate(reversed(run)):
        if position == 0 and _surname_like_title(run):
            kept.append((word, offset))  # "Mervyn King": a title word used as a surname
            continue
        if word.lower() in TITLE_WORDS or (word.isupper() and len(word) > 1):
            if kept:
                break
            continue
        if not word[:1].isupper():
            break
        kept.append((word, offset))
    kept.reverse()
    while kept and kept[0][0].lower() in _LEADING_WORDS:
        kept.pop(0)  # "But Bernie Mandic said": sentence-initial words are not names
    kept = kept[-3:]
    if not kept:
        return None
    start = kept[0][1]
    end = kept[-1][1] + len(kept[-1][0])
    return phrase[start:end], start
