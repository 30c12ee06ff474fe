"""`anjian createadmin`: the first administrator; the password is asked for, never given on the command line."""

import getpass

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from anjian.accounts.models import Membership, Role
from anjian.registry.selectors import AgencyNotFound, agency_get

PASSWORDS_DIFFER = "两次输入的口令不一致"
USER_EXISTS = "用户 {username} 已存在"


class Command(BaseCommand):
    help = "创建系统管理员账号（交互输入口令，无默认口令）"

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--agency", required=True, help="所属应急管理部门代号，如 lvliang")
        parser.add_argument(
            "--role", default=Role.SYSTEM_ADMIN, choices=[r.value for r in Role], help="默认系统管理员"
        )

    def handle(self, *args, username, agency, role, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(USER_EXISTS.format(username=username))
        try:
            home = agency_get(agency)
        except AgencyNotFound as e:
            raise CommandError(str(e)) from e
        password = getpass.getpass("口令：")
        if getpass.getpass("再次输入口令：") != password:
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
