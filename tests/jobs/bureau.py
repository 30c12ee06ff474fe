"""Run as a script by the worker tests: load the sample bureaus into the database of the environment and
compile their plans (version 1, not scheduled)."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
django.setup()

from django.core.management import call_command  # noqa: E402

from anjian.plans import services  # noqa: E402
from anjian.registry.samples import SAMPLES_DIR, load_sample  # noqa: E402

call_command("migrate", interactive=False, verbosity=0)
for name, year in (("xia-2025", 2025), ("lvliang-2024", 2024)):
    agency = load_sample(name)
    services.plan_configure(agency=agency, year=year, path=SAMPLES_DIR / name / "plan.toml")
    services.plan_compile(agency=agency, year=year, by="测试")
