"""``chartreview workspace``: serve the reviewer workspace (``app.py``) with Streamlit.

The same server as ``streamlit run app.py``, in this process, with one difference: the
policy search (``retrieval.warm.shared``) is warmed up before the server accepts its first
connection, so the first question to *Ask the policy* is as fast as later ones. Streamlit
has no start-up hook, and it runs ``app.py`` only when a browser connects, so ``streamlit
run app.py`` starts the warm-up at the first page load instead.

The server starts once the warm-up is done (about 5 s; with an empty data folder, which
builds the index, about 8 s), not beside it: in one process, the pages served meanwhile
and the warm-up share the interpreter, and a reviewer who signed in and opened a case at
once found it still warming up (16 s instead of 5). A warm-up that fails is logged and the
server starts anyway; *Ask the policy* then says why and tries again.

Every option after ``workspace`` is handed to ``streamlit run`` (``--server.port 8502``,
``--server.address 0.0.0.0``, ``--server.headless true``); the workspace's own settings
are in ``.streamlit/config.toml`` next to ``app.py``.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from core.errors import UsageError

log = logging.getLogger("chartreview.retrieval")

#: The workspace's Streamlit script: ``app.py`` at the top of the source tree (the package
#: is installed editable, ``pip install -e``, by scripts/setup-venv.sh).
APP = Path(__file__).resolve().parents[1] / "app.py"


def add_workspace_parser(sub: argparse._SubParsersAction[Any]) -> None:
    sub.add_parser(
        "workspace",
        help="serve the reviewer workspace in the browser (Streamlit, http://localhost:8501); "
        "the policy search warms up as the server starts",
        description="Serve the reviewer workspace (app.py) with Streamlit. The policy search "
        "warms up as the server starts, so the first question is as fast as later ones. "
        "Other options go to `streamlit run`, e.g. --server.port 8502 --server.headless true.",
    )


def run_workspace(options: Sequence[str]) -> int:
    """Warm the policy search up, then serve ``app.py`` until the server stops."""
    if not APP.is_file():
        raise UsageError(
            f"the workspace's app.py is not at {APP}: install chartreview from its source "
            "folder (bash scripts/setup-venv.sh) or run `streamlit run app.py` there"
        )
    # The server's modules are imported in this thread before the warm-up's thread starts
    # importing the model's (see retrieval.warm.SHARED_IMPORTS).
    from streamlit.web import cli as streamlit_cli

    from retrieval.warm import shared

    # "policy search warmed up in 5.2 s" in the server's log (policy text only, no chart)
    log.setLevel(logging.INFO)
    print("chartreview: warming up the policy search, then serving", file=sys.stderr, flush=True)
    try:
        shared().get()  # the process's search, which app.py asks for
    except UsageError as e:  # served anyway: Ask the policy says why and tries again
        log.warning("the workspace starts without a warm policy search: %s", e)
    # standalone_mode: click reports a bad option and exits with its status, as
    # `streamlit run` does
    streamlit_cli.main(["run", str(APP), *options], prog_name="chartreview workspace")
    return 0
