"""A problem a curator must fix, printed as `seeds/<file>.csv line N: <rule broken>`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file} line {self.line}: {self.message}"


def quoted(value: object) -> str:
    """A value as the curator typed it, in double quotes (newlines shown as \\n)."""
    text = str(value).replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text[:80]}…"' if len(text) > 80 else f'"{text}"'
