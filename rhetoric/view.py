"""A self-contained HTML view of annotated documents (``rhetoric view``, ``Document._repr_html_``).

The text is shown exactly as it is, every move as a ``<mark>`` coloured by category (Paul
Tol's colour-blind-safe palette, :mod:`rhetoric.categories`): a tint behind the words and
a bar under them, nested moves drawn with their bars stacked, so overlaps stay readable.
A move that crosses the end of another is drawn in parts that share its ``data-move``.
Hovering or focusing a move shows its category, rule, confidence, cues and voice.  A side panel
gives the document's profile (counts and rates per 1,000 words) with a legend of all 17
categories and a filter by category.  No network: the CSS and the few lines of script
are inline.

>>> from rhetoric.formats.conllu import read_conllu
>>> from rhetoric.rules import tag
>>> doc = tag(read_conllu("1\\tGo\\tgo\\tVERB\\tVB\\tMood=Imp\\t0\\troot\\t_\\tSpaceAfter=No\\n"
...                       "2\\t!\\t!\\tPUNCT\\t.\\t_\\t1\\tpunct\\t_\\t_\\n\\n")[0])
>>> 'data-category="call_to_action"' in to_html(doc)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .categories import CATEGORY
from .document import Document, Move
from .profile import profile

STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fff}
.doc{display:flex;gap:2rem;padding:1.5rem 2rem;border-bottom:1px solid #ccc}
.text{flex:3;max-width:48rem;white-space:pre-wrap;line-height:2.4}
.panel{flex:1;min-width:17rem;font-size:14px;position:sticky;top:1rem;align-self:flex-start}
.panel table{border-collapse:collapse;width:100%}.panel td,.panel th{padding:2px 6px;text-align:right}
.panel td:first-child,.panel th:first-child{text-align:left}
.sw{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-1px;margin-right:4px}
mark{color:inherit;background:color-mix(in srgb,var(--c) 22%,transparent);border-bottom:3px solid var(--c);
 padding-bottom:calc(var(--h) * 5px - 5px);border-radius:2px}
mark:focus,mark:hover{outline:2px solid #000;outline-offset:1px}
#tip{position:fixed;right:1rem;bottom:1rem;max-width:26rem;background:#222;color:#fff;padding:.6rem .8rem;
 border-radius:6px;font-size:13px;white-space:pre-line;display:none}
h2{font-size:1.1rem;margin:0 0 .5rem}h1{font-size:1.3rem}
.head{padding:1.5rem 2rem;border-bottom:1px solid #ccc}.head svg{max-width:48rem;height:auto}
table.cmp{border-collapse:collapse}table.cmp td,table.cmp th{padding:2px 8px;text-align:right}
table.cmp td:first-child,table.cmp th:first-child{text-align:left}table.cmp ul{text-align:left;margin:.2rem 0 .6rem}
:target{outline:3px solid #000}
"""

SCRIPT = """
const tip=document.getElementById('tip');
function show(e){const m=e.target.closest('mark');if(!m)return;tip.textContent=m.title;tip.style.display='block'}
function hide(){tip.style.display='none'}
document.addEventListener('mouseover',show);document.addEventListener('focusin',show);
document.addEventListener('mouseout',hide);document.addEventListener('focusout',hide);
document.querySelectorAll('input[data-filter]').forEach(box=>box.addEventListener('change',()=>{
 const css=document.getElementById('hidden');const off=[...document.querySelectorAll('input[data-filter]')]
 .filter(b=>!b.checked).map(b=>`mark[data-category="${b.dataset.filter}"]{background:none;border-color:transparent;padding:0}`);
 css.textContent=[...new Set(off)].join('\\n')}));
"""


def _title(doc: Document, move: Move) -> str:
    by_index = {s.index: s for s in doc.sentences}
    cues = " ".join(by_index[s].word(w).text for s, w in move.cues if s in by_index)
    relations = {a.id: a for a in doc.attributions}
    speaker = relations.get(move.voice)
    voice = "author" if speaker is None else "reported: " + (doc.text[slice(*speaker.source)] if speaker.source
                                                            else "unnamed source")
    return f"{move.category} · {move.rule} · confidence {move.confidence:.2f}\ncues: {cues}\nvoice: {voice}"


def _parts(moves: Sequence[Move]) -> list[tuple[int, int, int]]:
    """(start, end, move number) pieces that nest: a move crossing the end of an open one is split there."""
    pieces: list[tuple[int, int, int]] = []
    for number, move in sorted(enumerate(moves), key=lambda m: (m[1].start, -m[1].end)):
        start = move.start
        for open_start, open_end, _ in sorted(pieces, key=lambda p: p[1]):
            if open_start <= start < open_end < move.end:  # crosses: cut at the end of the open piece
                pieces.append((start, open_end, number))
                start = open_end
        if start < move.end:
            pieces.append((start, move.end, number))
    return sorted(pieces, key=lambda p: (p[0], -p[1]))


def _heights(pieces: list[tuple[int, int, int]]) -> list[int]:
    """How many levels of marks each piece holds, itself included (its bar goes below theirs)."""
    heights = [1] * len(pieces)
    for i in sorted(range(len(pieces)), key=lambda i: pieces[i][1] - pieces[i][0]):
        for j, (start, end, _) in enumerate(pieces):
            if j != i and start <= pieces[i][0] and pieces[i][1] <= end and (start, end) != pieces[i][:2]:
                heights[j] = max(heights[j], heights[i] + 1)
    return heights


def _text_html(doc: Document, key: str) -> str:
    pieces = _parts(doc.moves)
    heights = _heights(pieces)
    events: dict[int, list[str]] = {}
    first: set[int] = set()
    for (start, end, number), height in zip(pieces, heights):
        move = doc.moves[number]
        colour = CATEGORY[move.category].colour
        ident = "" if number in first else f'id="{key}m{number}" '
        first.add(number)
        events.setdefault(start, []).append(
            f'<mark {ident}tabindex="0" data-move="{key}m{number}" data-category="{move.category}" '
            f'data-rule="{escape(move.rule)}" data-confidence="{move.confidence:g}" data-voice="{escape(move.voice)}" style="--c:{colour};--h:{height}" '
            f'title="{escape(_title(doc, move))}">')
    closing = {}
    for start, end, _ in pieces:
        closing[end] = closing.get(end, 0) + 1
    out, position = [], 0
    for offset in sorted(set(events) | set(closing)):
        out.append(escape(doc.text[position:offset]))
        out.append("</mark>" * closing.get(offset, 0))
        out.extend(events.get(offset, []))
        position = offset
    out.append(escape(doc.text[position:]))
    return "".join(out)


def _panel(doc: Document) -> str:
    p = profile(doc)
    rows = []
    for category in CATEGORY.values():
        rows.append(f'<tr><td><label><input type="checkbox" checked data-filter="{category.name}"> '
                    f'<span class="sw" style="background:{category.colour}"></span>'
                    f'<span title="{escape(category.gloss)}">{category.name.replace("_", " ")}</span></label></td>'
                    f'<td>{p.count(category.name)}</td><td>{p.rate(category.name):.2f}</td></tr>')
    return (f'<aside class="panel"><h2>Profile</h2><p>{p.words:,} words, {p.sentences} sentences</p>'
            '<table><tr><th>category</th><th>moves</th><th>per 1,000 words</th></tr>' + "".join(rows)
            + "</table></aside>")


def document_html(doc: Document, key: str = "d0") -> str:
    """One document's section: its text with the moves, and its profile panel (no page around it)."""
    title = escape(doc.meta.title or doc.meta.file or "Text")
    return (f'<section class="doc"><div><h2>{title}</h2><div class="text">{_text_html(doc, key)}</div></div>'
            f"{_panel(doc)}</section>")


def to_html(docs: Document | Sequence[Document], title: str = "rhetoric") -> str:
    """A complete, self-contained HTML page showing one or several annotated documents."""
    docs = [docs] if isinstance(docs, Document) else list(docs)
    return _page(title, "".join(document_html(doc, f"d{n}") for n, doc in enumerate(docs)))


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><style>{STYLE}</style>'
            f'<style id="hidden"></style></head><body>{body}<div id="tip" role="status"></div>'
            f"<script>{SCRIPT}</script></body></html>\n")


def _anchors(docs: Sequence[Document], side: str) -> dict[tuple[str, str, str], str]:
    """The id of each move's first mark, by (document label, rule, text) as comparisons cite them."""
    found = {}
    for k, doc in enumerate(docs):
        label = doc.meta.title or doc.meta.file or f"document {k + 1}"
        for n, move in enumerate(doc.moves):
            found.setdefault((label, move.rule, doc.text[move.start:move.end]), f"{side}{k}m{n}")
    return found


def _chart_svg(comparison) -> str:
    import tempfile
    from pathlib import Path

    try:
        from .plot import comparison_chart
    except ImportError:  # matplotlib is the optional `plot` extra
        return "<p>(Install the <code>plot</code> extra for the chart.)</p>"
    with tempfile.TemporaryDirectory() as folder:
        svg = Path(comparison_chart(comparison, Path(folder) / "chart.svg")).read_text(encoding="utf-8")
    return svg[svg.index("<svg"):]


def comparison_html(comparison, docs_a: Sequence[Document], docs_b: Sequence[Document]) -> str:
    """A self-contained page: the comparison table, its chart, each significant difference linked
    to the spans behind it, and the texts of both sides with their moves."""
    anchors = {"A": _anchors(docs_a, "a"), "B": _anchors(docs_b, "b")}
    a, b = comparison.a, comparison.b
    rows = []
    for r in comparison.rows:
        colour = CATEGORY[r.category].colour
        links = "".join(f'<li><a href="#{anchors[side].get((document, rule, text), "")}">{escape(" ".join(text.split()))}'
                        f"</a> <small>({side}: {escape(document)}, {escape(rule)})</small></li>"
                        for side, document, rule, text, _ in r.evidence) if r.significant else ""
        rows.append(f'<tr><td><span class="sw" style="background:{colour}"></span>{r.category.replace("_", " ")}'
                    f'</td><td>{r.rate_a:.2f}</td><td>{r.rate_b:.2f}</td><td>{r.log_ratio:+.2f}</td><td>{r.g2:.2f}</td>'
                    f'<td>{r.p:.2g}</td><td>{"*" if r.significant else ""}</td></tr>'
                    + (f'<tr><td colspan="7"><ul>{links}</ul></td></tr>' if links else ""))
    table = ('<table class="cmp"><tr><th>category</th>'
             f"<th>{escape(a.name)}</th><th>{escape(b.name)}</th><th>log2 ratio</th><th>G2</th><th>p</th><th></th></tr>"
             + "".join(rows) + "</table>")
    head = (f"<h1>{escape(a.name)} ({a.words:,} words) vs {escape(b.name)} ({b.words:,} words)</h1>"
            f"<p>Rates per 1,000 words; * significant at p &lt; {comparison.alpha}/{len(comparison.rows)} "
            f"(log-likelihood, Bonferroni); distance between standardised profiles {comparison.distance:.3f}. "
            "The spans under each significant difference link to the texts below.</p>")
    texts = ("".join(document_html(doc, f"a{k}") for k, doc in enumerate(docs_a))
             + "".join(document_html(doc, f"b{k}") for k, doc in enumerate(docs_b)))
    return _page(f"{a.name} vs {b.name}", f'<section class="head">{head}{table}{_chart_svg(comparison)}</section>{texts}')
