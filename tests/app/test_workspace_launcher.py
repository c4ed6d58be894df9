"""``chartreview workspace``: the policy search is warmed up before the Streamlit server
starts (issue 15: "warmed when the app starts"), and ``streamlit run``'s options pass
through; every other command still refuses options it does not know."""

from __future__ import annotations

from typing import Any

import pytest

import cli.workspace as launcher
import retrieval.warm as warm_module
from cli.main import main
from core.errors import UsageError


class _Warming:
    started = 0

    def __init__(self) -> None:
        type(self).started += 1


def test_the_warm_up_starts_before_the_server_and_options_reach_streamlit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from streamlit.web import cli as streamlit_cli

    events: list[Any] = []

    class Warm:
        def get(self) -> None:
            events.append("warmed up")

    monkeypatch.setattr(warm_module, "shared", Warm)

    def serve(args: list[str], prog_name: str) -> None:
        events.append(args)

    monkeypatch.setattr(streamlit_cli, "main", serve)
    code = main(["workspace", "--server.port", "8599", "--server.headless=true"])
    assert code == 0
    assert events == [
        "warmed up",  # before the server starts
        ["run", str(launcher.APP), "--server.port", "8599", "--server.headless=true"],
    ]
    assert launcher.APP.name == "app.py" and launcher.APP.is_file()


def test_a_failed_warm_up_is_logged_and_the_workspace_is_served_anyway(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from streamlit.web import cli as streamlit_cli

    class Failing:
        def get(self) -> None:
            raise UsageError("the policy index could not be opened (disk full)")

    served: list[list[str]] = []
    monkeypatch.setattr(warm_module, "shared", Failing)
    monkeypatch.setattr(streamlit_cli, "main", lambda args, prog_name: served.append(args))
    assert main(["workspace"]) == 0
    assert served == [["run", str(launcher.APP)]]
    assert "starts without a warm policy search: the policy index could not be opened" in (
        caplog.text
    )


def test_other_commands_refuse_unknown_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["policies", "--server.port", "8599"])
    assert stopped.value.code == 2
    assert "unrecognized arguments: --server.port 8599" in capsys.readouterr().err


def test_a_missing_app_is_said_plainly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(launcher, "APP", tmp_path / "app.py")
    assert main(["workspace"]) == 2
    assert "the workspace's app.py is not at" in capsys.readouterr().err


def test_the_shared_search_is_one_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warm_module, "_shared", None)
    monkeypatch.setattr(warm_module, "WarmSearch", _Warming)
    first = warm_module.shared()
    assert warm_module.shared() is first and _Warming.started == 1
