"""The ``intake`` command: parse arguments, call one function, map errors to exit codes.

Exit codes: 0 done; 1 internal error; 2 usage or configuration error, including mailbox
or SMTP settings that do not fit the server (a TLS mode its port does not speak, a folder
or ``move_to`` that does not exist, a certificate not trusted): found at the start of
``poll`` and ``run``, never retried; and ``close`` before the deadline without
``--force``; 3 operational error (the server unreachable after the retries, the login
refused, a digest refused, the database unavailable, not there yet for a reading
command, or needing migration, a file that cannot be written); 4 reference not found;
5 done, but some messages need attention: they could not be filed (retried next poll), a
step of reading or judging them failed (the problem is recorded on each), a file given
to ``import`` was skipped (not a mail, empty or unreadable; each is named), or the mail
server refused some of the digest's recipients.

``intake run`` retries a passing failure (connection refused, reset or timed out, the
server unavailable) at its next poll, for as long as it runs; it stops with 2 on a setup
mistake and with 3 after a few refused logins in a row, before the server locks the
account.

Every text a person reads comes from the catalogs (:mod:`intake.language`), in the
language of ``--lang``, else ``$INTAKE_LANG``, else the config's ``campaign.language``,
else Dutch; argparse's own texts (``usage:``, its errors) too.
"""

from __future__ import annotations

import argparse
import functools
import io
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from intake import __version__
from intake.config import DEFAULT_CONFIG_NAME, Settings, load_settings
from intake.errors import (
    ConfigError,
    IntakeError,
    MailboxAuthError,
    NotFound,
    OperationalError,
    StoreUnavailable,
    os_reason,
)
from intake.language import DEFAULT_LANGUAGE, LANGUAGES, N_, Language
from intake.presenting.changes import change_lines, changes
from intake.presenting.import_table import import_lines, import_summary
from intake.presenting.json_view import message_json
from intake.presenting.listing import Selection, list_lines
from intake.presenting.nominations import Nomination, load_nominations
from intake.presenting.page import show_lines
from intake.presenting.reviews import confirmation, review_lines
from intake.presenting.saving import save_attachments
from intake.presenting.terminal import printable, safe_json, width
from intake.presenting.texts import KINDS, REVIEWS, SHORT_KINDS
from intake.reading.pending import ReadReport, read_pending
from intake.receiving.backfill import import_paths
from intake.receiving.connecting import crosses_network_unencrypted
from intake.receiving.filing import ReceivingHosts
from intake.receiving.poll import PollReport, Retry, poll_once
from intake.reporting import EXPORT_FORMATS
from intake.reviewing import (
    MAX_NAME,
    MAX_NOTE,
    REVIEWER_ENV,
    one_line,
    record,
    reviewer,
    reviews_of,
    status_code,
)
from store import NoStoreYet, NotADatabaseUrl, SchemaOutdated, Store, StoreError

if TYPE_CHECKING:
    from intake.reporting.delivery import Delivered
    from intake.sending.smtp import Retry as SmtpRetry

log = logging.getLogger("intake")

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 5


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit 2 with a line in the reader's language."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, self._("{prog}: error: {message}\n", prog=self.prog, message=message))

    def _(self, text: str, **values: object) -> str:
        lang: Language = getattr(self, "lang", None) or Language()
        return lang._(text, **values)


def _global_options(lang: Language, *, top: bool) -> argparse.ArgumentParser:
    """The options every command takes, before or after its name."""
    default = None if top else argparse.SUPPRESS
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--config",
        metavar=lang._("PATH"),
        default=default,
        help=lang._(
            "config file (default: $INTAKE_CONFIG, else ./{name})", name=DEFAULT_CONFIG_NAME
        ),
    )
    options.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=default,
        help=lang._("language of what people read: nl (default) or en"),
    )
    options.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0 if top else argparse.SUPPRESS,
        help=lang._("show details (-vv: everything, for finding a fault)"),
    )
    options.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help=lang._("print only errors and counts"),
    )
    return options


def build_parser(lang: Language) -> argparse.ArgumentParser:
    """The command line, its help in ``lang``."""
    lang.translate_argparse()

    def parser_for(**kwargs: object) -> _Parser:
        made = _Parser(**kwargs)  # type: ignore[arg-type]
        made.lang = lang  # type: ignore[attr-defined]
        return made

    parser = parser_for(
        prog="intake",
        description=lang._("Email-driven intake of nominations for a deadline-bound call."),
        parents=[_global_options(lang, top=True)],
        add_help=False,
    )
    _help(parser, lang)
    parser.add_argument(
        "--version",
        action="version",
        version=f"intake {__version__}",
        help=lang._("show the version and stop"),
    )
    commands = parser.add_subparsers(
        dest="command",
        required=True,
        metavar=lang._("COMMAND"),
        title=lang._("commands"),
        parser_class=_Parser,
    )
    shared = [_global_options(lang, top=False)]

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            parents=shared,  # type: ignore[arg-type]
            add_help=False,
        )
        sub.lang = lang  # type: ignore[attr-defined]
        _help(sub, lang)
        return sub

    init = command("init", lang._("write an example configuration (the 2017 call)"))
    init.add_argument(
        "path",
        nargs="?",
        metavar=lang._("PATH"),
        help=lang._("where to write it (default: ./{name})", name=DEFAULT_CONFIG_NAME),
    )
    init.add_argument("--force", action="store_true", help=lang._("overwrite an existing file"))

    command("poll", lang._("poll the mailbox once and file what is new"))
    command("run", lang._("poll on a schedule until stopped"))

    importer = command("import", lang._("file messages from .eml, .msg, mbox or Maildir"))
    importer.add_argument(
        "paths",
        nargs="+",
        type=functools.partial(_existing_path, lang),
        metavar=lang._("PATH"),
        help=lang._("a file or a folder"),
    )

    lister = command("list", lang._("list filed messages"))
    lister.add_argument("--json", action="store_true", help=lang._("print a JSON array"))
    lister.add_argument(
        "--kind",
        type=functools.partial(_kind, lang),
        metavar=lang._("KIND"),
        help=lang._(
            "only this kind: {kinds}",
            kinds=", ".join(lang._(name) for name in SHORT_KINDS.values()),
        ),
    )
    lister.add_argument("--late", action="store_true", help=lang._("only late messages"))
    lister.add_argument(
        "--too-long", action="store_true", help=lang._("only nominations that are too long")
    )
    lister.add_argument(
        "--problems", action="store_true", help=lang._("only messages with problems")
    )
    lister.add_argument(
        "--nominee",
        metavar=lang._("MUNICIPALITY"),
        help=lang._("only nominations of this municipality (part of its name, or its CBS code)"),
    )
    lister.add_argument(
        "--since",
        type=functools.partial(_moment, lang),
        metavar=lang._("DATE"),
        help=lang._("only messages received from then on (2017-05-30 or 2017-05-30 12:00)"),
    )
    decided = lister.add_mutually_exclusive_group()
    decided.add_argument(
        "--review",
        type=functools.partial(_review_status, lang),
        metavar=lang._("STATUS"),
        help=lang._(
            "only messages whose review stands at this: {statuses}", statuses=_statuses(lang)
        ),
    )
    decided.add_argument(
        "--unreviewed", action="store_true", help=lang._("only messages nobody reviewed yet")
    )

    show = command("show", lang._("show one filed message"))
    show.add_argument(
        "ref", metavar=lang._("REF"), help=lang._("its reference: KCO-0001, or just 1")
    )
    form = show.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help=lang._("print a JSON object"))
    form.add_argument(
        "--raw", action="store_true", help=lang._("print the raw message as received")
    )
    form.add_argument("--text", action="store_true", help=lang._("print the nomination's text"))
    form.add_argument(
        "--save",
        metavar=lang._("FOLDER"),
        type=Path,
        help=lang._("write the message's attachments into this folder"),
    )

    reprocess = command(
        "reprocess",
        lang._("read and judge the stored mail again (after an upgrade or new criteria)"),
    )
    which = reprocess.add_mutually_exclusive_group()
    which.add_argument(
        "refs", nargs="*", default=[], metavar=lang._("REF"), help=lang._("these messages")
    )
    which.add_argument("--all", action="store_true", help=lang._("every filed message"))

    command("migrate", lang._("bring the database's schema up to date"))

    digest = command(
        "digest",
        lang._(
            "the coordinator's digest: where the call stands, what is new, what asks for attention"
        ),
    )
    digest.add_argument(
        "--out",
        type=Path,
        metavar=lang._("FILE"),
        help=lang._("write it as HTML to FILE, and as plain text beside it (FILE.txt)"),
    )
    digest.add_argument(
        "--send",
        action="store_true",
        help=lang._("mail it to [digest] recipients over [smtp]"),
    )

    review = command("review", lang._("record what you decided on a message, or show its reviews"))
    review.add_argument(
        "ref", metavar=lang._("REF"), help=lang._("its reference: KCO-0001, or just 1")
    )
    review.add_argument(
        "--status",
        type=functools.partial(_review_status, lang),
        metavar=lang._("STATUS"),
        help=lang._(
            "your decision: {statuses} (without it: the reviews so far)",
            statuses=_statuses(lang),
        ),
    )
    review.add_argument(
        "--note",
        type=functools.partial(_note, lang),
        metavar=lang._("TEXT"),
        help=lang._(
            "a note with it, on one line (at most {most} characters)", most=lang.number(MAX_NOTE)
        ),
    )
    review.add_argument(
        "--by",
        type=functools.partial(_reviewer_name, lang),
        metavar=lang._("NAME"),
        help=lang._(
            "who decides (default: ${variable}, else your login name)", variable=REVIEWER_ENV
        ),
    )

    exporter = command(
        "export", lang._("write every filed message to a file: a spreadsheet, CSV or JSON")
    )
    exporter.add_argument(
        "--out",
        required=True,
        metavar=lang._("FILE"),
        help=lang._(
            "the file to write; one that exists is replaced, and written whole or not at "
            "all; - writes CSV or JSON to standard output (without a byte order mark)"
        ),
    )
    exporter.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        help=lang._(
            "xlsx (Excel), csv or json (the objects of list --json); default: the file "
            "name's extension. CSV is UTF-8 with a byte order mark, separated by ; in "
            "Dutch (as Excel expects in a Dutch locale) and by , in English"
        ),
    )

    close = command(
        "close",
        lang._(
            "once the call has closed: the final digest, the jury dossier (PDF), the scoring "
            "sheet (XLSX) and the original documents, in one folder; it may run again"
        ),
    )
    close.add_argument(
        "--out",
        type=Path,
        metavar=lang._("FOLDER"),
        help=lang._("write into this folder (default: [close] folder)"),
    )
    close.add_argument(
        "--send", action="store_true", help=lang._("mail the final digest too, as digest --send")
    )
    close.add_argument(
        "--force",
        action="store_true",
        help=lang._("make it before the deadline, as the call stands now"),
    )
    return parser


def _help(parser: argparse.ArgumentParser, lang: Language) -> None:
    parser.add_argument("-h", "--help", action="help", help=lang._("show this help and stop"))


def _existing_path(lang: Language, text: str) -> Path:
    path = Path(text)
    if not path.exists():
        raise argparse.ArgumentTypeError(lang._("{path}: no such file or folder", path=text))
    return path


def _kind(lang: Language, text: str) -> str:
    """A kind by its code or by its name in either language (``onbestelbaar``)."""
    wanted = text.strip().casefold()
    for code in KINDS:
        names = {KINDS[code], SHORT_KINDS[code]}
        spoken = {lang._(name) for name in names} | {Language("nl")._(name) for name in names}
        if wanted in {code, *(name.casefold() for name in names | spoken)}:
            return code
    kinds = ", ".join(lang._(name) for name in SHORT_KINDS.values())
    raise argparse.ArgumentTypeError(
        lang._("unknown kind {kind}; one of {kinds}", kind=text, kinds=kinds)
    )


def _statuses(lang: Language) -> str:
    """The statuses as they are typed: ``aanvaard, afgewezen, informatie-nodig, dubbel``."""
    return ", ".join(lang._(name).replace(" ", "-") for name in REVIEWS.values())


def _review_status(lang: Language, text: str) -> str:
    """A review's status by its code or its name in either language (``aanvaard``)."""
    code = status_code(text)
    if code is None:
        raise argparse.ArgumentTypeError(
            lang._(
                "unknown status {status}; one of {statuses}",
                status=printable(text),
                statuses=_statuses(lang),
            )
        )
    return code


def _note(lang: Language, text: str) -> str | None:
    note = one_line(text)
    if len(note) > MAX_NOTE:
        raise argparse.ArgumentTypeError(
            lang._(
                "the note is {length} characters long; at most {most} are kept",
                length=lang.number(len(note)),
                most=lang.number(MAX_NOTE),
            )
        )
    return note or None


def _reviewer_name(lang: Language, text: str) -> str:
    name = one_line(text)
    if not name:
        raise argparse.ArgumentTypeError(lang._("give the name of who decides"))
    if len(name) > MAX_NAME:
        raise argparse.ArgumentTypeError(
            lang._("a name of at most {most} characters", most=lang.number(MAX_NAME))
        )
    return name


def _moment(lang: Language, text: str) -> object:
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d", "%d-%m-%Y %H:%M", "%d-%m-%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).replace(tzinfo=lang.zone)
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(
        lang._("{text} is not a date; write 2017-05-30 or 2017-05-30 12:00", text=text)
    )


READ_ONLY = frozenset({"list", "show", "export"})
"""Commands that only read: they never take the write lock, nor wait for one."""
MUST_EXIST = frozenset({"reprocess", "review"})
"""Commands that write, but only into an archive that exists (a mistyped url makes none)."""


Serve = Callable[[Callable[[], bool], float], None]
"""Runs a job now and then every N minutes until stopped, or until the job returns False
(``scheduler.serve``)."""


def main(argv: Sequence[str] | None = None, *, serve: Serve | None = None) -> int:
    """The command line; ``serve`` runs ``intake run``'s job on a schedule."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show a character
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    early = _early_options(arguments)
    _configure_logging(early.verbose, early.quiet)
    lang = Language(early.lang or os.environ.get("INTAKE_LANG") or DEFAULT_LANGUAGE)
    try:
        settings: Settings | None = None
        config_error: ConfigError | None = None
        try:
            settings = load_settings(early.config)
        except ConfigError as exc:
            config_error = exc
        if settings is not None:
            lang = Language(
                early.lang or os.environ.get("INTAKE_LANG") or settings.campaign.language,
                settings.campaign.timezone,
            )
        args = build_parser(lang).parse_args(arguments)
        return _dispatch(args, settings, config_error, lang, serve)
    except BrokenPipeError:
        return _pipe_closed()
    except KeyboardInterrupt:
        _err(
            lang._(
                "Stopped. What was filed is kept; what was not read yet is read by the next "
                "intake poll, import or reprocess."
            )
        )
        return 130
    except Exception:  # noqa: BLE001 - the last line of defence: one line, details with -vv
        return _internal_error(lang)


def _internal_error(lang: Language) -> int:
    log.debug("internal error", exc_info=True)
    _err(
        lang._(
            "Internal error: something went wrong in the program itself. Run the same "
            "command again with -vv to see the details, and report them."
        )
    )
    return EXIT_INTERNAL


def _early_options(arguments: list[str]) -> argparse.Namespace:
    """``--lang``, ``--config``, ``-v`` and ``-q`` wherever they stand, before the real
    parse: the language and the log are chosen before the config is read."""
    early = _Silent(add_help=False)
    early.add_argument("--lang", choices=LANGUAGES)
    early.add_argument("--config")
    early.add_argument("-v", "--verbose", action="count", default=0)
    early.add_argument("-q", "--quiet", action="store_true")
    try:
        known, _ = early.parse_known_args(arguments)
    except ValueError:  # a wrong value: the real parse says so
        known = argparse.Namespace(lang=None, config=None, verbose=0, quiet=False)
    return known


class _Silent(argparse.ArgumentParser):
    """A parser that leaves telling a mistake to the real one."""

    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def _dispatch(
    args: argparse.Namespace,
    settings: Settings | None,
    config_error: ConfigError | None,
    lang: Language,
    serve: Serve | None,
) -> int:
    try:
        if args.command == "init":
            return _init(args, lang)
        if settings is None:
            assert config_error is not None
            raise config_error
        if args.command == "run":
            if serve is None:
                raise ConfigError(N_("intake run needs the scheduler: start it as `intake run`"))
            handler: Handler = functools.partial(_run, serve=serve)
        else:
            handler = _HANDLERS[args.command]
        if args.command in MUST_EXIST:
            _must_exist(settings)
        store = _open_store(settings, write=args.command not in READ_ONLY)
        with store:
            return handler(args, settings, store, lang)
    except ConfigError as exc:
        _err(lang._("Configuration error: {error}", error=exc.told(lang)))
        return exc.exit_code
    except NotFound as exc:
        _err(exc.told(lang))
        return exc.exit_code
    except IntakeError as exc:
        _err(lang._("Error: {error}", error=exc.told(lang)))
        log.debug("error", exc_info=True)
        return exc.exit_code


def _pipe_closed() -> int:
    """The reader of our output stopped reading (``| head``, ``q`` in less): that is fine."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
    return EXIT_OK


def _must_exist(settings: Settings) -> None:
    """Refuse, as a reading command does, when the archive is not there."""
    try:
        Store.open(settings.store.url, write=False).close()
    except NoStoreYet:
        _open_store(settings, write=False)  # raises, saying so
    except StoreError:
        pass  # there, but old or locked: the command itself says what to do


def _open_store(settings: Settings, *, write: bool) -> Store:
    url = settings.store.url
    try:
        return Store.open(url, write=write)
    except NoStoreYet as exc:
        raise StoreUnavailable(
            N_(
                "there is no archive at {url} yet ([store] url in {config}). The first "
                "intake poll, run or import makes it (or intake migrate, empty); check the "
                "key if you expected one here."
            ),
            url=url,
            config=settings.source,
        ) from exc
    except NotADatabaseUrl as exc:
        log.debug("store url", exc_info=True)
        raise ConfigError(
            N_(
                "{url} is not a database this program can use: write "
                "sqlite:///path/to/intake.sqlite3 (or a PostgreSQL URL)"
            ),
            key="store.url",
            source=settings.source,
            url=url,
        ) from exc
    except SchemaOutdated as exc:
        raise StoreUnavailable(
            N_(
                "the archive at {url} was made by an older intake; bring it up to date "
                "with intake migrate."
            ),
            url=url,
        ) from exc
    except StoreError as exc:
        log.info("store: %s", exc)
        raise StoreUnavailable(
            N_(
                "the archive at {url} cannot be opened ([store] url in {config}); check "
                "that it exists and that you may read and write it. Details with -vv."
            ),
            url=url,
            config=settings.source,
        ) from exc


def _init(args: argparse.Namespace, lang: Language) -> int:
    target = Path(args.path or args.config or DEFAULT_CONFIG_NAME)
    if target.exists() and not args.force:
        _err(lang._("{path} exists already; use --force to overwrite it.", path=target))
        return ConfigError.exit_code
    from intake.config import example_config

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(example_config(lang), encoding="utf-8")
    except OSError as exc:
        log.debug("writing the example config failed", exc_info=True)
        raise OperationalError(
            N_("cannot write {path}: {reason}"),
            path=printable(str(target)),
            reason=os_reason(exc),
        ) from exc
    _out(lang._("Example configuration written to {path}.", path=target))
    settings = load_settings(target)
    with _open_store(settings, write=True):
        pass
    return EXIT_OK


def _poll(args: argparse.Namespace, settings: Settings, store: Store, lang: Language) -> int:
    _warn_unencrypted(settings, lang)
    report = poll_once(settings, store, on_retry=functools.partial(_tell_retry, lang))
    _print_poll_report(report, lang, quiet=args.quiet)
    read = read_pending(settings, store)
    _print_read_report(read, lang)
    return EXIT_PARTIAL if report.failed or read.attention else EXIT_OK


def _print_poll_report(
    report: PollReport, lang: Language, *, quiet: bool = False, hosts: bool = True
) -> None:
    """What a poll did; with ``hosts``, also when no Received header is by a receiving host."""
    _out(
        lang._(
            "{filed} filed, {known} already known.",
            filed=lang.ngettext("{count} new message", "{count} new messages", len(report.filed)),
            known=lang.number(report.duplicates),
        )
    )
    if report.filed and not quiet:
        _out(lang._("New: {refs}", refs=", ".join(report.filed)))
    if report.uidvalidity_changed:
        _out(
            lang._(
                "The folder was renumbered on the server (UIDVALIDITY); it was searched "
                "again without filing anything twice."
            )
        )
    if report.vanished:
        uids = ", ".join(map(str, report.vanished))
        _err(
            lang.ngettext(
                "{count} message vanished from the server before it could be fetched (UID {uids}).",
                "{count} messages vanished from the server before they could be fetched "
                "(UID {uids}).",
                len(report.vanished),
                uids=uids,
            )
        )
    if report.failed:
        uids = ", ".join(map(str, report.failed))
        _err(
            lang.ngettext(
                "{count} message could not be filed (UID {uids}); the next poll tries again.",
                "{count} messages could not be filed (UID {uids}); the next poll tries again.",
                len(report.failed),
                uids=uids,
            )
        )
    if hosts:
        _print_receiving_hosts(report.receiving_hosts, lang)


def _print_receiving_hosts(hosts: ReceivingHosts, lang: Language) -> None:
    """Say so when no Received header of the mail filed is by a host in ``[trust]
    receiving_hosts``, naming the hosts seen instead (poll, run and import)."""
    seen = hosts.seen_instead
    if not seen:
        return
    _err(
        lang.ngettext(
            "Warning: the message with Received headers has none by a host in [trust] "
            "receiving_hosts ({configured}); its topmost one is by {seen}. If that is your "
            "own mail server, put it in receiving_hosts: until then no receipt time is "
            "taken from a Received header.",
            "Warning: none of the {count} messages with Received headers has one by a host "
            "in [trust] receiving_hosts ({configured}); their topmost ones are by {seen}. If "
            "one of those is your own mail server, put it in receiving_hosts: until then no "
            "receipt time is taken from a Received header.",
            hosts.messages_unmatched,
            configured=", ".join(hosts.configured),
            seen=lang.join(list(seen)),
        )
    )


def _tell_retry(lang: Language, retry: Retry) -> None:
    _err(
        lang._(
            "Connection problem: {error}; trying again in {delay} (attempt {attempt} of "
            "{attempts}).",
            error=retry.error.told(lang),
            delay=lang.duration(retry.delay_seconds),
            attempt=lang.number(retry.attempt),
            attempts=lang.number(retry.attempts),
        )
    )


def _warn_unencrypted(settings: Settings, lang: Language) -> None:
    if settings.mailbox is not None and crosses_network_unencrypted(settings.mailbox):
        _err(
            lang._(
                'Warning: mailbox.security is "none": the password and the mail cross the '
                'network to {host} unencrypted. Set security = "tls" or "starttls" unless the '
                "server runs on this computer.",
                host=settings.mailbox.host,
            )
        )


def _print_read_report(report: ReadReport, lang: Language) -> None:
    if report.attention:
        _err(
            lang.ngettext(
                "{count} message needs attention: reading or judging it did not fully "
                "succeed ({refs}); the problem is recorded on it (intake show REF).",
                "{count} messages need attention: reading or judging them did not fully "
                "succeed ({refs}); the problem is recorded on each (intake show REF).",
                len(report.attention),
                refs=", ".join(report.attention),
            )
        )


MAX_REFUSED_LOGINS = 3
"""``intake run`` stops after this many refused logins in a row, before the server locks
the account."""


def _run(
    args: argparse.Namespace, settings: Settings, store: Store, lang: Language, *, serve: Serve
) -> int:
    settings.mailbox_password()  # fail at start, not at the first tick
    _warn_unencrypted(settings, lang)
    minutes = settings.schedule.poll_minutes
    interval = lang.duration(minutes * 60)
    refused = 0
    hosts_told = False
    exit_code = EXIT_OK

    def poll_job() -> bool:
        """One poll; False stops the schedule."""
        nonlocal refused, hosts_told, exit_code
        try:
            report = poll_once(settings, store, on_retry=functools.partial(_tell_retry, lang))
            read = read_pending(settings, store)
        except ConfigError as exc:
            # The settings are read once: polling again cannot put them right.
            _err(lang._("Configuration error: {error}", error=exc.told(lang)))
            _err(lang._("intake run stops; start it again once the configuration is right."))
            exit_code = exc.exit_code
            return False
        except MailboxAuthError as exc:
            refused += 1
            if refused >= MAX_REFUSED_LOGINS:
                _err(
                    lang._(
                        "intake run stops after {count} refused logins in a row, so that the "
                        "server does not lock the account: {error}. Then start intake run "
                        "again.",
                        count=lang.number(refused),
                        error=exc.told(lang),
                    )
                )
                exit_code = exc.exit_code
                return False
            _err(
                lang._(
                    "Polling failed: {error}. The next poll, in {interval}, tries again; "
                    "after {most} refused logins in a row intake run stops.",
                    error=exc.told(lang),
                    interval=interval,
                    most=lang.number(MAX_REFUSED_LOGINS),
                )
            )
            return True
        except IntakeError as exc:
            # Passing, or the operator's to put right while intake keeps polling.
            _err(
                lang._(
                    "Polling failed: {error}. The next poll, in {interval}, tries again.",
                    error=exc.told(lang),
                    interval=interval,
                )
            )
            return True
        finally:
            sys.stderr.flush()
        refused = 0
        tell_hosts = not hosts_told and bool(report.receiving_hosts.seen_instead)
        hosts_told = hosts_told or tell_hosts
        if (
            report.filed
            or report.failed
            or report.vanished
            or report.uidvalidity_changed
            or tell_hosts
        ):
            _print_poll_report(report, lang, quiet=args.quiet, hosts=tell_hosts)
        _print_read_report(read, lang)
        _flush()
        return True

    serve(poll_job, minutes)
    return exit_code


def _import(args: argparse.Namespace, settings: Settings, store: Store, lang: Language) -> int:
    report = import_paths(settings, store, args.paths)
    if not args.quiet:
        for line in import_lines(report, lang, columns=width()):
            _out(line)
    _out(import_summary(report, lang))
    _print_receiving_hosts(report.receiving_hosts, lang)
    _flush()
    read = read_pending(settings, store)
    _print_read_report(read, lang)
    return EXIT_PARTIAL if report.skipped or read.attention else EXIT_OK


def _list(args: argparse.Namespace, settings: Settings, store: Store, lang: Language) -> int:
    everything = load_nominations(store, settings.campaign)
    selection = Selection(
        kind=args.kind,
        late=args.late,
        too_long=args.too_long,
        problems=args.problems,
        nominee=args.nominee,
        since=args.since,
        review=args.review,
        unreviewed=args.unreviewed,
    )
    items = [item for item in everything if selection(item)]
    if args.json:
        rows = [message_json(item, settings.campaign, lang) for item in items]
        _out(safe_json(rows))
        return EXIT_OK
    for line in list_lines(items, lang, columns=width(), total=len(everything)):
        _out(line)
    return EXIT_OK


def _show(args: argparse.Namespace, settings: Settings, store: Store, lang: Language) -> int:
    ref = _resolve(store, args.ref, settings.campaign.reference_prefix)
    if args.raw:
        raw = store.raw_message(ref)
        if raw is None:
            raise NotFound(N_("No message {ref}."), ref=args.ref)
        if sys.stdout.isatty():  # bytes as received, but never a control sequence raw
            text = raw.decode("utf-8", errors="replace")
            _out(printable(text.replace("\r\n", "\n"), keep_lines=True))
            return EXIT_OK
        _out_bytes(raw)
        return EXIT_OK
    if args.save is not None:
        return _save(store, ref, args.save, lang, quiet=args.quiet)
    (item,) = load_nominations(store, settings.campaign, [ref], texts=args.text)
    if args.text:
        if item.text:
            _out(printable(item.text, keep_lines=True))
            unread = _unreadable_document(item)
            if unread is not None:
                _err(
                    lang._(
                        "Note: {name} has no text of its own (an image only, a scan or photo); "
                        "the text above is the mail's. Open it with intake show {ref} --save "
                        "FOLDER.",
                        name=printable(unread),
                        ref=item.ref,
                    )
                )
        else:
            _err(_why_no_text(item, lang))
    elif args.json:
        _out(safe_json(message_json(item, settings.campaign, lang)))
    else:
        for line in show_lines(item, settings.campaign, lang, details=args.verbose > 0):
            _out(line)
    return EXIT_OK


def _save(store: Store, ref: str, folder: Path, lang: Language, *, quiet: bool) -> int:
    raw = store.raw_message(ref)
    if raw is None:
        raise NotFound(N_("No message {ref}."), ref=ref)
    try:
        saved = save_attachments(raw, ref, folder)
    except OSError as exc:
        log.debug("saving attachments failed", exc_info=True)
        raise OperationalError(
            N_("cannot write into {folder}: {reason}"),
            folder=printable(str(folder)),
            reason=os_reason(exc),
        ) from exc
    if not quiet:
        for item in saved:
            _out(printable(f"{item.path}  ({lang.size(item.size)})"))
    _out(
        lang.ngettext(
            "{count} attachment of {ref} written to {folder}.",
            "{count} attachments of {ref} written to {folder}.",
            len(saved),
            ref=ref,
            folder=printable(str(folder)),
        )
    )
    return EXIT_OK


def _unreadable_document(item: Nomination) -> str | None:
    """The name of an attached document that is an image only, when the text shown is
    the mail's alone."""
    for attachment in item.attachments:
        if attachment.image_only and any(p.code == "image-only" for p in attachment.problems):
            return attachment.name
    return None


def _why_no_text(item: Nomination, lang: Language) -> str:
    if not item.analysed:
        return lang._(
            "{ref} has not been read yet; intake poll or reprocess reads it.", ref=item.ref
        )
    if any(a.image_only for a in item.attachments):
        return lang._(
            "{ref} has no text: its document is an image only (a scan or photo). "
            "Open it yourself: intake show {ref} --save FOLDER.",
            ref=item.ref,
        )
    if item.problems:
        return lang._(
            "{ref} has no readable text; its problems say why (intake show {ref}).", ref=item.ref
        )
    return lang._("{ref} has no text: the mail and its attachments are empty.", ref=item.ref)


_MAX_REF_DIGITS = 9


def _resolve(store: Store, typed: str, prefix: str) -> str:
    """The reference a person typed, as filed: ``kco-0001``, ``KCO-1`` and ``1`` are
    ``KCO-0001``."""
    text = typed.strip()
    digits = text.upper().removeprefix(f"{prefix.upper()}-")
    plain_number = digits.isascii() and digits.isdigit() and len(digits) <= _MAX_REF_DIGITS
    numbered = f"{prefix}-{int(digits):04d}" if plain_number else text
    for candidate in dict.fromkeys((text, text.upper(), numbered)):
        message = store.get_message(candidate)
        if message is not None:
            return message.ref
    raise NotFound(N_("No message {ref}."), ref=printable(typed))


def _reprocess(args: argparse.Namespace, settings: Settings, store: Store, lang: Language) -> int:
    refs: list[str] | None = None
    if args.all:
        refs = store.all_refs()
    elif args.refs:
        refs = [_resolve(store, ref, settings.campaign.reference_prefix) for ref in args.refs]
    before = load_nominations(store, settings.campaign)
    report = read_pending(settings, store, refs)
    after = load_nominations(store, settings.campaign)
    found = changes(before, after, lang)
    if not args.quiet:
        for line in change_lines(found, lang):
            _out(printable(line))
    _out(
        lang._(
            "{read}; {changed}.",
            read=lang.ngettext(
                "{count} message read again from the stored mail",
                "{count} messages read again from the stored mail",
                len(report.read),
            ),
            changed=lang.ngettext(
                "{count} verdict changed", "{count} verdicts changed", len(found)
            ),
        )
    )
    _print_read_report(report, lang)
    return EXIT_PARTIAL if report.attention else EXIT_OK


def _migrate(args: argparse.Namespace, settings: Settings, store: Store, lang: Language) -> int:
    # Opening the store for writing has migrated it already.
    _out(
        lang._(
            "The database is up to date (schema version {version}).", version=store.schema_version()
        )
    )
    return EXIT_OK


# The commands that write for people import what they write with (Jinja2, css-inline,
# reportlab, openpyxl) when they run: every other command starts without them.


def _digest(args: argparse.Namespace, settings: Settings, store: Store, lang: Language) -> int:
    from intake.reporting.delivery import deliver_digest, make_digest

    if args.out is None and not args.send:
        # A look at the digest as it stands: printed, not recorded as delivered.
        _, digest = make_digest(store, settings, lang, now=datetime.now(UTC), channel=None)
        _out(lang._("Subject: {subject}", subject=digest.subject))
        _out("")
        _out(digest.text.rstrip("\n"))
        return EXIT_OK
    delivered = deliver_digest(
        store,
        settings,
        lang,
        out=args.out,
        send=args.send,
        on_retry=functools.partial(_tell_smtp_retry, lang),
    )
    for path in delivered.written:
        _out(lang._("Written: {path}", path=printable(str(path))))
    return _tell_sent(delivered, lang)


def _tell_sent(delivered: Delivered, lang: Language) -> int:
    """Who got the digest, and who the mail server refused (then: exit 5)."""
    if delivered.recipients:
        _out(
            lang._(
                "Sent to {recipients}: {subject}",
                recipients=lang.join(list(delivered.recipients)),
                subject=delivered.subject,
            )
        )
    if delivered.refused:
        _err(
            lang._(
                "The mail server refused {addresses}; they did not receive the digest.",
                addresses=lang.join(list(delivered.refused)),
            )
        )
        return EXIT_PARTIAL
    return EXIT_OK


def _close(args: argparse.Namespace, settings: Settings, store: Store, lang: Language) -> int:
    from intake.reporting.closing import close_call

    closed = close_call(
        store,
        settings,
        lang,
        folder=args.out or settings.close.folder,
        send=args.send,
        now=datetime.now(UTC),
        force=args.force,
        on_retry=functools.partial(_tell_smtp_retry, lang),
    )
    dossier = closed.dossier
    _out(
        lang._(
            "Jury dossier: {path} ({pages}; {counted}, {apart} listed apart)",
            path=printable(str(dossier.path)),
            pages=lang.ngettext("{count} page", "{count} pages", dossier.pages),
            counted=lang.ngettext(
                "{count} nomination that counts",
                "{count} nominations that count",
                len(dossier.sections),
            ),
            apart=lang.number(len(dossier.apart)),
        )
    )
    _out(
        lang._(
            "Scoring sheet: {path} ({rows})",
            path=printable(str(closed.sheet.path)),
            rows=lang.ngettext("{count} row", "{count} rows", len(closed.sheet.rows)),
        )
    )
    _out(
        lang._(
            "Original documents: {path} ({documents})",
            path=printable(str(closed.documents)),
            documents=lang.ngettext("{count} file", "{count} files", closed.originals),
        )
    )
    for path in closed.digest.written:
        _out(lang._("Final digest: {path}", path=printable(str(path))))
    return _tell_sent(closed.digest, lang)


def _tell_smtp_retry(lang: Language, retry: SmtpRetry) -> None:
    _err(
        lang._(
            "Sending failed: {error}; trying again in {delay} (attempt {attempt} of {attempts}).",
            error=retry.error.told(lang),
            delay=lang.duration(retry.delay_seconds),
            attempt=lang.number(retry.attempt),
            attempts=lang.number(retry.attempts),
        )
    )


def _review(args: argparse.Namespace, settings: Settings, store: Store, lang: Language) -> int:
    if args.status is None:
        if args.note is not None or args.by is not None:
            return _review_usage(lang, lang._("--note and --by go with --status"))
        ref = _resolve(store, args.ref, settings.campaign.reference_prefix)
        history = reviews_of(store, ref)
        if not history:
            _out(lang._("{ref} has not been reviewed yet.", ref=ref))
            return EXIT_OK
        _out(lang._("Reviews of {ref}, the one that stands first:", ref=ref))
        for line in review_lines(history, lang):
            _out(line)
        return EXIT_OK
    who = reviewer(args.by, os.environ)
    if who is None:
        return _review_usage(
            lang,
            lang._(
                "who decides? Give your name with --by NAME (or set ${variable})",
                variable=REVIEWER_ENV,
            ),
        )
    if len(who) > MAX_NAME:
        return _review_usage(
            lang,
            lang._(
                "the reviewer's name is longer than {most} characters; give it with --by NAME",
                most=lang.number(MAX_NAME),
            ),
        )
    ref = _resolve(store, args.ref, settings.campaign.reference_prefix)
    kept = record(store, ref, args.status, by=who, note=args.note)
    analysis = store.get_analysis(ref)
    kind = analysis.judgement.kind if analysis and analysis.judgement else None
    _out(confirmation(ref, kind, kept, lang))
    return EXIT_OK


def _review_usage(lang: Language, message: str) -> int:
    """A mistake in how ``review`` was called, said as argparse says one; nothing kept."""
    told = lang._("{prog}: error: {message}\n", prog="intake review", message=message)
    _err(told.rstrip("\n"))
    return EXIT_USAGE


def _export(args: argparse.Namespace, settings: Settings, store: Store, lang: Language) -> int:
    from intake.reporting import export

    form = args.format or export.format_of(args.out)
    if form is None:
        _err(
            lang._(
                "Say which format to write with --format xlsx, csv or json: the name {path} "
                "does not tell.",
                path=printable(args.out),
            )
        )
        return EXIT_USAGE
    if args.out == "-" and form == "xlsx":
        _err(
            lang._(
                "An xlsx file cannot go to standard output; name a file, such as --out "
                "berichten.xlsx, or choose --format csv or json."
            )
        )
        return EXIT_USAGE
    items = load_nominations(store, settings.campaign)
    made_at = datetime.now(UTC)
    if args.out == "-":
        _out_bytes(export.render(form, items, settings.campaign, lang, made_at=made_at, bom=False))
        return EXIT_OK
    report = export.write_export(
        Path(args.out), form, items, settings.campaign, lang, made_at=made_at
    )
    _out(
        lang.ngettext(
            "{count} message written to {path}.",
            "{count} messages written to {path}.",
            report.count,
            path=printable(str(report.path)),
        )
    )
    return EXIT_OK


Handler = Callable[[argparse.Namespace, Settings, Store, Language], int]
_HANDLERS: dict[str, Handler] = {
    "poll": _poll,
    "import": _import,
    "list": _list,
    "show": _show,
    "reprocess": _reprocess,
    "migrate": _migrate,
    "digest": _digest,
    "review": _review,
    "export": _export,
    "close": _close,
}


def _configure_logging(verbose: int, quiet: bool) -> None:
    # What people read is printed by the commands themselves, in their language; the log
    # (English, with tracebacks) is for finding a fault and shows with -vv only.
    level = logging.DEBUG if verbose >= 2 else logging.CRITICAL
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
        force=True,
    )
    if verbose < 3:
        # imapclient logs every command at DEBUG; keep it out unless asked for (-vvv).
        logging.getLogger("imapclient").setLevel(max(level, logging.INFO))


def _out(text: str) -> None:
    """Print a line; when the reader has closed the pipe, the work still goes on."""
    try:
        print(text)
    except BrokenPipeError:
        _pipe_closed()


def _out_bytes(data: bytes) -> None:
    """Write bytes as they are (a raw mail, a CSV); a closed pipe ends quietly."""
    _flush()
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        _pipe_closed()


def _flush() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _pipe_closed()


def _err(text: str) -> None:
    print(text, file=sys.stderr)
