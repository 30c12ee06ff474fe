"""`anjian otp enrol --username U`: bind a TOTP device on the server, for the first 安全管理员 (or a lost phone)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from anjian.accounts.second_factor import device_enrol

OTP_NO_SUCH_USER = "没有用户名为 {username} 的账号"
OTP_ENROLLED = "已为 {username} 绑定动态口令（原有的已失效）。请本人在手机身份验证器中手动输入密钥："


class Command(BaseCommand):
    help = "动态口令：enrol 为账号绑定（或重新绑定）手机身份验证器，显示密钥与 otpauth 地址"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        enrol = sub.add_parser("enrol", help="绑定动态口令")
        enrol.add_argument("--username", required=True)

    def handle(self, *args, action, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(OTP_NO_SUCH_USER.format(username=username))
        enrolment = device_enrol(user=user)
        self.stdout.write(OTP_ENROLLED.format(username=username))
        self.stdout.write(f"  密钥 {enrolment.secret}")
        self.stdout.write(f"  地址 {enrolment.uri}")
