"""A threaded TCP proxy for injecting network faults into IMAP client tests.

Point the client at ``proxy.host``/``proxy.port`` instead of the server::

    with TcpProxy(account.host, account.port) as proxy:
        proxy.drop_after_bytes(5_000)
        ...  # the client's connection dies after 5,000 bytes from the server
        assert len(proxy.matching_lines(rb"UID FETCH")) == 2

Client-to-server traffic is split into IMAP lines for ``lines`` and
``on_client_line``; literals (``{N}`` / ``{N+}``, e.g. APPEND bodies) are
passed through untouched and not reported as lines. Once the client starts
TLS (implicit TLS, STARTTLS) or COMPRESS, the rest of that connection is
forwarded without inspection.
"""

from __future__ import annotations

import contextlib
import re
import select
import socket
import struct
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Self

_LITERAL_RE = re.compile(rb"\{(\d+)\+?\}\r?\n\Z")
_OPAQUE_AFTER_RE = re.compile(rb"\A\S+ (STARTTLS|COMPRESS)\b", re.IGNORECASE)
_TLS_HANDSHAKE = 0x16


@dataclass
class _LineRule:
    pattern: re.Pattern[bytes]
    callback: Callable[[], object]
    nth: int
    drop: bool
    grace: float
    seen: int = 0


@dataclass
class _Drop:
    after_bytes: int
    reset: bool


class _Connection:
    def __init__(self, client: socket.socket, server: socket.socket, drop: _Drop | None) -> None:
        self.client = client
        self.server = server
        self.drop = drop
        self._closed = False
        self._lock = threading.Lock()

    def close(self, *, reset: bool = False) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
        for sock in (self.client, self.server):
            with contextlib.suppress(OSError):
                if reset:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                sock.shutdown(socket.SHUT_RD if reset else socket.SHUT_RDWR)
            sock.close()

    def client_gone(self, wait: float) -> bool:
        """True if the client disconnects within ``wait`` seconds without sending more."""
        try:
            readable, _, _ = select.select([self.client], [], [], wait)
            return bool(readable) and self.client.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True


class _ImapLineSplitter:
    """Splits a client byte stream into complete lines and opaque chunks."""

    def __init__(self) -> None:
        self._buffer = b""
        self._literal_left = 0
        self._opaque = False
        self._started = False

    def feed(self, data: bytes) -> Iterator[tuple[bool, bytes]]:
        """Yields ``(is_line, chunk)``; chunks concatenate to exactly the input."""
        if not self._started:
            self._started = True
            self._opaque = data[0] == _TLS_HANDSHAKE
        if self._opaque:
            yield False, data
            return
        self._buffer += data
        while self._buffer:
            if self._opaque:
                yield False, self._buffer
                self._buffer = b""
            elif self._literal_left:
                chunk = self._buffer[: self._literal_left]
                self._buffer = self._buffer[len(chunk) :]
                self._literal_left -= len(chunk)
                yield False, chunk
            else:
                end = self._buffer.find(b"\n")
                if end < 0:
                    return
                line, self._buffer = self._buffer[: end + 1], self._buffer[end + 1 :]
                literal = _LITERAL_RE.search(line)
                if literal:
                    self._literal_left = int(literal.group(1))
                elif _OPAQUE_AFTER_RE.match(line):
                    self._opaque = True
                yield True, line


class TcpProxy:
    """Forwards TCP connections from ``host:port`` to ``target_host:target_port``."""

    def __init__(self, target_host: str, target_port: int, *, host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.host = host
        self.port = 0
        self.lines: list[bytes] = []
        self.errors: list[BaseException] = []
        self._connection_count = 0
        self._drops: deque[_Drop] = deque()
        self._rules: list[_LineRule] = []
        self._open: set[_Connection] = set()
        self._threads: list[threading.Thread] = []
        self._listener: socket.socket | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        target = f"{self.target[0]}:{self.target[1]}"
        return f"<TcpProxy {self.host}:{self.port} -> {target} connections={self.connections}>"

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop(raise_errors=exc is None)

    @property
    def connections(self) -> int:
        """How many client connections have been accepted so far."""
        return self._connection_count

    def start(self) -> Self:
        if self._listener is not None:
            raise RuntimeError("proxy is already started")
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, 0))
        listener.listen(64)
        self._listener = listener
        self.port = listener.getsockname()[1]
        self._spawn(self._accept_loop, listener)
        return self

    def stop(self, *, raise_errors: bool = True) -> None:
        """Close the listener and every proxied connection.

        Re-raises the first exception raised by an ``on_client_line`` callback.
        """
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        self.disconnect_all()
        with self._lock:
            threads, self._threads = self._threads, []
        for thread in threads:
            thread.join(timeout=5)
        if raise_errors and self.errors:
            raise RuntimeError("an on_client_line callback failed") from self.errors[0]

    def disconnect_all(self) -> None:
        """Abruptly close every connection that is currently open."""
        with self._lock:
            open_connections = list(self._open)
        for connection in open_connections:
            connection.close()

    def drop_after_bytes(self, n: int, connections: int = 1, *, reset: bool = False) -> None:
        """Cut the next ``connections`` new connections after ``n`` server-to-client bytes.

        The client receives exactly the first ``n`` bytes, then both sockets
        are closed (FIN). With ``reset`` they are reset (RST) instead, which may
        also discard some of those bytes before the client reads them.
        """
        if n < 0 or connections < 1:
            raise ValueError("n must be >= 0 and connections >= 1")
        with self._lock:
            self._drops.extend(_Drop(n, reset) for _ in range(connections))

    def on_client_line(
        self,
        pattern: bytes | re.Pattern[bytes],
        callback: Callable[[], object],
        nth: int = 1,
        *,
        drop: bool = False,
        grace: float = 0.5,
    ) -> None:
        """Call ``callback()`` when the ``nth`` client line matching ``pattern`` arrives.

        The callback runs on the proxy thread before the line is forwarded.
        Then the proxy waits up to ``grace`` seconds: if the client disconnects
        in that time (e.g. the callback sent it SIGKILL) or ``drop`` is true, the
        line is not forwarded and both sockets are closed. Lines are matched
        (``re.search``) without their trailing CRLF; counting spans all
        connections and the rule fires once.
        """
        if nth < 1:
            raise ValueError("nth must be >= 1")
        compiled = re.compile(pattern) if isinstance(pattern, bytes) else pattern
        with self._lock:
            self._rules.append(_LineRule(compiled, callback, nth, drop, grace))

    def matching_lines(self, pattern: bytes | re.Pattern[bytes]) -> list[bytes]:
        """The client lines seen so far that match ``pattern`` (``re.search``)."""
        compiled = re.compile(pattern) if isinstance(pattern, bytes) else pattern
        return [line for line in list(self.lines) if compiled.search(line)]

    def _spawn(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name="TcpProxy")
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
        thread.start()

    def _accept_loop(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target, timeout=10)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            for sock in (client, server):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self._connection_count += 1
                drop = self._drops.popleft() if self._drops else None
                connection = _Connection(client, server, drop)
                self._open.add(connection)
            if self._listener is None:
                connection.close()
                return
            self._spawn(self._pump_client_to_server, connection)
            self._spawn(self._pump_server_to_client, connection)

    def _pump_client_to_server(self, connection: _Connection) -> None:
        splitter = _ImapLineSplitter()
        try:
            while data := connection.client.recv(65536):
                for is_line, chunk in splitter.feed(data):
                    if is_line and not self._line_may_pass(connection, chunk.rstrip(b"\r\n")):
                        return
                    connection.server.sendall(chunk)
        except OSError:
            pass
        finally:
            self._finish(connection)

    def _pump_server_to_client(self, connection: _Connection) -> None:
        drop = connection.drop
        budget = drop.after_bytes if drop is not None else -1
        try:
            if budget == 0 and drop is not None:
                connection.close(reset=drop.reset)
                return
            while data := connection.server.recv(65536):
                if drop is not None and len(data) >= budget:
                    connection.client.sendall(data[:budget])
                    connection.close(reset=drop.reset)
                    return
                budget -= len(data)
                connection.client.sendall(data)
        except OSError:
            pass
        finally:
            self._finish(connection)

    def _line_may_pass(self, connection: _Connection, line: bytes) -> bool:
        with self._lock:
            self.lines.append(line)
            fired = []
            for rule in list(self._rules):
                if rule.pattern.search(line):
                    rule.seen += 1
                    if rule.seen == rule.nth:
                        fired.append(rule)
                        self._rules.remove(rule)
        for rule in fired:
            try:
                rule.callback()
            except BaseException as error:
                self.errors.append(error)
            if rule.drop or connection.client_gone(rule.grace):
                return False
        return True

    def _finish(self, connection: _Connection) -> None:
        connection.close()
        with self._lock:
            self._open.discard(connection)
