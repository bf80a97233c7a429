"""The ``rhetoric`` command: outputs, bad inputs, exit codes."""

import json
import subprocess
import sys

import pytest

import rhetoric
from rhetoric.cli import build_parser, main
from rhetoric.inputs import write_atomic

from .conftest import SEED, shared


@pytest.fixture
def official_env(monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(shared("stanza_resources")))
    return ["--model", "stanza:default", "--processors", "tokenize,mwt", "--no-cache"]


BAD = {
    "empty.txt": (b"", "the file is empty"),
    "binary.bin": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary data"),
    "latin1.txt": (b"na\xefve caf\xe9", "invalid UTF-8 at byte 2"),
}


@pytest.mark.parametrize("name", [*BAD, "missing.txt", "folder"])
def test_each_bad_input_gets_one_line_and_the_good_file_is_written(name, tmp_path, official_env, capsys):
    good = tmp_path / "good.txt"
    good.write_text("We must act now.\n", encoding="utf-8")
    if name in BAD:
        (tmp_path / name).write_bytes(BAD[name][0])
        expected = BAD[name][1]
    elif name == "folder":
        (tmp_path / name).mkdir()
        expected = "is a folder"
    else:
        expected = "no such file"
    out = tmp_path / "out"
    code = main(["parse", str(tmp_path / name), str(good), "-o", str(out), "--format", "json", *official_env])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 2 and name in err[0] and expected in err[0]
    assert err[1].startswith("1 annotated, 0 up to date, 1 failed; 5 words")
    written = json.loads((out / "good.json").read_text(encoding="utf-8"))
    assert written["text"] == "We must act now.\n"
    assert sorted(p.name for p in out.iterdir()) == [".rhetoric", "good.json"]


def test_one_file_prints_conllu_with_offsets(official_env, capsys):
    assert main(["parse", str(SEED), *official_env]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# newdoc id = nazarbayev-2011-smart-power-of-the-sco.txt")
    assert "start_char=0|end_char=3" in out


def test_summary_uses_the_metadata(official_env, capsys):
    assert main(["parse", str(SEED), "--format", "summary", *official_env]) == 0
    out = capsys.readouterr().out
    assert out.startswith("The Smart Power of the SCO — Nursultan Nazarbayev")
    assert "paragraphs   16" in out


@pytest.mark.parametrize("argv", [["parse"], ["parse", "x.txt", "--format", "pdf"], ["frobnicate"], []])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2


def test_an_unknown_model_is_a_usage_error(capsys):
    assert main(["parse", str(SEED), "--model", "bert"]) == 2
    assert "unknown model spec 'bert'" in capsys.readouterr().err


def test_every_command_has_help():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for name, sub in commands.items():
        text = sub.format_help()
        assert name in text and "usage:" in text and len(text) > 200


def test_console_script_runs():
    result = subprocess.run([sys.executable, "-m", "rhetoric.cli", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "Exit codes" in result.stdout


def test_ci_runs_the_readme_test_command():
    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "python3 -m venv .venv && .venv/bin/pip install -q -c constraints.txt -e '.[test]' && .venv/bin/python -m pytest"
    assert command in readme
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_tei_input_gives_the_same_output_with_and_without_workers(tmp_path):
    """TEI files (9: two batches, so two worker processes really run) are read as TEI either way."""
    gold = rhetoric.read_conllu(shared("gold", "gum", "dev") / sorted(p.name for p in shared("gold", "gum", "dev")
                                                                      .glob("*.conllu"))[0])[0]
    folder = tmp_path / "tei"
    for n in range(9):
        write_atomic(folder / f"doc{n}.xml", rhetoric.to_tei(rhetoric.tag(gold)))
    one = main(["annotate", str(folder / "doc0.xml"), "--format", "json", "-o", str(tmp_path / "one")])
    two = main(["annotate", str(folder), "--format", "json", "-o", str(tmp_path / "two"), "--workers", "2"])
    assert one == two == 0
    plain = (tmp_path / "one" / "doc0.json").read_bytes()
    assert plain == (tmp_path / "two" / "doc0.json").read_bytes() == (tmp_path / "two" / "doc8.json").read_bytes()
    written = json.loads(plain)
    assert written["text"] == gold.text and written["moves"]  # the words of the TEI, not its markup


def test_two_inputs_that_would_write_one_output_are_refused(tmp_path, capsys):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "doc.conllu").write_text("1\tGo\tgo\tVERB\tVB\tMood=Imp\t0\troot\t_\t_\n\n")
    assert main(["annotate", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(tmp_path / "out")]) == 2
    assert "would both be written to" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args, expected", [
    (["annotate", "x.txt", "-o", "out", "--workers", "-1"], "--workers: expected a number of processes, 1 or more"),
    (["compare", "a.txt", "b.txt", "--alpha", "5"], "--alpha: expected a significance level between 0 and 1"),
    (["compare", "a.txt", "b.txt", "--evidence", "-1"], "--evidence: expected a number of spans, 0 or more"),
])
def test_numbers_out_of_range_are_usage_errors(args, expected, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2 and expected in capsys.readouterr().err
