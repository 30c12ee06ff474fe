"""`anjian demo`: build the sample bureaus on the configured database, compile, schedule and export their plans."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from anjian.accounts.models import ADMIN_ROLES, Membership, Role
from anjian.accounts.second_factor import device_enrol
from anjian.plans import services
from anjian.plans.exports import plan_export
from anjian.plans.models import Plan
from anjian.plans.scheduling import plan_schedule
from anjian.registry.models import Agency, Officer
from anjian.registry.samples import SAMPLES_DIR, load_sample, read_sample_spec

DEMO_SAMPLES = ("lvliang-2024", "xia-2025")
DEMO_SECOND_FACTOR = (
    "三员（sysadmin、secadmin、auditor）登录时还要输入动态口令：在手机身份验证器中“手动输入密钥”添加下列密钥"
    "（基于时间，6 位）；正式部署时由安全管理员在“账号与角色”中为每个三员账号绑定："
)
# One account per role, so the demo shows 三员分立 and the agency scopes as a bureau would run them.
DEMO_ACCOUNTS = (
    ("demo", "lvliang", Role.LEADER), ("lvliang_head", "lvliang", Role.OFFICE_HEAD),
    ("xia_head", "xiaxian", Role.OFFICE_HEAD), ("officer", "lvliang", Role.OFFICER), ("sysadmin", "lvliang", Role.SYSTEM_ADMIN),
    ("secadmin", "lvliang", Role.SECURITY_ADMIN), ("auditor", "lvliang", Role.AUDIT_ADMIN),
)  # fmt: skip


class Command(BaseCommand):
    help = "载入示例单位（吕梁市 2024、夏县 2025），编制、排程并导出其年度计划，创建演示账号"

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(settings.VAR_DIR / "out"), help="文书输出目录")
        parser.add_argument("--time-limit", type=float, default=30, help="每个计划的排程时限（秒）")

    def handle(self, *args, out, time_limit, **options):
        call_command("migrate", interactive=False, verbosity=0)
        for name in DEMO_SAMPLES:
            spec = read_sample_spec(name)
            year = int(spec["sample"]["year"])
            agency = load_sample(name)
            plan = Plan.objects.filter(agency=agency, year=year, kind=Plan.Kind.ANNUAL).first()
            if plan is not None and plan.status != Plan.Status.DRAFT:
                # a plan someone already submitted in this database changes only through an adjustment
                self.stdout.write(f"{plan}{plan.get_status_display()}，保留现有版本，不重新编制")
                continue
            services.plan_configure(agency=agency, year=year, path=SAMPLES_DIR / name / "plan.toml")
            version = services.plan_compile(agency=agency, year=year, by="演示", reason="示例计划")
            s = version.summary
            self.stdout.write(
                f"{agency.name} {year}：重点 {s['key_units']} 户 {s['key_visits']} 次，"
                f"一般 {s['general_units']} 户 {s['general_visits']} 次"
            )
            _result, violations = plan_schedule(version=version, time_limit_s=time_limit)
            sched = version.summary["schedule"]
            self.stdout.write(
                f"  排程：入企 {sched['entries']} 次（下界 {sched['entries_lower_bound']}），"
                f"校验{'通过，已定稿' if not violations else f'发现 {len(violations)} 处违反，未定稿'}"
            )
            for path in plan_export(version=version, out_dir=Path(out) / name):
                self.stdout.write(f"  已生成 {path}")
        self.stdout.write("演示账号（口令每次运行 anjian demo 重新生成，仅显示这一次）：")
        made = demo_accounts_create()
        for username, password, role, agency in made:
            self.stdout.write(f"  {username:<13} {password}  {Role(role).label}（{agency.name}）")
        self.stdout.write(DEMO_SECOND_FACTOR)
        for username, _password, role, _agency in made:
            if role in ADMIN_ROLES:
                enrolment = device_enrol(user=get_user_model().objects.get(username=username))
                self.stdout.write(f"  {username:<13} 密钥 {enrolment.secret}")
                self.stdout.write(f"  {'':<13} 地址 {enrolment.uri}")


def demo_accounts_create() -> list[tuple[str, str, str, Agency]]:
    """(Re)create the demo accounts, none a superuser, each with a fresh password that meets the policy."""
    User = get_user_model()
    made = []
    for username, code, role in DEMO_ACCOUNTS:
        agency = Agency.objects.get(code=code)
        password = f"Aj{secrets.token_urlsafe(9)}-7"
        user, _ = User.objects.get_or_create(username=username)
        user.is_staff, user.is_superuser = role == Role.SYSTEM_ADMIN, False
        password_validation.validate_password(password, user)
        user.set_password(password)
        user.save()
        # The officer account is one of the bureau's enforcement officers, so "own tasks" has tasks in it.
        officer = (
            Officer.objects.filter(office__agency=agency).order_by("pk").first()
            if role == Role.OFFICER
            else None
        )
        Membership.objects.update_or_create(
            user=user,
            defaults={
                "agency": agency,
                "role": role,
                "officer": officer,
                "password_changed_at": timezone.now(),
            },
        )
        made.append((username, password, role, agency))
    return made
