"""langdetect's Detector with its random trials computed on numpy arrays.

langdetect estimates a text's language by seven random walks over the text's n-grams: each
step multiplies 55 language probabilities by the n-gram's, one Python multiplication at a
time, and every fifth step normalises them. That loop was most of the time of a sentence's
detection (about 5 ms). Here each run of steps between two normalisations is one gather
and one product over an array, with the same random draws, the same operations in the same
order and therefore the same bits: the probabilities, and so every verdict, are
langdetect's own (tests/test_detector.py checks them against langdetect's Detector).

Imported only when the function-word prefilter cannot settle a text (seedcheck.language).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from langdetect.detector import Detector
from langdetect.lang_detect_exception import ErrorCode, LangDetectException

# langdetect normalises after the first step and after every fifth one from then on.
_STEPS_PER_NORMALISATION = 5


class ArrayDetector(Detector):  # type: ignore[misc]
    """A `Detector` whose `_detect_block` works on arrays; everything else is langdetect's."""

    def _detect_block(self) -> None:
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        # Each distinct n-gram's row of probabilities, and the n-grams as row numbers: the
        # random draws pick positions in the list, whatever its items are.
        rows: dict[str, int] = {}
        picks = [rows.setdefault(ngram, len(rows)) for ngram in ngrams]
        table = np.array([self.word_lang_prob_map[ngram] for ngram in rows], dtype=np.float64)
        total = np.zeros(len(self.langlist))
        self.random.seed(self.seed)
        for _ in range(self.n_trial):
            prob = np.array(self._init_probability(), dtype=np.float64)
            alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            prob = self._trial(prob, table, picks, alpha / self.BASE_FREQ)
            total += prob / self.n_trial
        self.langprob = total.tolist()

    def _trial(self, prob: Any, table: Any, picks: list[int], weight: float) -> Any:
        """One random walk, as langdetect's loop: step i = 0, 1, 2, ... multiplies `prob`
        by `weight` + the drawn n-gram's row; after steps 0, 5, 10, ... `prob` is
        normalised, and the walk ends when its largest value passes CONV_THRESHOLD or
        the step was the ITERATION_LIMIT-th."""
        choice = self.random.choice
        step = 0  # the next step's number
        while True:
            last = step if step == 0 else step + _STEPS_PER_NORMALISATION - 1
            drawn = [choice(picks) for _ in range(last - step + 1)]
            # Row by row, in order: multiply.reduce along the first axis multiplies the
            # accumulated row by each next one, as langdetect's steps do.
            factors = np.empty((len(drawn) + 1, prob.shape[0]))
            factors[0] = prob
            np.add(table[drawn], weight, out=factors[1:])
            prob = np.multiply.reduce(factors, axis=0)
            # langdetect's sum is Python's, over the values in order (not numpy's pairwise).
            prob = prob / sum(prob.tolist())
            if prob.max() > self.CONV_THRESHOLD or last >= self.ITERATION_LIMIT:
                return prob
            step = last + 1
