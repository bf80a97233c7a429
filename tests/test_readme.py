"""The README's Python examples run as written (from the repository root)."""

import os
import re

import pytest

import rhetoric

from .conftest import ROOT

BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
RUNNABLE = [b for b in BLOCKS if "corpus-folder" not in b]


def test_readme_has_python_examples():
    assert len(RUNNABLE) >= 2


@pytest.mark.parametrize("index", range(len(RUNNABLE)))
def test_readme_example_runs(index, compact, capsys):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        exec(compile(RUNNABLE[index], f"README.md example {index + 1}", "exec"), {})
    finally:
        os.chdir(cwd)
    assert capsys.readouterr().out


def test_readme_rule_file_loads_and_its_examples_behave(tmp_path, compact):
    from rhetoric.rules import Matcher, load_rules

    (block,) = re.findall(r"```toml\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    (tmp_path / "mine.toml").write_text(block, encoding="utf-8")
    (mine,) = load_rules(tmp_path / "mine.toml", builtin=False)
    (rule,) = mine.rules
    matcher = Matcher([mine])
    for sentence in rule.examples:
        assert matcher.match(rhetoric.parse(sentence)), sentence
    for sentence in rule.counterexamples:
        assert not matcher.match(rhetoric.parse(sentence)), sentence
