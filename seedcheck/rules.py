"""How a rule is declared. Rules live in `checks/<family>/<rule>.py` and are listed in
`checks/registry.py`; this module only defines their shape.

A rule's class docstring is its documentation, in three sections:
*What it does*, *Why it matters*, *Example* (`seedcheck rules ID` prints it).
"""

from __future__ import annotations

import inspect
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from seedcheck.document import Document
from seedcheck.model import Family, Hit, Severity

DOC_SECTIONS = ("What it does", "Why it matters", "Example")


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What a rule may know besides the document: its options and the run's settings."""

    options: Mapping[str, Any]
    languages: tuple[str, ...] = ("en",)
    today: Any = None  # datetime.date; injected so that runs are reproducible in tests

    def option(self, name: str) -> Any:
        return self.options[name]


@dataclass(frozen=True, slots=True)
class CorpusContext(RuleContext):
    """Context of a corpus rule: `targets` are the files being checked (others are reference).

    `shared` is one dict for all corpus rules of one run, dropped when they are done: rules
    that read the same derived data (the quote index) build it once there, and it does not
    outlive the cross-file stage (at 100,000 documents it holds gigabytes).
    """

    targets: frozenset[str] = field(default_factory=frozenset)
    shared: dict[Any, Any] = field(default_factory=dict, compare=False)
    # Per-document data computed where the documents were parsed (`CorpusRule.feature_key`):
    # by path, then by feature key. Documents missing here are computed by the rule. A rule
    # that has built what it needs from its key's data may remove the key (it is large).
    features: Mapping[str, Mapping[Hashable, Any]] = field(default_factory=dict, compare=False)
    # By feature key: what an engine already derived from the features (pairs it found and
    # verified itself, as the Spark engine does); the rule defines what it is.
    links: Mapping[Hashable, Any] = field(default_factory=dict, compare=False)


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    family: ClassVar[Family]
    severity: ClassVar[Severity]
    # Option names and defaults; users override them under [tool.seedcheck.rules.<code|name>].
    options: ClassVar[Mapping[str, Any]] = {}
    # False for rules about the file itself (binary, not UTF-8...) that run on any input.
    needs_text: ClassVar[bool] = True
    # Modules slow to import that the rule imports on first use (ftfy, numpy). A parallel
    # run imports them, and runs `warm_up`, in the driver before it forks its workers,
    # which then inherit them instead of each importing its own copy.
    warm_modules: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def warm_up(cls) -> None:
        """Load what the rule loads on first use: `warm_modules` (override for more)."""
        import importlib

        for module in cls.warm_modules:
            importlib.import_module(module)

    @classmethod
    def docs(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """First sentence of *What it does* (a period inside `code` or brackets does not count)."""
        doc = cls.docs()
        marker = "## What it does"
        body = doc.split(marker, 1)[1] if marker in doc else doc
        body = body.split("\n## ", 1)[0]
        text = " ".join(line.strip() for line in body.splitlines() if line.strip())
        depth, in_code = 0, False
        for index, char in enumerate(text):
            if char == "`":
                in_code = not in_code
            elif not in_code and char in "([":
                depth += 1
            elif not in_code and char in ")]":
                depth = max(0, depth - 1)
            elif (
                char == "."
                and not in_code
                and depth == 0
                and text[index + 1 : index + 2] in (" ", "")
            ):
                return text[: index + 1]
        return text.rstrip(".") + "."

    @classmethod
    def kind(cls) -> str:
        return "corpus" if issubclass(cls, CorpusRule) else "document"


class DocumentRule(Rule):
    """A rule that looks at one document at a time."""

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        raise NotImplementedError


class CorpusRule(Rule):
    """A rule that sees every document of the run (targets and reference corpus)."""

    # True when `check_corpus` reads only what `Document.for_corpus` keeps (text and lines,
    # title, body, paragraphs, quotes, `source.digest()`): the run then holds those lighter
    # copies. A run keeps full documents as soon as one selected corpus rule needs them.
    slim_documents: ClassVar[bool] = False
    # Fewer documents with text than this and the rule cannot find anything (a pair needs
    # two): the run skips it, and with it the cost of its index (one seed in a commit hook).
    min_documents: ClassVar[int] = 1

    def feature_key(self, options: Mapping[str, Any]) -> Hashable | None:
        """Rules whose corpus stage starts from per-document data (hashes, shingles) name it
        here, so that engines compute it beside the per-document rules, in parallel, once
        for all rules with the same key; None (the default) when there is none."""
        return None

    def document_features(self, doc: Document, options: Mapping[str, Any]) -> Any:
        """The data named by `feature_key(options)` for one document (picklable)."""
        raise NotImplementedError

    def check_corpus(
        self, docs: Sequence[Document], ctx: CorpusContext
    ) -> Iterator[tuple[Document, Hit]]:
        raise NotImplementedError
