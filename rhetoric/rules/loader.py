"""Loading rule sets from TOML: validation in full, then compilation.

A rule file has a ``[ruleset]`` table (name, version, description, sources, requires),
optional ``[lists]`` of words and phrases (referred to as ``"$name"``), and
``[[rules]]``.  Every problem in a file is collected and raised together as one
:class:`RuleError` whose lines read ``FILE:LINE: rule ID: problem``.

Token tests (spaCy-like): ``text``, ``lower``, ``lemma``, ``upos``, ``xpos``,
``deprel``, ``entity`` take a string, a list (any of), or a table with ``in``,
``not_in`` or ``regex``; ``feats`` takes ``"Mood=Imp"`` or a list that must all hold;
``negated`` (bool) tests negation scope; ``any`` is a list of token tests of which one
must hold; ``not`` a token test that must fail.  In a pattern a token may also carry
``op`` (``?``, ``*``, ``+``), or be ``{gap = [MIN, MAX]}`` (any words) or
``{phrase = "$list"}`` (any multi-word phrase of a list).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

from ..errors import RhetoricError
from .model import CATEGORIES, Rule, RuleSet, Step
from .view import SentenceView

TOKEN_KEYS = {"text", "lower", "lemma", "upos", "xpos", "deprel", "entity", "feats", "negated", "any", "not", "head"}
STEP_KEYS = TOKEN_KEYS | {"op", "gap", "phrase"}
RULE_KEYS = {"id", "category", "description", "pattern", "anchor", "cue", "span", "confidence", "examples",
             "counterexamples", "children", "no_children", "head", "sentence", "not_negated", "exclude",
             "detector", "params"}
RULESET_KEYS = {"name", "version", "description", "sources", "requires"}
SENTENCE_KEYS = {"question", "position", "contains"}
POSITIONS = {"document-first", "document-last", "paragraph-first", "paragraph-last", "edge"}
SPANS = {"cue", "match", "clause", "sentence"}
REQUIRES = {"lemma", "upos", "xpos", "feats", "deprel", "entities"}
BUILTIN_DIR = Path(__file__).resolve().parent / "builtin"


class RuleError(RhetoricError):
    """A rule file that cannot be loaded; ``problems`` holds one ``(line, rule id, message)`` each."""

    def __init__(self, path: str, problems: list[tuple[int, str, str]]) -> None:
        problems = list(dict.fromkeys(problems))
        self.path, self.problems = path, problems
        lines = [f"{path}:{line}: " + (f"rule {rid}: " if rid else "") + msg for line, rid, msg in problems]
        super().__init__(f"{len(problems)} problem(s) in rule file {path}:\n  " + "\n  ".join(lines)
                         + "\nfix the file and load it again")


class _Context:
    """Collects problems while one file is compiled."""

    def __init__(self, path: str, source: str, lists: dict[str, list[str]]) -> None:
        self.path, self.source, self.lists = path, source, lists
        self.problems: list[tuple[int, str, str]] = []
        self.rule_id, self.line = "", 0

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
        unknown = set(value) - {"in", "not_in", "regex"}
        if unknown:
            ctx.fail(f"{where}: unknown operator(s) {sorted(unknown)} for {key!r}; expected in, not_in or regex")
            return None
        tests = []
        if "in" in value:
            allowed = frozenset(norm(w) for w in ctx.words(value["in"], where))
            tests.append(lambda v, i: getter(v, i) in allowed)
        if "not_in" in value:
            banned = frozenset(norm(w) for w in ctx.words(value["not_in"], where))
            tests.append(lambda v, i: getter(v, i) not in banned)
        if "regex" in value:
            try:
                pattern = re.compile(value["regex"])
            except (re.error, TypeError) as error:
                ctx.fail(f"{where}: bad regex for {key!r}: {error}")
                return None
            tests.append(lambda v, i: bool(pattern.fullmatch(getter(v, i) or "")))
        return _all(tests)
    allowed = frozenset(norm(w) for w in ctx.words(value, where))
    if len(allowed) == 1:
        (only,) = allowed
        return lambda v, i: getter(v, i) == only
    return lambda v, i: getter(v, i) in allowed


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
    """Compile a token test table into a predicate ``(view, index) -> bool``."""
    if not isinstance(spec, dict):
        ctx.fail(f"{where}: expected a table of token attributes, found {spec!r}")
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
            wanted = frozenset(value if isinstance(value, list) else [value])
            if not all(isinstance(f, str) and "=" in f for f in wanted):
                ctx.fail(f"{where}: feats must be 'Name=Value' strings, found {value!r}")
            tests.append(lambda v, i, wanted=wanted: wanted <= v.feats(i))
        elif key == "negated":
            if not isinstance(value, bool):
                ctx.fail(f"{where}: negated must be true or false, found {value!r}")
            tests.append(lambda v, i, value=value: v.negated(i) == value)
        elif key == "any":
            subs = [compile_token(ctx, s, f"{where} any[{n}]") for n, s in enumerate(value or [])]
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


def _phrases(ctx: _Context, value, where: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in ctx.words(value, where):
        words = tuple(phrase.lower().split())
        if words:
            table.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}


def compile_pattern(ctx: _Context, pattern, where: str) -> tuple[Step, ...]:
    """Compile a list of pattern elements into :class:`Step` objects."""
    if not isinstance(pattern, list) or not pattern:
        ctx.fail(f"{where}: expected a non-empty list of tokens")
        return ()
    steps = []
    for n, spec in enumerate(pattern):
        here = f"{where} token {n + 1}"
        if not isinstance(spec, dict):
            ctx.fail(f"{here}: expected a table, found {spec!r}")
            continue
        unknown = set(spec) - STEP_KEYS
        if unknown:
            ctx.fail(f"{here}: unknown attribute(s) {', '.join(sorted(unknown))}; expected some of "
                     f"{', '.join(sorted(STEP_KEYS))}")
            continue
        op = spec.get("op", "1")
        if op not in ("1", "?", "*", "+"):
            ctx.fail(f"{here}: op must be ?, * or +, found {op!r}")
        if "gap" in spec:
            gap = spec["gap"]
            if not (isinstance(gap, list) and len(gap) == 2 and all(isinstance(g, int) for g in gap)
                    and 0 <= gap[0] <= gap[1]):
                ctx.fail(f"{here}: gap must be [MIN, MAX] with 0 <= MIN <= MAX, found {gap!r}")
                continue
            steps.append(Step(test=lambda v, i: True, gap=(gap[0], gap[1])))
            continue
        phrases = _phrases(ctx, spec["phrase"], here) if "phrase" in spec else None
        rest = {k: v for k, v in spec.items() if k not in ("op", "phrase")}
        test = compile_token(ctx, rest, here) if rest else (lambda v, i: True)
        if test:
            steps.append(Step(test=test, op=op, phrases=phrases))
    if steps and (steps[0].op in ("?", "*") or steps[0].gap):
        ctx.fail(f"{where}: the first token is the rule's trigger and must not be optional or a gap")
    return tuple(steps)


def _triggers(ctx: _Context, first: dict) -> tuple[tuple[str, str], ...]:
    """Index keys for the first pattern token: lemma / lower / upos / feats values, else 'any'."""
    if "phrase" in first:
        return tuple(("lower", k) for k in _phrases(ctx, first["phrase"], "trigger"))
    for key in ("lemma", "lower", "text"):
        value = first.get(key)
        if isinstance(value, (str, list)) or (isinstance(value, dict) and set(value) == {"in"}):
            values = ctx.words(value["in"] if isinstance(value, dict) else value, "trigger")
            return tuple(({"text": "lower"}.get(key, key), w.lower()) for w in values)
    alternatives = first.get("any")
    if isinstance(alternatives, list) and alternatives:
        keys = [_triggers(ctx, alt) if isinstance(alt, dict) else (("any", ""),) for alt in alternatives]
        if all(k and k[0][0] != "any" for k in keys):
            return tuple(key for k in keys for key in k)
    feats = first.get("feats")
    if isinstance(feats, str):
        return (("feats", feats),)
    if isinstance(feats, list) and feats:
        return (("feats", feats[0]),)
    candidates = {}
    for key in ("deprel", "upos"):
        value = first.get(key)
        if isinstance(value, (str, list)) or (isinstance(value, dict) and set(value) == {"in"}):
            candidates[key] = ctx.words(value["in"] if isinstance(value, dict) else value, "trigger")
    # open word classes are frequent: index by relation then, closed classes are rarer than relations
    if "upos" in candidates and ("deprel" not in candidates or not set(candidates["upos"]) & OPEN_CLASSES):
        return tuple(("upos", w) for w in candidates["upos"])
    if "deprel" in candidates:
        return tuple(("deprel", w) for w in candidates["deprel"])
    return (("any", ""),)


OPEN_CLASSES = {"NOUN", "VERB", "ADJ", "PROPN", "ADV"}


LEXICAL = ("lemma", "lower")


def _trigger_at(ctx: _Context, pattern: list) -> tuple[tuple[tuple[str, str], ...], int]:
    """The most selective trigger of a pattern and its offset from the pattern's start.

    A lexical token (lemma, form, phrase) is preferred; it may sit after fixed-width tokens
    (no ``op``, gap or phrase before it), and matching then starts that many words earlier.
    """
    first = _triggers(ctx, pattern[0])
    if first[0][0] in LEXICAL:
        return first, 0
    for offset, token in enumerate(pattern[1:], 1):
        previous = pattern[offset - 1]
        if not isinstance(previous, dict) or set(previous) & {"op", "gap", "phrase"}:
            break
        if isinstance(token, dict) and not set(token) & {"op", "gap"}:
            keys = _triggers(ctx, token)
            if keys[0][0] in LEXICAL:
                return keys, offset
    return first, 0


def _checks(ctx: _Context, raw: dict) -> list[Callable]:
    checks: list[Callable] = []
    for key, must in (("children", True), ("no_children", False)):
        for n, spec in enumerate(raw.get(key, [])):
            test = compile_token(ctx, spec, f"{key}[{n}]")
            if test:
                if must:
                    checks.append(lambda v, a, test=test: any(test(v, c) for c in v.children[a]))
                else:
                    checks.append(lambda v, a, test=test: not any(test(v, c) for c in v.children[a]))
    if "head" in raw:  # the anchor's own token test on its head
        test = compile_token(ctx, {"head": raw["head"]}, "rule")
        if test:
            checks.append(test)
    if raw.get("not_negated"):
        checks.append(lambda v, a: not v.negated(a))
    sentence = raw.get("sentence", {})
    if not isinstance(sentence, dict) or set(sentence) - SENTENCE_KEYS:
        ctx.fail(f"sentence: expected a table with some of {', '.join(sorted(SENTENCE_KEYS))}, found {sentence!r}")
        return checks
    if "question" in sentence:
        wanted = bool(sentence["question"])
        checks.append(lambda v, a: v.question == wanted)
    if "position" in sentence:
        positions = sentence["position"] if isinstance(sentence["position"], list) else [sentence["position"]]
        bad = [p for p in positions if p not in POSITIONS]
        if bad:
            ctx.fail(f"sentence.position: unknown {bad}; expected some of {', '.join(sorted(POSITIONS))}")
        attrs_ = {"document-first": "document_first", "document-last": "document_last",
                  "paragraph-first": "paragraph_first", "paragraph-last": "paragraph_last"}
        names = [attrs_[p] for p in positions if p in attrs_]
        if "edge" in positions:
            names += ["document_first", "document_last"]
        checks.append(lambda v, a: any(getattr(v, n) for n in names))
    if "contains" in sentence:
        test = compile_token(ctx, sentence["contains"], "sentence.contains")
        if test:
            checks.append(lambda v, a, test=test: any(test(v, i) for i in range(len(v.words))))
    return checks


def _compile_rule(ctx: _Context, raw: dict, ruleset: str) -> Rule | None:
    before = len(ctx.problems)
    unknown = set(raw) - RULE_KEYS
    if unknown:
        ctx.fail(f"unknown key(s) {', '.join(sorted(unknown))}; expected some of {', '.join(sorted(RULE_KEYS))}")
    category = raw.get("category")
    if category not in CATEGORIES:
        ctx.fail(f"unknown category {category!r}; expected one of {', '.join(CATEGORIES)}")
    if "detector" in raw:
        return _compile_detector_rule(ctx, raw, ruleset, before)
    for key in ("description", "pattern", "examples", "counterexamples"):
        if key not in raw:
            ctx.fail(f"missing {key!r}")
    _check_examples(ctx, raw)
    examples, counter = raw.get("examples", []), raw.get("counterexamples", [])
    confidence = raw.get("confidence", 0.5)
    if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
        ctx.fail(f"confidence must be a number in (0, 1], found {confidence!r}")
    span = raw.get("span", "cue")
    if span not in SPANS:
        ctx.fail(f"span must be one of {', '.join(sorted(SPANS))}, found {span!r}")
    steps = compile_pattern(ctx, raw.get("pattern"), "pattern") if "pattern" in raw else ()
    anchor = raw.get("anchor", 0)
    if not isinstance(anchor, int) or not 0 <= anchor < max(len(steps), 1):
        ctx.fail(f"anchor must index a pattern token (0..{len(steps) - 1}), found {anchor!r}")
    cue = raw.get("cue")
    if cue is not None and not (isinstance(cue, list) and all(isinstance(c, int) and 0 <= c < len(steps) for c in cue)):
        ctx.fail(f"cue must list pattern token indexes (0..{len(steps) - 1}), found {cue!r}")
    checks = _checks(ctx, raw)
    excludes = tuple(compile_pattern(ctx, p, f"exclude[{n}]") for n, p in enumerate(raw.get("exclude", [])))
    if len(ctx.problems) > before:
        return None
    triggers, offset = _trigger_at(ctx, raw["pattern"])
    return Rule(id=raw["id"], category=category, description=raw["description"].strip(),
                confidence=float(confidence), steps=steps, anchor=anchor,
                cue=tuple(cue) if cue is not None else None, span=span, checks=tuple(checks),
                excludes=excludes, examples=tuple(examples), counterexamples=tuple(counter),
                triggers=triggers, ruleset=ruleset, line=ctx.line, trigger_offset=offset)


def _check_examples(ctx: _Context, raw: dict) -> None:
    examples, counter = raw.get("examples", []), raw.get("counterexamples", [])
    if not (isinstance(examples, list) and len(examples) >= 2 and all(isinstance(e, str) for e in examples)):
        ctx.fail("needs at least two example sentences in 'examples'")
    if not (isinstance(counter, list) and len(counter) >= 1 and all(isinstance(e, str) for e in counter)):
        ctx.fail("needs at least one sentence in 'counterexamples'")


def _compile_detector_rule(ctx: _Context, raw: dict, ruleset: str, before: int) -> Rule | None:
    """A rule that runs a structural figure detector (``detector = "tricolon"``) with ``params``."""
    from .figures import DETECTORS

    allowed = {"id", "category", "description", "detector", "params", "confidence", "examples", "counterexamples"}
    extra = set(raw) - allowed
    if extra:
        ctx.fail(f"key(s) {', '.join(sorted(extra))} do not apply to a detector rule; expected some of "
                 f"{', '.join(sorted(allowed))}")
    detector = DETECTORS.get(raw["detector"])
    if detector is None:
        ctx.fail(f"unknown detector {raw['detector']!r}; expected one of {', '.join(sorted(DETECTORS))}")
    params = raw.get("params", {})
    if detector is not None:
        unknown = set(params) - set(detector.defaults)
        if unknown:
            ctx.fail(f"unknown param(s) {', '.join(sorted(unknown))} for detector {detector.name}; expected "
                     f"some of {', '.join(sorted(detector.defaults))}")
        for key, default in detector.defaults.items():
            value = params.get(key, default)
            list_ref = isinstance(default, list) and isinstance(value, str) and value.startswith("$")
            if type(value) is not type(default) and not list_ref and not (
                    isinstance(default, (int, float)) and isinstance(value, (int, float))):
                ctx.fail(f"param {key} must be a {type(default).__name__}, found {params[key]!r}")
    if "description" not in raw:
        ctx.fail("missing 'description'")
    _check_examples(ctx, raw)
    confidence = raw.get("confidence", 0.5)
    if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
        ctx.fail(f"confidence must be a number in (0, 1], found {confidence!r}")
    if len(ctx.problems) > before:
        return None
    merged = {**detector.defaults, **params}
    if "stop_lemmas" in merged:
        merged["stop_lemmas"] = ctx.words(merged["stop_lemmas"], "params.stop_lemmas")
    return Rule(id=raw["id"], category=raw["category"], description=raw["description"].strip(),
                confidence=float(confidence), steps=(), anchor=0, cue=None, span="match", checks=(),
                excludes=(), examples=tuple(raw["examples"]), counterexamples=tuple(raw["counterexamples"]),
                triggers=(), ruleset=ruleset, line=ctx.line, detector=detector.name, params=merged)


def load_ruleset(path: str | Path, source: str | None = None) -> RuleSet:
    """Load, validate and compile one rule file; raises :class:`RuleError` listing every problem.

    >>> rs = load_ruleset(BUILTIN_DIR / "hedges.toml")
    >>> rs.name, all(r.category == "hedge" for r in rs.rules)
    ('hedges', True)
    """
    path = Path(path)
    if source is None:
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise RuleError(str(path), [(0, "", f"cannot be read: {error}")]) from None
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise RuleError(str(path), [(int(match.group(1)) if match else 0, "", f"not valid TOML: {error}")]) from None
    lists = data.get("lists", {})
    ctx = _Context(str(path), source, lists if isinstance(lists, dict) else {})
    head = data.get("ruleset")
    unknown_top = set(data) - {"ruleset", "lists", "rules"}
    if unknown_top:
        ctx.fail(f"unknown table(s) {', '.join(sorted(unknown_top))}; expected ruleset, lists, rules")
    if not isinstance(head, dict) or not {"name", "version", "description"} <= set(head):
        ctx.fail("needs a [ruleset] table with name, version, description (and sources, requires)")
        head = head if isinstance(head, dict) else {}
    elif set(head) - RULESET_KEYS:
        ctx.fail(f"[ruleset]: unknown key(s) {', '.join(sorted(set(head) - RULESET_KEYS))}")
    requires = head.get("requires", [])
    if set(requires) - REQUIRES:
        ctx.fail(f"[ruleset] requires: unknown {sorted(set(requires) - REQUIRES)}; expected some of {sorted(REQUIRES)}")
    for name, words in ctx.lists.items():
        if not (isinstance(words, list) and all(isinstance(w, str) for w in words)):
            ctx.fail(f"[lists] {name}: expected a list of strings")
    rules, seen = [], set()
    for n, raw in enumerate(data.get("rules", [])):
        rule_id = raw.get("id") if isinstance(raw, dict) else None
        ctx.rule_id = str(rule_id or f"#{n + 1}")
        ctx.line = ctx.line_of(rule_id) if isinstance(rule_id, str) else 0
        if not isinstance(rule_id, str) or not rule_id:
            ctx.fail("missing 'id'")
            continue
        if rule_id in seen:
            ctx.fail("duplicate rule id")
        seen.add(rule_id)
        rule = _compile_rule(ctx, raw, head.get("name", ""))
        if rule:
            rules.append(rule)
    if not data.get("rules"):
        ctx.rule_id, ctx.line = "", 0
        ctx.fail("defines no [[rules]]")
    if ctx.problems:
        raise RuleError(str(path), ctx.problems)
    return RuleSet(name=head["name"], version=str(head["version"]), description=head["description"].strip(),
                   sources=tuple(head.get("sources", [])), requires=tuple(requires), rules=tuple(rules),
                   sha256=hashlib.sha256(source.encode("utf-8")).hexdigest(), path=str(path))


def builtin_rulesets() -> list[RuleSet]:
    """Every rule set shipped in ``rhetoric/rules/builtin``, in file-name order."""
    return [load_ruleset(p) for p in sorted(BUILTIN_DIR.glob("*.toml"))]
