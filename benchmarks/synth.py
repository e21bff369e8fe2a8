"""Deterministic synthetic corpora made from real BBC articles, with controlled edits.

    python -m benchmarks.synth N OUT_DIR [--seed S] [--source BBC_DIR]

Document i depends only on (seed, i), so any corpus size is reproducible and a 100k corpus
is its 10k corpus plus 90k more documents. Each document is one of:

- a byte-identical copy of an earlier document (1%);
- a near copy of an earlier document: one paragraph dropped or one added (1%);
- a fresh document (98%): the paragraphs of a base article, often with one or two
  paragraphs of another article mixed in, then edited: word substitutions, sentences
  shuffled inside paragraphs, a quoted paragraph repeated (within-file duplicate quote),
  a quoted paragraph injected from another article (cross-file quote), the speaker of a
  quote renamed (misattribution), a synonym swapped inside a quote (divergent rendering).

Files are written as OUT/ddd/nnnnnn.txt (1,000 per folder). Write under /tmp and delete
large corpora after measuring.
"""

from __future__ import annotations

import argparse
import random
import re
from functools import lru_cache
from pathlib import Path

SYNONYMS = {
    "said": "stated",
    "government": "administration",
    "company": "firm",
    "expected": "forecast",
    "increase": "rise",
    "people": "persons",
    "important": "significant",
    "problem": "issue",
    "think": "believe",
    "big": "large",
    "very": "really",
    "help": "assist",
    "major": "key",
    "told": "informed",
    "new": "fresh",
}
SURNAMES = ["Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans", "Thomas", "Roberts"]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_SAID = re.compile(r"\b(said|says|told)\s+(?:Mr |Ms |Mrs |Dr )?([A-Z][a-z]{2,20})")


class Synth:
    def __init__(self, source: Path, seed: int) -> None:
        self.seed = seed
        self.articles = [_read(p) for p in sorted(source.rglob("*.txt"))]
        self.articles = [a for a in self.articles if a[1]]
        self.quoted = [
            (i, j)
            for i, (_, paragraphs) in enumerate(self.articles)
            for j, paragraph in enumerate(paragraphs)
            if '"' in paragraph
        ]
        self.make = lru_cache(maxsize=4096)(self._make)

    def _make(self, i: int) -> str:
        rng = random.Random(f"{self.seed}:{i}")
        roll = rng.random()
        if i > 0 and roll < 0.01:
            return self.make(rng.randrange(i))
        if i > 0 and roll < 0.02:
            title, _, body = self.make(rng.randrange(i)).partition("\n\n")
            paragraphs = body.rstrip("\n").split("\n\n")
            if len(paragraphs) > 3 and rng.random() < 0.5:
                del paragraphs[rng.randrange(1, len(paragraphs))]
            else:
                paragraphs.append(rng.choice(rng.choice(self.articles)[1]))
            return _render(title, paragraphs)
        title, base = self.articles[rng.randrange(len(self.articles))]
        paragraphs = list(base)
        if rng.random() < 0.6:
            other = rng.choice(self.articles)[1]
            for _ in range(rng.randint(1, 2)):
                paragraphs.insert(rng.randrange(len(paragraphs) + 1), rng.choice(other))
        paragraphs = [self._edit(rng, p) for p in paragraphs]
        quoted = [k for k, p in enumerate(paragraphs) if '"' in p]
        if quoted and rng.random() < 0.05:
            paragraphs.append(paragraphs[rng.choice(quoted)])
        if rng.random() < 0.1:
            a, p = rng.choice(self.quoted)
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), self.articles[a][1][p])
        return _render(title, paragraphs)

    def _edit(self, rng: random.Random, paragraph: str) -> str:
        if rng.random() < 0.3:
            words = paragraph.split(" ")
            k = rng.randrange(len(words))
            swap = SYNONYMS.get(words[k].lower())
            if swap:
                words[k] = swap
            elif len(words) > 1:
                words[k] = words[rng.randrange(len(words))]
            paragraph = " ".join(words)
        if rng.random() < 0.2:
            sentences = _SENTENCE.split(paragraph)
            rng.shuffle(sentences)
            paragraph = " ".join(sentences)
        if '"' in paragraph and rng.random() < 0.05:
            paragraph = _SAID.sub(lambda m: f"{m.group(1)} {rng.choice(SURNAMES)}", paragraph, 1)
        return paragraph


def _read(path: Path) -> tuple[str, list[str]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    lines = [ln.strip() for ln in text.splitlines()]
    title = lines[0] if lines else ""
    return title, [ln for ln in lines[1:] if ln]


def _render(title: str, paragraphs: list[str]) -> str:
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(source: Path, out: Path, n: int, seed: int = 0) -> None:
    """Write n synthetic documents made from the articles under `source` into `out`."""
    synth = Synth(source, seed)
    for i in range(n):
        folder = out / f"{i // 1000:03d}"
        if i % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:06d}.txt").write_text(synth.make(i), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "bbc"
    parser.add_argument("--source", type=Path, default=default)
    args = parser.parse_args(argv)
    generate(args.source, args.out, args.n, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
