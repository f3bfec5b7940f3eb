"""The ``intake`` command: parse arguments, call one function, map errors to exit codes.

Exit codes: 0 done; 1 internal error; 2 usage or configuration error; 3 operational
error (server unreachable, database unavailable); 4 reference not found; 5 done, but
some messages could not be filed or read (they are named, and retried next poll).
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
from intake.presenting.texts import Texts
from intake.presenting.views import (
    list_lines,
    message_json,
    nomination_text,
    show_lines,
    standings_of,
)
from intake.reading.reprocess import reprocess
from intake.receiving.backfill import import_paths
from intake.receiving.poll import PollReport, poll_once
from store import Store, StoreError

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
        "reprocess", help="derive text, pages and problems again from the stored mail"
    )
    reprocess.add_argument("refs", nargs="*", metavar="REF", help="these messages")
    reprocess.add_argument("--all", action="store_true", help="every filed message")
    return parser


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
        with _open_store(settings) as store:
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


def _open_store(settings: Settings) -> Store:
    try:
        return Store.open(settings.store.url)
    except StoreError as exc:
        raise StoreUnavailable(str(exc)) from exc


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
    return EXIT_PARTIAL if report.failed else EXIT_OK


def _print_poll_report(report: PollReport, texts: Texts) -> None:
    out = sys.stdout
    print(texts("poll.summary", filed=len(report.filed), duplicates=report.duplicates), file=out)
    if report.filed:
        print(texts("poll.refs", refs=", ".join(report.filed)), file=out)
    if report.uidvalidity_changed:
        print(texts("poll.uidvalidity"), file=out)
    if report.vanished:
        print(
            texts(
                "poll.vanished",
                count=len(report.vanished),
                uids=", ".join(map(str, report.vanished)),
            ),
            file=sys.stderr,
        )
    if report.failed:
        print(
            texts("poll.failed", count=len(report.failed), uids=", ".join(map(str, report.failed))),
            file=sys.stderr,
        )


def _run(
    args: argparse.Namespace, settings: Settings, store: Store, texts: Texts, *, serve: Serve
) -> int:
    settings.mailbox_password()  # fail at start, not at the first tick

    def poll_job() -> None:
        try:
            report = poll_once(settings, store)
        except IntakeError as exc:
            # The next tick tries again; the error is the operator's to see now.
            log.error("poll failed: %s", exc)
            return
        if report.filed or report.failed or report.vanished or report.uidvalidity_changed:
            _print_poll_report(report, texts)
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
    return EXIT_PARTIAL if report.unreadable else EXIT_OK


def _list(args: argparse.Namespace, settings: Settings, store: Store, texts: Texts) -> int:
    messages = store.list_messages()
    analyses = store.analyses()
    if args.json:
        judgements = {ref: a.judgements_json for ref, a in analyses.items()}
        ranks = standings_of(messages, judgements, settings.campaign)
        rows = [
            message_json(m, analyses.get(m.ref), settings.campaign, texts, ranks[m.ref])
            for m in messages
        ]
        _out(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for line in list_lines(messages, analyses, settings.campaign, texts):
            _out(line)
    return EXIT_OK


def _show(args: argparse.Namespace, settings: Settings, store: Store, texts: Texts) -> int:
    ref = args.ref.strip()
    # References are typed by hand: accept kco-0001 for KCO-0001.
    candidates = dict.fromkeys((ref, ref.upper()))
    if args.raw:
        raw = next(filter(None, (store.raw_message(c) for c in candidates)), None)
        if raw is None:
            raise NotFound(args.ref)
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
        return EXIT_OK
    message = next(filter(None, (store.get_message(c) for c in candidates)), None)
    if message is None:
        raise NotFound(args.ref)
    analysis = store.get_analysis(message.ref)
    if args.text:
        _out(nomination_text(analysis) if analysis is not None else "")
        return EXIT_OK
    # Only the judgements of the others are read, not their texts and attachments.
    judgements = store.judgements_json()
    standing = standings_of(store.list_messages(), judgements, settings.campaign)[message.ref]
    if args.json:
        document = message_json(message, analysis, settings.campaign, texts, standing)
        _out(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        for line in show_lines(message, analysis, settings.campaign, texts, standing):
            _out(line)
    return EXIT_OK


def _reprocess(args: argparse.Namespace, settings: Settings, store: Store, texts: Texts) -> int:
    if args.all and args.refs:
        raise ConfigError("give references or --all, not both")
    refs: list[str] | None = None
    if args.all:
        refs = store.all_refs()
    elif args.refs:
        refs = []
        for ref in args.refs:
            message = store.get_message(ref) or store.get_message(ref.strip().upper())
            if message is None:
                raise NotFound(ref)
            refs.append(message.ref)
    count = reprocess(settings, store, refs)
    _out(texts("reprocess.summary", count=count))
    return EXIT_OK


Handler = Callable[[argparse.Namespace, Settings, Store, Texts], int]
_HANDLERS: dict[str, Handler] = {
    "poll": _poll,
    "import": _import,
    "list": _list,
    "show": _show,
    "reprocess": _reprocess,
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
