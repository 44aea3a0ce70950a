"""The `cascade` command: the database schema, the programme file, the periodic jobs, the
outbox worker and personal data."""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from dotenv import find_dotenv, load_dotenv

from bot.addresses import check_lines, find_named_people
from bot.config_file import (
    EXAMPLE,
    ConfigFileError,
    create_from_example,
    load_configuration,
    shown,
    write_configuration,
)
from bot.jobs import dry_run, run_jobs
from bot.people import People
from bot.runtime import apply_configuration, configure_logging, open_database, utc_now
from bot.settings import Settings, SettingsError, settings_from
from bot.slack_app import build_client, build_dispatcher, build_inbox_worker
from domain.kernel.errors import DomainError
from handlers.accounts.erasure import erase_person
from handlers.programme_admin.configuration import adopt_file, current_configuration
from storage.kernel import backup, crypto, keys, migrate
from storage.kernel.engine import create_engine_for


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cascade", description=__doc__)
    parser.add_argument("--version", action="version", version=f"cascade {_version()}")
    groups = parser.add_subparsers(dest="group", required=True)
    # ACTION: argparse would list every choice, `revision` (for developers) among them.
    db = groups.add_parser("db", help="database schema").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    db.add_parser("upgrade", help="apply all migrations (creates the SQLite file if needed)")
    db.add_parser("current", help="show the schema revision")
    _backup_commands(db)
    revision = db.add_parser("revision", description="Developers: autogenerate a migration.")
    revision.add_argument("-m", "--message", required=True)
    config = groups.add_parser("config", help="programme configuration")
    config_actions = config.add_subparsers(dest="action", required=True)
    check = config_actions.add_parser("check", help="validate a file without starting")
    check.add_argument("path", nargs="?", help="defaults to PROGRAMME_CONFIG")
    check.add_argument(
        "--strict", action="store_true", help="fail (exit 1) on warnings too, e.g. in CI"
    )
    config_actions.add_parser(
        "init", help="create PROGRAMME_CONFIG from the shipped example if there is none yet"
    )
    sync = config_actions.add_parser(
        "sync", help="apply PROGRAMME_CONFIG to the database (if it changed since last applied)"
    )
    sync.add_argument(
        "--force", action="store_true", help="apply it even over changes made in Slack since"
    )
    export = config_actions.add_parser(
        "export", help="write the database's programmes (with changes made in Slack) to a file"
    )
    export.add_argument("path", help="the file to write, e.g. config/programme.toml")
    jobs = groups.add_parser("jobs", help="periodic work (reminders)")
    run = jobs.add_subparsers(dest="action", required=True).add_parser(
        "run", help="run every periodic job once and exit (for cron, and for tests)"
    )
    run.add_argument("--now", type=_moment, help="as of this time, e.g. 2026-12-01T10:00 (UTC)")
    run.add_argument(
        "--dry-run", action="store_true", help="print what would be sent; send and change nothing"
    )
    groups.add_parser(
        "worker",
        help="only send the outbox (run it beside bots started with DISPATCH_IN_BOT=false)",
    )
    keys = groups.add_parser(
        "keys", help="CASCADE_DATA_KEY, which private words are encrypted with"
    )
    keys_actions = keys.add_subparsers(dest="action", required=True)
    keys_actions.add_parser("new", help="print a new key")
    keys_actions.add_parser("init", help="write a new key into .env (if there is one) unless set")
    keys_actions.add_parser(
        "rotate",
        help="re-encrypt everything under the first key of CASCADE_DATA_KEY=new,old",
    )
    people = groups.add_parser("people", help="personal data")
    people_actions = people.add_subparsers(dest="action", required=True)
    erase = people_actions.add_parser("erase", help="remove a person's personal data")
    erase.add_argument("user_id", help="their Slack user id, e.g. U0123ABCD")
    return parser


def _backup_commands(db: argparse._SubParsersAction) -> None:
    made = db.add_parser("backup", help="copy the SQLite database safely, even while the bot runs")
    made.add_argument("file", nargs="?", help="default: backups/ beside the database, by time")
    back = db.add_parser("restore", help="put a backup in the database's place (bot stopped)")
    back.add_argument("file", help="the backup to restore")


def _version() -> str:
    try:
        return version("cascade")
    except PackageNotFoundError:  # run from a folder that was never installed
        return "(not installed)"


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time like 2026-12-01T10:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    load_dotenv(find_dotenv(usecwd=True))  # the .env where it is run (as `cascade keys init`)
    try:
        settings = settings_from(os.environ)
        configure_logging(settings.log_level, settings.log_format)  # as the bots log
        return _run(args, settings)
    except (
        SettingsError,
        ConfigFileError,
        migrate.SchemaOutOfDate,
        migrate.DatabaseUnreachable,
        backup.BackupError,
        crypto.DataKeyError,
        DomainError,
    ) as exc:
        print(f"cascade: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, settings) -> int:
    if args.group == "db" and args.action in ("backup", "restore"):
        return _backup_or_restore(args, settings)
    if args.group == "db":
        engine = create_engine_for(settings.database_url)
        if args.action == "upgrade":
            migrate.upgrade(engine)
            print(f"Database is at revision {migrate.current_revision(engine)}.")
        elif args.action == "current":
            print(migrate.current_revision(engine) or "empty (run `cascade db upgrade`)")
        else:
            migrate.make_revision(engine, args.message)
        return 0
    if args.group == "jobs" and args.dry_run:
        uow_factory = open_database(settings)
        now = args.now or utc_now()
        people = People(build_client(settings), uow_factory, lambda: now)
        print("\n".join(dry_run(uow_factory, people, now)))
        return 0
    if args.group in ("jobs", "worker"):
        settings.require_slack(signing=False)
        uow_factory = open_database(settings)
        now = args.now if args.group == "jobs" and args.now else None
        clock = (lambda: now) if now else utc_now
        people = People(build_client(settings), uow_factory, clock)
        dispatcher = build_dispatcher(settings, uow_factory, people, clock)
        if args.group == "jobs":
            run_jobs(uow_factory, dispatcher, people, clock())
        else:
            _work(dispatcher, build_inbox_worker(settings, uow_factory, people, clock))
        return 0
    if args.group == "keys":
        return _keys(args.action, settings)
    if args.group == "people":
        alias = erase_person(args.user_id, open_database(settings)(), utc_now())
        print(f"Erased {args.user_id}'s personal data; their anonymised records are now {alias}.")
        return 0
    if args.action == "init":
        _init(settings.programme_config)
        return 0
    if args.action == "check":
        path = args.path or settings.programme_config
        config = load_configuration(path)
        programmes = ", ".join(p.key for p in config.programmes)
        print(f"{path} is valid: programmes {programmes}; {len(config.ics)} ICSs.")
        warnings = [f"warning: {warning}" for warning in config.warnings(utc_now())]
        client = build_client(settings, patient=True) if settings.slack_bot_token else None
        lines = warnings + check_lines(client, config.addresses())
        for line in lines:
            print(f"  {line}")
        return _strictly(args.strict, sum(line.startswith("warning: ") for line in lines))
    if args.action == "export":
        uow_factory = open_database(settings)
        written = write_configuration(current_configuration(uow_factory(read_only=True)), args.path)
        same = Path(args.path).resolve() == Path(settings.programme_config).resolve()
        if same:  # the programme file and the database agree again
            adopt_file(uow_factory.patient(), written, utc_now())
        print(
            f"Wrote {args.path}."
            + (" It is now the programme file as last applied." if same else "")
        )
        return 0
    uow_factory = open_database(settings)
    apply_configuration(settings, uow_factory, utc_now(), force=args.force)
    if settings.slack_bot_token:  # people named by address are found now, not at the next start
        find_named_people(build_client(settings, patient=True), uow_factory, utc_now())
    return 0


def _keys(action: str, settings: Settings) -> int:
    if action == "new":
        print(crypto.new_key())
    elif action == "init":
        found = find_dotenv(usecwd=True)  # the file main() read (made by the person)
        if settings.cascade_data_key or not found:
            return 0
        env = Path(found)
        line = f"CASCADE_DATA_KEY={crypto.new_key()}"
        text = env.read_text(encoding="utf-8")
        if re.search(r"^CASCADE_DATA_KEY=[ \t]*$", text, flags=re.M):  # .env.example's empty one
            text = re.sub(r"^CASCADE_DATA_KEY=[ \t]*$", line, text, count=1, flags=re.M)
        else:
            text += f"\n# Private words are encrypted with this key: keep a copy safe.\n{line}\n"
        env.write_text(text, encoding="utf-8")
        print(
            "Made a data key (CASCADE_DATA_KEY) in .env: reflective notes and other private "
            "words are encrypted with it. Keep a copy somewhere safe: without it they cannot "
            "be read."
        )
    else:
        key = settings.cascade_data_key
        crypto.use_keys(key.get_secret_value() if key else None)
        engine = create_engine_for(settings.database_url)
        migrate.ensure_up_to_date(engine)
        counts = keys.rotate(engine)
        print(
            f"Re-encrypted {sum(counts.values())} values under the first key of "
            "CASCADE_DATA_KEY; the others can now be removed from it."
        )
    return 0


def _backup_or_restore(args: argparse.Namespace, settings) -> int:
    database = backup.database_file(settings.database_url, args.action)
    if args.action == "backup":
        target = Path(args.file) if args.file else backup.named_by_time(database, utc_now())
        made = backup.backup(database, target)
        print(f"Backed up {database} to {made.path} (schema revision {made.revision}).")
        return 0
    restored = backup.restore(Path(args.file), database, utc_now())
    print(f"Restored {database} from {args.file} (schema revision {restored.revision}).")
    if restored.kept:
        print(f"The database it replaced is kept as {restored.kept}.")
    if restored.revision != migrate.head_revision():
        print("Run `cascade db upgrade` before starting the bot (`make run` does it for you).")
    return 0


def _init(path: str) -> None:
    if not create_from_example(path):
        print(f"{path} is there already; nothing changed.")
        return
    print(
        f"Created {path} from {shown(EXAMPLE)}. It is your programme file (not in git: "
        "upgrades leave it alone); put your own people and review channel in it (README, step 5)."
    )


def _strictly(strict: bool, warnings: int) -> int:
    if strict and warnings:
        print(
            f"cascade: {warnings} warning(s), and --strict makes warnings fail the check.",
            file=sys.stderr,
        )
        return 1
    return 0


def _work(dispatcher, inbox) -> None:
    """Send the outbox, and carry out requests a bot left behind, until stopped (Ctrl-C or
    SIGTERM); what is not done yet waits in the database."""
    import contextlib
    import signal
    import threading

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    dispatcher.start()
    inbox.start()
    print("cascade worker: sending the outbox (Ctrl-C to stop)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
    inbox.stop()
    dispatcher.stop()


if __name__ == "__main__":
    sys.exit(main())
