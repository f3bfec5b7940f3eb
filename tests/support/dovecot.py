"""A throwaway Dovecot IMAP server for tests.

``Dovecot`` runs a private ``dovecot -F`` with its own configuration, TLS
certificates, users and Maildirs in a temporary directory::

    with Dovecot() as server:
        account = server.add_user()
        uid = account.append(raw_message, datetime(2017, 6, 1, 17, 0, tzinfo=berlin))

The server listens on 127.0.0.1 only: ``port`` speaks plain IMAP (STARTTLS
available, plaintext login allowed) and ``ssl_port`` speaks implicit-TLS IMAPS
with a certificate issued by a throwaway CA (``ca_file``) for ``localhost``
and ``127.0.0.1``.

Dovecot must run as root here: logins run as ``dovenull``, internal services
and all mail files as ``dovecot``.
"""

from __future__ import annotations

import ctypes
import itertools
import os
import pwd
import re
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Self

from imapclient import IMAPClient
from imapclient.imap_utf7 import encode as encode_utf7

DOVECOT_BIN = Path("/usr/sbin/dovecot")
DOVEADM_BIN = Path("/usr/bin/doveadm")
OPENSSL = "openssl"

LOGIN_USER = "dovenull"
MAIL_USER = "dovecot"

Flag = bytes | str

_USERNAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+@-]*\Z")
_APPENDUID_RE = re.compile(rb"\[APPENDUID (\d+) ([0-9:,]+)\]")
_MAILDIR_FLAGS = {
    "\\draft": "D",
    "\\flagged": "F",
    "\\answered": "R",
    "\\seen": "S",
    "\\deleted": "T",
}
_APPEND_BATCH_MESSAGES = 500
_APPEND_BATCH_BYTES = 8 * 1024 * 1024
_FETCH_BATCH = 2000
_MAILDIR_EPOCH = int(time.time())
_maildir_sequence = itertools.count()


class DovecotError(RuntimeError):
    """The test Dovecot could not be started or a doveadm command failed."""


@dataclass
class Account:
    """One mailbox user on a test ``Dovecot`` plus helpers to inspect and seed it."""

    host: str
    port: int
    ssl_port: int
    username: str
    password: str
    ca_file: Path = field(repr=False)
    home: Path = field(repr=False)
    server: Dovecot = field(repr=False, compare=False)

    @property
    def maildir(self) -> Path:
        return self.home / "Maildir"

    def ssl_context(self) -> ssl.SSLContext:
        """A client context that trusts exactly the server's throwaway CA."""
        return ssl.create_default_context(cafile=str(self.ca_file))

    def connect(
        self,
        *,
        implicit_tls: bool = False,
        starttls: bool = False,
        login: bool = True,
        timeout: float = 30.0,
    ) -> IMAPClient:
        """An ``IMAPClient`` connected (and by default logged in) as this user.

        Plain IMAP by default; ``starttls`` upgrades the plain connection,
        ``implicit_tls`` uses the IMAPS port. TLS verifies against ``ca_file``.
        """
        if implicit_tls and starttls:
            raise ValueError("choose either implicit_tls or starttls")
        if implicit_tls:
            client = IMAPClient(
                self.host,
                port=self.ssl_port,
                ssl=True,
                ssl_context=self.ssl_context(),
                timeout=timeout,
            )
        else:
            client = IMAPClient(self.host, port=self.port, ssl=False, timeout=timeout)
        try:
            if starttls:
                client.starttls(self.ssl_context())
            if login:
                client.login(self.username, self.password)
        except BaseException:
            client.shutdown()
            raise
        return client

    def append(
        self,
        raw: bytes,
        internaldate: datetime,
        folder: str = "INBOX",
        flags: Sequence[Flag] = (),
    ) -> int:
        """APPEND one message with the given INTERNALDATE; returns its UID."""
        _require_aware(internaldate)
        with self.connect() as client:
            response = client.append(folder, raw, flags=flags, msg_time=internaldate)
        return _appended_uids(response)[0]

    def append_many(
        self,
        items: Iterable[tuple[bytes, datetime]],
        folder: str = "INBOX",
        flags: Sequence[Flag] = (),
    ) -> list[int]:
        """APPEND many messages over one connection (MULTIAPPEND); returns their UIDs in order."""
        uids: list[int] = []
        with self.connect() as client:
            batch: list[dict[str, object]] = []
            batch_bytes = 0
            for raw, internaldate in items:
                _require_aware(internaldate)
                batch.append({"msg": raw, "flags": flags, "date": internaldate})
                batch_bytes += len(raw)
                if len(batch) >= _APPEND_BATCH_MESSAGES or batch_bytes >= _APPEND_BATCH_BYTES:
                    uids += _multiappend(client, folder, batch)
                    batch, batch_bytes = [], 0
            if batch:
                uids += _multiappend(client, folder, batch)
        return uids

    def create_folder(self, name: str) -> None:
        with self.connect() as client:
            client.create_folder(name)

    def fetch_flags(self, folder: str = "INBOX") -> dict[int, tuple[bytes, ...]]:
        """All UIDs in ``folder`` mapped to their flags, without the session-only \\Recent.

        The folder is opened read-only (EXAMINE), so nothing changes.
        """
        flags: dict[int, tuple[bytes, ...]] = {}
        with self.connect() as client:
            client.select_folder(folder, readonly=True)
            uids = sorted(client.search("ALL"))
            for start in range(0, len(uids), _FETCH_BATCH):
                response = client.fetch(uids[start : start + _FETCH_BATCH], ["FLAGS"])
                for uid, data in response.items():
                    flags[uid] = tuple(f for f in data[b"FLAGS"] if f != b"\\Recent")
        return flags

    def uidvalidity(self, folder: str = "INBOX") -> int:
        return self._status(folder, b"UIDVALIDITY")

    def count(self, folder: str = "INBOX") -> int:
        return self._status(folder, b"MESSAGES")

    def set_uidvalidity(self, value: int, folder: str = "INBOX") -> None:
        """Force a new UIDVALIDITY (via doveadm); the message UIDs themselves are kept.

        Sessions that have the folder selected at that moment are disconnected
        by Dovecot ("IMAP session state is inconsistent, please relogin").
        """
        if not 0 < value < 2**32:
            raise ValueError(f"UIDVALIDITY must be a non-zero 32-bit value, not {value}")
        self.server.doveadm(
            "mailbox", "update", "-u", self.username, "--uid-validity", str(value), folder
        )

    def write_maildir_messages(
        self,
        items: Iterable[tuple[bytes, datetime]],
        folder: str = "INBOX",
        flags: Sequence[Flag] = (),
    ) -> int:
        """Seed messages by writing Maildir files directly; returns how many were written.

        Much faster than APPEND for large mailboxes. Dovecot takes INTERNALDATE
        from the file mtime and assigns UIDs in the order of ``items`` when it
        next syncs the folder. ``flags`` may only contain system flags
        (\\Seen, \\Answered, \\Flagged, \\Deleted, \\Draft).
        """
        info = ":2," + _maildir_flag_letters(flags)
        folder_dir = self._maildir_folder(folder)
        uid, gid = _mail_owner()
        tmp_dir, cur_dir = folder_dir / "tmp", folder_dir / "cur"
        pid = os.getpid()
        written = 0
        for raw, internaldate in items:
            _require_aware(internaldate)
            secs, usecs = divmod(next(_maildir_sequence), 1_000_000)
            vsize = len(raw) + raw.count(b"\n") - raw.count(b"\r\n")
            name = f"{_MAILDIR_EPOCH + secs}.M{usecs}P{pid}.seed,S={len(raw)},W={vsize}"
            tmp_path = tmp_dir / name
            fd = os.open(tmp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, raw)
                os.fchown(fd, uid, gid)
                timestamp = internaldate.timestamp()
                os.utime(fd, (timestamp, timestamp))
            finally:
                os.close(fd)
            os.rename(tmp_path, cur_dir / (name + info))
            written += 1
        return written

    def _status(self, folder: str, item: bytes) -> int:
        with self.connect() as client:
            status = client.folder_status(folder, [item])
        return int(status[item])

    def _maildir_folder(self, folder: str) -> Path:
        uid, gid = _mail_owner()
        root = self.maildir
        path = root
        if folder.upper() != "INBOX":
            separator = self.server.separator
            parts = folder.split(separator)
            if separator != "." and any("." in part for part in parts):
                raise ValueError(f"Maildir++ folder names cannot contain '.': {folder!r}")
            path = root / ("." + ".".join(encode_utf7(part).decode() for part in parts))
        for directory in (root, path, path / "cur", path / "new", path / "tmp"):
            if not directory.exists():
                directory.mkdir(mode=0o700)
                os.chown(directory, uid, gid)
        if path != root and not (path / "maildirfolder").exists():
            (path / "maildirfolder").touch(mode=0o600)
            os.chown(path / "maildirfolder", uid, gid)
        return path


class Dovecot:
    """A private Dovecot IMAP/IMAPS server on 127.0.0.1, started with ``start()``.

    ``timezone`` is the server's TZ, which decides the offset Dovecot uses when
    it reports INTERNALDATE. ``separator`` is the IMAP hierarchy separator
    (``.`` like a stock Dovecot with Maildir, or ``/``). The server's files live
    under ``parent_dir``, by default /dev/shm when available (much faster
    Maildir seeding than a disk).
    """

    host = "127.0.0.1"

    def __init__(
        self,
        *,
        timezone: str = "UTC",
        startup_timeout: float = 15.0,
        debug: bool = False,
        separator: str = ".",
        parent_dir: str | Path | None = None,
    ) -> None:
        if separator not in (".", "/"):
            raise ValueError("separator must be '.' or '/'")
        self.timezone = timezone
        self.separator = separator
        self.parent_dir = parent_dir
        self.startup_timeout = startup_timeout
        self.debug = debug
        self.port = 0
        self.ssl_port = 0
        self._root: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._passwords: dict[str, str] = {}
        self._user_numbers = itertools.count(1)
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        where = f" imap={self.host}:{self.port} imaps={self.host}:{self.ssl_port}"
        return f"<Dovecot {state}{where if self.running else ''} root={self._root}>"

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def root(self) -> Path:
        if self._root is None:
            raise RuntimeError("Dovecot has not been started")
        return self._root

    @property
    def config_path(self) -> Path:
        return self.root / "dovecot.conf"

    @property
    def log_path(self) -> Path:
        return self.root / "dovecot.log"

    @property
    def ca_file(self) -> Path:
        return self.root / "tls" / "ca.pem"

    @property
    def users_dir(self) -> Path:
        """One passwd-file per user, used as both passdb and userdb."""
        return self.root / "users"

    def _parent_dir(self) -> Path | None:
        if self.parent_dir is not None:
            return Path(self.parent_dir)
        shm = Path("/dev/shm")
        return shm if shm.is_dir() and os.access(shm, os.W_OK | os.X_OK) else None

    def read_log(self) -> str:
        """The Dovecot log so far (empty if there is none yet)."""
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def start(self) -> Self:
        if self._root is not None:
            raise RuntimeError("Dovecot is already started")
        _require_installed()
        self._root = Path(tempfile.mkdtemp(prefix="dovecot-test-", dir=self._parent_dir()))
        try:
            self.root.chmod(0o755)
            (self.root / "home").mkdir(mode=0o755)
            self.users_dir.mkdir(mode=0o755)
            make_certificates(self.root / "tls")
            self._launch()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop Dovecot and delete its directory (config, log, mailboxes)."""
        self._stop_process()
        root, self._root = self._root, None
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)
        self._passwords.clear()

    def add_user(self, username: str | None = None, password: str = "secret") -> Account:
        """Create a new, empty mailbox user; usable immediately, no restart needed."""
        if ":" in password or "\n" in password or not password:
            raise ValueError("password must be non-empty and contain no ':' or newline")
        with self._lock:
            if username is None:
                username = next(
                    name
                    for name in (f"user{n}" for n in self._user_numbers)
                    if name not in self._passwords
                )
            elif not _USERNAME_RE.match(username):
                raise ValueError(f"unsupported username {username!r}")
            elif username in self._passwords:
                raise ValueError(f"user {username!r} already exists")
            self._passwords[username] = password
            home = self.root / "home" / username
            uid, gid = _mail_owner()
            home.mkdir(mode=0o700)
            os.chown(home, uid, gid)
            passwd = self.users_dir / f".{username}.new"
            passwd.write_text(f"{username}:{{PLAIN}}{password}:{uid}:{gid}::{home}::\n")
            passwd.chmod(0o644)
            passwd.rename(self.users_dir / username)
        return Account(
            host=self.host,
            port=self.port,
            ssl_port=self.ssl_port,
            username=username,
            password=password,
            ca_file=self.ca_file,
            home=home,
            server=self,
        )

    def doveadm(self, *args: str) -> str:
        """Run ``doveadm`` against this server; returns its stdout."""
        result = subprocess.run(
            [str(DOVEADM_BIN), "-c", str(self.config_path), *args],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise DovecotError(
                f"doveadm {' '.join(args)} failed ({result.returncode}):\n"
                f"{result.stderr}{result.stdout}"
            )
        return result.stdout

    def _launch(self) -> None:
        for _attempt in range(3):
            self.port, self.ssl_port = _free_ports(2)
            self.config_path.write_text(self._config())
            self.log_path.unlink(missing_ok=True)
            stderr_path = self.root / "dovecot.stderr"
            with stderr_path.open("wb") as stderr:
                self._process = subprocess.Popen(
                    [str(DOVECOT_BIN), "-F", "-c", str(self.config_path)],
                    stdin=subprocess.DEVNULL,
                    stdout=stderr,
                    stderr=stderr,
                    env={**os.environ, "TZ": self.timezone},
                    preexec_fn=_die_with_parent,
                )
            try:
                self._wait_until_ready()
                return
            except DovecotError as error:
                self._stop_process()
                if "Address already in use" not in str(error):
                    raise
        raise DovecotError("could not find free ports for Dovecot")

    def _stop_process(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        tls = ssl.create_default_context(cafile=str(self.ca_file))
        while True:
            if self._process is None or self._process.poll() is not None:
                raise DovecotError(self._failure("Dovecot exited during startup"))
            if _imap_ready(self.host, self.port) and _imap_ready(self.host, self.ssl_port, tls):
                return
            if time.monotonic() > deadline:
                raise DovecotError(
                    self._failure(f"Dovecot did not accept connections in {self.startup_timeout}s")
                )
            time.sleep(0.02)

    def _failure(self, message: str) -> str:
        stderr = (self.root / "dovecot.stderr").read_text(errors="replace")
        log = self.read_log()
        return f"{message}\n--- {self.log_path} ---\n{log}--- stdout/stderr ---\n{stderr}"

    def _config(self) -> str:
        root = self.root
        uid, gid = _mail_owner()
        debug = "yes" if self.debug else "no"
        return f"""\
protocols = imap
listen = {self.host}
base_dir = {root}/run
state_dir = {root}/state
instance_name = dovecot-test-{self.port}
log_path = {self.log_path}
auth_verbose = yes
auth_debug = {debug}
mail_debug = {debug}
verbose_ssl = {debug}

default_login_user = {LOGIN_USER}
default_internal_user = {MAIL_USER}
first_valid_uid = {uid}
last_valid_uid = {uid}
first_valid_gid = {gid}
last_valid_gid = {gid}

disable_plaintext_auth = no
auth_mechanisms = plain login
auth_cache_size = 0
auth_failure_delay = 0

ssl = yes
ssl_cert = <{root}/tls/server.pem
ssl_key = <{root}/tls/server.key

mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = {self.separator}
}}
mail_fsync = never
mailbox_idle_check_interval = 1 secs
mail_max_userip_connections = 100

passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.users_dir}/%u
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {self.users_dir}/%u
}}

service imap-login {{
  chroot =
  inet_listener imap {{
    address = {self.host}
    port = {self.port}
  }}
  inet_listener imaps {{
    address = {self.host}
    port = {self.ssl_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""


def _require_installed() -> None:
    for binary in (DOVECOT_BIN, DOVEADM_BIN):
        if not binary.exists():
            raise RuntimeError(
                f"{binary} not found: the IMAP tests need Dovecot. Run them with `make test`, "
                "the project's test command, which installs the Debian package dovecot-imapd."
            )
    if shutil.which(OPENSSL) is None:
        raise RuntimeError("the openssl command line tool is required for the test Dovecot")


def _mail_owner() -> tuple[int, int]:
    entry = pwd.getpwnam(MAIL_USER)
    return entry.pw_uid, entry.pw_gid


def _find_prctl() -> Callable[..., int] | None:
    try:
        prctl: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return prctl


_prctl = _find_prctl()
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Runs in the forked child: Dovecot gets SIGTERM if the test process dies."""
    if _prctl is not None:
        _prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _imap_ready(host: str, port: int, context: ssl.SSLContext | None = None) -> bool:
    """True once ``port`` greets with ``* OK`` (over TLS when a context is given)."""
    try:
        with socket.create_connection((host, port), timeout=2) as raw:
            sock = raw if context is None else context.wrap_socket(raw, server_hostname="localhost")
            with sock:
                if not sock.recv(256).startswith(b"* OK"):
                    return False
                sock.sendall(b"ready LOGOUT\r\n")
                while sock.recv(256):
                    pass
                return True
    except OSError:
        return False


def make_certificates(directory: Path) -> None:
    directory.mkdir(mode=0o755)
    ec_key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    def openssl(*args: str) -> None:
        result = subprocess.run([OPENSSL, *args], cwd=directory, capture_output=True, text=True)
        if result.returncode != 0:
            raise DovecotError(f"openssl {' '.join(args)} failed:\n{result.stderr}")

    openssl(
        "req", "-x509", *ec_key, "-keyout", "ca.key", "-out", "ca.pem", "-days", "7",
        "-subj", "/CN=Throwaway Dovecot Test CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    )  # fmt: skip
    openssl("req", "-new", *ec_key, "-keyout", "server.key", "-out", "server.csr",
            "-subj", "/CN=localhost")  # fmt: skip
    (directory / "server.ext").write_text(
        "subjectAltName = DNS:localhost, IP:127.0.0.1\n"
        "basicConstraints = critical, CA:FALSE\n"
        "keyUsage = critical, digitalSignature\n"
        "extendedKeyUsage = serverAuth\n"
        "subjectKeyIdentifier = hash\n"
        "authorityKeyIdentifier = keyid, issuer\n"
    )
    openssl(
        "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-days", "7", "-extfile", "server.ext", "-out", "server.pem",
    )  # fmt: skip
    for key in ("ca.key", "server.key"):
        (directory / key).chmod(0o600)


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"internaldate must be timezone-aware, got {moment!r}")


def _maildir_flag_letters(flags: Sequence[Flag]) -> str:
    letters = []
    for flag in flags:
        name = (flag.decode() if isinstance(flag, bytes) else flag).lower()
        if name not in _MAILDIR_FLAGS:
            raise ValueError(f"only system flags can be seeded into Maildir files, not {flag!r}")
        letters.append(_MAILDIR_FLAGS[name])
    return "".join(sorted(set(letters)))


def _multiappend(client: IMAPClient, folder: str, batch: list[dict[str, object]]) -> list[int]:
    typ, data = client.multiappend(folder, batch)
    if typ != "OK":
        raise DovecotError(f"APPEND to {folder!r} failed: {typ} {data!r}")
    return _appended_uids(data[0])


def _appended_uids(response: bytes) -> list[int]:
    match = _APPENDUID_RE.search(response)
    if match is None:
        raise DovecotError(f"no APPENDUID in APPEND response {response!r}")
    uids: list[int] = []
    for part in match.group(2).split(b","):
        first, _, last = part.partition(b":")
        uids.extend(range(int(first), int(last or first) + 1))
    return uids
