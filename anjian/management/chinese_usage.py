"""Usage errors of a command in Chinese: argparse's English messages are rewritten before they reach the user."""

from __future__ import annotations

import re
import sys
from typing import Any, NoReturn

from django.core.management.base import CommandError, CommandParser

_PATTERNS = (
    (re.compile(r"the following arguments are required: (.+)"), "缺少必填参数：{0}"),
    (
        re.compile(r"argument (\S+): invalid choice: '?([^']*)'? \(choose from (.+)\)"),
        "参数 {0} 的取值 {1} 无效，可选：{2}",
    ),
    (re.compile(r"argument (\S+): invalid (\w+) value: '?([^']*)'?"), "参数 {0} 的取值 {2} 格式不对"),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 后面需要一个取值"),
    (re.compile(r"unrecognized arguments: (.+)"), "不认识的参数：{0}"),
)


def chinese_message(message: str) -> str:
    for pattern, template in _PATTERNS:
        found = pattern.search(message)
        if found:
            return template.format(*(g.replace("'", "").replace(", ", "、") for g in found.groups()))
    return f"命令用法有误：{message}"


def chinese_errors(parser: CommandParser) -> CommandParser:
    """Make `parser` raise CommandError with a Chinese message (exit 1) instead of printing English usage."""

    def error(message: str, *args: Any) -> NoReturn:
        text = chinese_message(message) + "。用法见 anjian help 或 docs/cli.md"
        if parser.called_from_command_line:  # parsing happens before Django's own CommandError handling
            sys.stderr.write(text + "\n")
            sys.exit(1)
        raise CommandError(text)

    parser.error = error  # type: ignore[method-assign]
    return parser
