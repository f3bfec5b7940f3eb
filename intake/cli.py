"""The ``intake`` command: parse arguments, call one function, map errors to exit codes.

Exit codes: 0 done; 1 internal error; 2 usage or configuration error; 3 operational
error (server unreachable, database unavailable or needing migration); 4 reference not
found; 5 done, but some messages need attention: they could not be filed (retried next
poll) or a step of reading or judging them failed (the problem is recorded on each).
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from intake import __version__
from intake.config import DEFAULT_CONFIG_NAME, Settings, load_settings
from intake.errors import ConfigError, IntakeError, NotFound, StoreUnavailable
from intake.presenting.json_view import message_json
from intake.presenting.listing import list_lines
from intake.presenting.nominations import load_nominations
from intake.presenting.page import show_lines
from intake.presenting.texts import Texts
from intake.reading.pending import ReadReport, read_pending
from intake.receiving.backfill import import_paths
from intake.receiving.poll import PollReport, poll_once
from store import NoStoreYet, Store, StoreError

log = logging.getLogger("intake")

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_PARTIAL = 5


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="intake",
        description="Email-driven intake of nominations for a deadline-bound call.",
    )
    parser.add_argument("--version", action="version", version=f"intake {__version__}")
    parser.add_argument(
        "--config",
        metavar="PATH",
        help=f"config file (default: $INTAKE_CONFIG, else ./{DEFAULT_CONFIG_NAME})",
    )
    parser.add_argument("--lang", choices=("nl", "en"), help="language of texts for people")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = commands.add_parser("init", help="write an example configuration (the 2017 call)")
    init.add_argument(
        "path", nargs="?", help=f"where to write it (default: ./{DEFAULT_CONFIG_NAME})"
    )
    init.add_argument("--force", action="store_true", help="overwrite an existing file")

    commands.add_parser("poll", help="poll the mailbox once and file what is new")
    commands.add_parser("run", help="poll on a schedule until stopped")

    importer = commands.add_parser("import", help="file messages from .eml, mbox or Maildir")
    importer.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    lister = commands.add_parser("list", help="list filed messages")
    lister.add_argument("--json", action="store_true", help="print a JSON array")

    show = commands.add_parser("show", help="show one filed message")
    show.add_argument("ref", metavar="REF", help="its reference, e.g. KCO-0001")
    form = show.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print a JSON object")
    form.add_argument("--raw", action="store_true", help="print the raw message as received")
    form.add_argument("--text", action="store_true", help="print the nomination's text")

    reprocess = commands.add_parser(
        "reprocess", help="read and judge the stored mail again (after an upgrade or new criteria)"
    )
    reprocess.add_argument("refs", nargs="*", metavar="REF", help="these messages")
    reprocess.add_argument("--all", action="store_true", help="every filed message")

    commands.add_parser("migrate", help="bring the database's schema up to date")
    return parser


READ_ONLY = frozenset({"list", "show"})
"""Commands that only read: they never take the write lock, nor wait for one."""


Serve = Callable[[Callable[[], object], float], None]
"""Runs a job now and then every N minutes until stopped (``scheduler.serve``)."""


def main(argv: Sequence[str] | None = None, *, serve: Serve | None = None) -> int:
    """The command line; ``serve`` runs ``intake run``'s job on a schedule."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _configure_logging(args.verbose, args.quiet)
    texts = Texts(args.lang or os.environ.get("INTAKE_LANG") or "nl")
    try:
        if args.command == "init":
            return _init(args, texts)
        settings = load_settings(args.config)
        if not args.lang and not os.environ.get("INTAKE_LANG"):
            texts = Texts(settings.campaign.language)
        if args.command == "run":
            if serve is None:
                raise ConfigError("intake run needs the scheduler: start it as `intake run`")
            handler: Handler = functools.partial(_run, serve=serve)
        else:
            handler = _HANDLERS[args.command]
        try:
            store = _open_store(settings, write=args.command not in READ_ONLY)
        except NoStoreYet:
            return _nothing_filed(args, texts)
        with store:
            return handler(args, settings, store, texts)
    except ConfigError as exc:
        _err(texts("error.config", error=exc))
        return exc.exit_code
    except NotFound as exc:
        _err(texts("error.not_found", ref=exc))
        return exc.exit_code
    except IntakeError as exc:
        _err(texts("error.operational", error=exc))
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last line of defence: one line, details with -v
        log.debug("internal error", exc_info=True)
        _err(texts("error.internal", error=f"{type(exc).__name__}: {exc}"))
        return EXIT_INTERNAL


def _open_store(settings: Settings, *, write: bool) -> Store:
    try:
        return Store.open(settings.store.url, write=write)
    except NoStoreYet:
        raise
    except StoreError as exc:
        raise StoreUnavailable(str(exc)) from exc


def _nothing_filed(args: argparse.Namespace, texts: Texts) -> int:
    """``list`` or ``show`` before anything was filed: no database to read, none made."""
    if args.command == "show":
        raise NotFound(args.ref)
    _out("[]" if args.json else texts("list.empty"))
    return EXIT_OK


def _init(args: argparse.Namespace, texts: Texts) -> int:
    target = Path(args.path or args.config or DEFAULT_CONFIG_NAME)
    if target.exists() and not args.force:
        _err(texts("init.exists", path=target))
        return ConfigError.exit_code
    from intake.config import example_config

    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(example_config(), encoding="utf-8")
    _out(texts("init.written", path=target))
    return EXIT_OK


def _poll(args: argparse.Namespace, settings: Settings, store: Store, texts: Texts) -> int:
    report = poll_once(settings, store)
    _print_poll_report(report, texts)
    read = read_pending(settings, store)
    _print_read_report(read, texts)
    return EXIT_PARTIAL if report.failed or read.attention else EXIT_OK


def _print_poll_report(report: PollReport, texts: Texts) -> None:
    _out(texts("poll.summary", filed=len(report.filed), duplicates=report.duplicates))
    if report.filed:
        _out(texts("poll.refs", refs=", ".join(report.filed)))
    if report.uidvalidity_changed:
        _out(texts("poll.uidvalidity"))
    if report.vanished:
        uids = ", ".join(map(str, report.vanished))
        _err(texts("poll.vanished", count=len(report.vanished), uids=uids))
    if report.failed:
        uids = ", ".join(map(str, report.failed))
        _err(texts("poll.failed", count=len(report.failed), uids=uids))


def _print_read_report(report: ReadReport, texts: Texts) -> None:
    if report.attention:
        refs = ", ".join(report.attention)
        _err(texts("read.attention", count=len(report.attention), refs=refs))


def _run(
    args: argparse.Namespace, settings: Settings, store: Store, texts: Texts, *, serve: Serve
) -> int:
    settings.mailbox_password()  # fail at start, not at the first tick

    def poll_job() -> None:
        try:
            report = poll_once(settings, store)
            read = read_pending(settings, store)
        except IntakeError as exc:
            # The next tick tries again; the error is the operator's to see now.
            log.error("poll failed: %s", exc)
            return
        if report.filed or report.failed or report.vanished or report.uidvalidity_changed:
            _print_poll_report(report, texts)
        _print_read_report(read, texts)
        sys.stdout.flush()

    serve(poll_job, settings.schedule.poll_minutes)
    return EXIT_OK


def _import(args: argparse.Namespace, settings: Settings, store: Store, texts: Texts) -> int:
    report = import_paths(settings, store, args.paths)
    _out(texts("import.summary", filed=len(report.filed), duplicates=report.duplicates))
    if report.filed:
        _out(texts("poll.refs", refs=", ".join(report.filed)))
    for path, reason in report.unreadable:
        _err(texts("import.unreadable", path=path, reason=reason))
    read = read_pending(settings, store)
    _print_read_report(read, texts)
    return EXIT_PARTIAL if report.unreadable or read.attention else EXIT_OK


def _list(args: argparse.Namespace, settings: Settings, store: Store, texts: Texts) -> int:
    items = load_nominations(store, settings.campaign)
    if args.json:
        rows = [message_json(item, settings.campaign, texts) for item in items]
        _out(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for line in list_lines(items, texts):
            _out(line)
    return EXIT_OK


def _show(args: argparse.Namespace, settings: Settings, store: Store, texts: Texts) -> int:
    ref = _resolve(store, args.ref, settings.campaign.reference_prefix)
    if args.raw:
        raw = store.raw_message(ref)
        if raw is None:
            raise NotFound(args.ref)
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
        return EXIT_OK
    (item,) = load_nominations(store, settings.campaign, [ref], texts=args.text)
    if args.text:
        _out(item.text or "")
    elif args.json:
        _out(json.dumps(message_json(item, settings.campaign, texts), ensure_ascii=False, indent=2))
    else:
        for line in show_lines(item, settings.campaign, texts):
            _out(line)
    return EXIT_OK


_MAX_REF_DIGITS = 9


def _resolve(store: Store, typed: str, prefix: str) -> str:
    """The reference a person typed, as filed: ``kco-0001`` and ``1`` are ``KCO-0001``."""
    text = typed.strip()
    plain_number = text.isascii() and text.isdigit() and len(text) <= _MAX_REF_DIGITS
    numbered = f"{prefix}-{int(text):04d}" if plain_number else text
    for candidate in dict.fromkeys((text, text.upper(), numbered)):
        message = store.get_message(candidate)
        if message is not None:
            return message.ref
    raise NotFound(typed)


def _reprocess(args: argparse.Namespace, settings: Settings, store: Store, texts: Texts) -> int:
    if args.all and args.refs:
        raise ConfigError("give references or --all, not both")
    refs: list[str] | None = None
    if args.all:
        refs = store.all_refs()
    elif args.refs:
        refs = [_resolve(store, ref, settings.campaign.reference_prefix) for ref in args.refs]
    report = read_pending(settings, store, refs)
    _out(texts("reprocess.summary", count=len(report.read)))
    _print_read_report(report, texts)
    return EXIT_PARTIAL if report.attention else EXIT_OK


def _migrate(args: argparse.Namespace, settings: Settings, store: Store, texts: Texts) -> int:
    # Opening the store for writing has migrated it already.
    _out(texts("migrate.done", version=store.schema_version()))
    return EXIT_OK


Handler = Callable[[argparse.Namespace, Settings, Store, Texts], int]
_HANDLERS: dict[str, Handler] = {
    "poll": _poll,
    "import": _import,
    "list": _list,
    "show": _show,
    "reprocess": _reprocess,
    "migrate": _migrate,
}


def _configure_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else logging.WARNING
    if verbose:
        level = logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if verbose < 3:
        # imapclient logs every command at DEBUG; keep it out unless asked for (-vvv).
        logging.getLogger("imapclient").setLevel(max(level, logging.INFO))


def _out(text: str) -> None:
    print(text)


def _err(text: str) -> None:
    print(text, file=sys.stderr)
