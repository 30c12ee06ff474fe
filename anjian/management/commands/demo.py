"""`anjian demo`: build the sample bureaus on the configured database, compile, schedule and export their plans."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from anjian.plans import services
from anjian.plans.exports import plan_export
from anjian.plans.scheduling import plan_schedule
from anjian.registry.samples import SAMPLES_DIR, load_sample, read_sample_spec

DEMO_SAMPLES = ("lvliang-2024", "xia-2025")
DEMO_USER = "demo"


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
        self._demo_user()

    def _demo_user(self):
        User = get_user_model()
        password = secrets.token_urlsafe(12)
        user, _ = User.objects.get_or_create(
            username=DEMO_USER, defaults={"is_staff": True, "is_superuser": True}
        )
        user.set_password(password)
        user.save()
        self.stdout.write(
            f"演示账号：{DEMO_USER}  口令：{password}（每次运行 anjian demo 重新生成，仅显示这一次）"
        )
