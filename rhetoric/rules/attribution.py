"""Attribution relations over a whole text: who the text reports as saying, thinking or finding what.

An :class:`~rhetoric.rules.model.AttributionRule` names a cue (a reporting verb, "according
to", ...) and a frame of :mod:`.frames`, which finds the cue's source and content in its
sentence.  This module runs the rules over a document and joins what they find to the quotes.

A pass over the whole text pairs quotation marks (:mod:`.quotes`); a relation whose
content reaches into a quote takes all of it (a quote over several sentences keeps its
source), a quote that a reporting verb splits ('"If ...," he said, "you ..."') is one
relation, a quote right before its speaker and verb is their content even where the
parser gave the verb another ('"...," she said, clapping'), a quote signed after a dash
takes that signature, a quote after the colon of "Fallon fired back:" is Fallon's (a
lead-in), a paragraph after "Limbaugh added:" is his block quote, a label in capitals opens
a turn of a transcript ("PENCE: ...", "A: ...") that runs to the end of its paragraph, and
a quote no frame explains
takes the nearest reporting verb of its first or
last sentence (``"...," Crystal continued``), of the sentence right after it when the
splitter ended one at its closing mark (``"Why now?" | he asked.``) or of the sentence
that introduces it with a colon; a quote that no frame explains and that opens the sentence
after ``"...," Warren said.`` in the same paragraph goes on with Warren's words (a relation
of its own, cued by its opening mark, with her as its source).  A short
quote with no reporting verb (a scare quote) is no attribution, and a reporting verb inside
a quote that is a relation's content, whether or not its speaker is named, is part of the
quoted words, no relation of its own; so is an act, wish or view of a rule marked
``nested = false`` inside what another relation reports ("Clinton said Trump *wants* to
build a wall").

Every relation becomes an :class:`~rhetoric.document.Attribution` and (unless its rule
says ``move = false``) one ``authority`` move spanning its source, cue and content within
the cue's sentence; every other move
whose cue words lie in a relation's content speaks in that relation's voice (but for an
aside of "as", an appearance with nobody named, "The plan *seems* to fail", and a fact
the source is said not to know, "Critics *fail to recognize* that ...", whose content the
author asserts, and what a source acted on, "Warren praised *the clearly flawed deal*",
which the author names in their own words); a first- or second-person pronoun reported
after its cue and outside quote marks is the author's ("no one mentioned that *my* mom").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import attrs

from ..document import AUTHOR, Attribution, Document, Move, Word
# the frames' helpers that the quote pass uses too (private to the rules package)
from .frames import (ASSERTED_FRAMES, OVER_TEXT, QUOTE_MARKS, SUBJECTS, THING_RELATIVES, Span, _a_name, _adopted, _bare,
                     _base, _cue_words, _denied_fact, _heads, _quoted, _read, _reports, _says_something_in, _source,
                     _target_only, _trim, _unsaid)
from .model import AttributionRule
from .quotes import QUOTE_MARK, quotations
from .view import SentenceView

_BLANKS = re.compile("[ \t\u00a0]*")
#: What may lie between a clause the parser cut short and the quote that ends it: up to three words.
_ABUTS = re.compile(r"[ \t\u00a0]*(?:[\w’'-]+[ \t\u00a0]+){0,3}")
#: The most words a signature after a dash may have ("Azucena Gonzàlez", "Donald J. Trump").
MAX_SIGNATURE_WORDS = 6
#: The most words between a lead-in's verb and its colon that are part of its cue ("issued *the following
#: statement*:"); PolNeAR's cue keeps fewer of a longer stretch ("offered up this sound bite for which ...:").
MAX_LEAD_IN_WORDS = 5
#: The fewest words a quote needs to stand as an attribution without a reporting verb
#: (shorter ones are mostly scare quotes: the so-called "reform").
MIN_QUOTE_WORDS = 4
#: Frames whose cue words are reporting verbs, which may also introduce a bare quote.
SPEECH_FRAMES = ("complement", "host")
#: What may lie between a quote and the source or verb that signs it: blanks and a comma, on one line.
_SIGN_GAP = re.compile(r"[ \t\u00a0,]*")
#: What may lie between a reporting verb (or its source after it) and the second half of a quote it splits.
_SPLIT_GAP = re.compile(r"[ \t\u00a0,:]*")


@attrs.define
class _Relation:
    rule: AttributionRule
    view: SentenceView
    cue_words: list[int]
    cue: Span
    source: Span | None
    content: list[Span]

    @property
    def asserted(self) -> bool:
        """Whether the author asserts the content ("The plan *seems* to fail"): it speaks in
        the author's voice and takes in no quote (see :data:`.frames.ASSERTED_FRAMES`)."""
        return self.rule.frame in ASSERTED_FRAMES


def _chars(view: SentenceView, span: Span) -> Span:
    return view.words[span[0]].start, view.words[span[1]].end


def _merge(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _subtract(spans: Iterable[Span], holes: Iterable[Span], text: str) -> list[Span]:
    """Character spans without the holes, each stripped of the spaces at its edges."""
    pieces = list(spans)
    for lo, hi in holes:
        pieces = [p for s, e in pieces for p in ((s, min(e, lo)), (max(s, hi), e)) if p[0] < p[1]]
    stripped = []
    for s, e in pieces:
        part = text[s:e]
        s, e = s + len(part) - len(part.lstrip()), e - len(part) + len(part.rstrip())
        if s < e:
            stripped.append((s, e))
    return stripped


def _colon_before(text: str, position: int) -> int | None:
    """Where the colon is that is the last character before ``position`` that is not a space, if one is."""
    while position > 0 and text[position - 1].isspace():
        position -= 1
    return position - 1 if position > 0 and text[position - 1] == ":" else None


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(a: Span, b: Span) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def _takes_source(rule: AttributionRule, view: SentenceView, source: Span | None) -> bool:
    """Whether a source (a word range of ``view``, or ``None``) passes the rule's ``source``
    test (a missing source fails it) and fails its ``no_source`` test (a missing one passes)."""
    if rule.source is None and rule.no_source is None:
        return True
    heads = _heads(view, source) if source else []
    if rule.source is not None and not any(rule.source(view, k) for k in heads):
        return False
    return rule.no_source is None or not any(rule.no_source(view, k) for k in heads)


class _Index:
    """Attribution rules indexed by the lemma or form of their cue."""

    def __init__(self, rules: Iterable[AttributionRule]) -> None:
        self.by_lemma: dict[str, list[AttributionRule]] = {}
        self.by_form: dict[str, list[AttributionRule]] = {}
        self.anywhere: list[AttributionRule] = []
        for rule in rules:
            if rule.triggers[0][0] not in ("lemma", "lower"):
                self.anywhere.append(rule)
            for kind, key in rule.triggers:
                if kind in ("lemma", "lower"):
                    (self.by_lemma if kind == "lemma" else self.by_form).setdefault(key, []).append(rule)
        self.lemmas, self.forms = frozenset(self.by_lemma), frozenset(self.by_form)

    def cues(self, view: SentenceView) -> list[int]:
        """The words of ``view`` that some rule may take for its cue."""
        if self.anywhere:
            return list(range(len(view.words)))
        lemmas, forms = self.lemmas, self.forms
        if forms.isdisjoint(view.lower):  # few sentences hold a cue of its form ("reportedly", a colon)
            if lemmas.isdisjoint(view.lemma):
                return []  # most sentences hold no cue word
            return [i for i, lemma in enumerate(view.lemma) if lemma in lemmas]
        return [i for i, (lemma, form) in enumerate(zip(view.lemma, view.lower)) if lemma in lemmas or form in forms]

    def candidates(self, view: SentenceView, i: int) -> list[AttributionRule]:
        """The rules that may take word ``i`` for their cue."""
        found = self.by_lemma.get(view.lemma[i])
        form = self.by_form.get(view.lower[i])
        if form:
            found = found + form if found else form
        if self.anywhere:
            return (found or []) + self.anywhere
        return found or []


class AttributionFinder:
    """The attribution rules of some rule sets, indexed by the lemma or form of their cue: all
    of them for the quote pass, and those read sentence by sentence (not the frames read over
    the text) for the sentence pass."""

    def __init__(self, rules: Iterable[AttributionRule]) -> None:
        self.rules = tuple(rules)
        self.index = _Index(self.rules)
        self.sentence_index = _Index(r for r in self.rules if r.frame not in OVER_TEXT)

    def _cue_passes(self, rule: AttributionRule, view: SentenceView, i: int) -> bool:
        return rule.cue(view, i) and _reports(view, i) and all(check(view, i) for check in rule.checks)

    def _in_sentence(self, view: SentenceView) -> Iterable[_Relation]:
        taken: set[int] = set()
        for i in self.sentence_index.cues(view):
            if i in taken:
                continue
            reports = None  # whether word i reports at all, asked once for all its candidate rules
            readings: dict[str, tuple[list[int], Span | None, list[Span]] | None] = {}  # one per frame
            verdicts: dict[Callable, bool] = {}  # one per cue, child or source test that rules share
            subjects: list[int] | None = None
            for rule in self.sentence_index.candidates(view, i):
                if not (verdicts[rule.cue] if rule.cue in verdicts else verdicts.setdefault(rule.cue, rule.cue(view, i))):
                    continue
                if rule.checks and not all(
                        verdicts[c] if c in verdicts else verdicts.setdefault(c, c(view, i)) for c in rule.checks):
                    continue
                if reports is None:
                    reports = _reports(view, i)
                    subjects = [c for c in view.children[i] if view.words[c].deprel in SUBJECTS]
                if not reports:
                    break
                test = rule.no_source
                if test is not None and subjects and (verdicts[test] if test in verdicts else verdicts.setdefault(
                        test, any(test(view, c) and not _quoted(view, (c, c), i) for c in subjects))):
                    continue  # the cue's own subject, outside a quote, is its source and fails no_source
                if rule.frame not in readings:
                    readings[rule.frame] = _read(view, i, rule.frame)
                found = readings[rule.frame]
                if found is None:
                    continue
                cue_words, source, content = found
                if not _takes_source(rule, view, source):
                    continue
                taken.update(cue_words)
                yield _Relation(rule=rule, view=view, cue_words=cue_words,
                                cue=_chars(view, (cue_words[0], cue_words[-1])),
                                source=_chars(view, source) if source else None,
                                content=[_chars(view, c) for c in content])
                break

    def _quote_cue(self, view: SentenceView, quote: Span, taken: set[tuple[int, int]]) -> _Relation | None:
        """The reporting verb nearest to a quote in ``view``, outside it, as a relation with the quote as content."""
        best = None
        for i in self.index.cues(view):
            word = view.words[i]
            if (view.sentence.index, i) in taken or _overlaps((word.start, word.end), quote):
                continue
            distance = quote[0] - word.end if word.end <= quote[0] else word.start - quote[1]
            if best is not None and distance >= best[0]:
                continue
            speech = [r for r in self.index.candidates(view, i)
                      if r.frame in SPEECH_FRAMES and self._cue_passes(r, view, i)]
            if not speech:
                continue
            source, _ = _source(view, i)
            source = _bare(view, source) if source else None
            if source and source[0] == source[1] and view.lower[source[0]] in THING_RELATIVES and _right_after(
                    view, quote, source[0]):
                continue  # a clause on what the quote names ('a series, "Sacred Journeys," that tells the story')
            rule = next((r for r in speech if _takes_source(r, view, source)), None)
            if rule is not None:
                best = (distance, i, rule, source)
        if best is None:
            return None
        _, i, rule, source = best
        cue_words = _cue_words(view, i)
        source_chars = _chars(view, source) if source else None
        if source_chars and _overlaps(source_chars, quote):
            source_chars = None
        if source_chars is None and _scare_quote(view, quote) and not _inside(quote, _chars(view, view.subtree(i))):
            return None  # 'to act "prime ministerial" and remind voters': no one says those words
        return _Relation(rule=rule, view=view, cue_words=cue_words, cue=_chars(view, (cue_words[0], cue_words[-1])),
                         source=source_chars, content=[quote])

    def find(self, doc: Document, views: list[SentenceView], quotes: list[Span]) -> list[_Relation]:
        """Every relation of ``doc``: the frames sentence by sentence, then the ``quotes``
        (:func:`.quotes.quotations`) joined."""
        relations = _turns([r for view in views for r in self._in_sentence(view)], views, doc.text)
        following = {id(a.sentence): b for a, b in zip(views, views[1:]) if not a.paragraph_last}
        for relation in relations:
            view, last = relation.view, relation.view.words[-1]
            nxt = following.get(id(view.sentence))
            whole = _trim(nxt, (0, len(nxt.words) - 1)) if nxt else None
            if not relation.content and whole:  # "Kerry:" | "The talks will resume."
                relation.content = [_chars(nxt, whole)]
            elif relation.content and relation.content[-1][1] == last.end and view.upos[-1] != "PUNCT" and whole:
                # no closing punctuation: the sentence splitter cut the content short ("says President Barack | Obama's ...")
                relation.content[-1] = (relation.content[-1][0], nxt.words[whole[1]].end)
        relations = [r for r in relations if r.content]
        starts = [v.sentence.start for v in views]
        taken = {(r.view.sentence.index, w) for r in relations for w in r.cue_words}
        for quote in quotes:
            owner = next((r for r in relations if not r.asserted and any(_overlaps(c, quote) for c in r.content)
                          and not _overlaps(r.cue, quote)), None)
            if owner is not None:
                holes = [owner.cue, *([owner.source] if owner.source else [])]
                owner.content = _subtract(_merge([*owner.content, quote]), holes, doc.text) or owner.content
                continue
            first = max(0, bisect.bisect_right(starts, quote[0]) - 1)
            cut_short = next((r for r in relations if r.view is views[first] and r.content and not r.asserted
                              and r.cue[1] <= r.content[-1][0]
                              and _ABUTS.fullmatch(doc.text, r.content[-1][1], quote[0])), None)
            if cut_short is not None:  # 'Clinton says the tweets were “unhinged, even for him.”'
                cut_short.content[-1] = (cut_short.content[-1][0], quote[1])
                continue
            beside = next(((r, how) for r in relations if (how := self._around(r, quote, quotes, doc.text))), None)
            if beside is not None and beside[1] == "join":  # '"If you have ...," he said, "you now have ..."'
                beside[0].content = sorted([*beside[0].content, quote])
                continue
            if beside is not None:  # '“...,” she said, clapping': what she said is the quote
                relations.remove(beside[0])
                taken.difference_update((beside[0].view.sentence.index, w) for w in beside[0].cue_words)
            signed = self._signature(views, starts, quote, doc.text)
            if signed is not None:
                relations.append(signed)
                continue
            colon = _colon_before(doc.text, quote[0])
            led = self._lead_in(views, starts, quote, colon, doc.text, taken)
            if led is not None:
                relations.append(led)
                taken.update((led.view.sentence.index, w) for w in led.cue_words)
                continue
            last = max(0, bisect.bisect_right(starts, quote[1] - 1) - 1)
            places = [views[first], views[last]] if views else []
            if first > 0 and colon is not None and colon < starts[first]:
                places.append(views[first - 1])  # He put it this way:\n"..." (not 'Said Ellis: "..."')
            after = None
            if last + 1 < len(views) and _BLANKS.fullmatch(doc.text, quote[1], starts[last + 1]):
                after = views[last + 1]  # the splitter ends a sentence at '?"': "Why now?" | he asked.
                places.append(after)
            for view in places:
                relation = self._quote_cue(view, quote, taken)
                if relation is not None and view is after and not _opens(relation, doc.text):
                    continue  # a sentence of its own after the quote, not its signature ("his proposed program")
                if relation is not None:
                    relations.append(relation)
                    taken.update((view.sentence.index, w) for w in relation.cue_words)
                    break
            else:
                previous = views[first - 1] if first and quote[0] == starts[first] else None
                speaker = next((r for r in relations if previous is not None and r.view is previous
                                and id(previous.sentence) in following and _leads(r, quotes, doc.text)), None)
                relation = self._bare_quote(views[first], quote, doc.text, speaker)
                if relation is not None:
                    relations.append(relation)
        self._blocks(views, relations, quotes, taken)
        return sorted(_univocal(_unnested(_outer(relations, quotes), quotes), doc.text), key=lambda r: r.cue)

    def _blocks(self, views: list[SentenceView], relations: list[_Relation], quotes: list[Span],
                taken: set[tuple[int, int]]) -> None:
        """Add to ``relations`` each paragraph set off without quote marks after a paragraph
        that ends in a named source, a reporting verb and a colon ("Limbaugh added:" | "And
        from a supposed front-runner, ..."): a block quote that plain text left unmarked.  A
        phrase before the source is then no part of what was said ("In the text of the post,
        Wallnau wrote:")."""
        for k, view in enumerate(views[:-1]):
            if not view.paragraph_last or view.lower[-1] != ":":
                continue
            last = next(j for j in range(k + 1, len(views)) if views[j].paragraph_last or j == len(views) - 1)
            block = (views[k + 1].sentence.start, views[last].sentence.end)
            opening = (block[0], block[0] + 1)
            if any(_overlaps(opening, q) for q in quotes) or any(
                    _overlaps(opening, c) for r in relations for c in r.content):
                continue  # opens a quote or what some relation reports: the quote pass or the frames read it
            verb = view.words[-1].head - 1  # the word the colon closes
            fronted = next((r for r in relations if r.view is view and verb in r.cue_words
                            and all(end <= r.cue[0] for _, end in r.content)), None)
            free = taken - {(view.sentence.index, w) for w in fronted.cue_words} if fronted else taken
            relation = self._quote_cue(view, block, free)
            if relation is not None and relation.source is not None and verb in relation.cue_words:
                if fronted is not None:
                    relations.remove(fronted)
                relations.append(relation)
                taken.update((view.sentence.index, w) for w in relation.cue_words)

    def _around(self, relation: _Relation, quote: Span, quotes: list[Span], text: str) -> str | None:
        """How a quote beside a relation's reporting verb and source belongs to it: ``"join"``
        when the verb splits one quote in two and the relation holds the other half
        ('"If you have ...," he said, "you now have ..."'; '"That," he added, "promises ..."');
        ``"take"`` when the quote comes right before the verb and its source while the
        relation took for its content what follows them, where no quote is (``"...," she
        said, clapping``; ``"...?" | Trump said, looking out``): the parser hung the quote
        elsewhere and read an adjunct as what was said; else ``None``."""
        cue, source, content = relation.cue, relation.source, relation.content
        first = min(cue[0], source[0]) if source else cue[0]
        last = max(cue[1], source[1]) if source else cue[1]
        if not content or (source and not (source[1] <= cue[0] or cue[1] <= source[0])):
            return None
        if quote[1] <= first:
            if not _SIGN_GAP.fullmatch(text, quote[1], first) or any(c[0] < last for c in content):
                return None
            gap = text[quote[1]:first] + (text[source[1]:cue[0]] if source and source[1] <= cue[0] else "")
            leads = text[quote[0]:quote[1]].rstrip("\"“”«»'’ ")[-1:] in (",", "?", "!") or "," in gap
            if not (leads and _SIGN_GAP.fullmatch(gap)):
                return None
            if all(any(_inside(c, q) for q in quotes) for c in content):
                return "join"
            view = relation.view
            if not any(_overlaps(c, q) for c in content for q in quotes) and any(
                    r.frame in SPEECH_FRAMES and self._cue_passes(r, view, i)
                    for i in relation.cue_words for r in self.index.candidates(view, i)):
                return "take"
            return None
        if quote[0] >= last and _SPLIT_GAP.fullmatch(text, last, quote[0]) and "," in text[last:quote[0]] and all(
                c[1] <= first and any(_inside(c, q) for q in quotes) for c in content):
            return "join"
        return None

    def _signature(self, views: list[SentenceView], starts: list[int], quote: Span, text: str) -> _Relation | None:
        """The ``dash`` frame: a dash right after the quote and a capitalised name after it,
        on the same line (``"..." ― Sonya Herridge``, ``"..." — Donald J. Trump (@realDonaldTrump)``)."""
        dash = _BLANKS.match(text, quote[1]).end()
        if dash >= len(text) or not views:
            return None
        view, i = _word_at(views, starts, dash)
        if i is None:
            return None
        rule = next((r for r in self.index.candidates(view, i)
                     if r.frame == "dash" and self._cue_passes(r, view, i)), None)
        if rule is None:
            return None
        name, end = [], view.words[i].end
        for k in range(i + 1, min(len(view.words), i + 1 + MAX_SIGNATURE_WORDS)):
            word = view.words[k]
            if "\n" in text[end:word.start] or not word.text[:1].isupper():
                break
            name.append(k)
            end = word.end
        if not name:
            return None
        return _Relation(rule=rule, view=view, cue_words=[i], cue=_chars(view, (i, i)),
                         source=_chars(view, (name[0], name[-1])), content=[quote])

    def _lead_in(self, views: list[SentenceView], starts: list[int], quote: Span, colon: int | None, text: str,
                 taken: set[tuple[int, int]]) -> _Relation | None:
        """The ``lead-in`` frame: a quote of :data:`MIN_QUOTE_WORDS` words or more right after a
        colon that closes a clause of a verb of no saying and its subject ('Fallon fired back:
        "..."', 'Trump issued the following statement: "..."'); a verb of saying there is the
        quote pass's own (``He said: "..."``).  ``colon`` is where the colon right before the
        quote is, if one is (:func:`_colon_before`)."""
        quoted = text[quote[0]:quote[1]]
        if colon is None or not views or _short(quoted) or _title(quoted):
            return None  # no colon, or a name ('Poznan activists formed: "We, the Inhabitants of Poznan"')
        view, i = _word_at(views, starts, colon)
        if not i:
            return None
        # the clause that ends at the colon (the parser may hang the colon on the quote): up from the
        # word before it to the head of the words before it, or to the last of joined verbs
        # ("gestured ..., then leaned in and boomed:"); a clause with a subject of its own on the
        # way is not the quote's ("He adds that *American Muslims* have two choices:")
        path = [i - 1]
        while (head := view.head(path[-1])) is not None and head < i and _base(view, path[-1]) != "conj":
            path.append(head)
        verb = path[-1]
        if (any(view.words[c].deprel in SUBJECTS for k in path[:-1] for c in view.children[k])
                or view.upos[verb] != "VERB" or view.words[verb].text.isupper()
                or (view.sentence.index, verb) in taken):
            return None  # no verb of the clause, a headline in capitals, or a cue the frames read
        rules = [r for r in self.index.candidates(view, i) if r.frame == "lead-in" and self._cue_passes(r, view, i)]
        if not rules or any(r.frame in SPEECH_FRAMES or r.frame in ASSERTED_FRAMES
                            for k in path for r in self.index.candidates(view, k)):
            return None  # a verb of saying is the quote pass's ("writing in an email:"); what seems is no one's
        source, _ = _source(view, verb)
        source = _bare(view, source) if source else None
        rule = next((r for r in rules if source and _takes_source(r, view, source)), None)
        if rule is None or source[1] >= verb:
            return None
        cue_words = _cue_words(view, verb)
        if i - cue_words[-1] <= MAX_LEAD_IN_WORDS + 1:  # "issued the following statement:", not "offered up
            cue_words = list(range(cue_words[0], i + 1))  # this sound bite for which she later apologized:"
        return _Relation(rule=rule, view=view, cue_words=cue_words, cue=_chars(view, (cue_words[0], cue_words[-1])),
                         source=_chars(view, source), content=[quote])

    def _bare_quote(self, view: SentenceView, quote: Span, text: str,
                    speaker: _Relation | None = None) -> _Relation | None:
        """A quote of :data:`MIN_QUOTE_WORDS` words or more that no reporting verb introduces:
        someone's words, source unnamed here; its opening mark is the cue (``quote`` frame).
        After ``"...," Warren said.`` (the ``speaker`` relation) a quote of any length goes on
        with Warren's words: its source is hers, and its cue her "said" (as PolNeAR marks it)."""
        opening = next((i for i, w in enumerate(view.words) if w.start == quote[0]), None)
        quoted = text[quote[0]:quote[1]]
        if opening is None or (speaker is None and (_short(quoted) or _title(quoted)
                                                    or _named_text(view, opening, quote))):
            return None
        rule = next((r for r in self.index.candidates(view, opening)
                     if r.frame == "quote" and self._cue_passes(r, view, opening)), None)
        if rule is None:
            return None
        # after Warren's quote her "said" reports this one too; the opening mark anchors its move here
        cue, source = (speaker.cue, speaker.source) if speaker else (_chars(view, (opening, opening)), None)
        return _Relation(rule=rule, view=view, cue_words=[opening], cue=cue, source=source, content=[quote])


def _word_at(views: list[SentenceView], starts: list[int], position: int) -> tuple[SentenceView, int | None]:
    """The sentence of ``views`` (which start at ``starts``) that holds character ``position``,
    and the index of its word that starts there, if one does."""
    view = views[max(0, bisect.bisect_right(starts, position) - 1)]
    return view, next((k for k, w in enumerate(view.words) if w.start == position), None)


def _right_after(view: SentenceView, quote: Span, k: int) -> bool:
    """Whether word ``k`` of ``view`` follows ``quote`` with nothing but punctuation between."""
    return any(w.end == quote[1] for w in view.words) and view.words[k].start >= quote[1] and all(
        view.upos[j] == "PUNCT" for j in range(k) if view.words[j].start >= quote[1])


def _short(quoted: str) -> bool:
    """Whether quoted words are fewer than :data:`MIN_QUOTE_WORDS`: a word or name held at a
    distance (the so-called "reform"), not someone's words."""
    return len(quoted.split()) < MIN_QUOTE_WORDS


def _turns(relations: list[_Relation], views: list[SentenceView], text: str) -> list[_Relation]:
    """``relations`` with the turns of a transcript read as such: a label in capitals before a
    colon ("PENCE: Well, look, ...", "Q: ...", "A: ...") names a speaker in a text where one
    such label opens two turns or more, and the turn runs from the colon to the end of its
    paragraph; elsewhere only a label the tagger reads as a name does ("KATE BOULDUAN: ...",
    not "UPDATE: ...")."""
    def label(r: _Relation) -> str | None:
        name = text[r.source[0]:r.source[1]] if r.rule.frame == "colon" and r.source else ""
        return name if name.isupper() else None

    labels = [label(r) for r in relations]
    if not any(labels):
        return relations
    if max(Counter(name for name in labels if name).values()) < 2:
        return [r for r, name in zip(relations, labels) if name is None or any(
            _a_name(w) for w in r.view.words if r.source[0] <= w.start < r.source[1])]
    ends, end = {}, len(text)
    for view in reversed(views):
        if view.paragraph_last:  # without the mark that closes a quoted transcript
            end = view.words[-2 if len(view.words) > 1 and view.lower[-1] in QUOTE_MARKS else -1].end
        ends[id(view.sentence)] = end
    for r, name in zip(relations, labels):
        if name is not None:
            start = r.content[0][0] if r.content else r.cue[1]
            while start < len(text) and text[start].isspace():
                start += 1
            r.content = [(start, ends[id(r.view.sentence)])]
    return relations


def _scare_quote(view: SentenceView, quote: Span) -> bool:
    """Whether ``quote`` lies in ``view`` and is :func:`_short`."""
    sentence = view.sentence
    return (sentence.start <= quote[0] and quote[1] <= sentence.end
            and _short(sentence.text[quote[0] - sentence.start:quote[1] - sentence.start]))


def _spoken(relation: _Relation, quotes: list[Span]) -> list[Span]:
    """The quotes that lie in a relation's content, in text order."""
    return [q for q in quotes if any(_inside(q, c) for c in relation.content)]


def _outer(relations: list[_Relation], quotes: list[Span]) -> list[_Relation]:
    """The relations without those whose cue lies inside a quote that is another relation's
    content: what a speaker reports in their own words ('“You went on television to *blame*
    the workers,” Warren said'), or a quoted headline reports ('ran under “Egypt *warns*
    Amal Clooney she risks arrest”'), is part of the quoted words, not a report of the text.
    A speaker named at the head of a turn of an unsigned, quoted transcript stays ('"PENCE:
    Well, look, ...'): it says whose the words are."""
    if not quotes:
        return relations
    spoken = {q: r for r in relations if not r.asserted for q in _spoken(r, quotes)}
    return [r for r in relations if not any(
        _inside(r.cue, q) and owner is not r and (owner.source or r.rule.frame != "colon") for q, owner in spoken.items())]


def _unnested(relations: list[_Relation], quotes: list[Span]) -> list[_Relation]:
    """The relations without those of a rule with ``nested = false`` that lie, cue and
    content, in what a relation of another rule reports in its source's words: "Clinton said
    Trump *wants* to build a wall" is Clinton's account of Trump's wish, as PolNeAR mostly
    marks it: on its train split, 23% of the cue characters of such acts, wishes and views
    inside another relation's content are cue characters of its own, against 71% of the same
    rules' elsewhere.  In content the author adopts (:func:`_authors_words`: "As the report
    shows, the CIA *asked* ...") the act stays a report of the text's, and so does one whose
    content reaches beyond the report (the parser's "the girl she *knew*" taking the quote
    after it)."""
    def reported(inner: _Relation) -> bool:
        return not inner.rule.nested and any(
            outer.rule.nested
            and all(any(_inside(part, c) for c in outer.content) for part in (inner.cue, *inner.content))
            and not _authors_words(outer, _kind(outer.content, quotes)) for outer in relations)

    return [r for r in relations if not reported(r)]


_LOOSE = ",;: \t\n"  # what a content left after a hole does not begin or end with


def _univocal(relations: list[_Relation], text: str) -> list[_Relation]:
    """The relations with each content less the relations of a second act joined to its
    reporting verb, so that every word has one voice, as PolNeAR marks it: in "The judge
    rejected the request, *saying the courts have no business deciding it*", what the judge
    rejected is "the request"; what she said is the other relation's.  Two relations that
    would hold each other's cue ("*According to a Pew study*, 64 percent of voters oppose the
    bill") are read with the one that modifies the other's verb outside: its cue and source
    leave that verb's content.  A content that would keep no word of content ("by") stays whole."""
    def holds(outer: _Relation, inner: _Relation) -> bool:
        return inner is not outer and any(_inside(inner.cue, c) for c in outer.content)

    def holes_in(outer: _Relation, inner: _Relation) -> list[Span]:
        view = outer.view
        if not holds(outer, inner):
            return []
        source = [inner.source] if inner.source else []
        if holds(inner, outer):  # the one that modifies the other's verb is the outer report
            spans = [view.subtree(k) for k in outer.cue_words]
            modifies = all(any(lo <= k <= hi for lo, hi in spans) for k in inner.cue_words)
            return [inner.cue, *source] if modifies else []
        if any(view.head(i) in outer.cue_words and _base(view, i) == "advcl" for i in inner.cue_words):
            return [inner.cue, *source, *inner.content]  # a second act
        return []

    in_sentence: dict[int, list[_Relation]] = {}  # both kinds of pair share a sentence
    for relation in relations:
        in_sentence.setdefault(id(relation.view), []).append(relation)
    holes = {id(r): [part for inner in in_sentence[id(r.view)] for part in holes_in(r, inner)] for r in relations}
    for relation in relations:
        if holes[id(relation)]:
            rest = [(s + len(part) - len(part.lstrip(_LOOSE)), s + len(part.rstrip(_LOOSE))) for s, e in
                    _subtract(relation.content, holes[id(relation)], text) for part in [text[s:e]]]
            rest = [(s, e) for s, e in rest if _WORD.search(text, s, e)]
            if rest and _says_something_in(relation.view, rest):
                relation.content = rest
    return relations


def _leads(relation: _Relation, quotes: list[Span], text: str) -> bool:
    """Whether a relation's cue follows a quote of its content with no other quote mark
    after it ('"It was a great theme," the mayor said.'): a quote that opens the next
    sentence of the paragraph goes on with the same speaker's words."""
    before = [q for q in _spoken(relation, quotes) if q[1] <= relation.cue[0]]
    return bool(before) and not QUOTE_MARK.search(text, before[-1][1], relation.view.sentence.end)


_WORD = re.compile(r"\w")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


#: Nouns that name the quoted words as a formula of their own, mentioned rather than borrowed
#: ('the slogan "We are the people"', 'the mantra of "steel ships, iron men"', 'a flag with
#: "..." inscription'); a headline still quotes its paper (the op-ed gold counts 'published a
#: cover with the headline: "..."' as an appeal).
NAMED_TEXTS = frozenset({"slogan", "mantra", "motto", "inscription", "chant", "catchphrase", "tagline", "hashtag"})


def _named_text(view: SentenceView, opening: int, quote: Span) -> bool:
    """Whether a noun of :data:`NAMED_TEXTS` comes within four words before the quote or right
    after it ("the crowd *chanted* ..." still quotes the crowd)."""
    after = next((k for k, w in enumerate(view.words) if w.start >= quote[1]), None)
    near = [*range(max(0, opening - 4), opening), *([after] if after is not None else [])]
    return any(view.lemma[k] in NAMED_TEXTS and view.upos[k] == "NOUN" for k in near)


def _title(quoted: str) -> bool:
    """Whether quoted words read as a title or a name, not speech: most of their words of four
    letters or more capitalized ("More Guns, Less Crime", "Keep Christ in Christmas").

    >>> _title('"Dumbing Down the Courts: How Politics Keeps the Smartest Judges Off the Bench"')
    True
    >>> _title('"We will win this fight."')
    False
    """
    words = _LONG_WORD.findall(quoted)
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _kind(content: list[Span], quotes: list[Span]) -> str:
    quoted = [any(_inside(c, q) for q in quotes) for c in content]
    touched = [any(_overlaps(c, q) for q in quotes) for c in content]
    if all(quoted):
        return "direct"
    return "mixed" if any(touched) else "indirect"


def _word_edges(views: list[SentenceView]) -> Callable[[Span], Span]:
    """A function that widens a character span to the edges of the words it touches: a quote
    mark the tokenizer glued to the next word ('"...»0 said') ends a quote inside a word,
    and the roles of a relation are whole words (as TEI writes them).  The quote pass itself
    keeps the marks' own characters, which it reads ('”―' is a closing mark and a signature's
    dash in one token)."""
    starts = [w.start for v in views for w in v.words]
    ends = [w.end for v in views for w in v.words]

    def widen(span: Span) -> Span:
        first, last = bisect.bisect_right(ends, span[0]), bisect.bisect_left(starts, span[1]) - 1
        return (min(span[0], starts[first]), max(span[1], ends[last])) if first <= last else span
    return widen


def _opens(relation: _Relation, text: str) -> bool:
    """Whether the relation's sentence opens with its cue and source, nothing before or between
    them ("he asked.", "asked Trump."): a signature of the quote before it."""
    cue, source = relation.cue, relation.source
    first = min(cue[0], source[0]) if source else cue[0]
    between = text[source[1]:cue[0]] if source and source[1] <= cue[0] else ""
    return not text[relation.view.sentence.start:first].strip(" \t,") and not between.strip()


def _quotes_words(content: list[Span], quotes: list[Span], text: str) -> bool:
    """Whether a content holds a quote of :data:`MIN_QUOTE_WORDS` words or more: someone's
    words, not a word or name held at a distance ('the "they"', 'its triad "liberty,
    equality, brotherhood"')."""
    return any(_overlaps(c, q) and not _short(text[q[0]:q[1]]) for c in content for q in quotes)


#: Features of the pronouns that point at the writer and the reader.
_DEICTIC = frozenset({"Person=1", "Person=2"})


def _deictic(cues: Sequence[Word], quotes: list[Span]) -> bool:
    """Whether a move's cue words are all first- or second-person pronouns outside quote marks,
    which in words reported after their cue point at the author and the reader, not at the
    source ("no one ever mentioned that *my* mom had a Jewish background", "They assume *we*
    are lazy"); in a quote they are the speaker's ('"My mom was Jewish," she said')."""
    return bool(cues) and all(
        w.upos == "PRON" and _DEICTIC & set((w.feats or "").split("|"))
        and not any(_inside((w.start, w.end), q) for q in quotes) for w in cues)


def _authors_words(relation: _Relation, kind: str) -> bool:
    """Whether the content of ``relation`` (of ``kind``) speaks in the author's voice: what
    seems so ("The plan *seems* to fail"), an aside's content in the author's words ("As X
    rightly says, we must act now", but not 'As X put it, "We have to act."'), a fact the
    source is said not to know ("Critics fail to recognize that the policy works") and, unless
    quoted, what the source acted on in the same sentence ("Warren praised the deal")."""
    view, cue_words = relation.view, relation.cue_words
    sentence = (view.sentence.start, view.sentence.end)
    return relation.asserted or (kind != "direct" and (
        any(_adopted(view, k) for k in cue_words) or _denied_fact(view, cue_words))) or (
        kind == "indirect" and all(_inside(c, sentence) for c in relation.content) and _target_only(view, cue_words))


def attribute(doc: Document, moves: Sequence[Move], views: list[SentenceView],
              finder: AttributionFinder) -> tuple[tuple[Move, ...], tuple[Attribution, ...]]:
    """The attributions of ``doc`` with their ``authority`` moves, and ``moves`` with their voices.

    Moves the rule sets made are given the voice of the relation whose content holds
    their cue words, unless the author adopts that content in an aside ("As X noted, ...");
    each relation adds one ``authority`` move.
    """
    quotes = quotations(doc.text) if finder.rules else []
    relations = finder.find(doc, views, quotes)
    if not relations:  # most documents: every move stays the author's, and no authority move is added
        return tuple(sorted(moves, key=_move_order)), ()
    on_words = _word_edges(views)
    for r in relations:
        r.cue, r.source = on_words(r.cue), r.source and on_words(r.source)
        r.content = _merge(on_words(c) for c in r.content)
    attributions = tuple(
        Attribution(id=f"a{n}", kind=_kind(r.content, quotes), source=r.source, cue=r.cue,
                    content=tuple(r.content), rule=r.rule.id, confidence=r.rule.confidence)
        for n, r in enumerate(relations, 1))

    # content spans of the relations, the innermost (shortest relation) first, but for content
    # in the author's words (:func:`_authors_words`)
    adopted = {a.id for a, r in zip(attributions, relations) if _authors_words(r, a.kind)}
    holders = sorted((sum(e - s for s, e in a.content), n, s, e, a.id)
                     for n, a in enumerate(attributions) if a.id not in adopted for s, e in a.content)

    def voice(span: Span, exclude: str | None = None) -> str:
        return next((ident for _, _, s, e, ident in holders
                     if s <= span[0] and span[1] <= e and ident != exclude), AUTHOR)

    sentences = {v.sentence.index: v.words for v in views}
    reach = _merge((s, e) for _, _, s, e, _ in holders)  # the text that some content holds
    starts = [s for s, _ in reach]

    def outside(move: Move) -> bool:
        k = bisect.bisect_left(starts, move.end) - 1  # the last stretch that starts before the move ends
        return k < 0 or reach[k][1] <= move.start

    # where each relation's cue starts, but for a colon's, whose content is a quote without marks
    # ("Atlanta Fire Chief: I was fired ..."); words before their cue are mostly one too
    cue_starts = {a.id: a.cue[0] for a, r in zip(attributions, relations) if r.rule.frame != "colon"}
    voiced = list(moves)
    for n, move in enumerate(moves):
        if move.voice == AUTHOR and outside(move):
            continue  # outside every content: the author's already
        cues = [sentences[s][w - 1] for s, w in move.cues]
        span = (min(w.start for w in cues), max(w.end for w in cues)) if cues else (move.start, move.end)
        speaker = voice(span)
        if speaker in cue_starts and cue_starts[speaker] < span[0] and _deictic(cues, quotes):
            speaker = AUTHOR
        if speaker != move.voice:
            voiced[n] = attrs.evolve(move, voice=speaker)
    for attribution, relation in zip(attributions, relations):
        move = relation.rule.move
        if not move or (move == "quoted" and not _quotes_words(relation.content, quotes, doc.text)) or _unsaid(
                relation.view, relation.cue_words):
            continue
        view = relation.view
        sentence = (view.sentence.start, view.sentence.end)
        inside = [(max(s, sentence[0]), min(e, sentence[1])) for s, e in
                  [attribution.cue, *attribution.content, *([attribution.source] if attribution.source else [])]
                  if _overlaps((s, e), sentence)]
        start, end = min(s for s, _ in inside), max(e for _, e in inside)
        covered = [w for w in view.words if w.start < end and start < w.end]
        voiced.append(Move(category="authority", start=covered[0].start, end=covered[-1].end,
                           words=tuple((view.sentence.index, w.id) for w in covered),
                           cues=tuple((view.sentence.index, view.words[k].id) for k in relation.cue_words),
                           rule=relation.rule.id, ruleset=relation.rule.ruleset,
                           confidence=relation.rule.confidence, voice=voice(attribution.cue, attribution.id),
                           attribution=attribution.id))
    voiced.sort(key=_move_order)
    return tuple(voiced), attributions


def _move_order(move: Move) -> tuple[int, int, str]:
    return move.start, move.end, move.category
