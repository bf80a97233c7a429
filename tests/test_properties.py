"""Property test: any Unicode text parses into in-bounds, matching offsets or a documented error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rhetoric
from rhetoric.errors import RhetoricError

from .conftest import compact_processors, shared

pieces = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["", " ", "\n\n", "\t\r\n", "\x00\x01\x1b\x7f", "\u200b\u200e\u202e", "\ufeff"]),
    st.sampled_from(["We don't.", "Dr. Smith said so.", "שלום עולם.", "مرحبا بالعالم.", "👍🏽 😀 👨‍👩‍👧"]),
    st.builds(lambda c, n: c * n, st.characters(), st.integers(1, 10_000)),
)
texts = st.lists(pieces, max_size=4).map(" ".join)


@pytest.fixture(scope="module")
def model():
    """The compact tokenizer when installed, else Stanford's from ../shared."""
    if "tokenize" in compact_processors():
        yield {"model": "compact", "processors": "tokenize,mwt"}
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STANZA_RESOURCES_DIR", str(shared("stanza_resources")))
        yield {"model": "stanza:default", "processors": "tokenize,mwt"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_parse_gives_matching_offsets_or_a_documented_error(model, text):
    try:
        doc = rhetoric.parse(text, **model)
    except RhetoricError:
        return
    assert doc.text == text
    for sentence in doc.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(text)
        for word in sentence.words:
            assert 0 <= word.start <= word.end <= len(text)
            mwt = next((m for m in sentence.mwts if (m.first, m.last) == word.mwt), None)
            assert text[word.start:word.end] == word.text or (mwt and (word.start, word.end) == (mwt.start, mwt.end))
