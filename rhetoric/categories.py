"""The vocabulary of rhetorical moves that every layer reads: names, glosses, colours, TEI ids.

The 17 category ids are the stable contract of the JSON output (ARCHITECTURE.md).  The
colours are Paul Tol's colour-blind-safe "muted" and "light" qualitative schemes
(https://personal.sron.nl/~pault/), one per category.

>>> CATEGORY["hedge"].gloss
'a cue that withholds full commitment: possibility, probability, approximation, doubt'
>>> CATEGORIES[:3]
('claim', 'authority', 'hedge')
"""

from __future__ import annotations

from types import MappingProxyType

import attrs


@attrs.frozen(kw_only=True)
class Category:
    """One move category: ``name`` (the id used everywhere), a one-line ``gloss``, a display ``colour``
    (``#rrggbb``) and the kind of span its moves cover (``cue``, ``clause`` or ``figure``)."""

    name: str
    gloss: str
    colour: str
    span: str

    @property
    def tei_id(self) -> str:
        """The ``xml:id`` of the category in the TEI taxonomy (``rm.hedge``)."""
        return f"rm.{self.name}"

    @property
    def ansi(self) -> str:
        """The SGR code that colours this category in a true-colour terminal."""
        red, green, blue = (int(self.colour[i:i + 2], 16) for i in (1, 3, 5))
        return f"38;2;{red};{green};{blue}"


_TABLE = (
    ("claim", "clause", "#CC6677", "the author commits to a proposition or evaluation as their position"),
    ("authority", "clause", "#332288", "support borrowed from a person, office, institution, expert, study or document"),
    ("hedge", "cue", "#DDCC77", "a cue that withholds full commitment: possibility, probability, approximation, doubt"),
    ("call_to_action", "clause", "#117733", "the text urges someone to act or to change"),
    ("booster", "cue", "#882255", "a cue of emphatic certainty"),
    ("statistic", "cue", "#88CCEE", "a figure offered as evidence: count, amount, percentage, money, ranking"),
    ("rhetorical_question", "clause", "#44AA99", "a question asked for effect, expecting no answer from the reader"),
    ("engagement", "cue", "#999933", "direct address to the reader or inclusive we that builds a shared position"),
    ("self_mention", "cue", "#AA4499", "the author's own presence: I, my, exclusive we"),
    ("concession", "clause", "#77AADD", "granting a point before countering it"),
    ("common_ground", "clause", "#EE8866", "appeal to what everyone supposedly knows or shares"),
    ("attitude", "cue", "#EEDD88", "an affective or evaluative word about the topic"),
    ("tricolon", "figure", "#FFAABB", "three parallel items in one coordination or sequence"),
    ("anaphora", "figure", "#99DDFF", "successive clauses or sentences that open with the same words"),
    ("epistrophe", "figure", "#44BB99", "successive clauses or sentences that end with the same words"),
    ("antithesis", "figure", "#BBCC33", "contrasting ideas in parallel structure"),
    ("antimetabole", "figure", "#AAAA00", "words repeated in reverse order (A B ... B A)"),
)

#: Every category, keyed by name, in the canonical order.
CATEGORY = MappingProxyType({name: Category(name=name, span=span, colour=colour, gloss=gloss)
                             for name, span, colour, gloss in _TABLE})

#: The category names in the canonical order (profiles, tables and TEI follow it).
CATEGORIES: tuple[str, ...] = tuple(CATEGORY)
