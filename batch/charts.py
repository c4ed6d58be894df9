"""Which charts a batch reviews: discovery, the manifest CSV, shards, input fingerprints.

A batch source is either

- a **root folder**: every sub-folder (not hidden) is one chart, its id the folder's name;
  files lying directly in the root belong to no chart and are counted, not reviewed; or
- a **manifest CSV** (UTF-8, a header row) with the columns ``chart_id`` and ``path`` and
  an optional ``policy``. ``path`` is a chart file or folder, relative to the manifest's
  folder unless absolute; several rows with one ``chart_id`` make one chart of several
  paths (their ``policy`` cells must agree). An empty ``policy`` takes ``--policy``;
  ``auto`` chooses the pack from the chart (:mod:`batch.choose`)::

      chart_id,path,policy
      A-1001,charts/a-1001,medicare-iop
      A-1002,charts/a-1002,auto
      A-1003,exports/a-1003-notes.pdf,
      A-1003,exports/a-1003-plan.pdf,

Charts are numbered 1.. in order (folders sorted by name; manifest charts in the order
they first appear); that number, never the id, names a chart in logs. ``--shard I/N``
keeps the charts whose ``sha256(chart_id) mod N == I - 1``: shards of one source never
overlap and together cover it, whatever machine computes them.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from core.errors import UsageError

AUTO = "auto"
MANIFEST_COLUMNS = ("chart_id", "path")
OPTIONAL_COLUMNS = ("policy",)
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
_HASH_CHUNK = 1024 * 1024
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class ChartSpec:
    """One chart of a batch: its number (1-based, in the whole source, not the shard),
    its id, its files or folders, and the pack asked for it (a pack id, ``auto``, or
    None for the batch's ``--policy``)."""

    index: int
    chart_id: str
    paths: tuple[Path, ...]
    policy: str | None = None

    @property
    def label(self) -> str:
        """How logs name the chart: by number only (ids can carry member names)."""
        return f"chart #{self.index}"

    @property
    def file_stem(self) -> str:
        """The stem of the chart's record and state files: the id made safe for a file
        name, and a short hash of the exact id so that two ids never share a file."""
        safe = _SAFE.sub("_", self.chart_id).strip("._")[:80] or "chart"
        digest = hashlib.sha256(self.chart_id.encode("utf-8")).hexdigest()[:8]
        return f"{safe}-{digest}"


@dataclass(frozen=True)
class Source:
    """The charts of a source, and how many files in a root folder belong to none."""

    charts: tuple[ChartSpec, ...]
    loose_files: int = 0


def read_source(source: Path) -> Source:
    """The charts of a root folder or a manifest CSV (raises :class:`UsageError`)."""
    if source.is_dir():
        return _read_root(source)
    if source.is_file():
        if source.suffix.lower() != ".csv":
            raise UsageError(
                "give a folder with one sub-folder per chart, or a manifest .csv with the "
                "columns chart_id,path[,policy]"
            )
        return Source(read_manifest(source))
    raise UsageError("the batch source does not exist: give a chart root folder or a manifest")


def _read_root(root: Path) -> Source:
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as e:
        raise UsageError(
            f"the chart root folder cannot be listed ({e.strerror}): check its permissions"
        ) from e
    charts: list[ChartSpec] = []
    loose = 0
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            charts.append(ChartSpec(len(charts) + 1, entry.name, (Path(entry.path),)))
        else:
            loose += 1
    if not charts:
        raise UsageError(
            "the root folder has no chart sub-folders: put each chart's documents in a "
            "folder of its own under it (or give a manifest .csv)"
        )
    return Source(tuple(charts), loose)


def read_manifest(path: Path) -> tuple[ChartSpec, ...]:
    """The charts of a manifest CSV; a malformed manifest raises :class:`UsageError`
    naming the row (never its content)."""
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise UsageError(f"the manifest is larger than {MAX_MANIFEST_BYTES} bytes")
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(
            f"the manifest cannot be read ({type(e).__name__}): save it as UTF-8 CSV"
        ) from e
    try:
        rows = list(csv.reader(text.splitlines()))
    except csv.Error as e:
        raise UsageError(f"the manifest is not valid CSV ({e})") from e
    if not rows:
        raise UsageError("the manifest is empty: it needs a header row chart_id,path[,policy]")
    header = [cell.strip().lower() for cell in rows[0]]
    missing = [c for c in MANIFEST_COLUMNS if c not in header]
    unknown = [c for c in header if c not in (*MANIFEST_COLUMNS, *OPTIONAL_COLUMNS)]
    if missing or unknown or len(set(header)) != len(header):
        raise UsageError(
            "the manifest's header must name the columns chart_id and path, and may name "
            f"policy (found: {', '.join(header) or 'nothing'})"
        )
    at = {name: header.index(name) for name in header}
    base = path.parent
    order: list[str] = []
    paths: dict[str, list[Path]] = {}
    policies: dict[str, str | None] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise UsageError(
                f"manifest row {number} has {len(row)} cells, the header {len(header)}"
            )
        chart_id = row[at["chart_id"]].strip()
        where = row[at["path"]].strip()
        if not chart_id or not where:
            raise UsageError(f"manifest row {number}: chart_id and path must not be empty")
        policy = (row[at["policy"]].strip() or None) if "policy" in at else None
        if chart_id not in paths:
            order.append(chart_id)
            paths[chart_id] = []
            policies[chart_id] = policy
        elif policies[chart_id] != policy:
            raise UsageError(
                f"manifest row {number}: another row of the same chart asks for another "
                "policy; give one policy per chart"
            )
        given = Path(where).expanduser()
        paths[chart_id].append(given if given.is_absolute() else base / given)
    if not order:
        raise UsageError("the manifest lists no chart: add rows below the header")
    return tuple(
        ChartSpec(i, chart_id, tuple(paths[chart_id]), policies[chart_id])
        for i, chart_id in enumerate(order, start=1)
    )


# --------------------------------------------------------------------------- shards


def parse_shard(text: str) -> tuple[int, int]:
    """``"I/N"`` -> (I, N) with 1 <= I <= N."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if match is None:
        raise UsageError(f"--shard takes I/N, e.g. 1/4 (got {text!r})")
    part, parts = int(match.group(1)), int(match.group(2))
    if not 1 <= part <= parts:
        raise UsageError(f"--shard {part}/{parts}: I must be between 1 and N")
    return part, parts


def shard_of(chart_id: str, parts: int) -> int:
    """The shard (1-based) chart ``chart_id`` belongs to among ``parts``."""
    digest = hashlib.sha256(chart_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % parts + 1


def select_shard(
    charts: Sequence[ChartSpec], shard: tuple[int, int] | None
) -> tuple[ChartSpec, ...]:
    if shard is None:
        return tuple(charts)
    part, parts = shard
    return tuple(c for c in charts if shard_of(c.chart_id, parts) == part)


# --------------------------------------------------------------------------- fingerprints


@dataclass(frozen=True)
class InputFile:
    """A chart file by the name a review reports it under and the SHA-256 of its bytes
    (or why it could not be hashed)."""

    name: str
    sha256: str


def fingerprint(paths: Sequence[Path]) -> tuple[InputFile, ...]:
    """Every file a review of ``paths`` may read, each with the SHA-256 of its bytes:
    folders searched recursively outside hidden folders, as :func:`ingest.loader.load_chart`
    does (a symlinked file or folder is not followed: it counts by its name). Changing,
    adding, removing or renaming any of them changes the fingerprint; so does an operating
    system's metadata file, which the review skips (a needless review again, never a
    missed one)."""
    found: list[InputFile] = []
    for number, path in enumerate(paths):
        prefix = f"{number}:" if len(paths) > 1 else ""
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                links = [d for d in dirnames if Path(dirpath, d).is_symlink()]
                for name in [*filenames, *links]:
                    file = Path(dirpath, name)
                    found.append(
                        InputFile(prefix + file.relative_to(path).as_posix(), _sha256(file))
                    )
        else:
            found.append(InputFile(prefix + path.name, _sha256(path, follow=True)))
    return tuple(sorted(found, key=lambda f: f.name))


def _sha256(path: Path, *, follow: bool = False) -> str:
    if not follow and path.is_symlink():
        return "symlink"  # not followed by the review
    digest = hashlib.sha256()
    try:
        with path.open("rb") as f:
            while chunk := f.read(_HASH_CHUNK):
                digest.update(chunk)
    except OSError as e:
        return f"unreadable:{e.errno}"
    return digest.hexdigest()
