"""The README is a short index: its sections are there, and every link, picture and `make` target
named in the README and in docs/ exists (a moved page or renamed target fails here)."""

import re
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"
PAGES = [README, PROJECT_ROOT / "BENCHMARKS.md", *sorted((PROJECT_ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
MAKE_TARGET = re.compile(r"`make ([a-z][\w-]*)")
SECTIONS = ["## The two commands", "## A first query", "## What the score means", "## Where to go"]


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", page.read_text(), flags=re.DOTALL)
    return {slug(line.lstrip("#")) for line in text.splitlines() if re.match(r"#{1,6} ", line)}


def broken_links(page: Path) -> list[str]:
    problems = []
    for target in LINK.findall(page.read_text()):
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        path_part, _, anchor = target.partition("#")
        path = (page.parent / path_part).resolve() if path_part else page
        if not path.exists():
            problems.append(f"{page.name}: {target} does not exist")
        elif anchor and path.suffix == ".md" and anchor not in anchors(path):
            problems.append(f"{page.name}: {target} has no heading #{anchor}")
    return problems


def make_targets() -> set[str]:
    text = (PROJECT_ROOT / "Makefile").read_text()
    return set(re.findall(r"^([a-z][\w-]*):", text, re.MULTILINE))


def test_readme_is_a_short_index() -> None:
    text = README.read_text()
    assert len(text.splitlines()) <= 200
    for section in SECTIONS:
        assert f"\n{section}" in text, section
    for page in sorted((PROJECT_ROOT / "docs").glob("*.md")):
        assert f"](docs/{page.name})" in text, f"the README does not link docs/{page.name}"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_link_and_picture_exists(page: Path) -> None:
    assert broken_links(page) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_make_target_named_exists(page: Path) -> None:
    named = set(MAKE_TARGET.findall(page.read_text()))
    assert named - make_targets() == set()


def test_a_broken_link_or_anchor_is_caught(tmp_path: Path) -> None:
    (tmp_path / "there.md").write_text("# A page\n\n## Its part\n")
    page = tmp_path / "index.md"
    page.write_text(
        "[ok](there.md#its-part) [gone](missing.md) [no part](there.md#elsewhere) "
        "[web](https://example.org/x)\n"
    )
    assert broken_links(page) == [
        "index.md: missing.md does not exist",
        "index.md: there.md#elsewhere has no heading #elsewhere",
    ]


COMPONENT_LISTS = re.compile(
    r"friction_score\s*=\s*(?P<formula>\w+(?:\s*\+\s*\w+)*)"  # friction_score = a + b + ...
    r"|(?P<words>tariffs?\b[^.\n]{0,12}?\+\s*disputes?\b[^.\n]{0,40})"  # tariff + dispute + ...
    r"|(?P<prose>tariffs?,\s*disputes?,?\s*(?:and\s*)?cooperation\b[^.\n]{0,30})",
    re.IGNORECASE,
)


def component_lists_missing(text: str, components: list[str]) -> list[str]:
    """Every spelled-out list of the score's components that leaves one out."""
    problems = []
    for match in COMPONENT_LISTS.finditer(text):
        listed = (match["formula"] or match["words"] or match["prose"]).lower()
        missing = [name for name in components if name not in listed]
        if missing:
            problems.append(f"{match.group(0)!r} leaves out {', '.join(missing)}")
    return problems


def described_texts() -> list[tuple[str, str]]:
    roots = ["models", "macros", "analyses", "snapshots", "tests", "docs"]
    files = [README, *(path for root in roots for path in (PROJECT_ROOT / root).rglob("*"))]
    wanted = {".md", ".yml", ".sql"}
    return [
        (str(path.relative_to(PROJECT_ROOT)), path.read_text())
        for path in files
        if path.suffix in wanted and path.is_file()
    ]


def test_every_statement_of_the_score_names_every_component() -> None:
    import yaml

    project = yaml.safe_load((PROJECT_ROOT / "dbt_project.yml").read_text())
    components = [item["name"] for item in project["vars"]["friction_components"]]
    found = [
        f"{name}: {problem}"
        for name, text in described_texts()
        for problem in component_lists_missing(text, components)
    ]
    assert found == []
    assert component_lists_missing(
        "friction_score = tariff_component + dispute_component + cooperation_component",
        components,
    ) == [
        "'friction_score = tariff_component + dispute_component + cooperation_component' "
        "leaves out gdelt"
    ]
    assert component_lists_missing("the tariff, dispute and cooperation components", components)
