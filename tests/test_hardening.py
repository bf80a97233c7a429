"""Hostile and unlucky input: every reader gives a document or one clear error, nothing hangs,
nothing blows up, nothing is silently wrong.  Each test builds its own small hostile input."""

import json
import os
import resource
import signal
import stat
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rhetoric
from rhetoric.cli import main
from rhetoric.document import MAX_DEPTH, MAX_SENTENCE_WORDS, Sentence, Word, tree_depths
from rhetoric.errors import ConlluError, DocumentError, InputError, RhetoricError, RuleError, UsageError
from rhetoric.parsing import MAX_WORDS, ParseCache
from rhetoric.parsing.limits import pieces
from rhetoric.rules.loader import load_ruleset

from .conftest import ROOT, shared

GOOD = "1\tWe\twe\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tact\tact\tVERB\tVBP\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n"


def conllu(rows: list[str]) -> str:
    return "\n".join(rows) + "\n\n"


ROW = "{id}\t{form}\t{form}\tX\tX\t_\t{head}\tdep\t_\t_"


def tree(*heads: str) -> str:
    return conllu([ROW.format(id=n, form=f"w{n}", head=h) for n, h in enumerate(heads, 1)])


# 1. one long sentence: memory stays flat ------------------------------------------------------------------

def test_long_sentences_are_cut_into_pieces_at_a_break_or_the_limit():
    tokens = [{"id": i, "text": "," if i == 200 else "w"} for i in range(1, 601)]
    out, marks = pieces([tokens])
    assert [len(p) for p in out] == [200, 250, 150] and marks == {0, 1}
    assert [t["id"] for t in out[1]][:2] == [1, 2]
    mwt = [{"id": (1, 2), "text": "don't"}, {"id": 1, "text": "do"}, {"id": 2, "text": "n't"}, {"id": 3, "text": "x"}]
    out, marks = pieces([mwt], limit=1)
    assert out == [[{"id": (1, 2), "text": "don't"}, {"id": 1, "text": "do"}, {"id": 2, "text": "n't"}],
                   [{"id": 1, "text": "x"}]] and marks == {0}


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads VmHWM from /proc")
def test_an_unpunctuated_20000_character_line_parses_in_flat_memory(tmp_path, compact):
    words = ["the", "people", "think", "that", "we", "will", "go", "there", "and", "it", "is", "good"]
    line = " ".join(words[i * 7 % len(words)] for i in range(5000))[:20_000]
    assert len(line) == 20_000
    (tmp_path / "line.txt").write_text(line, encoding="utf-8")
    # VmHWM, the peak resident memory of this process's own address space: ru_maxrss would also
    # count the memory of the pytest process it was forked from
    code = ("import json, re, sys, rhetoric;"
            "doc = rhetoric.parse(open(sys.argv[1], encoding='utf-8').read());"
            "peak = int(re.search(r'VmHWM:\\s+(\\d+) kB', open('/proc/self/status').read()).group(1));"
            "print(json.dumps([max(len(s.words) for s in doc.sentences), sum(s.cut for s in doc.sentences), peak]))")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "line.txt")], capture_output=True,
                            text=True, check=True)
    longest, cut, peak_kb = json.loads(result.stdout)
    assert longest <= MAX_WORDS and cut >= 1
    assert peak_kb < 1.5 * 1024 * 1024, f"peak resident memory {peak_kb / 1024:.0f} MB"


# 2 and 12. CoNLL-U: ids, ranges and trees are checked, each error with its line ---------------------------

@pytest.mark.parametrize("text, line, problem", [
    (conllu(["2-1\tab\t_\t_\t_\t_\t_\t_\t_\t_", ROW.format(id=1, form="a", head=0),
             ROW.format(id=2, form="b", head=1)]), 1, "must start at word 1 and end after it"),
    (conllu(["1-x\tab\t_\t_\t_\t_\t_\t_\t_\t_", ROW.format(id=1, form="a", head=0)]), 1, "a multi-word range N-M"),
    (conllu([ROW.format(id=1, form="a", head=0), "1-3\tab\t_\t_\t_\t_\t_\t_\t_\t_"]), 2, "must start at word 2"),
    (tree("0", "3", "2"), 2, "cycle of heads"),
    (tree("0", "3", "4", "2"), 2, "word 2 is in a cycle of heads"),
    (tree(*(str(n) for n in range(MAX_DEPTH + 1))), MAX_DEPTH + 1, f"lies {MAX_DEPTH + 1} levels deep"),
    (tree(*["0"] + ["1"] * MAX_SENTENCE_WORDS), MAX_SENTENCE_WORDS + 1, "has 1,001 words; expected at most 1,000"),
    (tree("0", "2"), 2, "is its own head"),
    (tree("0", "0"), 2, "exactly one root"),
    (tree("0", "-1"), 2, "expected a HEAD from 0 to 2"),
    (tree("0", "7"), 2, "expected a HEAD from 0 to 2"),
    (conllu([ROW.format(id=1, form="a", head=0), ROW.format(id=3, form="b", head=1)]), 2, "expected word id 2"),
    ("# rhetoric_move = {not json\n" + GOOD, 1, "a damaged # rhetoric_move comment"),
    ('# rhetoric_move = {"category": "claim", "words": [[0, 9]], "cues": [], "rule": "r", "ruleset": "s", '
     '"confidence": 1}\n' + GOOD, 1, "does not exist"),
])
def test_conllu_errors_name_the_line(text, line, problem):
    with pytest.raises(ConlluError) as error:
        rhetoric.read_conllu(text)
    assert error.value.line == line and problem in str(error.value)


def test_tree_depths_take_one_step_per_word_and_find_cycles():
    assert tree_depths([0, 1, 2, 1, None]) == [1, 2, 3, 2, 1]
    chain = list(range(200_000))  # word n+1 hangs from word n: checking it once took 2 * 10^10 steps
    assert tree_depths(chain)[-1] == 200_000
    with pytest.raises(ValueError) as error:
        tree_depths([0, 3, 4, 2])
    assert error.value.args == (2,)


def test_a_sentence_too_long_or_too_deep_is_a_document_error():
    def sentence(heads: list[int]) -> Sentence:
        words = tuple(Word(id=n, text="w", lemma=None, upos=None, xpos=None, feats=None, head=h, deprel=None,
                           start=2 * n - 2, end=2 * n - 1) for n, h in enumerate(heads, 1))
        return Sentence(index=0, start=0, end=2 * len(heads) - 1, text=" ".join("w" * len(heads)), words=words)

    assert len(sentence(list(range(MAX_DEPTH))).words) == MAX_DEPTH
    with pytest.raises(DocumentError, match=f"its tree is {MAX_DEPTH + 1} levels deep"):
        sentence(list(range(MAX_DEPTH + 1)))
    with pytest.raises(DocumentError, match="has 1,001 words"):
        sentence([0] + [1] * MAX_SENTENCE_WORDS)


def test_a_latin1_or_binary_conllu_file_is_refused_in_one_line(tmp_path):
    (tmp_path / "latin1.conllu").write_bytes(GOOD.replace("We", "W\xe9").encode("latin-1"))
    (tmp_path / "nul.conllu").write_bytes(GOOD.encode() + b"\x00")
    with pytest.raises(InputError, match="invalid UTF-8 at byte 3"):
        rhetoric.read_conllu(tmp_path / "latin1.conllu")
    with pytest.raises(InputError, match="binary data"):
        rhetoric.read_conllu(tmp_path / "nul.conllu")


# 3. a cache entry cut short is parsed again ------------------------------------------------------------------

def test_a_cache_entry_cut_at_a_sentence_boundary_is_parsed_again(tmp_path, official):
    text = "One sentence here. Another one there. And a third.\n\nA new paragraph."
    cache = ParseCache(tmp_path)
    full = rhetoric.parse(text, cache=cache, **official)
    entry = cache.path(text, full.fingerprint)
    content = entry.read_text(encoding="utf-8")
    cut = content[:content.index("# sent_id = 2")]  # ends after a whole sentence
    entry.write_text(cut, encoding="utf-8")
    assert cache.get(text, full.fingerprint) is None
    again = rhetoric.parse(text, cache=cache, **official)
    assert again == full and len(again.sentences) == len(full.sentences) > 2
    assert cache.get(text, full.fingerprint) == full  # written again, whole


# 4. one bad file never stops a run ---------------------------------------------------------------------------

@pytest.mark.parametrize("workers", [[], ["--workers", "1"]])
def test_a_malformed_conllu_among_good_files_is_reported_and_the_others_written(tmp_path, capsys, workers):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.conllu", "c.conllu"):
        (folder / name).write_text(GOOD, encoding="utf-8")
    (folder / "b.conllu").write_text("# rhetoric_move = {oops\n" + GOOD, encoding="utf-8")
    assert main(["annotate", str(folder), "-o", str(tmp_path / "out"), *workers]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "b.conllu, line 1: a damaged # rhetoric_move comment" in err[0]
    assert err[1].startswith("2 annotated, 0 up to date, 1 failed")
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == ["a.json", "c.json"]


@pytest.mark.parametrize("workers", [[], ["--workers", "1"]])
def test_a_document_without_a_layer_the_rules_need_fails_alone(tmp_path, capsys, workers):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.conllu").write_text(conllu(["1\tWe\twe\tPRON\tPRP\t_\t_\t_\t_\t_",
                                             "2\tact\tact\tVERB\tVBP\t_\t_\t_\t_\t_"]), encoding="utf-8")
    (folder / "b.conllu").write_text(GOOD, encoding="utf-8")
    assert main(["annotate", str(folder), "-o", str(tmp_path / "out"), *workers]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "a.conllu: rule set '" in err[0] and "needs deprel annotation" in err[0]
    assert err[1].startswith("1 annotated, 0 up to date, 1 failed")
    assert [p.name for p in (tmp_path / "out").glob("*.json")] == ["b.json"]


def test_a_dask_address_that_does_not_lead_to_a_scheduler_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "a.conllu").write_text(GOOD, encoding="utf-8")
    assert main(["annotate", str(tmp_path), "-o", str(tmp_path / "out"), "--dask", "local"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("rhetoric: cannot use a Dask scheduler at 'local' (missing port")


def test_a_bad_file_first_on_the_command_line_does_not_stop_the_others(tmp_path, capsys):
    (tmp_path / "bad.conllu").write_text(tree("0", "0"), encoding="utf-8")
    (tmp_path / "good.conllu").write_text(GOOD, encoding="utf-8")
    assert main(["annotate", str(tmp_path / "bad.conllu"), str(tmp_path / "good.conllu")]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["text"] == "We act."
    assert captured.err.count("\n") == 1 and "exactly one root" in captured.err


# 6. a damaged output is noticed -----------------------------------------------------------------------------

def test_a_truncated_or_emptied_output_is_written_again(tmp_path):
    (tmp_path / "a.conllu").write_text(GOOD, encoding="utf-8")
    args = ["annotate", str(tmp_path / "a.conllu"), "-o", str(tmp_path / "out")]
    assert main(args) == 0
    output = tmp_path / "out" / "a.json"
    whole = output.read_bytes()
    for damage in (whole[: len(whole) // 2], b""):
        output.write_bytes(damage)
        report = rhetoric.corpus.annotate_corpus([tmp_path / "a.conllu"], tmp_path / "out")
        assert (report.done, report.skipped) == (1, 0) and output.read_bytes() == whole
    assert rhetoric.corpus.annotate_corpus([tmp_path / "a.conllu"], tmp_path / "out").skipped == 1


# 7. only regular files are read, and never more than the limit ----------------------------------------------

def test_devices_and_pipes_are_refused_without_reading(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for path in ("/dev/zero", fifo):
        with pytest.raises(InputError, match="not a regular file"):
            rhetoric.read_text(path)
    with pytest.raises(RuleError, match="not a regular file"):
        rhetoric.load_rules(fifo)
    fifo_rules = tmp_path / "rules.toml"
    os.mkfifo(fifo_rules)
    assert main(["annotate", "/dev/zero", "--rules", str(fifo_rules)]) == 2


def test_broken_links_and_devices_in_a_folder_are_reported_not_skipped(tmp_path, capsys):
    (tmp_path / "a.conllu").write_text(GOOD, encoding="utf-8")
    (tmp_path / "broken.conllu").symlink_to(tmp_path / "nowhere.conllu")
    (tmp_path / "zero.conllu").symlink_to("/dev/zero")
    assert main(["annotate", str(tmp_path), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert "broken.conllu: no such file" in err[0] and "zero.conllu: is not a regular file" in err[1]
    assert err[2].startswith("1 annotated, 0 up to date, 2 failed")


def test_a_group_pattern_reads_within_the_limits_and_lets_unreadable_files_through(tmp_path):
    from rhetoric.sources import iter_inputs

    (tmp_path / "a.txt").write_text("We act now.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"They wait\x00.")  # binary: the reading that follows reports it
    (tmp_path / "c.txt").write_text("They wait.", encoding="utf-8")
    assert [p.name for p in iter_inputs([tmp_path], "act")] == ["a.txt", "b.txt"]


# 8. user regular expressions run in linear time -------------------------------------------------------------

def one_rule(path, rule_id: str, pattern: str):
    """A rule file named after ``path`` holding one hedge rule."""
    path.write_text(f'[ruleset]\nname = "{path.stem}"\nversion = "1"\ndescription = "a test"\n[[rules]]\n'
                    f'id = "{rule_id}"\ncategory = "hedge"\ndescription = "a test rule"\npattern = {pattern}\n'
                    'examples = ["a", "b"]\ncounterexamples = ["c"]\n', encoding="utf-8")
    return path


def test_a_catastrophic_regex_in_a_user_rule_finishes(tmp_path):
    rules = one_rule(tmp_path / "evil.toml", "hedge.evil", '[{text = {regex = "(a+)+$"}}]')
    doc = tmp_path / "a.conllu"
    doc.write_text(f"1\t{'a' * 32}b\tx\tX\tX\t_\t0\troot\t_\t_\n\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "rhetoric.cli", "annotate", str(doc), "--rules", str(rules),
                             "--no-builtin"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and json.loads(result.stdout)["moves"] == []


def test_lookarounds_are_refused_with_a_reason(tmp_path):
    path = one_rule(tmp_path / "look.toml", "hedge.look", '[{text = {regex = "(?<=a)b"}}]')
    with pytest.raises(RuleError, match="lookarounds and backreferences are not supported"):
        load_ruleset(path)


# 9. rule ids are unique across rule sets --------------------------------------------------------------------

def test_a_user_rule_may_not_reuse_a_builtin_rule_id(tmp_path):
    path = one_rule(tmp_path / "mine.toml", "hedge.modal-possibility", '[{lemma = "perhaps"}]')
    with pytest.raises(UsageError, match="rule id 'hedge.modal-possibility' is defined by rule sets 'hedges' and 'mine'"):
        rhetoric.load_rules(path)


# 10. write errors: one line, never a traceback --------------------------------------------------------------

def test_an_output_folder_that_cannot_be_made_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "a.conllu").write_text(GOOD, encoding="utf-8")
    (tmp_path / "file").write_text("x")
    assert main(["annotate", str(tmp_path / "a.conllu"), "-o", str(tmp_path / "file" / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot write into the output folder" in err[0]


def test_a_full_disk_fails_the_outputs_that_do_not_fit_and_writes_the_rest(tmp_path):
    """A file-size limit makes the kernel refuse large writes, as a full disk would."""
    big = rhetoric.read_conllu(shared("gold", "gum", "dev") / sorted(
        p.name for p in shared("gold", "gum", "dev").glob("*.conllu"))[0])[0]
    (tmp_path / "big.conllu").write_text(rhetoric.to_conllu(big), encoding="utf-8")
    (tmp_path / "small.conllu").write_text(GOOD, encoding="utf-8")

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (60_000, 60_000))

    result = subprocess.run([sys.executable, "-m", "rhetoric.cli", "annotate", str(tmp_path / "big.conllu"),
                             str(tmp_path / "small.conllu"), "-o", str(tmp_path / "out")],
                            capture_output=True, text=True, preexec_fn=limit, timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "big.json: cannot be written (File too large)" in result.stderr
    assert json.loads((tmp_path / "out" / "small.json").read_text())["text"] == "We act."
    assert not (tmp_path / "out" / "big.json").exists()
    assert not list((tmp_path / "out").glob(".*.tmp"))


def test_a_cache_that_cannot_be_written_only_warns(tmp_path, official):
    (tmp_path / "file").write_text("x")
    (tmp_path / "a.txt").write_text("We act now.", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "rhetoric.cli", "annotate", str(tmp_path / "a.txt"), "--model",
                             official["model"], "--processors", official["processors"], "--cache-dir",
                             str(tmp_path / "file" / "cache"), "--no-builtin"],
                            capture_output=True, text=True, env={**os.environ}, timeout=300)
    assert result.returncode == 0 and json.loads(result.stdout)["text"] == "We act now."
    assert result.stderr.startswith("rhetoric: warning: cannot write to the parse cache")
    assert result.stderr.count("\n") == 1


# 11. damaged TEI: an InputError naming the element ---------------------------------------------------------

@pytest.fixture(scope="module")
def tei_bytes() -> bytes:
    return rhetoric.to_tei(rhetoric.tag(rhetoric.read_conllu(
        "1\tGo\tgo\tVERB\tVB\tMood=Imp\t0\troot\t_\tSpaceAfter=No\n2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n")[0]))


@pytest.mark.parametrize("old, new, element", [
    (b'from="#s1.t1"', b'from="#s9.t1"', "<span"),
    (b'from="#s1.t1"', b'from="#s1.t0"', "<span"),
    (b'cert="', b'cert="x', "<span"),
    (b'to="#s1.t2"', b'to="#s1"', "<span"),
    (b'target="#s1 #s1.t1"', b'target="#s1.t1"', "<s xml:id=\"s1\">"),
    (b'target="#s1.t1 #s1.t2"', b'target="#s1.t2 #s1.t2"', "<s xml:id=\"s1\">"),
    (b'n="U+', b'n="U+zz', "<s xml:id=\"s1\">"),
    (b'ana="#rm.call_to_action"', b'ana="#rm.sarcasm"', "<div"),
])
def test_damaged_tei_names_the_element(tei_bytes, old, new, element):
    damaged = tei_bytes.replace(old, new, 1)
    if b"U+zz" in new:  # a <g> element to damage
        damaged = damaged.replace(b"<pc", b'<g type="xml-forbidden" n="U+zz"/><pc', 1)
    assert damaged != tei_bytes
    with pytest.raises(InputError) as error:
        rhetoric.read_tei(damaged, name="x.xml")
    assert str(error.value).startswith("x.xml: damaged TEI at " + element.split(">")[0].rstrip(">"))


# 13. rule files with wrong types ----------------------------------------------------------------------------

@pytest.mark.parametrize("header, rule, problem", [
    ('name = "t"\nversion = "1"\ndescription = 5', "", "[ruleset] description must be a string"),
    ('name = "t"\nversion = "1"\ndescription = "d"\nrequires = 5', "", "[ruleset] requires must be a list of strings"),
    ('name = 5\nversion = "1"\ndescription = "d"', "", "[ruleset] name must be a string"),
    ('name = "t"\nversion = "1"\ndescription = "d"', 'detector = ["tricolon"]', "unknown detector"),
    ('name = "t"\nversion = "1"\ndescription = "d"', 'pattern = [{lemma = "x"}]\ndescription = 5',
     "'description' must be a non-empty string"),
    ('name = "t"\nversion = "1"\ndescription = "d"', 'pattern = [{lemma = "x", any = 5}]', "'any' must be a list"),
    ('name = "t"\nversion = "1"\ndescription = "d"', 'pattern = [{lemma = 5}]', "lemma must be a string, a list"),
])
def test_wrong_types_in_rule_files_are_reported_not_raised(tmp_path, header, rule, problem):
    body = rule if "description" in rule else rule + '\ndescription = "a rule"'
    path = tmp_path / "t.toml"
    path.write_text(f'[ruleset]\n{header}\n[[rules]]\nid = "hedge.t"\ncategory = "hedge"\n{body}\n'
                    'examples = ["a", "b"]\ncounterexamples = ["c"]\n', encoding="utf-8")
    with pytest.raises(RuleError) as error:
        load_ruleset(path)
    assert problem in str(error.value)


def test_a_rule_file_nested_600_deep_is_a_rule_error(tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 600 + "]" * 600 + "\n", encoding="utf-8")
    with pytest.raises(RuleError, match="not valid TOML"):
        load_ruleset(path)


# 14. a DOCTYPE is refused in any encoding -------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8"])
def test_a_doctype_is_refused_whatever_the_encoding(encoding):
    xml = (f'<?xml version="1.0" encoding="{encoding.upper()}"?><!DOCTYPE TEI [<!ENTITY e "boom">]>'
           '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div><p>&e;</p></div></body></text></TEI>')
    with pytest.raises(InputError, match="declares a DOCTYPE"):
        rhetoric.read_tei(xml.encode(encoding))


# 15. outputs and cache entries follow the umask ------------------------------------------------------------

def test_outputs_and_cache_entries_follow_the_umask(tmp_path, official):
    (tmp_path / "a.txt").write_text("We act now.", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.json").write_text("old")
    os.chmod(out / "a.json", 0o644)
    assert main(["annotate", str(tmp_path / "a.txt"), "-o", str(out), "--model", official["model"],
                 "--processors", official["processors"], "--cache-dir", str(tmp_path / "cache"), "--no-builtin"]) == 0
    entries = list((tmp_path / "cache").rglob("*.conllu"))
    assert len(entries) == 1
    for path in (out / "a.json", entries[0]):
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# 16. the small ones --------------------------------------------------------------------------------------------

def test_explain_writes_the_texts_control_characters_as_escapes():
    from rhetoric.explain import explain

    doc = rhetoric.read_conllu("1\tGo\x1b[2J\tgo\tVERB\tVB\tMood=Imp\t0\troot\t_\tSpaceAfter=No\n"
                               "2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n")[0]
    doc = rhetoric.annotate(doc)
    for colour in (False, True):
        shown = explain(doc, colour=colour)
        assert "\x1b[2J" not in shown and "Go\\x1b[2J!" in shown.replace("\x1b[0m", "")


def test_the_html_view_shows_markup_in_a_text_and_its_metadata_as_text():
    import attrs
    import lxml.html

    from rhetoric.view import to_html

    doc = rhetoric.read_conllu("1\t<script>alert(1)</script>\tx\tX\tX\t_\t0\troot\t_\t_\n\n")[0]
    doc = attrs.evolve(doc, meta=rhetoric.Metadata(title="<img src=x onerror=alert(2)>"))
    page = lxml.html.fromstring(to_html(rhetoric.annotate(doc)))
    assert not page.xpath("//img") and len(page.xpath("//script")) == 1  # the page's own script alone
    assert "<script>alert(1)</script>" in page.text_content() and "<img src=x onerror=alert(2)>" in page.text_content()


def test_evaluate_parser_on_a_treebank_without_heads_says_so_in_one_line(tmp_path, compact, capsys):
    (tmp_path / "gold.conllu").write_text(conllu(["1\tWe\twe\tPRON\tPRP\t_\t_\t_\t_\t_"]), encoding="utf-8")
    assert main(["evaluate-parser", str(tmp_path / "gold.conllu")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "gold.conllu: the CoNLL 2018 scorer cannot read it as a gold treebank (Cannot parse " \
        "HEAD '_' at line 1); give a treebank" in err[0]


def test_text_of_unicode_spaces_is_empty_and_a_bom_is_dropped(tmp_path):
    (tmp_path / "spaces.txt").write_text("\u00a0\u2003\u3000\n", encoding="utf-8")
    with pytest.raises(InputError, match="only whitespace"):
        rhetoric.read_text(tmp_path / "spaces.txt")
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfWe act.")
    assert rhetoric.read_text(tmp_path / "bom.txt") == "We act."


def test_cr_only_line_ends_separate_paragraphs(official):
    from rhetoric.parsing.convert import paragraph_spans

    assert paragraph_spans("One.\r\rTwo.") == paragraph_spans("One.\n\nTwo.") == [(0, 4), (6, 10)]
    assert paragraph_spans("One.\r\n\r\nTwo.") == [(0, 4), (8, 12)]
    for ending in ("\r\r", "\r\n\r\n", "\n\n"):
        doc = rhetoric.parse(f"One here.{ending}Two there.", **official)
        assert [[s.text for s in p.sentences] for p in doc.paragraphs] == [["One here."], ["Two there."]]


def test_validate_walks_a_folder(tmp_path, tei_bytes, capsys):
    (tmp_path / "a.xml").write_bytes(tei_bytes)
    (tmp_path / "notes.txt").write_text("not TEI")
    assert main(["validate", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == f"{tmp_path / 'a.xml'}: valid"


@pytest.mark.slow
def test_workers_end_with_their_parent(tmp_path):
    import psutil

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(40):
        (folder / f"d{n:02d}.conllu").write_text(GOOD, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, "-m", "rhetoric.cli", "annotate", str(folder), "-o",
                               str(tmp_path / "out"), "--workers", "2"], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(psutil.Process(parent.pid).children()) < 2:
        time.sleep(0.2)
    workers = psutil.Process(parent.pid).children()
    assert workers, "the workers never started"
    parent.kill()
    parent.wait()
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive


# a property: any bytes, any mutation, a document or one RhetoricError --------------------------------------

@pytest.fixture(scope="module")
def samples(tei_bytes) -> dict[str, bytes]:
    return {"conllu": GOOD.encode(), "tei": tei_bytes}


def _read(kind: str, data: bytes):
    if kind == "tei":
        return rhetoric.read_tei(data, name="x.xml")
    text = rhetoric.inputs.decode_text(data, "x.conllu")
    return rhetoric.read_conllu(text, name="x.conllu")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["conllu", "tei"]), data=st.data())
def test_readers_give_a_document_or_a_rhetoric_error(samples, kind, data):
    sample = samples[kind]
    how = data.draw(st.sampled_from(["random", "flip", "cut", "splice"]))
    if how == "random":
        mutated = data.draw(st.binary(max_size=2000))
    else:
        at = data.draw(st.integers(0, len(sample)))
        if how == "flip":
            mutated = sample[:at] + data.draw(st.binary(min_size=1, max_size=8)) + sample[at + 1:]
        elif how == "cut":
            mutated = sample[:at]
        else:
            mutated = sample[:at] + data.draw(st.sampled_from(
                [b"\t", b"\n", b"-", b"#", b"0", b"99", b"<", b">", b'"', b"&", b"]]>", b"\xff", b"s0.t0"])) + sample[at:]
    try:
        result = _read(kind, mutated)
    except RhetoricError:
        return
    docs = result if isinstance(result, list) else [result]
    for doc in docs:
        assert isinstance(doc, rhetoric.Document)
        rhetoric.to_tei(doc)  # whatever was read can be written


def test_a_malformed_metadata_file_fails_its_text_alone(tmp_path, official, capsys):
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text("We act now.", encoding="utf-8")
    (tmp_path / "a.meta.toml").write_text("title = \n", encoding="utf-8")
    assert main(["annotate", str(tmp_path), "-o", str(tmp_path / "out"), "--model", official["model"],
                 "--processors", official["processors"], "--no-builtin", "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert "a.meta.toml: is not valid TOML" in err and "1 annotated, 0 up to date, 1 failed" in err
    assert [p.name for p in (tmp_path / "out").glob("*.json")] == ["b.json"]


# 17. text that is not prose: Stanza's tokenizer stays linear ------------------------------------------------

def test_the_url_pass_finds_stanzas_matches_outside_long_runs(compact):
    from stanza.models.tokenization import utils

    from rhetoric.parsing.guards import MAX_RUN, LongRunGuard

    rhetoric.parse("Warm up.", **compact)  # installs the guard
    assert isinstance(utils.MASK_RE, LongRunGuard)
    stanza_pattern = utils.MASK_RE.pattern
    prose = "Write to a.b@example.org or see www.example.com/x?y=1 and http://t.co/abc.\x0bthen"
    assert [m.span() for m in utils.MASK_RE.finditer(prose)] == [m.span() for m in stanza_pattern.finditer(prose)]
    run = "q" * MAX_RUN + ".com.uk/zz"
    text = f"{prose} {run}\n{prose}"
    found = [m.group() for m in utils.MASK_RE.finditer(text)]
    assert run in [m.group() for m in stanza_pattern.finditer(text)] and run not in found
    assert found == 2 * [m.group() for m in stanza_pattern.finditer(prose)]


def test_a_long_word_is_parsed_and_stalling_text_fails_alone(tmp_path, compact, capsys):
    (tmp_path / "blob.txt").write_text("The minister said it works. " + "QUJD" * 12_500 + " We must act.",
                                       encoding="utf-8")
    (tmp_path / "quotes.txt").write_text("“‘" * 3_000, encoding="utf-8")
    (tmp_path / "plain.txt").write_text("The plan may fail.", encoding="utf-8")
    assert main(["annotate", str(tmp_path), "-o", str(tmp_path / "out"), "--format", "json", "--no-cache"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and "quotes.txt: Stanza's tokenizer read more than 34 windows" in err[0]
    assert err[1].startswith("2 annotated, 0 up to date, 1 failed")
    blob = json.loads((tmp_path / "out" / "blob.json").read_text(encoding="utf-8"))
    words = [blob["text"][w["start"]:w["end"]] for s in blob["sentences"] for w in s["words"]]
    assert words[:6] == ["The", "minister", "said", "it", "works", "."] and words[-4:] == ["We", "must", "act", "."]
    with pytest.raises(InputError, match="^text: Stanza's tokenizer read more than"):
        rhetoric.parse("“‘" * 3_000, **compact)

