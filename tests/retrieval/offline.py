"""Helpers of the retrieval tests: a network that cannot be reached, and what the offline
index build observed. (A module of its own, not the conftest, so tests can import it.)"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from retrieval.index import SyncReport


@dataclass
class NetworkAttempts:
    calls: list[str] = field(default_factory=list)


@contextmanager
def network_unreachable() -> Iterator[NetworkAttempts]:
    """Make every outgoing connection and name look-up in this process fail (and record
    it) until the block ends. Unix sockets (local IPC) still work."""
    attempts = NetworkAttempts()
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def refuse(what: str) -> OSError:
        attempts.calls.append(what)
        return OSError(f"network unreachable in this test ({what})")

    def connect(self: socket.socket, address: Any) -> None:
        if self.family == socket.AF_UNIX:
            real_connect(self, address)
            return
        raise refuse(f"connect {address!r}")

    def connect_ex(self: socket.socket, address: Any) -> int:
        if self.family == socket.AF_UNIX:
            return real_connect_ex(self, address)
        raise refuse(f"connect_ex {address!r}")

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        raise refuse(f"getaddrinfo {host!r}")

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
        raise refuse(f"create_connection {address!r}")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", connect)
        mp.setattr(socket.socket, "connect_ex", connect_ex)
        mp.setattr(socket, "getaddrinfo", getaddrinfo)
        mp.setattr(socket, "create_connection", create_connection)
        yield attempts


@dataclass(frozen=True)
class OfflineBuild:
    data_dir: Path
    report: SyncReport
    attempts: tuple[str, ...]
    switches_before: dict[str, str | None]
    switches_after: dict[str, str | None]
    loads: int
