"""TEI export and import: schema validity (ours and tei_all), losslessness, hostile input."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import rhetoric
from rhetoric.inputs import write_atomic
from rhetoric.cli import main
from rhetoric.errors import InputError
from rhetoric.rules import tag
from rhetoric.tei import read_tei, to_tei, validate_tei

from .conftest import SHARED, compact_processors, shared


@pytest.fixture(scope="session")
def tei_all():
    """TEI P5 tei_all, compiled once per test session (it takes seconds)."""
    path = SHARED / "schemas" / "tei_all.rng"
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    return etree.RelaxNG(etree.parse(str(path)))


@pytest.fixture(scope="module")
def model():
    """The full compact pipeline when installed, else Stanford's tokenizer from ../shared."""
    if {"tokenize", "mwt", "pos", "lemma", "depparse"} <= set(compact_processors()):
        yield {"model": "compact"}
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STANZA_RESOURCES_DIR", str(shared("stanza_resources")))
        yield {"model": "stanza:default", "processors": "tokenize,mwt"}


@pytest.fixture(scope="module")
def gold_docs():
    """GUM documents with gold trees and their moves, so stand-off is exercised without a model."""
    return [tag(d) for f in sorted(shared("gold", "gum", "dev").glob("*.conllu"))[:4]
            for d in rhetoric.read_conllu(f)]


def annotated(text: str, model: dict) -> rhetoric.Document:
    doc = rhetoric.parse(text, **model)
    return tag(doc) if model["model"] == "compact" else doc


@pytest.mark.parametrize("inline", [False, True])
def test_seed_validates_against_our_schema_and_tei_all(seed_text, model, tei_all, inline):
    doc = annotated(seed_text, model)
    xml = to_tei(doc, inline_moves=inline)
    assert validate_tei(xml) == []
    root = etree.fromstring(xml)
    assert tei_all.validate(root), tei_all.error_log
    assert read_tei(xml) == doc


@pytest.mark.parametrize("inline", [False, True])
def test_moves_validate_and_every_pointer_resolves(gold_docs, tei_all, inline):
    assert sum(len(d.moves) for d in gold_docs) > 20
    for doc in gold_docs:
        xml = to_tei(doc, inline_moves=inline)
        assert validate_tei(xml) == []
        assert tei_all.validate(etree.fromstring(xml)), tei_all.error_log
        assert read_tei(xml) == doc
    assert b"<seg " in to_tei(gold_docs[0], inline_moves=True) or not inline


def test_body_text_is_the_source_text(seed_text, model):
    xml = to_tei(annotated(seed_text, model))
    body = etree.fromstring(xml).find(".//{http://www.tei-c.org/ns/1.0}body")
    assert "".join(body.itertext()) == seed_text


def test_header_records_metadata_models_and_rule_sets(gold_docs):
    import attrs

    doc = attrs.evolve(gold_docs[0], stanza_version="1.15.0", meta=rhetoric.Metadata(
        title="A title", author="An Author", date="2011-06-14", source="https://example.org/a", file="a.txt",
        extra=(("publisher", "Someone"),)))
    xml = to_tei(doc).decode()
    for fragment in ['<title>A title</title>', '<author>An Author</author>', '<date>2011-06-14</date>',
                     '<ptr target="https://example.org/a"/>', '<application ident="stanza" version="1.15.0"',
                     '<category xml:id="rm.hedge">', 'ident="rules-hedges"', '<desc type="sha256">']:
        assert fragment in xml
    again = read_tei(xml.encode())
    assert again.meta == doc.meta and again.stanza_version == "1.15.0"


def test_output_is_byte_identical_and_written_atomically(tmp_path, gold_docs):
    assert to_tei(gold_docs[1]) == to_tei(gold_docs[1])
    conllu = tmp_path / "doc.conllu"
    write_atomic(conllu, rhetoric.to_conllu(gold_docs[1]))
    for run in ("a", "b"):
        assert main(["annotate", str(conllu), "--format", "tei", "-o", str(tmp_path / run)]) == 0
    assert (tmp_path / "a" / "doc.xml").read_bytes() == (tmp_path / "b" / "doc.xml").read_bytes()
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [".rhetoric", "doc.xml"]  # no temporary files


def test_every_ewt_dev_document_round_trips():
    """Many documents through TEI and back: EWT dev's gold parses, tagged with the built-in rules."""
    docs = rhetoric.read_conllu(shared("ud", "en_ewt", "en_ewt-ud-dev.conllu"))
    assert len(docs) > 50
    matcher = rhetoric.rules.Matcher(rhetoric.load_rules())
    for doc in docs:
        doc = tag(doc, matcher)
        assert read_tei(to_tei(doc)) == doc


@pytest.mark.parametrize("text", ['" \x1b\'ß Y', "0\x1b\x1b'ß Y"])
def test_a_multi_word_token_that_opens_with_a_forbidden_character(model, text):
    """Found by the property test below: the tokenizer makes one token of two words of
    "\x1b'ß", whose <w> then opens with a <g> before its inner words."""
    doc = annotated(text, model)
    assert read_tei(to_tei(doc)) == doc


def test_a_quote_that_ends_inside_a_token_round_trips(model):
    """Found by the property test below: the tokenizer glues the closing "»" to the next
    character ('" »0 said.'), so the quote ends inside a word; a relation's roles are whole
    words, as TEI writes them."""
    doc = annotated('" »0 said.', model)
    assert doc.attributions and read_tei(to_tei(doc)) == doc


texts = st.lists(st.one_of(
    st.text(max_size=40),
    st.sampled_from(["\x00", "\x0b", "\x1f", "\ufffe", "\uffff", "\x7f", "We don't.", "\n\n", "Dr. No said ok.", "\\u000b"]),
), min_size=1, max_size=6).map(" ".join)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_round_trip_of_generated_texts(model, text):
    doc = annotated(text, model)
    assert read_tei(to_tei(doc)) == doc


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div><p>&lol3;</p></div></body></text></TEI>"""


def test_hostile_xml_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    external = (f'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file://{secret}">]>'
                '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div><p>&x;</p></div></body></text></TEI>').encode()
    network = (b'<?xml version="1.0"?><!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd">'
               b'<TEI xmlns="http://www.tei-c.org/ns/1.0"/>')
    for data in (BILLION_LAUGHS, external, network):
        with pytest.raises(InputError, match="DOCTYPE or entities") as error:
            read_tei(data)
        assert "TOP-SECRET" not in str(error.value) and "lol" not in str(error.value)
        with pytest.raises(InputError):
            validate_tei(data)


def test_validate_reports_problems_with_lines(tmp_path, gold_docs, capsys):
    xml = to_tei(gold_docs[0]).decode()
    broken = re.sub(r'from="#s\d+\.t\d+"', 'from="#s999.t1"', xml, count=1)
    broken = broken.replace('<w xml:id="s1.t1" lemma=', '<w xml:id="s1.t1" lemmax="x" lemma=', 1)
    path = tmp_path / "broken.xml"
    path.write_text(broken, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any("#s999.t1 points at no element" in line for line in out)
    assert any(re.match(rf"{re.escape(str(path))}:\d+: .*lemmax", line) for line in out)
    good = tmp_path / "good.xml"
    good.write_bytes(to_tei(gold_docs[0]))
    assert main(["validate", str(good)]) == 0


def test_conllu_carries_moves_and_reads_them_back(gold_docs):
    doc = gold_docs[0]
    text = rhetoric.to_conllu(doc)
    assert "Move=" in text and "# rhetoric_move = " in text
    assert rhetoric.read_conllu(text, text=doc.text, meta=doc.meta)[0] == doc


def test_vertical_format_nests_structures(gold_docs):
    from rhetoric.formats.vertical import to_vertical

    doc = gold_docs[0]
    lines = to_vertical(doc).splitlines()
    depth = 0
    for line in lines:
        if line.startswith("<move"):
            depth += 1
        elif line == "</move>":
            depth -= 1
        assert depth >= 0
    assert depth == 0
    tokens = [line for line in lines if not line.startswith("<")]
    assert len(tokens) == doc.word_count
    assert sum(line.startswith("<move") for line in lines) > 0
    assert lines[0].startswith("<doc ") and lines[-1] == "</doc>"
