"""``chartreview batch``: records that verify, a summary that matches them, failures
listed and passed over, shards that partition, ``--resume``, ``--policy auto``.

Real parts throughout: charts written as files, the deterministic extractor, worker
processes where a test says ``--workers 2``.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from audit.record import load_record
from batch.charts import ChartSpec, fingerprint, read_manifest, select_shard, shard_of
from batch.run import BatchOptions, run_batch
from cli.main import EXIT_OK, EXIT_USAGE, EXIT_VERIFY_FAILED, main
from core.errors import UsageError
from tests.batch.batchcharts import IDAHO_FACE_SHEET, face_sheet, medicare_chart, write_root
from tests.e2e.minichart import baseline


def _summary(out: Path, stem: str = "summary") -> tuple[list[dict[str, str]], dict[str, object]]:
    with (out / f"{stem}.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return rows, json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))


def test_batch_writes_verifiable_records_a_matching_summary_and_lists_a_failing_chart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    charts = tmp_path / "charts"
    write_root(charts, 3)
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "chart_id,path,policy\n"
        "M-1,charts/chart-01,medicare-iop\n"
        "M-2,charts/missing-folder,medicare-iop\n"  # fails: no such folder
        "M-3,charts/chart-02,auto\n"
        "M-4,charts/chart-03,\n"  # takes --policy
        "M-5,charts/chart-02/01_intake_psychiatric_evaluation.txt,auto\n",  # no payer named
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["--policy", "medicare-otp-iop", "--out", str(out), "--workers", "2", "--quiet"]
    code = main(["batch", str(manifest), *args])
    assert code == EXIT_VERIFY_FAILED  # some chart failed: listed, the others reviewed
    assert "5 of 5 charts finished" in capsys.readouterr().out

    rows, payload = _summary(out)
    assert [r["chart"] for r in rows] == ["M-1", "M-2", "M-3", "M-4", "M-5"]
    assert [r["status"] for r in rows] == ["reviewed", "failed", "reviewed", "reviewed", "failed"]
    assert payload["complete"] is True
    assert [c["chart"] for c in payload["charts"]] == [r["chart"] for r in rows]  # type: ignore[index, union-attr]
    assert "no such file or folder" in rows[1]["error"]
    assert rows[4]["error"].startswith("no pack chosen (--policy auto): names no payer")
    assert [r["pack"] for r in rows] == ["medicare-iop", "", "medicare-iop", "medicare-otp-iop", ""]
    assert rows[2]["pack_reason"].startswith('Medicare payer named ("Medicare" in 1 of 14')
    for row in rows:
        if row["status"] != "reviewed":
            assert row["record"] == ""
            continue
        path = out / row["record"]
        assert main(["verify", str(path)]) == EXIT_OK
        record = load_record(path)
        statuses = [f.status for f in record.findings]
        assert row["record_sha256"] == record.record_sha256
        assert row["overall"] == record.overall
        assert row["pack"] == record.policy.id
        assert int(row["met"]) == statuses.count("met")
        assert int(row["not_met"]) == statuses.count("not_met")
        assert int(row["insufficient_evidence"]) == statuses.count("insufficient_evidence")
        assert int(row["not_applicable"]) == statuses.count("not_applicable")
        not_met = [f.rule_id for f in record.findings if f.status == "not_met"]
        assert row["rules_not_met"] == ";".join(not_met)
        assert int(row["documents"]) == len(record.documents)
        assert int(row["unread_records"]) == len(record.unread)
        assert int(row["input_errors"]) == len(record.input_errors)
    assert sorted(p.name for p in (out / "records").iterdir()) == sorted(
        Path(r["record"]).name for r in rows if r["record"]
    )
    assert (out / "records").stat().st_mode & 0o077 == 0
    assert (out / "summary.csv").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("workers", ["1", "2"])
def test_progress_and_logs_name_charts_by_number_only(tmp_path: Path, workers: str) -> None:
    root = tmp_path / "Okonkwo, Marisol"  # folder names carry member names
    chart = baseline().write(root / "Okonkwo Marisol 1957-03-02")
    (chart / "Okonkwo_Marisol_notes.pdf").write_bytes(b"%PDF-1.4 Okonkwo")  # broken: logged
    (root / "Whitcomb Dolores").mkdir()  # an empty chart: fails, listed by number
    out = tmp_path / "o"
    args = ["--policy", "medicare-iop", "--out", str(out), "--workers", workers]
    # a process of its own: the workers' log lines go to its stderr
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "batch", str(root), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == EXIT_VERIFY_FAILED
    assert "batch: 2/2 charts (1 failed)" in done.stderr
    assert "chart #1: file 14 of 14 not loaded" in done.stderr
    for shown in (done.stderr, done.stdout.replace(str(out), "")):
        assert "Okonkwo" not in shown and "Whitcomb" not in shown
    rows, _ = _summary(out)
    assert rows[1]["chart"] == "Whitcomb Dolores"
    assert "holds no files" in rows[1]["error"]


def test_shards_partition_the_charts_exactly(tmp_path: Path) -> None:
    specs = [ChartSpec(i, f"member-{i:04d}", (tmp_path,)) for i in range(1, 301)]
    shards = [select_shard(specs, (part, 4)) for part in range(1, 5)]
    ids = [c.chart_id for shard in shards for c in shard]
    assert sorted(ids) == sorted(c.chart_id for c in specs)  # together: all
    assert len(ids) == len(set(ids))  # no chart twice
    assert all(50 <= len(shard) <= 100 for shard in shards)  # roughly even
    assert shard_of("member-0001", 4) == shard_of("member-0001", 4)  # any machine agrees

    root = tmp_path / "charts"
    ids = write_root(root, 5, payer=False)
    out = tmp_path / "out"  # two machines sharing one output folder
    for part in (1, 2):
        result = run_batch(
            BatchOptions(root, out, policy="medicare-iop", shard=(part, 2), quiet=True)
        )
        assert not result.failed
    first, _ = _summary(out, "summary.shard-1-of-2")
    second, _ = _summary(out, "summary.shard-2-of-2")
    assert first and second
    assert sorted(r["chart"] for r in first + second) == ids
    assert len(list((out / "records").iterdir())) == 5
    assert not (out / "summary.csv").exists()


def test_resume_skips_unchanged_charts_and_reviews_changed_ones_again(tmp_path: Path) -> None:
    root = tmp_path / "charts"
    write_root(root, 3)
    out = tmp_path / "out"
    first = run_batch(BatchOptions(root, out, policy="auto", quiet=True))
    assert [r.status for r in first.rows] == ["reviewed"] * 3
    before = {r.chart: r.record_sha256 for r in first.rows}

    with pytest.raises(UsageError, match="add --resume"):
        run_batch(BatchOptions(root, out, policy="auto", quiet=True))

    unchanged = run_batch(BatchOptions(root, out, policy="auto", resume=True, quiet=True))
    assert [r.from_earlier_run for r in unchanged.rows] == [True] * 3
    assert unchanged.reviewed_now == 0
    assert {r.chart: r.record_sha256 for r in unchanged.rows} == before

    # chart-01's certification gets a changed byte, chart-02 an Idaho face sheet (a new file)
    cert = root / "chart-01" / "02_physician_certification.txt"
    cert.write_text(cert.read_text("utf-8") + "\n", "utf-8")
    (root / "chart-02" / IDAHO_FACE_SHEET).write_text(face_sheet("Optum Idaho"), "utf-8")
    resumed = run_batch(BatchOptions(root, out, policy="auto", resume=True, quiet=True))
    assert [r.from_earlier_run for r in resumed.rows] == [False, False, True]
    assert resumed.reviewed_now == 2
    redone = load_record(out / str(resumed.rows[0].record))
    assert redone.previous_record_sha256 == before["chart-01"]  # chained to the earlier one
    stem = Path(str(resumed.rows[0].record)).stem
    kept = out / "history" / f"{stem}.{before['chart-01'][:16]}.json"
    assert load_record(kept).record_sha256 == before["chart-01"]
    both = resumed.rows[1]
    assert both.status == "failed"  # Medicare and Optum Idaho named: no pack is guessed
    assert both.error is not None and "names both Medicare" in both.error

    # other settings (another pack) review every chart again
    again = run_batch(BatchOptions(root, out, policy="medicare-iop", resume=True, quiet=True))
    assert [r.from_earlier_run for r in again.rows] == [False] * 3
    assert {r.pack for r in again.rows} == {"medicare-iop"}


def test_resume_reviews_a_chart_whose_record_was_edited(tmp_path: Path) -> None:
    root = tmp_path / "charts"
    write_root(root, 1)
    out = tmp_path / "out"
    run_batch(BatchOptions(root, out, policy="medicare-iop", quiet=True))
    record = next((out / "records").iterdir())
    data = json.loads(record.read_text("utf-8"))
    data["overall"] = "not_met"
    record.write_text(json.dumps(data), "utf-8")
    resumed = run_batch(BatchOptions(root, out, policy="medicare-iop", resume=True, quiet=True))
    assert resumed.rows[0].from_earlier_run is False
    assert main(["verify", str(record)]) == EXIT_OK


def test_manifest_rows_make_charts_and_bad_manifests_are_refused(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text(
        "\ufeffchart_id,path,policy\nA,a/notes.pdf,auto\nB,/abs/b,\nA,a/plan.pdf,auto\n\n",
        encoding="utf-8",
    )
    a, b = read_manifest(manifest)
    assert (a.index, a.chart_id, a.policy) == (1, "A", "auto")
    assert a.paths == (tmp_path / "a/notes.pdf", tmp_path / "a/plan.pdf")
    assert (b.chart_id, b.paths, b.policy) == ("B", (Path("/abs/b"),), None)
    for text, message in (
        ("id,path\nA,a\n", "must name the columns chart_id and path"),
        ("chart_id,path\nA,a,extra\n", "row 2 has 3 cells"),
        ("chart_id,path,policy\nA,a,medicare-iop\nA,b,auto\n", "row 3: another row"),
        ("chart_id,path\n", "lists no chart"),
    ):
        manifest.write_text(text, encoding="utf-8")
        with pytest.raises(UsageError, match=message):
            read_manifest(manifest)


def test_unusable_arguments_stop_before_any_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "charts"
    medicare_chart().write(root / "one")
    out = str(tmp_path / "out")
    for args, message in (
        ([str(root), "--out", out], "has no policy pack"),
        ([str(root), "--out", out, "--policy", "nope"], "unknown policy pack 'nope'"),
        ([str(root), "--out", out, "--policy", "auto", "--shard", "3/2"], "--shard 3/2"),
        ([str(tmp_path / "none"), "--out", out, "--policy", "auto"], "does not exist"),
        ([str(root / "one" / "00_face_sheet.txt"), "--out", out, "--policy", "auto"], ".csv"),
        ([str(root), "--out", str(root / "out"), "--policy", "auto"], "--out is inside"),
    ):
        assert main(["batch", *args]) == EXIT_USAGE
        assert message in capsys.readouterr().err
    assert not (tmp_path / "out" / "records").exists()


def test_the_fingerprint_sees_every_file_a_review_may_read(tmp_path: Path) -> None:
    chart = medicare_chart().write(tmp_path / "chart")
    (chart / ".hidden-notes.txt").write_text("a hidden chart file is read", "utf-8")
    (chart / ".git").mkdir()
    (chart / ".git" / "objects").write_text("a hidden folder is not", "utf-8")
    before = fingerprint([chart])
    assert ".hidden-notes.txt" in {f.name for f in before}
    assert not any(f.name.startswith(".git") for f in before)

    (chart / ".git" / "objects").write_text("changed", "utf-8")
    assert fingerprint([chart]) == before
    (chart / ".hidden-notes.txt").write_text("changed", "utf-8")
    changed = fingerprint([chart])
    assert changed != before
    (chart / ".hidden-notes.txt").rename(chart / "notes.txt")
    assert fingerprint([chart]) not in (before, changed)


def test_signed_batch_records_verify_with_the_key_and_another_key_reviews_again(
    tmp_path: Path,
) -> None:
    root = tmp_path / "charts"
    write_root(root, 1)
    keys = tmp_path / "keys"
    keys.mkdir()
    assert main(["keygen", "--out", str(keys)]) == EXIT_OK
    key = keys / "chartreview-signing-key.pem"
    out = tmp_path / "out"
    run_batch(BatchOptions(root, out, policy="auto", sign_key=key, quiet=True))
    record = next((out / "records").iterdir())
    assert (
        main(["verify", str(record), "--public-key", str(keys / "chartreview-signing-key.pub.pem")])
        == EXIT_OK
    )
    unsigned = run_batch(BatchOptions(root, out, policy="auto", resume=True, quiet=True))
    assert unsigned.rows[0].from_earlier_run is False  # the signing key is a setting
    assert load_record(record).signature is None
