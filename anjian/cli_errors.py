"""The `anjian` command's one error policy: whatever goes wrong, the user reads one Chinese message and the
command exits 1 — never a traceback, never an English sentence.

Our own errors (CommandError and every anjian exception with a Chinese message) are printed as they are; the
usual failures of files and databases (locked SQLite, a concurrent write, an undecodable file, a damaged csv)
get a Chinese sentence; anything else is an internal error whose details go to var/log/errors.log under a
reference the user can quote to the administrator.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import os
import re
import secrets
import sys
import traceback
from pathlib import Path

CJK = re.compile(r"[\u4e00-\u9fff]")
INTERNAL = (
    "内部错误：操作没有完成，已做的改动均已撤销。详细信息已记入错误日志（编号 {ref}），请把编号告诉系统管理员"
)
DB_LOCKED = "数据库正被另一个操作（导入、编制或排程）占用，等待超时，本次操作没有写入；请稍后重试"
DB_CONFLICT = "另一个操作同时写入了同一条记录，本次操作已撤销，请重试"
DB_OUT_OF_RANGE = "有数值超出数据库允许的范围，本次操作已撤销；请检查文件中过大的数字"
DB_UNAVAILABLE = "无法连接数据库，请检查数据库服务是否运行"
UNDECODABLE = "文件的文字编码无法识别（应为 UTF-8、UTF-16 或 GBK），请另存为 UTF-8 后重试"
NOT_FOUND = "找不到文件或文件夹：{name}"
NO_PERMISSION = "没有权限读写：{name}"
IS_FOLDER = "{name} 是文件夹，应给出一个文件"
OS_FAILED = "读写文件失败：{name}（系统错误号 {errno}）"
DISK_FULL = "磁盘空间不足，无法写入：{name}"
CSV_BAD = "CSV 文件格式有误：{reason}"
INTERRUPTED = "已中断；未完成的操作没有写入"
UNKNOWN_COMMAND = "没有名为「{name}」的命令{hint}。运行 anjian help 列出全部命令"
LISTING_HEAD = "用法：anjian <命令> [参数]。各命令的参数用 anjian <命令> -h 查看。\n\n命令："
LISTING_TAIL = "\n另有数据库与网页服务的管理命令（migrate、runserver 等），见管理员手册。"
USAGE = "运行 anjian {command} -h 查看全部参数"
CSV_REASONS = (
    ("field larger than field limit", "某个单元格的内容过长"),
    ("line contains NUL", "含有空字符（NUL），可能不是文本格式的 CSV 文件"),
    ("new-line character seen in unquoted field", "未加引号的单元格中有换行"),
    ("expected after", "引号后面应紧跟分隔符"),
    ("unexpected end of data", "文件在引号内意外结束"),
)
ARGPARSE = (
    (r"the following arguments are required: (.+)", "缺少必需的参数：{0}"),
    (
        r"argument (\S+): invalid choice: '?(.*?)'? \(choose from (.+)\)",
        "参数 {0} 的取值「{1}」无效，可选：{2}",
    ),
    (r"argument (\S+): invalid (?:int|float) value: '(.*)'", "参数 {0} 应为数字，实际为「{1}」"),
    (r"argument (\S+): invalid \S+ value: '(.*)'", "参数 {0} 的取值「{1}」无效"),
    (r"argument (\S+): expected one argument", "参数 {0} 后面缺少取值"),
    (r"argument (\S+): expected .*argument", "参数 {0} 的取值个数不对"),
    (r"argument (\S+): not allowed with argument (\S+)", "参数 {0} 不能与 {1} 同时使用"),
    (r"one of the arguments (.+) is required", "须给出以下参数之一：{0}"),
    (r"unrecognized arguments: (.+)", "无法识别的参数：{0}"),
    (r"ambiguous option: (\S+) could match (.+)", "参数 {0} 有歧义，可能是：{1}"),
    (r"argument (\S+): (.*[\u4e00-\u9fff].*)", "参数 {0}：{1}"),  # a type function's own Chinese message
)


def argparse_message(message: str) -> str:
    """An argparse (or Django parser) error message in Chinese."""
    message = message.removeprefix("Error: ")
    for pattern, template in ARGPARSE:
        if m := re.fullmatch(pattern, message):
            return template.format(*(g.replace("'", "").replace(", ", "、") for g in m.groups()))
    return message if CJK.search(message) else "命令行参数有误，请用 -h 查看用法"


def _name(e: OSError) -> str:
    return str(e.filename or "")


def _log(error: BaseException, argv: list[str]) -> str:
    """Write the details of an unexpected error to var/log/errors.log; return the reference shown to the user."""
    ref = dt.datetime.now().strftime("%Y%m%d%H%M%S") + "-" + secrets.token_hex(2)  # noqa: DTZ005 - local time for people
    try:
        from django.conf import settings

        folder = Path(settings.VAR_DIR) / "log"
        folder.mkdir(
            mode=0o700, parents=True, exist_ok=True
        )  # kept as securely as the database (admin guide)
        fd = os.open(folder / "errors.log", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as f:
            f.write(f"=== {ref} {' '.join(argv)}\n")
            f.write("".join(traceback.format_exception(error)))
    except Exception:  # noqa: S110 - the log is a courtesy; the user still gets the reference
        pass
    return ref


def message_for(error: BaseException, argv: list[str]) -> str:
    """The one Chinese message the user reads for `error`."""
    from django.core.management.base import CommandError
    from django.db import DatabaseError, DataError, IntegrityError, InterfaceError, OperationalError

    if isinstance(error, CommandError):
        return argparse_message(str(error)) if str(error).startswith("Error: ") else str(error)
    if type(error).__module__.startswith("anjian.") and CJK.search(str(error)):
        return str(error)
    if isinstance(error, KeyboardInterrupt):
        return INTERRUPTED
    if isinstance(error, OperationalError) and "locked" in str(error):
        return DB_LOCKED
    if isinstance(error, IntegrityError):
        return DB_CONFLICT
    if isinstance(error, DataError) or (isinstance(error, DatabaseError) and "too large" in str(error)):
        return DB_OUT_OF_RANGE
    if isinstance(error, OperationalError | InterfaceError) and "connect" in str(error):
        return DB_UNAVAILABLE
    if isinstance(error, UnicodeError):
        return UNDECODABLE
    if isinstance(error, csv.Error):
        reason = next((zh for en, zh in CSV_REASONS if en in str(error)), "无法按 CSV 读取")
        return CSV_BAD.format(reason=reason)
    if isinstance(error, OSError):
        return _os_message(error)
    return INTERNAL.format(ref=_log(error, argv))


def _os_message(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return NOT_FOUND.format(name=_name(error))
    if isinstance(error, PermissionError):
        return NO_PERMISSION.format(name=_name(error))
    if isinstance(error, IsADirectoryError):
        return IS_FOLDER.format(name=_name(error))
    if error.errno == 28:  # ENOSPC
        return DISK_FULL.format(name=_name(error))
    return OS_FAILED.format(name=_name(error), errno=error.errno)


def _listing() -> str:
    """`anjian` alone: the project's commands with their Chinese descriptions."""
    from django.core.management import get_commands, load_command_class

    lines = [LISTING_HEAD]
    for name, app in sorted(get_commands().items()):
        if isinstance(app, str) and app.startswith("anjian"):
            lines.append(f"  {name:<12}{load_command_class(app, name).help}")
    return "\n".join([*lines, LISTING_TAIL])


def _command(name: str):  # a BaseCommand
    from django.core.management import get_commands, load_command_class
    from django.core.management.base import BaseCommand, CommandError

    commands = get_commands()
    if name not in commands:
        near = difflib.get_close_matches(name, list(commands), n=1)
        raise CommandError(
            UNKNOWN_COMMAND.format(name=name, hint=f"（是否应为 {near[0]}？）" if near else "")
        )
    app = commands[name]
    return app if isinstance(app, BaseCommand) else load_command_class(app, name)


def _run_command(argv: list[str]) -> None:
    """Django's run_from_argv, except that errors (argparse's included) come back here as exceptions."""
    from django.core.management.base import CommandError, handle_default_options
    from django.db import connections

    command = _command(argv[1])
    command._called_from_command_line = False  # the parser raises CommandError instead of printing English
    parser = command.create_parser(argv[0], argv[1])
    try:
        options = parser.parse_args(argv[2:])
    except CommandError as e:
        raise CommandError(f"{argparse_message(str(e))}。{USAGE.format(command=argv[1])}") from None
    cmd_options = vars(options)
    args = cmd_options.pop("args", ())
    handle_default_options(options)
    try:
        command.execute(*args, **cmd_options)
    finally:
        connections.close_all()


def run(argv: list[str]) -> int:
    """Run `anjian …` and return its exit code; every failure is one Chinese line on stderr and exit 1."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
    try:
        import django
        from django.core.management import execute_from_command_line

        if len(argv) < 2 or argv[1:] in (["help"], ["-h"], ["--help"]):
            django.setup()
            sys.stdout.write(_listing() + "\n")
            return 0
        if argv[1].startswith("-") or argv[1] in {"help", "version"}:
            execute_from_command_line(argv)  # `anjian help COMMAND`, `anjian --version`
            return 0
        django.setup()
        _run_command(argv)
        return 0
    except SystemExit as e:  # -h/--help, or a command that chose its exit code
        if isinstance(e.code, str):
            sys.stderr.write(e.code + "\n")
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException as e:  # the one place where every failure becomes a message
        from django.core.management.base import CommandError

        sys.stderr.write(message_for(e, argv) + "\n")
        if isinstance(e, KeyboardInterrupt):
            return 130
        return e.returncode if isinstance(e, CommandError) else 1
