"""A TCP server on 127.0.0.1 that accepts every connection and never says a word.

What a client meets behind a firewall that swallows TLS, or at a server stuck before its
greeting: the connection is made, then nothing, neither a TLS handshake nor an IMAP
greeting.  It reads and discards whatever the client sends::

    with SilentServer() as server:
        ...connect to server.port...
    assert server.connections >= 1
"""

from __future__ import annotations

import select
import socket
import threading
from types import TracebackType
from typing import Self


class SilentServer:
    """Accepts on ``port``; holds each connection open until stopped."""

    def __init__(self) -> None:
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.port: int = self._listener.getsockname()[1]
        self.connections = 0
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="silent-server", daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        for connection in self._held:
            connection.close()
        self._listener.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            readable, _, _ = select.select([self._listener, *self._held], [], [], 0.1)
            for sock in readable:
                if sock is self._listener:
                    connection, _ = self._listener.accept()
                    self._held.append(connection)
                    self.connections += 1
                    continue
                try:
                    data = sock.recv(4096)  # a TLS hello or a command: never answered
                except OSError:
                    data = b""
                if not data:
                    self._held.remove(sock)
                    sock.close()
