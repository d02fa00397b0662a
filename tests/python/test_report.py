"""`python -m pipeline.readers.report`: index.html and fixed-size PNG charts for every pair in
the data, written from a read-only connection that is closed again before the report returns."""

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from PIL import Image

from pipeline.readers.docs_images import CHARTS
from pipeline.readers.report.__main__ import main
from pipeline.readers.report.data import load_report_data
from pipeline.readers.report.events import Kind, pair_events
from pipeline.readers.report.figures import OVERVIEW_SIZE, PAIR_SIZE, RANKING_SIZE, TARIFF_SIZE

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FIXED_SIZES = {
    "country_ranking.png": RANKING_SIZE.pixels,
    "pairs_overview.png": OVERVIEW_SIZE.pixels,
    "tariff_timeline.png": TARIFF_SIZE.pixels,
}


def query(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


def pairs_in(warehouse: Path) -> set[tuple[str, str]]:
    rows = query(
        warehouse,
        "select distinct country_a_code, country_b_code "
        "from marts.fct_country_pair_friction_monthly",
    )
    return {(a, b) for a, b in rows}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def report_dir(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report written once by the command line, as `make report` runs it."""
    out = tmp_path_factory.mktemp("report") / "charts"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.readers.report", "--warehouse", str(built_warehouse)]
        + ["--out", str(out)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_index_references_every_png(report_dir: Path, built_warehouse: Path) -> None:
    html = (report_dir / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r'<img src="([^"]+)"', html)
    pngs = sorted(path.name for path in report_dir.glob("*.png"))
    assert sorted(sources) == pngs
    assert len(sources) == len(set(sources))
    assert html.count("<figcaption>") == len(pngs)
    assert html.count("How to read it.") == len(pngs)
    (as_of,) = query(
        built_warehouse, "select max(month_start_date) from marts.fct_country_friction_monthly"
    )[0]
    assert f"Data as of <strong>{as_of:%B %Y}</strong>" in html
    link = re.search(r'href="([^"#]+)#how-the-friction-score-is-computed"', html)
    assert link, "no link to the method page"
    method = (report_dir / link.group(1)).resolve()
    assert method == PROJECT_ROOT / "docs" / "method.md"
    assert "\n# How the friction score is computed\n" in "\n" + method.read_text(encoding="utf-8")


def test_every_png_is_drawn_at_its_fixed_size(report_dir: Path) -> None:
    pngs = sorted(report_dir.glob("*.png"))
    assert pngs
    for path in pngs:
        expected = PAIR_SIZE.pixels if path.name.startswith("pair_") else FIXED_SIZES[path.name]
        raw = path.read_bytes()
        assert raw[:8] == b"\x89PNG\r\n\x1a\n" and raw[12:16] == b"IHDR", path.name
        assert (int.from_bytes(raw[16:20]), int.from_bytes(raw[20:24])) == expected, path.name
        with Image.open(path) as image:
            assert image.size == expected, path.name
            low, high = image.convert("L").getextrema()
            assert high - low > 100, f"{path.name} looks blank"


def test_one_chart_per_pair_in_the_data(report_dir: Path, built_warehouse: Path) -> None:
    pairs = pairs_in(built_warehouse)
    assert len(pairs) >= 2
    expected = {f"pair_{a}_{b}.png" for a, b in pairs}
    assert {path.name for path in report_dir.glob("pair_*.png")} == expected
    html = (report_dir / "index.html").read_text(encoding="utf-8")
    labels = set(re.findall(r"<h2>[^<]*\((\w{3})–(\w{3})\)</h2>", html))
    assert labels == pairs


def test_pair_events_come_from_the_facts(built_warehouse: Path) -> None:
    """Meetings are matched on participants' countries; tariffs in either direction."""
    data = load_report_data(built_warehouse)
    held = query(
        built_warehouse,
        """
        select least(a.country_code, b.country_code), greatest(a.country_code, b.country_code),
            m.start_date
        from marts.fct_meetings as m
        inner join marts.fct_meeting_participants as a on m.meeting_id = a.meeting_id
        inner join marts.fct_meeting_participants as b on m.meeting_id = b.meeting_id
        where m.status = 'held' and a.country_code < b.country_code
        group by all
        """,
    )
    imposed = query(
        built_warehouse,
        """
        select least(imposing_country_code, target_country_code),
            greatest(imposing_country_code, target_country_code), count(*)
        from marts.fct_tariffs where effective_date is not null group by all
        """,
    )
    for pair in data.pairs:
        events = pair_events(data, pair)
        meetings = {e.date for e in events if e.kind is Kind.MEETING}
        assert meetings == {day for a, b, day in held if (a, b) == pair}, pair
        tariffs = sum(e.kind is Kind.TARIFF_IMPOSED for e in events)
        assert tariffs == sum(n for a, b, n in imposed if (a, b) == pair), pair
        assert [e.date for e in events] == sorted(e.date for e in events)


def test_report_reads_only_and_lets_go_of_the_warehouse(
    tmp_path: Path, built_warehouse: Path, report_dir: Path
) -> None:
    """Run in this process: a connection left open here would block a read-write open."""
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy2(built_warehouse, warehouse)
    before = sha256(warehouse)
    out = tmp_path / "charts"
    out.mkdir()
    (out / "pair_AAA_ZZZ.png").write_bytes(b"a pair that is no longer in the data")
    (out / "notes.txt").write_text("not the report's")

    assert main(["--warehouse", str(warehouse), "--out", str(out)]) == 0

    assert sha256(warehouse) == before
    con = duckdb.connect(str(warehouse))  # read-write: fails if the report still holds it
    try:
        con.execute("create table written_after_the_report as select 1 as one")
    finally:
        con.close()
    # the same data gives the same images, byte for byte; stale pair charts go, other files stay
    assert sorted(p.name for p in out.glob("*.png")) == sorted(
        p.name for p in report_dir.glob("*.png")
    )
    for path in sorted(report_dir.glob("*.png")):
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name
    assert (out / "notes.txt").read_text() == "not the report's"


def test_missing_warehouse_fails_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    missing = tmp_path / "missing.duckdb"
    assert main(["--warehouse", str(missing), "--out", str(tmp_path / "charts")]) == 1
    assert "run `make build` first" in capsys.readouterr().err
    assert not missing.exists()
    assert not (tmp_path / "charts").exists()


def test_docs_chart_pictures_are_the_current_build(report_dir: Path) -> None:
    """docs/images holds the charts this build draws, byte for byte (`make docs-images`)."""
    stale = [
        name
        for name in CHARTS
        if (PROJECT_ROOT / "docs" / "images" / name).read_bytes()
        != (report_dir / name).read_bytes()
    ]
    assert stale == [], "stale docs/images: run `make docs-images`"
