"""Declarative rule sets (TOML) and the matcher that finds rhetorical moves with them."""

from __future__ import annotations

import os
from collections.abc import Iterable

import attrs

from ..document import Document
from ..errors import InputError, RuleError, UsageError
from .loader import BUILTIN_DIR, builtin_rulesets, load_ruleset
from .matcher import Matcher
from .model import AttributionRule, DetectorRule, PatternRule, Rule, RuleSet

__all__ = ["load_rules", "tag", "RuleSpec", "Matcher", "RuleSet", "Rule", "PatternRule", "DetectorRule",
           "AttributionRule", "RuleError",
           "BUILTIN_DIR"]

RuleSpec = RuleSet | str | os.PathLike


def load_rules(*paths: RuleSpec, builtin: bool = True) -> list[RuleSet]:
    """The built-in rule sets (unless ``builtin=False``) plus rule files of your own.

    A path may be a ``.toml`` file or a folder of them.  Every file is validated in
    full; problems raise :class:`RuleError` naming file, line and rule id.

    >>> [rs.name for rs in load_rules()][:2]
    ['authority', 'calls']
    """
    sets = builtin_rulesets() if builtin else []
    for item in paths:
        if isinstance(item, RuleSet):
            sets.append(item)
            continue
        sets.extend(load_ruleset(f) for f in _rule_files(os.fspath(item)))
    names = [rs.name for rs in sets]
    clash = sorted({n for n in names if names.count(n) > 1})
    if clash:
        raise UsageError(f"rule set name(s) {', '.join(clash)} loaded twice; give each file a distinct "
                         "[ruleset] name or pass builtin=False to replace the built-in ones")
    owner: dict[str, str] = {}
    for ruleset in sets:  # rule ids name moves in every output (TEI ids among them): one rule each
        for rule in ruleset.rules:
            if rule.id in owner:
                raise UsageError(f"rule id {rule.id!r} is defined by rule sets {owner[rule.id]!r} and {ruleset.name!r} "
                                 f"({ruleset.path}); rule ids must be unique across the loaded rule sets, rename one")
            owner[rule.id] = ruleset.name
    return sets


def _rule_files(path: str) -> list[str]:
    """The rule files a path names: itself, or the ``.toml`` files of a folder in name order."""
    if not os.path.isdir(path):
        return [path]
    try:
        files = sorted(entry.path for entry in os.scandir(path) if entry.name.endswith(".toml"))
    except OSError as error:
        raise RuleError(path, [(0, "", f"the folder cannot be read ({error.strerror})")]) from None
    if not files:
        raise RuleError(path, [(0, "", "the folder holds no .toml rule files; pass a rule file or a folder of them")])
    return files


#: The word field that shows a layer was annotated.  The tagger gives UPOS, XPOS and
#: features together, and a text of punctuation alone has no features, so UPOS stands for all three.
_REQUIREMENT_FIELDS = {"lemma": "lemma", "upos": "upos", "xpos": "upos", "feats": "upos", "deprel": "deprel"}


def check_requirements(doc: Document, rulesets: Iterable[RuleSet]) -> None:
    """Raise :class:`~rhetoric.errors.InputError` unless ``doc`` carries the annotation the
    rule sets need (lemma, deprel, ...)."""
    words = [w for _, w in doc.iter_words()]
    if not words:
        return
    for ruleset in rulesets:
        for need in ruleset.requires:
            field = _REQUIREMENT_FIELDS.get(need)
            if field and not any(getattr(w, field) for w in words):
                raise InputError(doc.meta.file or "document",
                                 f"rule set {ruleset.name!r} needs {need} annotation, but the document (model "
                                 f"{doc.model or 'unknown'!r}) has none",
                                 "parse it with all processors (the default) or leave that rule set out")


def tag(doc: Document, rules: Iterable[RuleSet] | Matcher | None = None) -> Document:
    """The document with the moves and attribution relations the rule sets find (existing
    ones are replaced).

    ``rules`` are loaded rule sets (default: the built-in ones), or a :class:`Matcher`
    built from them once to tag many documents.

    >>> from rhetoric.formats.conllu import read_conllu
    >>> doc = read_conllu("1\\tGo\\tgo\\tVERB\\tVB\\tMood=Imp|VerbForm=Fin\\t0\\troot\\t_\\tSpaceAfter=No\\n"
    ...                   "2\\t!\\t!\\tPUNCT\\t.\\t_\\t1\\tpunct\\t_\\t_\\n\\n")[0]
    >>> [m.category for m in tag(doc).moves]
    ['call_to_action']
    """
    matcher = rules if isinstance(rules, Matcher) else Matcher(load_rules() if rules is None else rules)
    check_requirements(doc, matcher.rulesets)
    moves, attributions = matcher.annotate(doc)
    return attrs.evolve(doc, moves=moves, attributions=attributions, rulesets=tuple(rs.ref for rs in matcher.rulesets))
