"""seedcheck.detector's ArrayDetector against langdetect's own Detector: the same languages
with the same probabilities, bit for bit, whatever the text, smoothing or prior."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from langdetect.detector import Detector

from seedcheck.detector import ArrayDetector
from seedcheck.language import _factory
from tests.test_language import _SAMPLES

# Sentences of the kind the prefilter leaves to langdetect: short, name-heavy, mixed.
_SENTENCES = [
    "Kenteris and Thanou were suspended by the IAAF after missing the tests in Athens.",
    "Nick van den Brul of BNP Paribas said the results were ahead of expectations.",
    "Rossi, Bianchi e Verdi hanno detto che la partita era finita.",
    "Die Allianz stehe fest an der Seite der Ukraine, sagte Stoltenberg nach dem Telefonat.",
    "O governo anunciou na terça-feira um novo pacote de medidas económicas para o país.",
    "Wenger: 'Arsenal must win at Highbury' - Henry, Pires, Vieira, Cole and Campbell.",
]
_ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ äöüßéèçñąęłśżğış абвгд東京 .,'"
texts = (
    st.sampled_from(_SAMPLES + _SENTENCES)
    | st.text(alphabet=st.sampled_from(_ALPHABET), max_size=400)
    | st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=4).map(" ".join)
)


def _answer(detector_class: type[Any], text: str, alpha: float | None, prior: Any) -> Any:
    from langdetect.lang_detect_exception import LangDetectException

    detector = detector_class(_factory())
    if alpha is not None:
        detector.set_alpha(alpha)
    if prior is not None:
        detector.set_prior_map(prior)
    detector.append(text)
    try:
        return [(str(p.lang), p.prob) for p in detector.get_probabilities()]
    except LangDetectException as error:
        return f"error: {error.code}"


@given(
    texts,
    st.none() | st.floats(min_value=0.01, max_value=2.0),
    st.none() | st.dictionaries(st.sampled_from(["en", "de", "fr", "it", "ru"]),
                                st.floats(min_value=0.01, max_value=1.0), min_size=1),
)  # fmt: skip
@settings(max_examples=300, deadline=None)
def test_array_detector_gives_langdetects_probabilities_exactly(
    text: str, alpha: float | None, prior: dict[str, float] | None
) -> None:
    assert _answer(ArrayDetector, text, alpha, prior) == _answer(Detector, text, alpha, prior)


@pytest.mark.parametrize("text", _SENTENCES)
def test_array_detector_on_sentences_the_prefilter_leaves(text: str) -> None:
    expected = _answer(Detector, text, None, None)
    assert isinstance(expected, list) and expected  # a real detection, compared in full
    assert _answer(ArrayDetector, text, None, None) == expected


def test_a_walk_that_never_converges_stops_at_langdetects_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the threshold out of reach every walk runs to ITERATION_LIMIT (made small, so
    that the walks end far from certainty): the number of steps, and so of random draws,
    must be langdetect's."""
    for detector_class in (Detector, ArrayDetector):
        monkeypatch.setattr(detector_class, "CONV_THRESHOLD", 2.0)
        monkeypatch.setattr(detector_class, "ITERATION_LIMIT", 10)
    text = _SENTENCES[0]
    assert _answer(ArrayDetector, text, None, None) == _answer(Detector, text, None, None)


def test_the_seeded_factory_makes_array_detectors_where_numpy_is_loaded() -> None:
    assert isinstance(_factory().create(), ArrayDetector)


def test_without_numpy_the_factory_makes_langdetects_detector_and_imports_no_numpy() -> None:
    """A one-file run that asks langdetect does not import numpy (about 0.08 s) for it; a
    parallel run's warm-up (`load_langdetect`) loads the array detector."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from seedcheck.language import _factory, _langdetect_probability, load_langdetect\n"
        "assert _langdetect_probability('rossi bianchi e verdi hanno detto')[0] == 'it'\n"
        "print(type(_factory().create()).__name__, 'numpy' in sys.modules)\n"
        "load_langdetect()\n"
        "print(type(_factory().create()).__name__, 'numpy' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.split("\n")[:2] == ["Detector False", "ArrayDetector True"]
