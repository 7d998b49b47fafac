"""The HTML brief of the invented store: self-contained, four figures, sources listed,
hostile text escaped."""
from __future__ import annotations

import re

from lxml import html as lxml_html

from blocwatch.cli import main

# tests/ is on sys.path (its folders are packages, it is not): the shared web fixture
from web.fixture import build


def test_brief_is_self_contained_with_sources(tmp_path, capsys):
    url = "sqlite:///" + str(tmp_path / "store.sqlite")
    build(url).dispose()
    out = tmp_path / "brief.html"
    assert main(["report", "--db", url, "--out", str(out), "--actor", "rus"]) == 0
    page = out.read_text(encoding="utf-8")
    tree = lxml_html.fromstring(page)
    assert not tree.xpath("//script | //link | //img | //iframe")     # nothing to fetch
    assert not re.search(r'(src|href)="(?!#)', page)
    assert "<script>window.__pwned" not in page and "&lt;script&gt;" in page
    headings = [h.text_content() for h in tree.xpath("//h2")]
    assert headings == ["Who supports RUS", "If RUS is attacked", "Alignment over time",
                        "CSTO membership over time", "CSTO obligations and aid requests"]
    assert len(tree.xpath("//svg")) == 3
    assert len(tree.xpath("//details[contains(@class, 'sources')]")) >= 4
    assert "Iran liefert Russland Kampfdrohnen." in tree.text_content()
    assert "Article 4" in tree.text_content()                          # registry obligation


def test_unknown_bloc_is_a_usage_error(tmp_path, capsys):
    url = "sqlite:///" + str(tmp_path / "store.sqlite")
    build(url).dispose()
    assert main(["report", "--db", url, "--out", str(tmp_path / "b.html"),
                 "--bloc", "NOPE"]) == 2
    assert "unknown bloc" in capsys.readouterr().err
