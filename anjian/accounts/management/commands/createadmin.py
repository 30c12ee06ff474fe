"""`anjian createadmin`: the first administrator; the password is asked for, never given on the command line.

With no arguments it asks, in Chinese, for the user name and the agency too (listing the agencies there are).
"""

import getpass
import sys

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from anjian.accounts.models import ADMIN_ROLES, Membership, Role
from anjian.accounts.second_factor import device_enrol
from anjian.management.chinese_usage import chinese_errors
from anjian.registry.models import Agency
from anjian.registry.selectors import AgencyNotFound, agency_get

PASSWORDS_DIFFER = "两次输入的口令不一致"
USER_EXISTS = "用户 {username} 已存在"
NO_AGENCY_YET = "尚无应急管理部门：请先用 anjian agency add 新增本部门，再创建管理员"
ASK_USERNAME = "用户名："
ASK_AGENCY = "所属应急管理部门代号（{known}）："
EMPTY_ANSWER = "未输入{what}，未创建账号"


class Command(BaseCommand):
    help = "创建系统管理员账号（交互输入口令，无默认口令）"

    def create_parser(self, prog_name, subcommand, **kwargs):
        return chinese_errors(super().create_parser(prog_name, subcommand, **kwargs))

    def add_arguments(self, parser):
        parser.add_argument("--username", default="", help="用户名（不给出则交互输入）")
        parser.add_argument(
            "--agency", default="", help="所属应急管理部门代号，如 lvliang（不给出则交互输入）"
        )
        parser.add_argument(
            "--role", default=Role.SYSTEM_ADMIN, choices=[r.value for r in Role], help="默认系统管理员"
        )

    def handle(self, *args, username, agency, role, **options):
        User = get_user_model()
        if not Agency.objects.exists():
            raise CommandError(NO_AGENCY_YET)
        username = username or _ask(ASK_USERNAME, "用户名")
        if not agency:
            known = "、".join(f"{a.code} {a.name}" for a in Agency.objects.order_by("code")[:20])
            agency = _ask(ASK_AGENCY.format(known=known), "部门代号")
        if User.objects.filter(username=username).exists():
            raise CommandError(USER_EXISTS.format(username=username))
        try:
            home = agency_get(agency)
        except AgencyNotFound as e:
            raise CommandError(str(e)) from e
        password = _secret("口令：")
        if _secret("再次输入口令：") != password:
            raise CommandError(PASSWORDS_DIFFER)
        user = User(username=username, is_staff=role == Role.SYSTEM_ADMIN)
        try:
            password_validation.validate_password(password, user)
        except ValidationError as e:
            raise CommandError("；".join(e.messages)) from e
        with transaction.atomic():
            user.set_password(password)
            user.save()
            Membership.objects.create(user=user, agency=home, role=role)
        self.stdout.write(f"已创建 {username}（{Role(role).label}，{home.name}）")
        if role in ADMIN_ROLES:
            # Without a second factor the administrator could not log in: bind it now, on the server.
            enrolment = device_enrol(user=user)
            self.stdout.write("登录时还须输入动态口令：请本人在手机身份验证器中手动输入密钥（只显示这一次）")
            self.stdout.write(f"  密钥 {enrolment.secret}")
            self.stdout.write(f"  地址 {enrolment.uri}")


def _ask(prompt: str, what: str) -> str:
    try:
        answer = input(prompt).strip()
    except EOFError:
        answer = ""
    if not answer:
        raise CommandError(EMPTY_ANSWER.format(what=what))
    return answer


def _secret(prompt: str) -> str:
    """A password from the terminal without echo; from a pipe (scripts, tests) one line of standard input."""
    try:
        if not _piped():
            return getpass.getpass(prompt)
        sys.stdout.write(prompt)
        line = sys.stdin.readline()
    except (EOFError, KeyboardInterrupt):
        line = ""
    if not line.strip():
        raise CommandError(EMPTY_ANSWER.format(what="口令"))
    return line.rstrip("\n")


def _piped() -> bool:
    try:
        return not sys.stdin.isatty() and sys.stdin.fileno() >= 0
    except (OSError, ValueError, AttributeError):
        return False
