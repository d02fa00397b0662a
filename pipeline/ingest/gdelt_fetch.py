"""Download GDELT 2.0 event exports for a date range, verified against GDELT's master file list.

    python -m pipeline.ingest.gdelt_fetch --start 2025-01-01 --end 2025-01-07 --out data/gdelt/raw

The master file list (one `<size> <md5> <url>` line per file) names every 15-minute export. For
each `*.export.CSV.zip` whose timestamp falls on a day from --start to --end, the fetcher:
- skips it when `<out>/<name>.export.CSV` is already there (a rerun resumes where one stopped);
- downloads it to `<out>/.partial/`, resuming an interrupted transfer with an HTTP Range request;
- checks the size and MD5 against the master list, and that the zip is whole, before unzipping
  it under a temporary name and renaming it into place (a half-written CSV is never left);
- retries a failed or corrupt transfer up to --retries times with a growing pause, but not a
  404 (the file does not exist); one request at a time, --pause seconds between files.
It prints one progress line per file and a summary; the exit status is 1 when any file failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import http.client
import re
import sys
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

MASTER_LIST_URL = "http://data.gdeltproject.org/gdeltv2/masterfilelist.txt"
EXPORT_NAME = re.compile(r"(?P<stamp>\d{14})\.export\.CSV\.zip$")
CHUNK = 1 << 16
USER_AGENT = "friction-warehouse-gdelt-fetch/1.0"


class FetchError(RuntimeError):
    """One file could not be fetched; the message says why."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class ExportFile:
    url: str
    size: int
    md5: str

    @property
    def zip_name(self) -> str:
        return self.url.rsplit("/", 1)[-1]

    @property
    def csv_name(self) -> str:
        return self.zip_name.removesuffix(".zip")

    @property
    def day(self) -> dt.date:
        match = EXPORT_NAME.search(self.zip_name)
        assert match, self.zip_name
        return dt.datetime.strptime(match["stamp"][:8], "%Y%m%d").date()


@dataclass
class Summary:
    fetched: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def _open(
    url: str, headers: dict[str, str] | None = None, timeout: float = 60
) -> http.client.HTTPResponse:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **(headers or {})})
    return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - http(s) URLs only


def parse_master_list(text: str) -> list[ExportFile]:
    """The export files of a master file list (other file kinds and malformed lines skipped)."""
    files = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0].isdigit() and EXPORT_NAME.search(parts[2]):
            files.append(ExportFile(url=parts[2], size=int(parts[0]), md5=parts[1].lower()))
    return files


def select(files: list[ExportFile], start: dt.date, end: dt.date) -> list[ExportFile]:
    return sorted((f for f in files if start <= f.day <= end), key=lambda f: f.zip_name)


def _download(export: ExportFile, partial: Path) -> None:
    """Download (or resume) into `partial`; raise FetchError on HTTP or size problems."""
    have = partial.stat().st_size if partial.exists() else 0
    if have > export.size:
        partial.unlink()
        have = 0
    headers = {"Range": f"bytes={have}-"} if 0 < have < export.size else {}
    if have == export.size:
        return
    try:
        with _open(export.url, headers) as response:
            resumed = response.status == 206
            with partial.open("ab" if resumed else "wb") as out:
                while chunk := response.read(CHUNK):
                    out.write(chunk)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise FetchError("not found on the server (HTTP 404)", permanent=True) from error
        raise FetchError(f"HTTP {error.code} {error.reason}") from error
    except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
        raise FetchError(f"transfer interrupted ({error!r})") from error
    size = partial.stat().st_size
    if size != export.size:
        raise FetchError(f"transfer interrupted: {size} of {export.size} bytes")


def _md5(path: Path) -> str:
    digest = hashlib.md5()  # noqa: S324 - GDELT publishes MD5 checksums
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _verify_and_unzip(export: ExportFile, partial: Path, out: Path) -> None:
    actual = _md5(partial)
    if actual != export.md5:
        partial.unlink()
        raise FetchError(f"MD5 {actual} does not match the master list's {export.md5}")
    try:
        with zipfile.ZipFile(partial) as archive:
            broken = archive.testzip()
            members = archive.namelist()
            if broken is not None or members != [export.csv_name]:
                raise zipfile.BadZipFile(broken or f"unexpected members {members}")
            temporary = out / f".{export.csv_name}.tmp"
            temporary.write_bytes(archive.read(export.csv_name))
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as error:
        partial.unlink(missing_ok=True)
        # same bytes as the master list says, so downloading again cannot help
        raise FetchError(f"not a valid zip archive ({error})", permanent=True) from error
    temporary.replace(out / export.csv_name)
    partial.unlink()


def fetch_one(
    export: ExportFile,
    out: Path,
    retries: int,
    backoff: float,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    partials = out / ".partial"
    partials.mkdir(parents=True, exist_ok=True)
    partial = partials / f"{export.zip_name}.part"
    attempt = 0
    while True:
        attempt += 1
        try:
            _download(export, partial)
            _verify_and_unzip(export, partial, out)
            return
        except FetchError as error:
            if error.permanent or attempt > retries:
                raise
            sleep(backoff * 2 ** (attempt - 1))


def fetch(
    start: dt.date,
    end: dt.date,
    out: Path,
    master_list_url: str = MASTER_LIST_URL,
    retries: int = 3,
    backoff: float = 2.0,
    pause: float = 0.5,
    log: Callable[[str], None] = print,
    sleep: Callable[[float], None] = time.sleep,
) -> Summary:
    out.mkdir(parents=True, exist_ok=True)
    with _open(master_list_url) as response:
        files = select(parse_master_list(response.read().decode("utf-8", "replace")), start, end)
    log(f"GDELT master list: {len(files)} export file(s) from {start} to {end} -> {out}")
    summary = Summary()
    for number, export in enumerate(files, start=1):
        prefix = f"[{number}/{len(files)}] {export.csv_name}"
        if (out / export.csv_name).exists():
            summary.skipped.append(export.csv_name)
            log(f"{prefix}: already there, skipped")
            continue
        try:
            fetch_one(export, out, retries, backoff, sleep)
        except FetchError as error:
            summary.failed[export.csv_name] = str(error)
            log(f"{prefix}: FAILED: {error}")
        else:
            summary.fetched.append(export.csv_name)
            log(f"{prefix}: {export.size:,} bytes, MD5 ok")
        if number < len(files):
            sleep(pause)
    log(
        f"GDELT fetch: {len(summary.fetched)} fetched, {len(summary.skipped)} already there, "
        f"{len(summary.failed)} failed"
    )
    return summary


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from error


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--start", type=_date, required=True, help="first day (YYYY-MM-DD)")
    parser.add_argument("--end", type=_date, help="last day, inclusive (default: --start)")
    parser.add_argument("--out", type=Path, default=Path("data/gdelt/raw"))
    parser.add_argument("--master-list-url", default=MASTER_LIST_URL)
    parser.add_argument("--retries", type=int, default=3)
    parser.add_argument("--backoff", type=float, default=2.0, help="first retry pause, seconds")
    parser.add_argument("--pause", type=float, default=0.5, help="pause between files, seconds")
    args = parser.parse_args(argv)
    end = args.end or args.start
    if end < args.start:
        parser.error(f"--end {end} is before --start {args.start}")
    try:
        summary = fetch(
            args.start, end, args.out, args.master_list_url, args.retries, args.backoff, args.pause
        )
    except (urllib.error.URLError, OSError) as error:
        print(
            f"GDELT FETCH FAILED: the master file list {args.master_list_url} could not be read "
            f"({error}). Check the address and your connection, then run the same command again.",
            file=sys.stderr,
        )
        return 1
    if summary.failed:
        print(
            f"{len(summary.failed)} file(s) failed (listed above); run the same command again to "
            "retry them: files already fetched are skipped.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
