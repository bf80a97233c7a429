"""The HTML view: every move shown with its category, rule and confidence, nothing fetched."""

import shutil
import subprocess

import lxml.html
import pytest

import rhetoric
from rhetoric.categories import CATEGORIES
from rhetoric.cli import main
from rhetoric.view import to_html

from .conftest import SEED


@pytest.fixture(scope="module")
def seed_doc():
    from .conftest import compact_processors

    if not {"tokenize", "mwt", "pos", "lemma", "depparse"} <= set(compact_processors()):
        pytest.skip("the compact models are not fully installed")
    return rhetoric.annotate(SEED.read_text(encoding="utf-8"), meta=rhetoric.read_metadata(SEED))


def test_every_move_of_the_seed_is_a_highlighted_element(seed_doc):
    page = lxml.html.fromstring(to_html(seed_doc))
    marks = page.xpath("//mark")
    assert len(seed_doc.moves) > 20
    for number, move in enumerate(seed_doc.moves):
        parts = [m for m in marks if m.get("data-move") == f"d0m{number}"]
        assert parts, move
        for part in parts:
            assert (part.get("data-category"), part.get("data-rule"), part.get("data-confidence")) == (
                move.category, move.rule, f"{move.confidence:g}")
            assert part.get("title").startswith(f"{move.category} · {move.rule} · confidence")
            assert part.get("tabindex") == "0"  # reachable by keyboard, details on focus
        # the parts cover exactly the move's text
        assert "".join(p.text_content() for p in parts if p.getparent().get("data-move") != f"d0m{number}") \
            == seed_doc.text[move.start:move.end]
    assert page.xpath("string(//div[@class='text'])") == seed_doc.text  # the text itself, unchanged


def test_the_legend_lists_all_17_categories_and_nothing_is_fetched(seed_doc):
    html = to_html(seed_doc)
    page = lxml.html.fromstring(html)
    assert [box.get("data-filter") for box in page.xpath("//input[@data-filter]")] == list(CATEGORIES)
    assert not [e for e in page.iter() if any("http" in (e.get(a) or "") for a in ("src", "href"))]
    assert not page.xpath("//script[@src] | //link | //img | //iframe")
    assert seed_doc._repr_html_() == html


def test_the_command_writes_one_page_for_several_texts(tmp_path, capsys):
    for name in ("a", "b"):
        (tmp_path / f"{name}.conllu").write_text(
            "1\tGo\tgo\tVERB\tVB\tMood=Imp\t0\troot\t_\tSpaceAfter=No\n2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n")
    assert main(["view", str(tmp_path), "-o", str(tmp_path / "view.html")]) == 0
    page = lxml.html.parse(str(tmp_path / "view.html")).getroot()
    assert len(page.xpath("//section[@class='doc']")) == 2
    assert page.xpath("//mark/@data-move") == ["d0m0", "d1m0"]


@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")), reason="no Chromium")
def test_chromium_renders_the_seed(seed_doc, tmp_path):
    page = tmp_path / "seed.html"
    page.write_text(to_html(seed_doc), encoding="utf-8")
    shot = tmp_path / "seed.png"
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={shot}",
                    "--window-size=1400,1000", page.as_uri()], check=True, capture_output=True, timeout=120)
    assert shot.stat().st_size > 10_000


def test_a_comparison_report_links_each_significant_difference_to_its_spans(tmp_path, seed_doc):
    from .conftest import CORPUS

    out = tmp_path / "cmp.html"
    assert main(["compare", str(CORPUS / "campaigning-call-to-arms.txt"), str(CORPUS / "cautious-expert-column.txt"),
                 "--html", str(out)]) == 0
    page = lxml.html.parse(str(out)).getroot()
    links = page.xpath("//table[@class='cmp']//a/@href")
    ids = set(page.xpath("//mark/@id"))
    assert links and all(link.startswith("#") and link[1:] in ids for link in links)
    for link in links:  # the linked mark holds the text the link shows
        (mark,) = page.xpath(f"//mark[@id='{link[1:]}']")
        (anchor,) = page.xpath(f"//a[@href='{link}']")
        assert " ".join(mark.text_content().split()) in anchor.text_content()
    assert page.xpath("//svg")  # the chart, inline
    assert not [e for e in page.iter() if any("http" in (e.get(a) or "") for a in ("src", "href"))]
