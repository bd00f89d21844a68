"""One entry point: `python -m bot run | console | ask | content check | content export`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from bot.core.config import SettingsError, load_settings
from bot.core.logs import configure_logging

BOTFATHER_HELP = (
    "BOT_TOKEN is not set. Create a bot with @BotFather in Telegram (/newbot), then put the token "
    "in .env as BOT_TOKEN=... or export it. To try the bot without Telegram, run: make console"
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="run the bot (polling, or webhook when WEBHOOK_URL is set)")
    console = commands.add_parser("console", help="chat with the bot in this terminal, offline")
    console.add_argument("--lang", choices=("ru", "en"), default=None)
    commands.add_parser("health", help="exit 0 if the running bot is alive (for HEALTHCHECK)")
    commands.add_parser("new-secret", help="print a new random SECRET_KEY")
    ask = commands.add_parser("ask", help="answer questions read one per line from stdin")
    ask.add_argument("--lang", choices=("ru", "en"), default="ru")
    ask.add_argument("--json", action="store_true", help="one JSON object per input line")
    gaps = commands.add_parser("gaps", help="unanswered questions, notes and votes, for editors")
    gaps.add_argument("--days", type=int, default=30, choices=range(1, 91), metavar="DAYS")
    gaps.add_argument("--format", choices=("csv", "md"), default="md")
    content = commands.add_parser("content", help="tools for content editors")
    content_commands = content.add_subparsers(dest="content_command", required=True)
    check = content_commands.add_parser("check", help="validate the content library")
    check.add_argument("dir", nargs="?", type=Path, default=None)
    export = content_commands.add_parser("export", help="print the library")
    export.add_argument("--json", action="store_true", required=True)
    export.add_argument("dir", nargs="?", type=Path, default=None)
    args = parser.parse_args(argv)

    if args.command == "new-secret":
        from bot.storage.keys import new_secret

        print(new_secret())
        return 0
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings.log_secrets())

    if args.command == "run":
        if settings.bot_token is None:
            print(BOTFATHER_HELP, file=sys.stderr)
            return 2
        from telegram.error import InvalidToken, NetworkError

        from bot.app import StartupError
        from bot.runner import run

        try:
            run(settings)
        except StartupError as error:
            print(f"Cannot start: {error}", file=sys.stderr)
            return 2
        except InvalidToken:
            print(
                "Cannot start: Telegram rejected BOT_TOKEN; check it with @BotFather.",
                file=sys.stderr,
            )
            return 2
        except NetworkError as error:
            where = settings.bot_api_url
            print(
                f"Cannot start: the Bot API at {where} is unreachable ({type(error).__name__}).",
                file=sys.stderr,
            )
            return 1
        return 0
    if args.command == "health":
        from bot.core.health import check as health_check

        healthy, detail = health_check(settings.database_path)
        print(detail)
        return 0 if healthy else 1
    if args.command == "console":
        try:
            from devtools.console.chat import run_console
        except ImportError:
            print(
                "The console is a developer tool and is not in this image; "
                "run `make console` in a checkout.",
                file=sys.stderr,
            )
            return 2
        return run_console(settings, args.lang)
    if args.command == "ask":
        from bot.features.answers.ask import run_ask

        return run_ask(settings.content_dir, args.lang, as_json=args.json)
    if args.command == "gaps":
        from bot.features.feedback.cli import run_gaps

        return run_gaps(settings, args.days, args.format)
    from bot.content.cli import run_check, run_export

    content_dir = args.dir or settings.content_dir
    if args.content_command == "check":
        return run_check(content_dir, date.today(), sys.stdout)
    return run_export(content_dir, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
