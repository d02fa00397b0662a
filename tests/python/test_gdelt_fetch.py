"""make gdelt-fetch against a local HTTP server on 127.0.0.1 that serves a master file list and
zip files made here: a good file, a wrong MD5, a corrupt zip, a 404 and a transfer cut off
half-way (resumed with a Range request). Nothing leaves this machine."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT

from pipeline.ingest import gdelt_fetch

DAY = "20250301"


def export_zip(name: str, text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, text)
    return buffer.getvalue()


@dataclass
class Server:
    base: str
    files: dict[str, bytes]
    master: str = ""
    cut_once: set[str] = field(default_factory=set)  # paths whose first transfer is cut
    requests: list[tuple[str, str | None]] = field(default_factory=list)  # (path, Range)


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server(base="", files={})

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            state.requests.append((self.path, self.headers.get("Range")))
            if self.path == "/masterfilelist.txt":
                body = state.master.encode()
            elif self.path in state.files:
                body = state.files[self.path]
            else:
                self.send_error(404)
                return
            start = 0
            if self.headers.get("Range"):
                start = int(self.headers["Range"].removeprefix("bytes=").split("-")[0])
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
            else:
                self.send_response(200)
            self.send_header("Content-Length", str(len(body) - start))
            self.end_headers()
            if self.path in state.cut_once:
                state.cut_once.discard(self.path)
                self.wfile.write(body[start : start + len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(body[start:])

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def publish(server: Server, name: str, body: bytes, md5: str | None = None) -> None:
    server.files[f"/gdeltv2/{name}"] = body
    checksum = md5 or hashlib.md5(body).hexdigest()  # noqa: S324 - GDELT's checksum
    server.master += f"{len(body)} {checksum} {server.base}/gdeltv2/{name}\n"


def run(server: Server, out: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [
        sys.executable, "-m", "pipeline.ingest.gdelt_fetch", "--start", "2025-03-01",
        "--out", str(out), "--master-list-url", f"{server.base}/masterfilelist.txt",
        "--retries", "2", "--backoff", "0", "--pause", "0", *extra,
    ]  # fmt: skip
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)


def test_fetches_verifies_resumes_and_reports_each_failure(server: Server, tmp_path: Path) -> None:
    good = f"{DAY}000000.export.CSV"
    cut = f"{DAY}001500.export.CSV"
    wrong_md5 = f"{DAY}003000.export.CSV"
    corrupt = f"{DAY}004500.export.CSV"
    missing = f"{DAY}010000.export.CSV"
    other_day = "20250302000000.export.CSV"
    publish(server, good + ".zip", export_zip(good, "1\tgood\n"))
    publish(server, cut + ".zip", export_zip(cut, "2\tcut\n" * 5000))
    server.cut_once.add(f"/gdeltv2/{cut}.zip")
    publish(server, wrong_md5 + ".zip", export_zip(wrong_md5, "3\n"), md5="0" * 32)
    publish(server, corrupt + ".zip", b"PK\x03\x04 this is not a whole zip archive")
    server.master += f"100 {'1' * 32} {server.base}/gdeltv2/{missing}.zip\n"
    publish(server, other_day + ".zip", export_zip(other_day, "4\n"))
    server.master += f"5 {'2' * 32} {server.base}/gdeltv2/{DAY}000000.mentions.CSV.zip\n"
    out = tmp_path / "raw"

    result = run(server, out)

    assert result.returncode == 1
    assert (out / good).read_text() == "1\tgood\n"
    assert (out / cut).read_text() == "2\tcut\n" * 5000  # resumed, not restarted
    ranges = [header for path, header in server.requests if path == f"/gdeltv2/{cut}.zip"]
    assert ranges[0] is None and ranges[1] is not None and ranges[1] != "bytes=0-"
    assert not (out / wrong_md5).exists()
    assert not (out / corrupt).exists()
    assert not (out / other_day).exists()  # outside the date range
    assert f"{wrong_md5}: FAILED: MD5" in result.stdout
    assert f"{corrupt}: FAILED: not a valid zip archive" in result.stdout
    assert f"{missing}: FAILED: not found on the server (HTTP 404)" in result.stdout
    assert "2 fetched, 0 already there, 3 failed" in result.stdout
    assert "run the same command again" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    # a 404 is not retried; a wrong MD5 is (the transfer may have been damaged)
    assert sum(path == f"/gdeltv2/{missing}.zip" for path, _ in server.requests) == 1
    assert sum(path == f"/gdeltv2/{wrong_md5}.zip" for path, _ in server.requests) == 3
    assert not list(out.glob(".*.tmp"))

    # a rerun skips what is there and fetches nothing twice
    before = len(server.requests)
    again = run(server, out)
    fetched_again = [path for path, _ in server.requests[before:] if path.endswith(good + ".zip")]
    assert fetched_again == []
    assert "2 already there" in again.stdout


def test_make_gdelt_fetch_as_the_readme_writes_it(server: Server, tmp_path: Path) -> None:
    """`make gdelt-fetch START=... END=...`, pointed at the local server and a temp folder."""
    names = [f"{DAY}000000.export.CSV", "20250302000000.export.CSV"]
    for name in names:
        publish(server, name + ".zip", export_zip(name, name))
    out = tmp_path / "raw"
    (tmp_path / "home").mkdir()
    result = subprocess.run(
        [
            "make", "--no-print-directory", "gdelt-fetch", "START=2025-03-01", "END=2025-03-02",
            f"GDELT_OUT={out}", f"GDELT_MASTER_LIST={server.base}/masterfilelist.txt",
        ],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(path.name for path in out.glob("*.CSV")) == names
    assert "2 fetched, 0 already there, 0 failed" in result.stdout


def test_unreachable_master_list_fails_clearly(tmp_path: Path) -> None:
    server = Server(base="http://127.0.0.1:9", files={})  # discard port: nothing listens
    result = run(server, tmp_path / "raw")
    assert result.returncode == 1
    assert "GDELT FETCH FAILED: the master file list" in result.stderr
    assert "Traceback" not in result.stderr


def test_master_list_parsing_keeps_export_files_of_the_range() -> None:
    text = (
        "150383 297a16b493de7cf6ca809a7cc31d0b93 http://x/gdeltv2/20150218230000.export.CSV.zip\n"
        "318084 bb27f78ba45f69a17ea6ed7755e9f8ff http://x/gdeltv2/20150218230000.mentions.CSV.zip\n"
        "garbage line\n"
        "1 ab http://x/gdeltv2/20150219000000.export.CSV.zip\n"
    )
    files = gdelt_fetch.parse_master_list(text)
    assert [f.csv_name for f in files] == [
        "20150218230000.export.CSV",
        "20150219000000.export.CSV",
    ]
    day = dt.date(2015, 2, 18)
    assert [f.size for f in gdelt_fetch.select(files, day, day)] == [150383]
    assert gdelt_fetch.MASTER_LIST_URL.endswith("/gdeltv2/masterfilelist.txt")
