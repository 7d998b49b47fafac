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


def _store(tmp_path, articles):
    from web.fixture import build as build_store
    url = "sqlite:///" + str(tmp_path / "store.sqlite")
    build_store(url, articles).dispose()
    return url


def test_one_spoke_per_supporter_with_goods_merged_and_sources_numbered(tmp_path):
    from sqlalchemy.orm import Session

    from blocwatch.report.brief import support_section
    from blocwatch.store import create_store_engine
    from web.fixture import C

    articles = [("china", "2023-05-02", "zeitung.example", "https://zeitung.example/z", [
        ("China liefert Russland Mikrochips.",
         [C("CHN", "SUPPLY", "RUS", time="2023-05", goods=("dual_use",))]),
        ("China liefert keine Waffen an Russland.",
         [C("CHN", "SUPPLY", "RUS", "neg", time="2023", goods=("weapons",))]),
        ("China könnte Truppen nach Russland schicken.",
         [C("CHN", "DEPLOY_FORCES", "RUS", modality="possible", time="2023")]),
        ("Iran liefert Russland Drohnen.",
         [C("IRN", "SUPPLY", "RUS", time="2023-05", goods=("drones",))]),
    ])]
    engine = create_store_engine(_store(tmp_path, articles))
    with Session(engine) as session:
        page = support_section(session, "RUS")
    engine.dispose()
    tree = lxml_html.fromstring(page)
    spokes = [t.text_content() for t in tree.xpath("//svg/circle/title")]
    assert len(spokes) == 2                                   # CHN once, IRN once
    chn = next(s for s in spokes if s.startswith("CHN"))
    assert "dual_use" in chn and "no weapons" in chn and "planned: troops" in chn
    assert "[1, 2, 3]" in chn
    sources = tree.xpath("//details[contains(@class, 'sources')]//li")
    assert len(sources) == 4
    first = next(li for li in sources if "Mikrochips" in li.text_content())
    assert first.get("id") == "s-support-1" and "CHN → RUS" in first.text_content()
    assert "IRN → RUS" in next(li.text_content() for li in sources
                               if "Drohnen" in li.text_content())


def test_heatmap_cells_link_to_the_sources_they_rest_on(tmp_path):
    from sqlalchemy.orm import Session

    from blocwatch.report.brief import alignment_section
    from blocwatch.store import create_store_engine

    url = "sqlite:///" + str(tmp_path / "fixture.sqlite")
    build(url).dispose()
    engine = create_store_engine(url)
    with Session(engine) as session:
        page = alignment_section(session, "year")
    engine.dispose()
    tree = lxml_html.fromstring(page)
    cell = tree.xpath("//a[rect/title[starts-with(text(), 'KAZ-RUS 2022')]]")[0]
    target = cell.get("href").lstrip("#")
    source = tree.xpath(f"//li[@id='{target}']")[0].text_content()
    assert "KAZ-RUS 2022" in source
    assert "Kasachstan wende sich von Russland ab" in source or "Fallschirmjäger" in source
    title = cell.xpath("rect/title")[0].text_content()
    assert "sources" in title
