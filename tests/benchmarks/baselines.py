"""What a figure of bench.py is set against: a durable one-file JSON rewrite, and the parse of a journal's bytes."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path


def atomic_rewrite(path: Path, data: dict) -> float:
    """orjson dump + write + fsync + replace + directory fsync; return the seconds it took."""
    import orjson

    started = time.perf_counter()
    payload = orjson.dumps(data)
    temp = path.with_name(path.name + ".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return time.perf_counter() - started


def parse_seconds(path: Path, runs: int) -> float:
    """The median time to parse the journal file's bytes with the store's parser."""
    from rootwork.state.journal_file.storage import parse

    payload = path.read_bytes()
    parse(payload)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        parse(payload)
        times.append(time.perf_counter() - started)
    return statistics.median(times)
