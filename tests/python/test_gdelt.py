"""GDELT ingestion: counts on the shipped sample checked against an independent parse of the
raw file, and planted defects (a truncated row, a bad date, a duplicate file) handled."""

import csv
import gzip
import io
import shutil
import zipfile
from pathlib import Path

import duckdb
import pytest
from conftest import PROJECT_ROOT, ProjectCopy

SAMPLE = PROJECT_ROOT / "data" / "gdelt" / "sample" / "20191024143000.export.CSV"
GDELT_FIELDS = 61
GDELT_MODELS = [
    "build",
    "--select",
    "+path:models/staging/gdelt",
    "--indirect-selection",
    "cautious",
]


# Files that are not GDELT text exports, by name: what each is, and the start of its reason.
MISFORMATTED = {
    "20191024150000.export.CSV": ("gzip", "gzip-compressed (starts with bytes 1F 8B)"),
    "20191024151500.export.CSV": ("zip", "a zip archive (starts with PK)"),
    "20191024153000.export.CSV": ("utf-16", "UTF-16 text (byte-order mark FF FE)"),
    "20191024154500.export.CSV": ("binary", "binary data (a NUL byte in its first 4096 bytes)"),
}


def plant_misformatted_files(folder: Path) -> None:
    """The sample as each kind of file that is not a text export, under the names above."""
    content = SAMPLE.read_bytes()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(SAMPLE.name, content)
    kinds = {
        "gzip": gzip.compress(content),
        "zip": archive.getvalue(),
        "utf-16": b"\xff\xfe" + content.decode("utf-8").encode("utf-16-le"),
        "binary": content[:100] + b"\x00" + content[100:],
    }
    for name, (kind, _) in MISFORMATTED.items():
        (folder / name).write_bytes(kinds[kind])


def raw_rows(path: Path) -> list[list[str]]:
    """The export parsed with Python's csv module: tab-separated, no quoting."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if row]


def test_sample_counts_match_an_independent_parse(built_warehouse: Path) -> None:
    rows = raw_rows(SAMPLE)
    well_formed = [row for row in rows if len(row) == GDELT_FIELDS]
    with duckdb.connect(str(built_warehouse), read_only=True) as connection:
        lines, quarantined = connection.execute(
            "select count(*), count(rejection_reason) from staging.base_gdelt__export_rows"
        ).fetchone()
        events, distinct_ids, mentions = connection.execute(
            "select count(*), count(distinct global_event_id), sum(num_mentions) "
            "from staging.stg_gdelt__events"
        ).fetchone()
        root_events = connection.execute(
            "select count(*) from staging.stg_gdelt__events where is_root_event"
        ).fetchone()[0]
    assert (lines, quarantined) == (len(rows), len(rows) - len(well_formed))
    assert events == distinct_ids == len({row[0] for row in well_formed})
    assert mentions == sum(int(row[31]) for row in well_formed)
    assert root_events == sum(row[25] == "1" for row in well_formed)


@pytest.fixture
def gdelt_copy(project_copy: ProjectCopy, tmp_path: Path) -> tuple[ProjectCopy, Path]:
    folder = tmp_path / "gdelt"
    folder.mkdir()
    shutil.copy2(SAMPLE, folder / SAMPLE.name)
    return project_copy, folder


def test_a_folder_of_exports_is_built_with_bad_rows_quarantined(
    gdelt_copy: tuple[ProjectCopy, Path],
) -> None:
    project, folder = gdelt_copy
    good = raw_rows(SAMPLE)
    truncated = good[0][:30]
    bad_date = [*good[1][:1], "20191341", *good[1][2:]]
    bad_date[0] = "999000001"
    too_long = [*good[5], "extra"]
    planted = folder / "20191024144500.export.CSV"
    lines = ["\t".join(row).encode() for row in (truncated, good[2], bad_date, too_long)]
    # A Latin-1 byte in a name: not UTF-8, so the line cannot be trusted.
    lines.append("\t".join(good[6]).replace("\t", "\tCAF\xc9 ", 1).encode("latin-1"))
    lines.append("\t".join(good[3]).encode())
    planted.write_bytes(b"\n".join(lines) + b"\n")
    # The same file under a second name: its events must not be counted twice.
    shutil.copy2(SAMPLE, folder / "20191024143000-copy.export.CSV")
    # Files that are not text: each quarantined whole, and the build goes on.
    plant_misformatted_files(folder)

    # One variable points `make build`'s write-audit-publish path at the folder.
    run = project.run_build(env={"FRICTION_GDELT_DIR": str(folder)})

    assert run.returncode == 0, run.output
    lines = 2 * len(good) + 6
    assert (
        f"GDELT: {lines} lines read from 3 file(s); {len(good)} events kept "
        f"({lines - 4 - len(good)} duplicates dropped), 4 quarantined"
    ) in run.output
    assert "GDELT: 4 file(s) not loaded, quarantined whole" in run.output
    for name, (_, reason) in MISFORMATTED.items():
        assert f"  {name}: {reason}" in run.output
    with duckdb.connect(str(project.published), read_only=True) as connection:
        quarantined = connection.execute(
            "select file_name, line_number, rejection_reason "
            "from staging.stg_gdelt__quarantined_rows order by line_number"
        ).fetchall()
        kept_lines = connection.execute(
            "select line_number, global_event_id from staging.base_gdelt__export_rows "
            "where file_name = ? and rejection_reason is null order by line_number",
            [planted.name],
        ).fetchall()
        events = connection.execute("select count(*) from staging.stg_gdelt__events").fetchone()
        raw_lines = connection.execute(
            "select count(*) from staging.base_gdelt__export_rows where raw_line is not null"
        ).fetchone()
    assert quarantined == [
        (planted.name, 1, "expected 61 tab-separated fields, found 30"),
        (planted.name, 3, "SQLDATE is not a date (YYYYMMDD): 20191341"),
        (planted.name, 4, "expected 61 tab-separated fields, found 62"),
        (planted.name, 5, "the line is not valid UTF-8"),
    ]
    # Kept lines keep their place in the file around the rejected ones.
    assert kept_lines == [(2, good[2][0]), (6, good[3][0])]
    # Only quarantined lines are stored as text too.
    assert raw_lines == (4,)
    # Every sample event once; the planted file's good rows repeat sample events.
    assert events == (len({row[0] for row in good}),)
    assert quarantined_files(project) == {
        name: reason for name, (_, reason) in MISFORMATTED.items()
    }

    # The gzip file replaced by what gunzip gives: the next build loads it (and only it).
    fixed = next(name for name, (kind, _) in MISFORMATTED.items() if kind == "gzip")
    shutil.copy2(SAMPLE, folder / fixed)
    run = project.run_build(env={"FRICTION_GDELT_DIR": str(folder)})
    assert run.returncode == 0, run.output
    assert f"lines read from 4 file(s); {len(good)} events kept" in run.output
    assert "GDELT: 3 file(s) not loaded" in run.output
    assert fixed not in quarantined_files(project)
    with duckdb.connect(str(project.published), read_only=True) as connection:
        loaded = connection.execute(
            "select count(*) from staging.base_gdelt__export_files where file_name = ?", [fixed]
        ).fetchone()
    assert loaded == (1,)


def quarantined_files(project: ProjectCopy) -> dict[str, str]:
    """The published stg_gdelt__quarantined_files: file name -> the start of its reason."""
    with duckdb.connect(str(project.published), read_only=True) as connection:
        rows = connection.execute(
            "select file_name, quarantine_reason from staging.stg_gdelt__quarantined_files"
        ).fetchall()
    return {name: reason.split("),")[0] + ")" for name, reason in rows}


def independent_kept_events(connection: duckdb.DuckDBPyConnection) -> None:
    """The noise rules written again in plain DuckDB SQL over the raw file and the seeds."""
    countries = PROJECT_ROOT / "seeds" / "countries.csv"
    columns = ", ".join(f"'c{index}': 'varchar'" for index in range(61))
    connection.execute(
        f"""
        create or replace temp table raw_events as
        select * from read_csv('{SAMPLE}', delim = '\t', header = false, quote = '',
            all_varchar = true, columns = {{ {columns} }})
        """
    )
    connection.execute(
        f"""
        create or replace temp table staged as
        select
            c0 as event_id, c1 as sql_date, c5 as a1_code, c7 as a1_country, c12 as a1_type,
            c15 as a2_code, c17 as a2_country, c22 as a2_type, c25 = '1' as root,
            cast(c29 as integer) as quad, cast(c30 as double) as goldstein,
            cast(c31 as integer) as mentions, cast(c34 as double) as tone,
            a1_country in (select country_code from '{countries}') as a1_is_country,
            a2_country in (select country_code from '{countries}') as a2_is_country,
            (c5 = c7 or c12 in ('GOV', 'MIL', 'LEG', 'JUD', 'COP', 'SPY')) as a1_state,
            (c15 = c17 or c22 in ('GOV', 'MIL', 'LEG', 'JUD', 'COP', 'SPY')) as a2_state
        from raw_events
        """
    )


def test_noise_rule_stage_counts_match_plain_sql(built_warehouse: Path) -> None:
    with duckdb.connect() as connection:
        independent_kept_events(connection)
        expected = connection.execute(
            """
            select
                count(*),
                count(*) filter (where root),
                count(*) filter (where root and mentions >= 3),
                count(*) filter (where root and mentions >= 3 and a1_is_country and a2_is_country),
                count(*) filter (where root and mentions >= 3 and a1_is_country and a2_is_country
                    and a1_state and a2_state),
                count(*) filter (where root and mentions >= 3 and a1_is_country and a2_is_country
                    and a1_state and a2_state and a1_country <> a2_country)
            from staged
            """
        ).fetchone()
    with duckdb.connect(str(built_warehouse), read_only=True) as connection:
        actual = connection.execute(
            """
            select
                count(*),
                count(*) filter (where is_root_event),
                count(*) filter (where is_root_event and has_min_mentions),
                count(*) filter (where is_root_event and has_min_mentions and has_country_actors),
                count(*) filter (where is_root_event and has_min_mentions and has_country_actors
                    and has_state_actors),
                count(*) filter (where is_kept)
            from intermediate.int_gdelt_events_classified
            """
        ).fetchone()
    assert actual == expected


def test_pair_aggregates_match_plain_sql(built_warehouse: Path) -> None:
    with duckdb.connect() as connection:
        independent_kept_events(connection)
        expected = connection.execute(
            """
            select
                least(a1_country, a2_country), greatest(a1_country, a2_country),
                date_trunc('month', strptime(sql_date, '%Y%m%d'))::date as month,
                count(*), count(*) filter (where quad = 1), count(*) filter (where quad = 2),
                count(*) filter (where quad = 3), count(*) filter (where quad = 4), sum(mentions),
                round(sum(goldstein * mentions) / sum(mentions), 9), round(avg(tone), 9)
            from staged
            where root and mentions >= 3 and a1_is_country and a2_is_country
                and a1_state and a2_state and a1_country <> a2_country
            group by all
            order by 1, 2, 3
            """
        ).fetchall()
    with duckdb.connect(str(built_warehouse), read_only=True) as connection:
        actual = connection.execute(
            """
            select
                country_a_code, country_b_code, month_start_date, event_count,
                verbal_cooperation_count, material_cooperation_count, verbal_conflict_count,
                material_conflict_count, mention_count, round(weighted_goldstein_scale, 9),
                round(mean_tone, 9)
            from marts.fct_gdelt_pair_events_monthly
            order by 1, 2, 3
            """
        ).fetchall()
    assert len(expected) > 0
    assert actual == expected


def test_gdelt_component_enters_the_score_of_tracked_pairs(built_warehouse: Path) -> None:
    """gdelt_component = -weighted Goldstein / 10 where a tracked pair has GDELT events."""
    with duckdb.connect(str(built_warehouse), read_only=True) as connection:
        mismatches = connection.execute(
            """
            select friction.country_a_code, friction.country_b_code, friction.month_start_date
            from marts.fct_country_pair_friction_monthly as friction
            left join marts.fct_gdelt_pair_events_monthly as gdelt
                on friction.country_a_code = gdelt.country_a_code
                and friction.country_b_code = gdelt.country_b_code
                and friction.month_start_date = gdelt.month_start_date
            where abs(friction.gdelt_component
                - coalesce(-gdelt.weighted_goldstein_scale / 10, 0)) > 1e-9
            """
        ).fetchall()
        scored = connection.execute(
            "select count(*) from marts.fct_country_pair_friction_monthly "
            "where gdelt_component <> 0"
        ).fetchone()[0]
    assert mismatches == []
    assert scored > 0
