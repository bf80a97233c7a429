"""Loading rule sets from TOML: validation in full, then compilation.

A rule file has a ``[ruleset]`` table (name, version, description, sources, requires),
optional ``[lists]`` of words and phrases and ``[tests]`` of token tests (both referred to
as ``"$name"``: a named test stands wherever a token test may, a pattern token too), and
``[[rules]]``.  Every
problem in a file is collected and raised together as one :class:`RuleError` whose lines
read ``FILE:LINE: rule ID: problem``.

Token tests (spaCy-like): ``text``, ``lower``, ``lemma``, ``upos``, ``xpos``,
``deprel``, ``entity`` take a string, a list (any of) or a table with ``not_in`` and/or
``regex``; ``feats`` takes ``"Mood=Imp"`` or a list that must all hold; ``negated``
(bool) tests negation scope; ``head`` is a token test on the word's head, ``child`` one
that some child must pass, ``clause`` one on the head of the word's clause; ``any`` is a
list of token tests of which one must hold; ``not`` a token test that must fail.

In a pattern a token may also carry ``name`` (for the rule's ``anchor`` and ``cues``)
and ``op``: ``?``, ``*``, ``+``, ``{N}``, ``{N,M}``, ``{N,}`` or ``{,M}`` repetitions of its
test, taking as many words as they can.  ``{gap = [MIN, MAX]}`` skips MIN to MAX words
of any kind, as few as it can; ``{phrase = "$list"}`` matches one multi-word phrase of
a list.  A rule's ``exclude`` patterns veto a match when any of their matches in the
sentence covers a word of it.
"""

from __future__ import annotations

import hashlib
import re
import re._constants as re_constants
import re._parser as re_parser
import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from ..categories import CATEGORIES
from ..errors import InputError, RuleError
from ..inputs import read_text
from .model import AttributionRule, DerivedRule, DetectorRule, PatternRule, RuleSet, Step
from .view import SentenceView

TOKEN_KEYS = {"text", "lower", "lemma", "upos", "xpos", "deprel", "entity", "feats", "negated", "any", "not", "head",
              "child", "clause"}
STEP_KEYS = TOKEN_KEYS | {"op", "gap", "phrase", "name"}
COMMON_KEYS = {"id", "category", "description", "confidence", "calibration", "examples", "counterexamples", "kind"}
CALIBRATION_KEYS = {"support": int, "correct": int, "sets": list, "calibrated": bool}
PATTERN_KEYS = COMMON_KEYS | {"pattern", "anchor", "cues", "span", "children", "no_children", "sentence", "exclude"}
DETECTOR_KEYS = COMMON_KEYS | {"detector", "params"}
DERIVED_KEYS = COMMON_KEYS | {"derived_from", "not_from", "sentence"}
ATTRIBUTION_KEYS = COMMON_KEYS | {"frame", "cue", "source", "no_source", "children", "no_children", "sentence", "move", "nested"}
RULESET_KEYS = {"name", "version", "description", "sources", "requires"}
SENTENCE_KEYS = {"question", "position", "contains", "lacks"}
POSITIONS = {"document_first", "document_last", "paragraph_first", "paragraph_last", "edge"}
OPS = {"?": (0, 1), "*": (0, None), "+": (1, None)}
REPEAT = re.compile(r"\{(\d*)(,?)(\d*)\}")
SPANS = {"cue", "match", "clause", "sentence"}
REQUIRES = {"lemma", "upos", "xpos", "feats", "deprel", "entities"}
MAX_RULE_BYTES = 5_000_000
BUILTIN_DIR = Path(str(resources.files(__package__) / "builtin"))


class _Context:
    """Collects problems while one file is compiled."""

    def __init__(self, path: str, source: str, lists: dict[str, list[str]], tests: dict[str, dict]) -> None:
        self.path, self.source, self.lists, self.tests = path, source, lists, tests
        self.problems: list[tuple[int, str, str]] = []
        #: the ``[tests]`` compiled so far (``None`` for one that does not compile), and those being compiled
        self.named_tests: dict[str, Callable | None] = {}
        self.naming: set[str] = set()
        self.rule_id, self.line = "", 0
        #: child, cue and source tests compiled once per file, so that rules sharing one can share its verdict
        self.shared_tests: dict[str, Callable] = {}

    def shared(self, key: str, make: Callable[[], Callable | None]) -> Callable | None:
        """The test made for ``key`` in this file, made by ``make`` the first time (``None``,
        and nothing kept, when it does not compile)."""
        if key not in self.shared_tests:
            test = make()
            if test is None:
                return None
            self.shared_tests[key] = test
        return self.shared_tests[key]

    def shared_token(self, spec: object, where: str) -> Callable | None:
        """:func:`compile_token` of ``spec``, the same function for the same spec in this file."""
        return self.shared(f"{where} {spec!r}", lambda: compile_token(self, spec, where))

    def named_test(self, ref: str, where: str) -> Callable | None:
        """The test of ``[tests]`` that ``ref`` (``"$name"``) names, compiled once per file."""
        name = ref[1:]
        if name not in self.tests:
            self.fail(f"{where}: unknown test {ref!r}; defined tests: {', '.join(sorted(self.tests)) or 'none'}")
            return None
        if name in self.naming:
            self.fail(f"{where}: test {ref!r} refers to itself")
            return None
        if name not in self.named_tests:
            self.naming.add(name)
            self.named_tests[name] = compile_token(self, self.tests[name], f"[tests] {name}")
            self.naming.discard(name)
        return self.named_tests[name]

    def fail(self, message: str) -> None:
        self.problems.append((self.line, self.rule_id, message))

    def line_of(self, rule_id: str) -> int:
        match = re.search(r'^\s*id\s*=\s*["\']' + re.escape(rule_id) + r'["\']', self.source, re.M)
        return self.source.count("\n", 0, match.start()) + 1 if match else 0

    def words(self, value, where: str) -> list[str]:
        """Expand a string or list of strings, replacing ``$list`` references."""
        items = value if isinstance(value, list) else [value]
        out: list[str] = []
        for item in items:
            if not isinstance(item, str):
                self.fail(f"{where}: expected strings, found {item!r}")
            elif item.startswith("$"):
                if item[1:] not in self.lists:
                    self.fail(f"{where}: unknown list {item!r}; defined lists: {', '.join(sorted(self.lists)) or 'none'}")
                else:
                    out.extend(self.lists[item[1:]])
            else:
                out.append(item)
        return out


def _value_test(ctx: _Context, key: str, value, getter: Callable[[SentenceView, int], str | None],
                where: str, lowercase: bool) -> Callable[[SentenceView, int], bool] | None:
    norm = (lambda s: s.lower()) if lowercase else (lambda s: s)
    if isinstance(value, dict):
        unknown = set(value) - {"not_in", "regex"}
        if unknown:
            ctx.fail(f"{where}: unknown operator(s) {sorted(unknown)} for {key!r}; expected not_in or regex "
                     f"(write 'any of' as a plain list: {key} = [...])")
            return None
        tests = []
        if "not_in" in value:
            banned = frozenset(norm(w) for w in ctx.words(value["not_in"], where))
            tests.append(lambda v, i: getter(v, i) not in banned)
        if "regex" in value:
            try:
                pattern = compile_regex(value["regex"])
            except (re.error, TypeError, ValueError) as error:
                ctx.fail(f"{where}: bad regex for {key!r}: {error}")
                return None
            tests.append(lambda v, i: bool(pattern.fullmatch(getter(v, i) or "")))
        return _all(tests)
    if not isinstance(value, (str, list)):
        ctx.fail(f"{where}: {key} must be a string, a list or a table with not_in / regex, found {value!r}")
        return None
    allowed = frozenset(norm(w) for w in ctx.words(value, where))
    if len(allowed) == 1:
        (only,) = allowed
        return lambda v, i: getter(v, i) == only
    return lambda v, i: getter(v, i) in allowed


def compile_regex(text: str):
    """A rule's regular expression, compiled with RE2 so that it runs in linear time whatever
    it is (no pattern can hang a run); Python's ``re`` reports syntax errors first.

    >>> compile_regex("(a+)+$").fullmatch("a" * 40 + "b") is None
    True
    """
    import re2

    if not isinstance(text, str):
        raise TypeError(f"expected a string, found {text!r}")
    unsupported = _regex_ops(re_parser.parse(text)) & {re_constants.ASSERT, re_constants.ASSERT_NOT,
                                                       re_constants.GROUPREF, re_constants.GROUPREF_EXISTS}
    if unsupported:
        raise ValueError("lookarounds and backreferences are not supported (rule patterns run with RE2, in "
                         "linear time); use exclude patterns or token tests instead")
    return re2.compile(text)


def _regex_ops(parsed) -> set:
    ops = set()
    for op, value in parsed:
        ops.add(op)
        for item in value if isinstance(value, (list, tuple)) else (value,):
            for sub in item if isinstance(item, (list, tuple)) else (item,):
                if isinstance(sub, re_parser.SubPattern):
                    ops |= _regex_ops(sub)
    return ops


GETTERS: dict[str, tuple[Callable[[SentenceView, int], str | None], bool]] = {
    "text": (lambda v, i: v.words[i].text, False),
    "lower": (lambda v, i: v.lower[i], True),
    "lemma": (lambda v, i: v.lemma[i], True),
    "upos": (lambda v, i: v.upos[i], False),
    "xpos": (lambda v, i: v.words[i].xpos, False),
    "deprel": (lambda v, i: v.words[i].deprel, False),
    "entity": (lambda v, i: v.entity[i], False),
}


def compile_token(ctx: _Context, spec, where: str, extra: set[str] = frozenset()) -> Callable | None:
    """Compile a token test table, or the name of one in ``[tests]``, into a predicate ``(view, index) -> bool``."""
    if isinstance(spec, str) and spec.startswith("$"):
        return ctx.named_test(spec, where)
    if not isinstance(spec, dict):
        ctx.fail(f"{where}: expected a table of token attributes or the \"$name\" of one in [tests], found {spec!r}")
        return None
    unknown = set(spec) - TOKEN_KEYS - extra
    if unknown:
        ctx.fail(f"{where}: unknown attribute(s) {', '.join(sorted(unknown))}; expected some of "
                 f"{', '.join(sorted(TOKEN_KEYS | extra))}")
        return None
    tests: list[Callable] = []
    for key, value in spec.items():
        if key in GETTERS:
            getter, lowercase = GETTERS[key]
            test = _value_test(ctx, key, value, getter, where, lowercase)
            if test:
                tests.append(test)
        elif key == "feats":
            wanted = value if isinstance(value, list) else [value]
            if not all(isinstance(f, str) and "=" in f for f in wanted):
                ctx.fail(f"{where}: feats must be 'Name=Value' strings, found {value!r}")
                continue
            wanted = frozenset(wanted)
            tests.append(lambda v, i, wanted=wanted: wanted <= v.feats(i))
        elif key == "negated":
            if not isinstance(value, bool):
                ctx.fail(f"{where}: negated must be true or false, found {value!r}")
            tests.append(lambda v, i, value=value: v.negated(i) == value)
        elif key == "any":
            if not isinstance(value, list):
                ctx.fail(f"{where}: 'any' must be a list of token tests, found {value!r}")
                continue
            subs = [compile_token(ctx, s, f"{where} any[{n}]") for n, s in enumerate(value)]
            if subs and all(subs):
                tests.append(lambda v, i, subs=subs: any(s(v, i) for s in subs))
            elif not subs:
                ctx.fail(f"{where}: 'any' needs at least one token test")
        elif key == "not":
            sub = compile_token(ctx, value, f"{where} not")
            if sub:
                tests.append(lambda v, i, sub=sub: not sub(v, i))
        elif key == "head":
            sub = compile_token(ctx, value, f"{where} head")
            if sub:
                tests.append(lambda v, i, sub=sub: (h := v.head(i)) is not None and sub(v, h))
        elif key == "child":
            sub = compile_token(ctx, value, f"{where} child")
            if sub:
                tests.append(lambda v, i, sub=sub: any(sub(v, c) for c in v.children[i]))
        elif key == "clause":
            sub = compile_token(ctx, value, f"{where} clause")
            if sub:
                tests.append(lambda v, i, sub=sub: sub(v, v.clause(i)))
    return _all(tests)


def _all(tests: list[Callable]) -> Callable:
    """The conjunction of predicates, unrolled for the common short cases (it runs per word)."""
    if not tests:
        return lambda v, i: True
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        a, b = tests
        return lambda v, i: a(v, i) and b(v, i)
    if len(tests) == 3:
        a, b, c = tests
        return lambda v, i: a(v, i) and b(v, i) and c(v, i)
    return lambda v, i: all(t(v, i) for t in tests)


def _phrases(ctx: _Context, value, where: str) -> MappingProxyType:
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in ctx.words(value, where):
        words = tuple(phrase.lower().split())
        if words:
            table.setdefault(words[0], []).append(words)
    return MappingProxyType({k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()})


def _repetition(op) -> tuple[int, int | None] | None:
    """``(least, most)`` for an ``op`` value, or ``None`` when it is not one."""
    if op in OPS:
        return OPS[op]
    match = REPEAT.fullmatch(op) if isinstance(op, str) else None
    if match is None:
        return None
    low, comma, high = match.groups()
    if not comma:
        return (int(low), int(low)) if low else None
    least, most = int(low or 0), int(high) if high else None
    return (least, most) if most is None or least <= most else None


def compile_pattern(ctx: _Context, pattern, where: str) -> tuple[Step, ...]:
    """Compile a list of pattern elements into :class:`Step` objects."""
    if not isinstance(pattern, list) or not pattern:
        ctx.fail(f"{where}: expected a non-empty list of tokens")
        return ()
    steps, names = [], set()
    for n, spec in enumerate(pattern):
        here = f"{where} token {n + 1}"
        if isinstance(spec, str):  # "$name": a test of [tests] that matches one word
            test = compile_token(ctx, spec, here)
            if test:
                steps.append(Step(test=test))
            continue
        if not isinstance(spec, dict):
            ctx.fail(f"{here}: expected a table or the \"$name\" of a test in [tests], found {spec!r}")
            continue
        unknown = set(spec) - STEP_KEYS
        if unknown:
            ctx.fail(f"{here}: unknown attribute(s) {', '.join(sorted(unknown))}; expected some of "
                     f"{', '.join(sorted(STEP_KEYS))}")
            continue
        name = spec.get("name")
        if name is not None and (not isinstance(name, str) or not name or name in names):
            ctx.fail(f"{here}: name must be a string that no other token of the pattern has, found {name!r}")
        names.add(name)
        if "gap" in spec:
            gap = spec["gap"]
            if set(spec) - {"gap", "name"}:
                ctx.fail(f"{here}: a gap skips words of any kind; it takes no token tests or op")
            elif not (isinstance(gap, list) and len(gap) == 2 and all(type(g) is int for g in gap)
                      and 0 <= gap[0] <= gap[1]):
                ctx.fail(f"{here}: gap must be [MIN, MAX] with 0 <= MIN <= MAX, found {gap!r}")
            else:
                steps.append(Step(test=lambda v, i: True, least=gap[0], most=gap[1], lazy=True, name=name))
            continue
        repeat = _repetition(spec.get("op", "{1}"))
        if repeat is None or repeat[1] == 0:
            ctx.fail(f"{here}: op must be ?, *, +, {{N}}, {{N,M}}, {{N,}} or {{,M}} (at least one word at most), "
                     f"found {spec['op']!r}")
            continue
        rest = {k: v for k, v in spec.items() if k not in ("op", "phrase", "name")}
        if "phrase" in spec:
            if "op" in spec:
                ctx.fail(f"{here}: a phrase matches once; it takes no op")
            test = compile_token(ctx, rest, here) if rest else (lambda v, i: True)
            if test:
                steps.append(Step(test=test, phrases=_phrases(ctx, spec["phrase"], here), name=name))
            continue
        if not rest:
            ctx.fail(f"{here}: a token needs at least one test; use {{gap = [MIN, MAX]}} to skip words")
            continue
        test = compile_token(ctx, rest, here)
        if test:
            steps.append(Step(test=test, least=repeat[0], most=repeat[1], name=name))
    return tuple(steps)


def _triggers(ctx: _Context, token: dict | str) -> tuple[tuple[str, str], ...]:
    """Index keys for one pattern token (or the test of ``[tests]`` it names): lemma / lower /
    upos / deprel / feats values, else 'any'."""
    if isinstance(token, str):
        token = ctx.tests.get(token[1:]) if token.startswith("$") else None
    if not isinstance(token, dict):
        return (("any", ""),)
    if "phrase" in token:
        return tuple(("lower", k) for k in _phrases(ctx, token["phrase"], "trigger"))
    for key in ("lemma", "lower", "text"):
        value = token.get(key)
        if isinstance(value, (str, list)):
            return tuple(({"text": "lower"}.get(key, key), w.lower()) for w in ctx.words(value, "trigger"))
    alternatives = token.get("any")
    if isinstance(alternatives, list) and alternatives:
        keys = [_triggers(ctx, alt) if isinstance(alt, dict) else (("any", ""),) for alt in alternatives]
        if all(k and k[0][0] != "any" for k in keys):
            return tuple(key for k in keys for key in k)
    feats = token.get("feats")
    if isinstance(feats, str):
        return (("feats", feats),)
    if isinstance(feats, list) and feats:
        return (("feats", feats[0]),)
    candidates = {key: ctx.words(token[key], "trigger") for key in ("deprel", "upos")
                  if isinstance(token.get(key), (str, list))}
    # open word classes are frequent: index by relation then, closed classes are rarer than relations
    if "upos" in candidates and ("deprel" not in candidates or not set(candidates["upos"]) & OPEN_CLASSES):
        return tuple(("upos", w) for w in candidates["upos"])
    if "deprel" in candidates:
        return tuple(("deprel", w) for w in candidates["deprel"])
    return (("any", ""),)


OPEN_CLASSES = {"NOUN", "VERB", "ADJ", "PROPN", "ADV"}


LEXICAL = ("lemma", "lower")


def _trigger_at(ctx: _Context, pattern: list, steps: tuple[Step, ...]) -> tuple[tuple[tuple[str, str], ...], tuple[int, int]]:
    """The most selective trigger of a pattern and how many words (fewest, most) precede it.

    A required lexical token (lemma, form, phrase) is preferred; the words before it must
    be bounded in number, and matching then starts that many words earlier.  Otherwise the
    first token's own key, or every word when the first token is optional.
    """
    fallback = (_triggers(ctx, pattern[0]) if steps[0].least else (("any", ""),)), (0, 0)
    least = most = 0
    for token, step in zip(pattern, steps):
        if step.least and not step.lazy:
            keys = _triggers(ctx, token)
            if keys[0][0] in LEXICAL:
                return keys, (least, most)
        low, high = step.width
        if high is None:
            break
        least, most = least + low, most + high
    return fallback


def _child_check(test: Callable | None, must: bool) -> Callable | None:
    """A check that some child of the word passes ``test`` (``must``), or that none does."""
    if test is None:
        return None
    if must:
        return lambda v, a: any(test(v, c) for c in v.children[a])
    return lambda v, a: not any(test(v, c) for c in v.children[a])


def _checks(ctx: _Context, raw: dict) -> list[Callable]:
    checks: list[Callable] = []
    for key, must in (("children", True), ("no_children", False)):
        specs = raw.get(key, [])
        if not isinstance(specs, list):
            ctx.fail(f"{key}: expected a list of token tests, found {specs!r}")
            continue
        for n, spec in enumerate(specs):
            check = ctx.shared(f"{key} {spec!r}", lambda spec=spec, n=n: _child_check(
                compile_token(ctx, spec, f"{key}[{n}]"), must))
            if check:
                checks.append(check)
    sentence = raw.get("sentence", {})
    if not isinstance(sentence, dict) or set(sentence) - SENTENCE_KEYS:
        ctx.fail(f"sentence: expected a table with some of {', '.join(sorted(SENTENCE_KEYS))}, found {sentence!r}")
        return checks
    if "question" in sentence:
        if not isinstance(sentence["question"], bool):
            ctx.fail(f"sentence.question must be true or false, found {sentence['question']!r}")
        wanted = bool(sentence["question"])
        checks.append(lambda v, a, wanted=wanted: v.question == wanted)
    if "position" in sentence:
        positions = sentence["position"] if isinstance(sentence["position"], list) else [sentence["position"]]
        bad = [p for p in positions if p not in POSITIONS]
        if bad:
            ctx.fail(f"sentence.position: unknown {bad}; expected some of {', '.join(sorted(POSITIONS))}")
        names = [p for p in positions if p in POSITIONS - {"edge"}]
        if "edge" in positions:
            names += ["document_first", "document_last"]
        checks.append(lambda v, a, names=names: any(getattr(v, n) for n in names))
    for key, present in (("contains", True), ("lacks", False)):
        test = compile_token(ctx, sentence[key], f"sentence.{key}") if key in sentence else None
        if test:
            checks.append(lambda v, a, test=test, present=present: any(test(v, i) for i in range(len(v.words))) == present)
    return checks


def _common(ctx: _Context, raw: dict, allowed: set[str], kind: str) -> dict:
    """Check what every rule has; the keyword arguments shared by both rule classes."""
    unknown = set(raw) - allowed
    if unknown:
        ctx.fail(f"unknown key(s) {', '.join(sorted(unknown))} for a {kind} rule; expected some of "
                 f"{', '.join(sorted(allowed))}")
    category = raw.get("category")
    if category not in CATEGORIES:
        ctx.fail(f"unknown category {category!r}; expected one of {', '.join(CATEGORIES)}")
    description = raw.get("description")
    if not isinstance(description, str) or not description.strip():
        ctx.fail("'description' must be a non-empty string")
    examples, counter = raw.get("examples", []), raw.get("counterexamples", [])
    if not (isinstance(examples, list) and len(examples) >= 2 and all(isinstance(e, str) for e in examples)):
        ctx.fail("needs at least two example sentences in 'examples'")
    if not (isinstance(counter, list) and len(counter) >= 1 and all(isinstance(e, str) for e in counter)):
        ctx.fail("needs at least one sentence in 'counterexamples'")
    calibration = raw.get("calibration", {})
    if not isinstance(calibration, dict) or any(type(calibration[k]) is not CALIBRATION_KEYS.get(k)
                                                for k in calibration):
        ctx.fail(f"calibration must be a table of support, correct (numbers), sets (list) and calibrated (true or "
                 f"false), as `rhetoric calibrate` writes it; found {calibration!r}")
    confidence = raw.get("confidence", 0.5)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
        ctx.fail(f"confidence must be a number in (0, 1], found {confidence!r}")
        confidence = 0.5
    kind = raw.get("kind", "")
    if not isinstance(kind, str) or not re.fullmatch(r"([a-z]+(-[a-z]+)*)?", kind):
        ctx.fail(f"kind must be a lower-case word such as \"approximation\", found {kind!r}")
        kind = ""
    return {"id": raw["id"], "category": category, "description": str(description).strip(),
            "confidence": float(confidence), "examples": tuple(examples) if isinstance(examples, list) else (),
            "counterexamples": tuple(counter) if isinstance(counter, list) else (), "kind": kind}


def _step_index(ctx: _Context, steps: tuple[Step, ...], name, key: str) -> int | None:
    index = next((n for n, step in enumerate(steps) if step.name == name), None)
    if index is None:
        named = [step.name for step in steps if step.name]
        ctx.fail(f"{key} {name!r} names no pattern token; named tokens: {', '.join(named) or 'none'} "
                 "(give a token name = \"...\")")
    return index


def _compile_pattern_rule(ctx: _Context, raw: dict, ruleset: str) -> PatternRule | None:
    before = len(ctx.problems)
    common = _common(ctx, raw, PATTERN_KEYS, "pattern")
    if "pattern" not in raw:
        ctx.fail("missing 'pattern' (or 'detector', or 'frame')")
    span = raw.get("span", "cue")
    if span not in SPANS:
        ctx.fail(f"span must be one of {', '.join(sorted(SPANS))}, found {span!r}")
    steps = compile_pattern(ctx, raw.get("pattern"), "pattern") if "pattern" in raw else ()
    anchor = _step_index(ctx, steps, raw["anchor"], "anchor") if "anchor" in raw and steps else 0
    cues = raw.get("cues")
    if cues is not None and not isinstance(cues, list):
        ctx.fail(f"cues must be a list of token names, found {cues!r}")
        cues = None
    cue_steps = tuple(_step_index(ctx, steps, c, "cues") for c in cues) if cues is not None and steps else None
    checks = _checks(ctx, raw)
    excludes = raw.get("exclude", [])
    if not isinstance(excludes, list):
        ctx.fail(f"exclude must be a list of patterns, found {excludes!r}")
        excludes = []
    excludes = tuple(compile_pattern(ctx, p, f"exclude[{n}]") for n, p in enumerate(excludes))
    if len(ctx.problems) > before:
        return None
    triggers, offsets = _trigger_at(ctx, raw["pattern"], steps)
    return PatternRule(**common, ruleset=ruleset, steps=steps, anchor=anchor, cues=cue_steps, span=span,
                       checks=tuple(checks), excludes=excludes, triggers=triggers, trigger_offsets=offsets)


def _compile_detector_rule(ctx: _Context, raw: dict, ruleset: str) -> DetectorRule | None:
    """A rule that runs a structural figure detector (``detector = "tricolon"``) with ``params``."""
    from .figures import DETECTORS

    before = len(ctx.problems)
    common = _common(ctx, raw, DETECTOR_KEYS, "detector")
    detector = DETECTORS.get(raw["detector"]) if isinstance(raw["detector"], str) else None
    if detector is None:
        ctx.fail(f"unknown detector {raw['detector']!r}; expected one of {', '.join(sorted(DETECTORS))}")
    params = raw.get("params", {})
    if not isinstance(params, dict):
        ctx.fail(f"params must be a table, found {params!r}")
        params = {}
    if detector is not None:
        unknown = set(params) - set(detector.defaults)
        if unknown:
            ctx.fail(f"unknown param(s) {', '.join(sorted(unknown))} for detector {detector.name}; expected "
                     f"some of {', '.join(sorted(detector.defaults))}")
        for key, default in detector.defaults.items():
            value = params.get(key, default)
            list_ref = isinstance(default, tuple) and isinstance(value, str) and value.startswith("$")
            same = isinstance(value, list) if isinstance(default, tuple) else (
                type(value) is type(default) or (type(default) in (int, float) and type(value) in (int, float)))
            if not same and not list_ref:
                ctx.fail(f"param {key} must be a {type(default).__name__}, found {params[key]!r}")
    if len(ctx.problems) > before:
        return None
    merged = {**detector.defaults, **params}
    if "stop_lemmas" in merged:
        merged["stop_lemmas"] = tuple(ctx.words(list(merged["stop_lemmas"]) if isinstance(merged["stop_lemmas"], tuple)
                                                else merged["stop_lemmas"], "params.stop_lemmas"))
    return DetectorRule(**common, ruleset=ruleset, detector=detector.name, params=MappingProxyType(merged))


def _compile_attribution_rule(ctx: _Context, raw: dict, ruleset: str) -> AttributionRule | None:
    """A rule that finds attribution relations: a ``cue`` token test and a ``frame`` of :mod:`.frames`."""
    from .frames import FRAMES

    before = len(ctx.problems)
    common = _common(ctx, raw, ATTRIBUTION_KEYS, "attribution")
    if common["category"] != "authority":
        ctx.fail(f"an attribution rule makes authority moves; found category {common['category']!r}")
    frame = raw.get("frame")
    if frame not in FRAMES:
        ctx.fail(f"unknown frame {frame!r}; expected one of {', '.join(sorted(FRAMES))}")
    cue = ctx.shared_token(raw.get("cue"), "cue")
    source = ctx.shared_token(raw["source"], "source") if "source" in raw else None
    no_source = ctx.shared_token(raw["no_source"], "no_source") if "no_source" in raw else None
    checks = _checks(ctx, raw)
    if not (isinstance(raw.get("move", True), bool) or raw.get("move") == "quoted"):
        ctx.fail(f"move must be true, false or \"quoted\", found {raw['move']!r}")
    if not isinstance(raw.get("nested", True), bool):
        ctx.fail(f"nested must be true or false, found {raw['nested']!r}")
    if len(ctx.problems) > before or cue is None:
        return None
    return AttributionRule(**common, ruleset=ruleset, cue=cue, frame=frame, checks=tuple(checks),
                           triggers=_triggers(ctx, raw["cue"]), move=raw.get("move", True), source=source,
                           no_source=no_source, nested=raw.get("nested", True))


def _compile_derived_rule(ctx: _Context, raw: dict, ruleset: str) -> DerivedRule | None:
    """A rule over other moves: ``derived_from`` categories in the author's voice make a move for their
    sentence, except the moves of the ``not_from`` rules."""
    before = len(ctx.problems)
    common = _common(ctx, raw, DERIVED_KEYS, "derived")
    sources = raw.get("derived_from")
    if not (isinstance(sources, list) and sources and all(c in CATEGORIES for c in sources)):
        ctx.fail(f"derived_from must be a list of categories ({', '.join(CATEGORIES)}), found {sources!r}")
    elif common["category"] in sources:
        ctx.fail("a derived rule cannot derive its category from itself")
    excluded = raw.get("not_from", [])
    if not (isinstance(excluded, list) and all(isinstance(r, str) and r for r in excluded)):
        ctx.fail(f"not_from must be a list of rule ids, found {excluded!r}")
    checks = _checks(ctx, raw)
    if len(ctx.problems) > before:
        return None
    return DerivedRule(**common, ruleset=ruleset, categories=frozenset(sources), excluded=frozenset(excluded),
                       checks=tuple(checks))


def load_ruleset(path: str | Path, source: str | None = None) -> RuleSet:
    """Load, validate and compile one rule file; raises :class:`RuleError` listing every problem.

    >>> rs = load_ruleset(BUILTIN_DIR / "hedges.toml")
    >>> rs.name, all(r.category == "hedge" for r in rs.rules)
    ('hedges', True)
    """
    path = Path(path)
    if source is None:
        try:
            source = read_text(path, max_bytes=MAX_RULE_BYTES)
        except InputError as error:
            raise RuleError(str(path), [(0, "", f"cannot be read: {error.problem}")]) from None
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise RuleError(str(path), [(int(match.group(1)) if match else 0, "", f"not valid TOML: {error}")]) from None
    except RecursionError:
        raise RuleError(str(path), [(0, "", "not valid TOML: nested too deeply")]) from None
    lists, tests = data.get("lists", {}), data.get("tests", {})
    ctx = _Context(str(path), source, lists if isinstance(lists, dict) else {}, tests if isinstance(tests, dict) else {})
    head = data.get("ruleset")
    unknown_top = set(data) - {"ruleset", "lists", "tests", "rules"}
    if unknown_top:
        ctx.fail(f"unknown table(s) {', '.join(sorted(unknown_top))}; expected ruleset, lists, tests, rules")
    if not isinstance(head, dict) or not {"name", "version", "description"} <= set(head):
        ctx.fail("needs a [ruleset] table with name, version, description (and sources, requires)")
        head = head if isinstance(head, dict) else {}
    elif set(head) - RULESET_KEYS:
        ctx.fail(f"[ruleset]: unknown key(s) {', '.join(sorted(set(head) - RULESET_KEYS))}")
    for key in ("name", "version", "description"):
        if key in head and not isinstance(head[key], str):
            ctx.fail(f"[ruleset] {key} must be a string, found {head[key]!r}")
    requires, sources = head.get("requires", []), head.get("sources", [])
    for key, value in (("requires", requires), ("sources", sources)):
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            ctx.fail(f"[ruleset] {key} must be a list of strings, found {value!r}")
    if isinstance(requires, list) and set(map(str, requires)) - REQUIRES:
        ctx.fail(f"[ruleset] requires: unknown {sorted(set(map(str, requires)) - REQUIRES)}; expected some of {sorted(REQUIRES)}")
    for name, words in ctx.lists.items():
        if not (isinstance(words, list) and all(isinstance(w, str) for w in words)):
            ctx.fail(f"[lists] {name}: expected a list of strings")
    for name in ctx.tests:
        if name in ctx.lists:
            ctx.fail(f"[tests] {name}: also the name of a list; give the test a name of its own")
        ctx.named_test(f"${name}", f"[tests] {name}")  # each problem of a named test once, under its name
    rules, seen = [], set()
    raw_rules = data.get("rules", [])
    if not isinstance(raw_rules, list):
        ctx.fail("rules must be an array of tables ([[rules]])")
        raw_rules = []
    for n, raw in enumerate(raw_rules):
        rule_id = raw.get("id") if isinstance(raw, dict) else None
        ctx.rule_id = str(rule_id or f"#{n + 1}")
        ctx.line = ctx.line_of(rule_id) if isinstance(rule_id, str) else 0
        if not isinstance(rule_id, str) or not rule_id:
            ctx.fail("missing 'id' (a string)")
            continue
        if rule_id in seen:
            ctx.fail("duplicate rule id")
        seen.add(rule_id)
        compile_rule = (_compile_detector_rule if "detector" in raw else
                        _compile_attribution_rule if "frame" in raw else
                        _compile_derived_rule if "derived_from" in raw else _compile_pattern_rule)
        rule = compile_rule(ctx, raw, str(head.get("name", "")))
        if rule:
            rules.append(rule)
    if not raw_rules:
        ctx.rule_id, ctx.line = "", 0
        ctx.fail("defines no [[rules]]")
    if ctx.problems:
        raise RuleError(str(path), ctx.problems)
    return RuleSet(name=head["name"], version=head["version"], description=head["description"].strip(),
                   sources=tuple(sources), requires=tuple(requires), rules=tuple(rules),
                   sha256=hashlib.sha256(source.encode("utf-8")).hexdigest(), path=str(path))


def builtin_rulesets() -> list[RuleSet]:
    """Every rule set shipped in ``rhetoric/rules/builtin``, in file-name order."""
    return [load_ruleset(p) for p in sorted(BUILTIN_DIR.glob("*.toml"))]
