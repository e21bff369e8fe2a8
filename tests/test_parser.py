"""The parser on every supported layout: exact field values and the spans they came from."""

from __future__ import annotations

import datetime as dt

from seedcheck.document import DateOrigin, Document, Field, Layout, LinkKind, SpeakerHow
from seedcheck.parsing import parse
from seedcheck.source import decode_source


def doc_of(text: str) -> Document:
    return parse(decode_source("t.txt", text.encode("utf-8")))


def at(doc: Document, item: Field[str] | None) -> tuple[str, int, int]:
    """(value, line, column) and the check that the span holds the value."""
    assert item is not None
    assert item.span.slice(doc.text) == item.value
    line, column = doc.source.position(item.span.start)
    return item.value, line, column


def test_front_matter() -> None:
    doc = doc_of(
        "---\n"
        'title: "NATO assures Kiev"\n'
        "date: 2021-04-07\n"
        "source: The Moscow Times\n"
        "url: https://www.themoscowtimes.com/2021/04/07/a-1\n"
        "language: en\n"
        "---\n"
        "\n"
        "NATO has assured Kiev of solidarity.\n"
    )
    assert doc.layout is Layout.FRONT_MATTER
    assert at(doc, doc.title) == ("NATO assures Kiev", 2, 9)
    assert doc.date is not None and doc.date.value == dt.date(2021, 4, 7)
    assert doc.date.origin is DateOrigin.FRONT_MATTER
    assert doc.source.position(doc.date.span.start) == (3, 7)
    assert at(doc, doc.outlet) == ("The Moscow Times", 4, 9)
    assert at(doc, doc.source_url) == ("https://www.themoscowtimes.com/2021/04/07/a-1", 5, 6)
    assert at(doc, doc.language) == ("en", 6, 11)
    assert [doc.paragraph_text(p) for p in doc.paragraphs] == [
        "NATO has assured Kiev of solidarity."
    ]


def test_unclosed_front_matter_is_not_metadata() -> None:
    doc = doc_of("---\ntitle: x\n\nbody text without a closing fence\n")
    assert doc.layout is not Layout.FRONT_MATTER
    assert doc.title is None or doc.title.value != "x"


def test_header_block_with_crlf() -> None:
    doc = doc_of(
        "Title: Ad sales boost Time Warner profit\r\n"
        "Date: Tue, 1 Feb 2005\r\n"
        "Source: BBC News\r\n"
        "URL: http://news.bbc.co.uk/1/hi/business/4227.stm\r\n"
        "\r\n"
        "Quarterly profits at US media giant TimeWarner jumped 76%.\r\n"
    )
    assert doc.layout is Layout.HEADER
    assert at(doc, doc.title) == ("Ad sales boost Time Warner profit", 1, 8)
    assert doc.date is not None and doc.date.value == dt.date(2005, 2, 1)
    assert doc.date.raw == "Tue, 1 Feb 2005"
    assert at(doc, doc.outlet) == ("BBC News", 3, 9)
    assert at(doc, doc.source_url) == ("http://news.bbc.co.uk/1/hi/business/4227.stm", 4, 6)
    assert len(doc.paragraphs) == 1
    assert doc.paragraph_text(doc.paragraphs[0]).endswith("jumped 76%.")


def test_markdown_layout_like_seed_000() -> None:
    doc = doc_of(
        "\n\n# Ukraine Urges NATO to Speed Up Membership\n\nBy [AFP](#)\n\nApril 06, 2021\n\n\n\n"
        "Fears have been mounting.\n\n## **Two more soldiers killed**\n\nText.\n\n"
        "Original url:\n\n<https://www.themoscowtimes.com/2021/04/06/ukraine-a73491>"
    )
    assert doc.layout is Layout.MARKDOWN
    assert at(doc, doc.title) == ("Ukraine Urges NATO to Speed Up Membership", 3, 3)
    assert at(doc, doc.byline) == ("AFP", 5, 5)
    assert doc.date is not None and doc.date.value == dt.date(2021, 4, 6)
    assert doc.date.origin is DateOrigin.DATE_LINE
    assert doc.source.position(doc.date.span.start) == (7, 1)
    assert at(doc, doc.source_url) == (
        "https://www.themoscowtimes.com/2021/04/06/ukraine-a73491",
        19,
        2,
    )
    kinds = [(p.kind.value, doc.source.position(p.span.start)[0]) for p in doc.paragraphs]
    assert kinds == [("text", 11), ("heading", 13), ("text", 15)]
    assert [(link.kind, link.text, link.href) for link in doc.links] == [
        (LinkKind.MARKDOWN, "AFP", "#"),
        (LinkKind.ANGLE, None, "https://www.themoscowtimes.com/2021/04/06/ukraine-a73491"),
    ]


def test_dpa_dateline_with_leaked_label() -> None:
    doc = doc_of(" date 2021-04-07 Brussels / Kiev / Moscow (dpa) – In view of new attacks.\n")
    assert doc.layout is Layout.DATELINE
    assert doc.date is not None and doc.date.value == dt.date(2021, 4, 7)
    assert doc.date.origin is DateOrigin.LABEL
    assert doc.date.label_span is not None and doc.date.label_span.slice(doc.text) == "date"
    assert doc.source.position(doc.date.span.start) == (1, 7)
    assert at(doc, doc.dateline) == ("Brussels / Kiev / Moscow", 1, 18)
    assert at(doc, doc.agency) == ("dpa", 1, 44)
    assert doc.title is None


def test_reuters_dateline_without_label() -> None:
    doc = doc_of("LONDON (Reuters) - Shares rose on Monday.\n")
    assert doc.layout is Layout.DATELINE
    assert at(doc, doc.dateline) == ("LONDON", 1, 1)
    assert at(doc, doc.agency) == ("Reuters", 1, 9)
    assert doc.dates == []


def test_bare_layout_title_then_body() -> None:
    doc = doc_of(
        "Ukraine pleads for rapid NATO entry\n\nDefense Secretary Lloyd Austin spoke.\n\n"
        "CLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER\n\nRelated Content"
    )
    assert doc.layout is Layout.BARE
    assert at(doc, doc.title) == ("Ukraine pleads for rapid NATO entry", 1, 1)
    assert doc.dates == [] and doc.source_urls == []
    assert [at(doc, m) for m in doc.outlet_mentions] == [("THE WASHINGTON EXAMINER", 5, 30)]
    assert len(doc.paragraphs) == 3


def test_impossible_date_is_recorded_not_chosen() -> None:
    doc = doc_of("# Title\n\nFebruary 30, 2021\n\nBody.\n")
    assert doc.date is None
    assert len(doc.dates) == 1
    assert doc.dates[0].value is None and doc.dates[0].raw == "February 30, 2021"
    assert doc.dates[0].error == "day is out of range for month"


def test_published_line() -> None:
    doc = doc_of("Some headline\n\nPublished: 6 April 2021\n\nBody text.\n")
    assert doc.date is not None and doc.date.value == dt.date(2021, 4, 6)
    assert doc.date.origin is DateOrigin.PUBLISHED_LINE
    assert doc.date.raw == "6 April 2021"


def test_links_of_every_kind() -> None:
    doc = doc_of(
        "See [the report](https://a.example/r), <https://b.example/x> or https://c.example/y.\n"
    )
    assert [(link.kind, link.href) for link in doc.links] == [
        (LinkKind.MARKDOWN, "https://a.example/r"),
        (LinkKind.ANGLE, "https://b.example/x"),
        (LinkKind.BARE, "https://c.example/y"),
    ]
    for link in doc.links:
        assert link.href_span.slice(doc.text) == link.href


def quotes_of(text: str) -> list[tuple[str, str, str | None, str | None]]:
    doc = doc_of(text)
    return [
        (
            q.text,
            q.open_mark.char + (q.close_mark.char if q.close_mark else ""),
            q.speaker.name if q.speaker else None,
            q.speaker.how.value if q.speaker else None,
        )
        for q in doc.quotes
    ]


def test_quote_styles_and_speakers() -> None:
    text = (
        "Headline\n\n"
        '"Reforms alone will not stop Russia," said Zelenskiy, whose government hopes.\n\n'
        "“We deeply doubt it,” said Kremlin spokesman Dmitri Peskov of Interfax.\n\n"
        "Meanwhile in Berlin and Paris:\n\n"
        "„Wir zweifeln“, sagte er. «Nous doutons», dit-il.\n\n"
        "“What’s important is to de-escalate,” Pentagon spokesman John Kirby said.\n\n"
        "“By dint of the fact,” he added.\n"
    )
    assert quotes_of(text) == [
        ("Reforms alone will not stop Russia,", '""', "Zelenskiy", "said-after"),
        ("We deeply doubt it,", "“”", "Dmitri Peskov", "said-after"),
        ("Wir zweifeln", "„“", None, None),
        ("Nous doutons", "«»", None, None),
        ("What’s important is to de-escalate,", "“”", "John Kirby", "said-after"),
        ("By dint of the fact,", "“”", "John Kirby", "pronoun"),
    ]


def test_multi_paragraph_quote_continues() -> None:
    text = (
        "Headline\n\n"
        "“This is the first paragraph of the statement,\n\n"
        "“and this is the second, which closes,” said Jens Stoltenberg.\n"
    )
    doc = doc_of(text)
    assert len(doc.quotes) == 1
    quote = doc.quotes[0]
    assert len(quote.parts) == 2
    assert quote.text == (
        "This is the first paragraph of the statement, and this is the second, which closes,"
    )
    assert quote.close_mark is not None and quote.close_mark.char == "”"
    assert quote.speaker is not None and quote.speaker.name == "Jens Stoltenberg"


def test_unclosed_quote_not_continued() -> None:
    doc = doc_of("Headline\n\n“This quote never closes.\n\nA new paragraph.\n")
    assert len(doc.quotes) == 1
    assert doc.quotes[0].close_mark is None
    assert doc.quotes[0].text == "This quote never closes."


def test_nested_single_quotes() -> None:
    doc = doc_of("Headline\n\n“He told me ‘never again’ and left,” she said.\n")
    nested = [q for q in doc.quotes if q.nested]
    assert [q.text for q in nested] == ["never again"]
    assert [q.text for q in doc.quotes if not q.nested] == ["He told me ‘never again’ and left,"]


def test_continued_speaker_and_according_to() -> None:
    text = (
        "Headline\n\n"
        '"We very much doubt it," Peskov said. "It will only worsen the situation."\n\n'
        '"Prices will rise," according to Jane Smith of the bank.\n'
    )
    assert quotes_of(text) == [
        ("We very much doubt it,", '""', "Peskov", "said-after"),
        ("It will only worsen the situation.", '""', "Peskov", "continued"),
        ("Prices will rise,", '""', "Jane Smith", "according-to"),
    ]


def test_scare_quotes_get_no_speaker() -> None:
    text = "Headline\n\nZelensky sees it as the “only way” to peace, aides said.\n"
    assert quotes_of(text)[0][2] is None


def test_speaker_span_points_at_name() -> None:
    doc = doc_of('Headline\n\n"It is over," said Jane Smith.\n')
    speaker = doc.quotes[0].speaker
    assert speaker is not None and speaker.span is not None
    assert speaker.span.slice(doc.text) == "Jane Smith"
    assert speaker.how is SpeakerHow.SAID_AFTER


def test_speaker_names_from_real_bbc_shapes() -> None:
    text = (
        "Headline\n\n"
        'Bank of England governor Mervyn King said the economy had hit a "softer patch".\n\n'
        'But Bernie Mandic said: "He has had scans which show nothing."\n\n'
        'She said: "These events are a great opportunity."\n'
    )
    got = [(q[2], q[3]) for q in quotes_of(text)]
    assert got == [
        ("Mervyn King", "said-before"),
        ("Bernie Mandic", "said-before"),
        ("Bernie Mandic", "pronoun"),
    ]


def test_flattened_paragraph_break_reopens_the_same_quote() -> None:
    # BBC text lost its paragraph breaks: the second mark re-opens, it does not close.
    text = (
        'Headline\n\nSir John Bourn said: "Literacy will benefit England. '
        '"More people will live richer lives." In 2001, the scheme began.\n'
    )
    doc = doc_of(text)
    assert [q.text for q in doc.quotes] == [
        "Literacy will benefit England. More people will live richer lives."
    ]
    assert len(doc.quotes[0].parts) == 2


def test_sentence_starting_with_by_is_not_a_byline() -> None:
    doc = doc_of("Headline\n\nBy any measure, the economy grew faster than expected last year.\n")
    assert doc.byline is None
    assert len(doc.paragraphs) == 1
    doc = doc_of("Headline\n\nBy Jane Smith, BBC News\n\nThe economy grew.\n")
    assert at(doc, doc.byline) == ("Jane Smith, BBC News", 3, 4)


def test_read_more_link_is_residue_not_the_source_url() -> None:
    doc = doc_of("Headline\n\nBody text.\n\nREAD MORE: https://www.example.com/other-story\n")
    assert doc.source_urls == []
    assert len(doc.paragraphs) == 2
