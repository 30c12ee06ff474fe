"""`anjian calendar --year Y [--pack P] [--json]`: statutory working days of year Y by the plan formula,
the holiday table used and the real working-day count of the day calendar."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from anjian.planning.calendar import CalendarError, YearCalendar, year_calendar
from anjian.planning.rules import RulePackError, load_pack


def calendar_json(cal: YearCalendar) -> dict:
    s = cal.statutory
    return {
        "year": cal.year,
        "statutory_workdays": s.value,
        "calendar_workdays": cal.calendar_workdays,
        "days_in_year": s.days_in_year,
        "weekend_days": s.weekend_days,
        "statutory_holidays": s.holidays,
        "formula": s.formula(),
        "holiday_rule": s.holiday_rule,
        "holidays": [{"date": d.day.isoformat(), "name": d.name} for d in cal.days_off],
        "makeup_workdays": [{"date": d.day.isoformat(), "name": d.name} for d in cal.makeup_workdays],
        "source": cal.source,
    }


def _periods(cal: YearCalendar) -> list[str]:
    """Consecutive days off with the same name, as 'name  first — last (n 天)'."""
    lines: list[str] = []
    run: list = []
    for d in [*cal.days_off, None]:
        if run and (d is None or d.name != run[-1].name or (d.day - run[-1].day).days != 1):
            first, last = run[0].day, run[-1].day
            span = first.isoformat() if first == last else f"{first.isoformat()} — {last.isoformat()}"
            lines.append(f"  {run[0].name}  {span}（{len(run)} 天）")
            run = []
        if d is not None:
            run.append(d)
    return lines


class Command(BaseCommand):
    help = "某年的国家法定工作日（全年天数 − 双休日 − 法定节假日）、节假日安排和实际工作日"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--pack", default="national", help="规则包（默认 national）")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, year, pack, json: bool, **options):
        try:
            cal = year_calendar(year, load_pack(pack, settings.ANJIAN_RULESET_DIRS))
        except (CalendarError, RulePackError) as e:
            raise CommandError(str(e)) from e
        if json:
            self.stdout.write(_dumps(calendar_json(cal)))
            return
        s = cal.statutory
        out = [
            f"{year} 年国家法定工作日 = 全年天数 − 双休日 − 法定节假日 = {s.formula()} 天",
            f"  法定节假日天数依据：{s.holiday_rule}",
            f"实际工作日（含调休上班）：{cal.calendar_workdays} 天；节假日安排来源：{cal.source}",
            "放假：",
            *_periods(cal),
            "调休上班：",
            *[
                f"  {d.day.isoformat()}（{'一二三四五六日'[d.day.weekday()]}）{d.name}"
                for d in cal.makeup_workdays
            ],
        ]
        self.stdout.write("\n".join(out))


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
