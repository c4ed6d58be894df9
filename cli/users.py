"""``chartreview users``: the local accounts reviewers sign in to the workspace with.

``users add NAME [--replace] [--password-stdin]`` asks for the password twice (getpass:
never echoed) or reads one line from standard input, and adds the account (or, with
``--replace``, sets its new password). ``users list`` prints the names and when each was
added. The users file is ``$CHARTREVIEW_USERS_FILE``, else ``users.json`` in the data
folder (accounts/users.py). Passwords are never printed or logged.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from core.errors import UsageError

EXIT_OK = 0


def add_users_parser(sub: argparse._SubParsersAction[Any]) -> None:
    users = sub.add_parser("users", help="local reviewer accounts: add, list")
    commands = users.add_subparsers(dest="users_command", required=True, parser_class=type(users))
    add = commands.add_parser(
        "add", help="add a reviewer account (the password is asked for, never echoed)"
    )
    add.add_argument("name", metavar="NAME", help="the sign-in name: letters, digits, . _ @ -")
    add.add_argument(
        "--replace", action="store_true", help="set a new password for an existing account"
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (for scripts)",
    )
    commands.add_parser("list", help="the accounts: names and when each was added")


def run_users(args: argparse.Namespace) -> int:
    if args.users_command == "add":
        return _add(args)
    return _list()


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line:
            raise UsageError("no password on standard input (give it as the first line)")
        return line.rstrip("\r\n")
    try:
        first = getpass.getpass("Password: ")
        again = getpass.getpass("Password again: ")
    except (EOFError, KeyboardInterrupt) as e:
        raise UsageError("no password given: the account was not added") from e
    if first != again:
        raise UsageError("the two passwords differ: the account was not added")
    return first


def _add(args: argparse.Namespace) -> int:
    from accounts import add_user, users_file

    password = _read_password(args.password_stdin)
    user = add_user(args.name, password, replace=args.replace)
    what = "new password set for" if args.replace else "added"
    print(f"{what} {user.name} in {users_file()}")
    return EXIT_OK


def _list() -> int:
    from accounts import list_users, users_file

    users = list_users()
    if not users:
        print(f"No users yet in {users_file()}: add one with `chartreview users add NAME`.")
        return EXIT_OK
    width = max(len(u.name) for u in users)
    for u in users:
        print(f"{u.name:<{width}}  added {u.created_at.strftime('%Y-%m-%d %H:%M')} UTC")
    return EXIT_OK
