"""Every column description is written once: a text used by two columns is a doc block.

Shared texts live in models/_columns__docs.md and are used as "{{ doc('<name>') }}", so a
change to a column's meaning is made in one place and every layer shows the same words.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml
from conftest import PROJECT_ROOT


def property_files(root: Path) -> list[Path]:
    return sorted([*root.glob("models/**/*.yml"), *root.glob("seeds/*.yml")])


def repeated_descriptions(files: list[Path]) -> dict[str, list[str]]:
    """Column descriptions written out (not a doc() call) on more than one column."""
    uses: dict[str, set[str]] = defaultdict(set)
    for path in files:
        properties = yaml.safe_load(path.read_text()) or {}
        for kind in ("models", "seeds"):
            for node in properties.get(kind) or []:
                for column in node.get("columns") or []:
                    text = column.get("description") or ""
                    if text and "doc(" not in text:
                        uses[text].add(f"{path.name}: {node['name']}.{column['name']}")
    return {text: sorted(where) for text, where in uses.items() if len(where) > 1}


def test_no_column_description_is_written_twice():
    repeated = repeated_descriptions(property_files(PROJECT_ROOT))
    assert not repeated, "write these once in models/_columns__docs.md: " + "; ".join(
        f"{text!r} in {', '.join(where)}" for text, where in repeated.items()
    )


def test_a_description_written_twice_is_caught(tmp_path):
    """The planted defect: one text on two columns of two files."""
    for name in ("a", "b"):
        (tmp_path / f"_{name}.yml").write_text(
            "version: 2\nmodels:\n"
            f"  - name: model_{name}\n"
            "    columns:\n"
            "      - name: source_id\n"
            "        description: Source that confirms the measure.\n"
            "      - name: notes\n"
            "        description: \"{{ doc('curator_notes') }}\"\n"
        )
    repeated = repeated_descriptions(sorted(tmp_path.glob("*.yml")))
    assert list(repeated) == ["Source that confirms the measure."]
    assert repeated["Source that confirms the measure."] == [
        "_a.yml: model_a.source_id",
        "_b.yml: model_b.source_id",
    ]
