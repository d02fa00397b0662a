"""Redraw the pictures in docs/images from the published warehouse: `make docs-images`.

Charts: the PNGs `make report` draws (byte-identical for the same warehouse), copied for
`CHARTS`. dbt docs: the page of `DOCS_MART` and its full-screen lineage, screenshotted in headless
Chromium from the site `make docs` writes. Screenshots are not byte-stable, so `images.json`
records, for each, a digest of what it shows (the mart's description, columns and lineage in
the manifest); tests/python/test_docs_images.py fails when either no longer matches the build.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.readers.docs import generate
from pipeline.readers.report.build import build_report

CHARTS = ("pair_CAN_CHN.png", "pairs_overview.png", "country_ranking.png", "tariff_timeline.png")
DOCS_MART = "fct_country_pair_friction_monthly"
MODEL_PAGE = "docs_model_page.png"
LINEAGE_PAGE = "docs_lineage_fullscreen.png"
RECORD = "images.json"
IMAGES_RECORD = Path(__file__).resolve().parents[2] / "docs" / "images" / RECORD
VIEWPORT = {"width": 1400, "height": 1000}


@dataclass(frozen=True)
class DocsPage:
    """What the docs site showed for the mart: its page text and its columns table."""

    body: str
    columns_table: str


def lineage(manifest: dict, node_id: str) -> list[str]:
    """Every node upstream and downstream of `node_id` (what the lineage graph draws)."""
    found: set[str] = set()
    for graph in (manifest["parent_map"], manifest["child_map"]):
        pending = [node_id]
        while pending:
            for neighbour in graph.get(pending.pop(), []):
                if neighbour not in found:
                    found.add(neighbour)
                    pending.append(neighbour)
    return sorted(found - {node_id})


def label(manifest: dict, unique_id: str) -> str:
    """The name a lineage graph prints for a node (an exposure's label, else its name)."""
    for section in ("nodes", "exposures", "metrics", "semantic_models", "saved_queries"):
        if unique_id in manifest.get(section, {}):
            resource = manifest[section][unique_id]
            return resource.get("label") or resource["name"]
    return unique_id


def shown_digest(manifest: dict, mart: str = DOCS_MART) -> str:
    """A digest of what the docs screenshots show: the mart's text, columns and lineage."""
    node = manifest["nodes"][f"model.friction.{mart}"]
    shown = {
        "description": node["description"],
        "columns": {
            name: [column.get("description", ""), column.get("data_type")]
            for name, column in node["columns"].items()
        },
        "lineage": [
            label(manifest, unique_id) for unique_id in lineage(manifest, node["unique_id"])
        ],
    }
    return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()


def find_chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    raise SystemExit(
        "make docs-images: Chromium is needed for the dbt docs screenshots and was not found. "
        "Install it (Debian: `apt-get install chromium`), then run `make docs-images` again."
    )


def screenshot_docs(site: Path, chromium: str, out: Path, mart: str = DOCS_MART) -> DocsPage:
    """Open the mart's page in the static site and save the model page and full-screen lineage."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(f"{site.as_uri()}#!/model/model.friction.{mart}")
        page.wait_for_selector(f"h1:has-text('{mart}')", timeout=60_000)
        shown = DocsPage(body=page.inner_text("body"), columns_table=page.inner_text("table"))
        page.click("[title='View Lineage Graph']")
        page.wait_for_selector("#cy canvas", state="attached", timeout=30_000)
        page.wait_for_timeout(2_000)  # let the layout settle before the screenshot
        page.locator("#cy").screenshot(path=str(out / "docs_lineage_panel.png"))
        page.screenshot(path=str(out / MODEL_PAGE))
        page.locator("[title='View Fullscreen']").first.click()
        page.mouse.move(700, 500)  # away from the button, so its tooltip is not in the picture
        page.wait_for_timeout(2_000)
        page.screenshot(path=str(out / LINEAGE_PAGE))
        browser.close()
    return shown


def redraw(project: Path, warehouse: Path, images: Path) -> list[Path]:
    """Write every picture of docs/images and its record; returns the files written."""
    if not warehouse.exists():
        raise SystemExit(f"make docs-images: {warehouse} does not exist: run `make build` first")
    chromium = find_chromium()
    images.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="docs-images-") as scratch:
        charts = Path(scratch) / "charts"
        build_report(warehouse, charts)
        for name in CHARTS:
            shutil.copyfile(charts / name, images / name)
            written.append(images / name)
        site = generate(project, warehouse, Path(scratch) / "site" / "index.html")
        manifest = json.loads((project / "target" / "manifest.json").read_text())
        shots = Path(scratch) / "shots"
        screenshot_docs(site, chromium, shots)
        for name in (MODEL_PAGE, LINEAGE_PAGE):
            shutil.copyfile(shots / name, images / name)
            written.append(images / name)
    record = {"docs_screenshots_show": shown_digest(manifest), "charts": list(CHARTS)}
    (images / RECORD).write_text(json.dumps(record, indent=2) + "\n")
    return [*written, images / RECORD]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Redraw docs/images from the warehouse.")
    default = os.environ.get("FRICTION_WAREHOUSE", "warehouse.duckdb")
    parser.add_argument("--warehouse", type=Path, default=Path(default))
    parser.add_argument("--images", type=Path, default=Path("docs/images"))
    args = parser.parse_args(argv)
    for path in redraw(Path.cwd(), args.warehouse.resolve(), args.images):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
