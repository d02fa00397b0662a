"""The project compiled once per version, for `make ask` and `make mf`.

dbt compiles every analysis in one `dbt compile` against a throwaway file named like the
warehouse, in .build/compile/ (compiled SQL and the semantic manifest name the catalog after
the file; dbt opens its target read-write, so never the published file). The compiled analyses and
`semantic_manifest.json` are kept in `.build/compiled/<project digest>-<warehouse name>/`, so
a question or an `mf` command after the first runs no dbt at all. `make build` warms the cache
while dbt builds.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from pipeline import dbt_runner
from pipeline.wap.fingerprint import project_files_digest

CACHE = Path(".build") / "compiled"
COMPILE_WORK = Path(".build") / "compile"
SEMANTIC_MANIFEST = "semantic_manifest.json"


class CompileError(RuntimeError):
    """dbt could not compile the project; the message names the error and what to do."""


def compiled_folder(project: Path, warehouse: Path) -> Path:
    """Where the compiled analyses and semantic manifest of this project version are kept."""
    digest = project_files_digest(project)[:16]
    return project / CACHE / f"{digest}-{warehouse.stem}"


def compile_project(project: Path, warehouse: Path, folder: Path) -> None:
    """Compile every analysis in one dbt run; keep them and the semantic manifest in `folder`.

    dbt runs on a throwaway file in .build/compile/ with a target folder of its own there, both
    at the same place each time, so dbt reuses its saved parse of the last compile (its saved
    parse is keyed by the database path) instead of parsing the whole project again."""
    work = project / COMPILE_WORK
    target = work / "target"
    with dbt_runner.work_file(work, warehouse.name) as database:
        shutil.rmtree(target / "compiled", ignore_errors=True)  # no analysis removed since
        completed = dbt_runner.run(
            project,
            ["compile", "--quiet", "--select", "resource_type:analysis"],
            database,
            target=target,
            capture=True,
        )
        if completed.returncode != 0:
            raise CompileError(
                "dbt could not compile the project:\n"
                + (completed.stdout + completed.stderr).strip()
                + "\nFix the file named above (or run `make build` to see the project's "
                "errors), then try again."
            )
        partial = folder.with_name(folder.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(target / "compiled" / "friction" / "analyses", partial / "analyses")
        shutil.copy2(target / SEMANTIC_MANIFEST, partial / SEMANTIC_MANIFEST)
        shutil.rmtree(folder, ignore_errors=True)
        partial.rename(folder)
    for older in folder.parent.glob(f"*-{warehouse.stem}"):  # earlier project versions
        if older != folder:
            shutil.rmtree(older, ignore_errors=True)


def ensure_compiled(project: Path, warehouse: Path) -> Path:
    """The compiled folder of this project version, compiling it first if needed."""
    folder = compiled_folder(project, warehouse)
    if not folder.is_dir():
        print("Compiling the project (once per version of it) ...", file=sys.stderr)
        compile_project(project, warehouse, folder)
    return folder


def warm_cache(project: Path, warehouse: Path) -> str:
    """Compile for `make ask` and `make mf` unless this project version is compiled already."""
    folder = compiled_folder(project, warehouse)
    if folder.is_dir():
        return "make ask / make mf: this project version is compiled already"
    try:
        compile_project(project, warehouse, folder)
    except CompileError as error:
        return f"make ask / make mf: not compiled ({error}); the first command will say why"
    return "make ask / make mf: analyses and semantic manifest compiled for this project version"
