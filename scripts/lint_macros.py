"""Lint the SQL inside macros/ with the project's sqlfluff rules.

sqlfluff's dbt templater skips macro files (they are not nodes), and its jinja templater only
renders the top level of a file, where a macro file has nothing but definitions. So this script
renders the body of every `{% macro %}` and `{% test %}` block with placeholder arguments
(each argument renders as its own name, `dbt.<macro>(...)` as a plain function call) and lints
the result with the rules in .sqlfluff. A body that is an expression is linted as
`select <expression> as rendered_value`. Violations are reported at the macro's file and line.
An engine's implementation (`postgres__x`, `spark__x`) is linted in that engine's sqlfluff
dialect, and `adapter.dispatch('x')` inside it calls the same engine's implementation.

Run: python scripts/lint_macros.py [macros_dir]
"""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import jinja2
import jinja2.runtime
from sqlfluff.core import FluffConfig, Linter

BLOCK = re.compile(
    r"\{%-?\s*(?P<kind>macro|test)\s+(?P<name>\w+)\((?P<args>[^)]*)\)\s*-?%\}"
    r"(?P<body>.*?)\{%-?\s*end(?:macro|test)\s*-?%\}",
    re.S,
)
STATEMENT = re.compile(r"^\s*(select|with)\b", re.I)
# Rules about a file's own start and end do not apply to a rendered macro body.
FRAGMENT_EXCLUDED = "LT12,LT13"


class Rendered(str):
    """Rendered SQL that can also be called, as `adapter.dispatch(...)()` does."""

    def __call__(self, *args: object, **kwargs: object) -> Rendered:
        return self


DIALECTS = {"postgres": "postgres", "spark": "sparksql"}  # macro prefix -> sqlfluff dialect
# Macros whose SQL is assembled at run time from Python objects, not from their arguments.
NOT_RENDERABLE = {
    "spark__load_csv_rows": "INSERTs built from a seed's rows by dbt-spark",
    "postgres__type_double": "a type name, not an expression",
    "gdelt_split_line_columns": "a select-list fragment, linted inside the macros that use it",
    "gdelt_field_count_reason": "an expression, linted in base_gdelt__export_rows",
    "gdelt_write_event_lines": "DuckDB COPY statements (sqlfluff's duckdb dialect cannot parse)",
    "gdelt_write_event_fixes": "DuckDB COPY statements around queries linted in their macros",
    "listagg_sorted": "wraps dbt.listagg, whose order-by argument the stubs cannot render",
    "default__listagg_sorted": "wraps dbt.listagg, whose order-by argument the stubs cannot render",
}
# Engine SQL that sqlfluff's dialect for that engine cannot parse: linted as DuckDB's, whose
# syntax is the same for it.
PARSER_GAPS = {"spark__try_cast": "sqlfluff's sparksql dialect does not parse try_cast"}


class CallRecorder:
    """Renders `dbt.date_trunc('month', x)` as `date_trunc('month', x)`."""

    def __getattr__(self, name: str) -> object:
        def call(*args: object, **_: object) -> Rendered:
            return Rendered(f"{name}({', '.join(str(arg) for arg in args)})")

        return call


@dataclass(frozen=True)
class Violation:
    path: Path
    macro: str
    line: int
    code: str
    description: str

    def __str__(self) -> str:
        return f"{self.path} line {self.line} ({self.macro}): {self.code} {self.description}"


class MacroReturn(Exception):  # noqa: N818 - mirrors dbt's `return()`
    def __init__(self, value: object) -> None:
        super().__init__()
        self.value = value


class SkipBody(Exception):  # noqa: N818
    """The body stops with a compiler error (a default that says "not supported"): no SQL."""


def _return(value: object) -> None:
    raise MacroReturn(value)


def _raise(*_: object, **__: object) -> None:
    raise SkipBody


def _wrap(macro: jinja2.runtime.Macro) -> object:
    """A project macro callable from another body, returning what its `return()` gives."""

    def call(*args: object, **kwargs: object) -> object:
        try:
            return Rendered(macro(*args, **kwargs))
        except MacroReturn as returned:
            return returned.value

    return call


class Adapter(CallRecorder):
    """`adapter.dispatch('x', ...)` calls the project's `<engine>__x` (else `default__x`) for
    the engine of the macro being linted; other adapter calls render as function calls."""

    def __init__(self) -> None:
        self.engine = "duckdb"
        self.env: jinja2.Environment | None = None

    def dispatch(self, name: str, *_: object) -> object:
        assert self.env is not None
        for candidate in (f"{self.engine}__{name}", f"default__{name}"):
            if candidate in self.env.globals:
                return self.env.globals[candidate]
        return CallRecorder().dispatch(name)


def environment(root: Path) -> jinja2.Environment:
    """Jinja with dbt's context stubbed and every project macro loaded (tests as test_<name>)."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.do"])
    adapter = Adapter()
    adapter.env = env
    env.globals.update(
        dbt=CallRecorder(),
        adapter=adapter,
        target=CallRecorder(),
        exceptions=type("Exceptions", (), {"raise_compiler_error": staticmethod(_raise)})(),
        env_var=lambda name, default=None: default if default is not None else name,
        var=lambda name, default=None: default if default is not None else name,
        ref=lambda name: name,
        source=lambda source_name, table: f"{source_name}_{table}",
        config=type("Config", (), {"get": staticmethod(lambda _, default=None: default)})(),
        is_incremental=lambda: False,
        should_full_refresh=lambda: False,
        modules=types.SimpleNamespace(re=re),
        execute=False,
        run_query=_raise,  # a macro that queries at run time has no SQL of its own to lint
        load_relation=_raise,  # nor one that looks a relation up in the database
        run_started_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    env.globals["return"] = _return
    for path in sorted(root.rglob("*.sql")):
        # each macro in a template of its own, so a call to a macro of the same file goes
        # through the globals (and its `return()`) like any other call
        for match in BLOCK.finditer(path.read_text("utf-8")):
            name = ("test_" if match["kind"] == "test" else "") + match["name"]
            text = re.sub(r"\{%(-?)\s*test\s+(\w+)", r"{%\1 macro test_\2", match[0])
            text = re.sub(r"\{%(-?)\s*endtest", r"{%\1 endmacro", text)
            env.globals[name] = _wrap(getattr(env.from_string(text).module, name))
    return env


def _placeholder(argument: str) -> object:
    if argument.endswith("glob") or argument == "files":
        return "/data/gdelt/*.export.CSV"
    if argument.endswith("columns"):
        return [f"{argument}_a", f"{argument}_b"]
    return 3 if argument.endswith(("months", "days", "count")) else argument


def _render(env: jinja2.Environment, body: str, arguments: list[str]) -> str | None:
    context = {name: _placeholder(name) for name in arguments}
    try:
        return env.from_string(body).render(**context)
    except MacroReturn as returned:  # SQL from dispatch() is linted; a list or a path is not SQL
        return str(returned.value) if isinstance(returned.value, Rendered) else None
    except SkipBody:
        return None


def blocks(env: jinja2.Environment, path: Path) -> Iterator[tuple[str, int, str | None]]:
    """(macro name, first body line, rendered SQL) for every block in a macro file."""
    text = path.read_text(encoding="utf-8")
    for match in BLOCK.finditer(text):
        if match["name"] in NOT_RENDERABLE:
            yield match["name"], 0, None
            continue
        env.globals["adapter"].engine = engine_of(match["name"])
        arguments = [
            part.split("=")[0].strip() for part in match["args"].split(",") if part.strip()
        ]
        first_line = text[: match.start("body")].count("\n") + 1
        yield match["name"], first_line, _render(env, match["body"], arguments)


def engine_of(macro: str) -> str:
    if macro in PARSER_GAPS:
        return "duckdb"
    prefix = macro.split("__")[0] if "__" in macro else "duckdb"
    return prefix if prefix in DIALECTS else "duckdb"


def lint_file(
    env: jinja2.Environment, path: Path, linters: dict[str, Linter]
) -> Iterator[Violation]:
    for name, first_line, sql in blocks(env, path):
        if name in NOT_RENDERABLE or sql is None or not sql.strip():
            continue
        linter = linters[engine_of(name)]
        is_statement = bool(STATEMENT.match(sql))
        body = sql.lstrip("\n")
        first_line += sql.count("\n") - body.count("\n")
        source = (
            body.rstrip() + "\n" if is_statement else f"select {body.strip()} as rendered_value\n"
        )
        for violation in linter.lint_string(source).get_violations():
            line = first_line + max(violation.line_no - 1, 0)
            yield Violation(path, name, line, violation.rule_code(), violation.desc())


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path("macros")
    overrides = {"templater": "raw", "exclude_rules": f"AM04,ST06,RF02,{FRAGMENT_EXCLUDED}"}
    linters = {"duckdb": Linter(config=FluffConfig.from_root(overrides=overrides))}
    for engine, dialect in DIALECTS.items():
        config = FluffConfig.from_root(overrides={**overrides, "dialect": dialect})
        linters[engine] = Linter(config=config)
    env = environment(root)
    violations = [v for path in sorted(root.rglob("*.sql")) for v in lint_file(env, path, linters)]
    for violation in violations:
        print(violation)
    print(f"sqlfluff over macro bodies in {root}/: {len(violations)} violation(s)")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
