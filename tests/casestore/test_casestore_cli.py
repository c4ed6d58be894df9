"""``chartreview cases import`` and ``cases list`` on a real database (SQLite and
PostgreSQL): a verified record is imported with its chart files, an edited one is refused."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from audit.record import generate_keys, load_private_key, sign, write_record
from casestore import CaseStore
from cli.main import main
from tests.casestore.casestorecharts import EXAMPLES, Records


@pytest.fixture
def store_env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CHARTREVIEW_DATABASE_URL", database_url)
    monkeypatch.setenv("CHARTREVIEW_CASE_FILES_DIR", str(tmp_path / "case-files"))
    return database_url


def test_import_a_verified_record_and_refuse_an_edited_one(
    store_env: str,
    records: Records,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    good, again, complete = (tmp_path / n for n in ("gaps.json", "gaps-2.json", "complete.json"))
    write_record(good, records.gaps)
    write_record(again, records.gaps_again)
    write_record(complete, records.complete)
    chart = EXAMPLES / "medicare-iop-gaps"
    assert main(["cases", "import", str(good), str(again), "--chart-files", str(chart)]) == 0
    out = capsys.readouterr().out
    assert "gaps.json: imported: case" in out and "version 2" in out
    assert f"({len(records.gaps.documents)} of {len(records.gaps.documents)} documents kept)" in out

    edited = tmp_path / "edited.json"
    data = json.loads(complete.read_text(encoding="utf-8"))
    data["overall"] = "not_met"
    edited.write_text(json.dumps(data), encoding="utf-8")
    assert main(["cases", "import", str(edited), str(complete)]) == 1  # one refused
    captured = capsys.readouterr()
    assert "REFUSED" in captured.err and "edited after it was written" in captured.err
    assert "complete.json: imported" in captured.out

    with CaseStore(store_env, files_dir=tmp_path / "case-files") as store:
        rows = store.worklist(sort="member")
        assert [(r.member, r.version) for r in rows] == [("complete", 1), ("medicare-iop-gaps", 2)]
        assert all(r.record_sha256 != data["record_sha256"] or r.member == "complete" for r in rows)
        gaps_case = store.get_case(rows[1].case_id)
        assert all(d.stored for d in gaps_case.documents)
        store.record_action(
            gaps_case.case_id, reviewer="rn.lee", action="decision", new_status="not_met",
            seen_record_sha256=gaps_case.latest.record_sha256,
        )  # fmt: skip

    assert main(["cases", "list", "--status", "decided"]) == 0
    out = capsys.readouterr().out
    assert "medicare-iop-gaps" in out and "rn.lee" in out and "1 case" in out
    assert "complete" not in out.replace("medicare-iop-gaps", "")
    assert main(["cases", "list", "--pack", "medicare-iop", "--sort", "member"]) == 0
    out = capsys.readouterr().out
    assert out.index("complete") < out.index("medicare-iop-gaps") and "2 cases" in out
    assert main(["cases", "list", "--pack", "no-such-pack"]) == 0
    assert "No cases match" in capsys.readouterr().out
    # the chart's names are printed (the product), never logged
    for name in ["medicare-iop-gaps", *(d.filename for d in records.gaps.documents)]:
        assert name not in caplog.text


def test_import_usage_errors(
    store_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cases", "import", str(tmp_path / "missing.json")]) == 2
    assert "no such file" in capsys.readouterr().err
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    assert main(["cases", "import", str(junk)]) == 1
    assert "REFUSED" in capsys.readouterr().err


def test_import_with_a_public_key_takes_only_records_signed_with_it(
    store_env: str, records: Records, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private, public = generate_keys(tmp_path)
    signed, unsigned = tmp_path / "signed.json", tmp_path / "unsigned.json"
    write_record(signed, sign(records.complete, load_private_key(private)))
    write_record(unsigned, records.gaps)
    key = ["--public-key", str(public)]
    assert main(["cases", "import", str(unsigned), *key]) == 1
    assert "not signed" in capsys.readouterr().err
    assert main(["cases", "import", str(signed), *key]) == 0
    assert "signed.json: imported" in capsys.readouterr().out
