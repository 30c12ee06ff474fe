"""`anjian workdays FILE [FILE ...] [--pack P] [--json]`: compute a workday sheet (工作日测算) from its
documented input (docs/workday-sheet.md, TOML or the xlsx template); `--template OUT.xlsx` writes the
empty template, `--xlsx OUT.xlsx` writes the sheet read in that form."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from anjian.documents.atomic import write_atomic
from anjian.planning.calendar import CalendarError
from anjian.planning.review import ARITHMETIC_CHECKS, review_result
from anjian.planning.review.findings import SEVERITY_LABELS, Finding, finding_json
from anjian.planning.rules import RulePack, RulePackError, load_pack
from anjian.planning.workdays import (
    SheetInputError,
    SheetResult,
    WorkdaySheet,
    compute_sheet,
    write_xlsx,
)
from anjian.planning.workdays.compute import Totals
from anjian.planning.workdays.export import jnum, sheet_json
from anjian.planning.workdays.files import load_sheets
from anjian.planning.workdays.model import CATEGORY_LABELS, Category, number_text
from anjian.planning.workdays.shares import BASE_LABELS

INPUT_PROBLEMS = "{file} 有 {count} 处问题，未计算"
DEFAULT_PACK = "national"
NO_FILES = "请给出测算文件，例如 anjian workdays data/samples/lvliang-2024/workdays-bureau.toml"


def load_for_command(paths: list[str], pack_id: str | None) -> tuple[WorkdaySheet, RulePack]:
    """Sheet and pack, or a CommandError whose text lists every problem in Chinese."""
    try:
        sheet = load_sheets(paths)
        pack = load_pack(pack_id or sheet.pack or DEFAULT_PACK, settings.ANJIAN_RULESET_DIRS)
    except SheetInputError as e:
        lines = [p.message for p in e.problems]
        raise CommandError("\n".join([INPUT_PROBLEMS.format(file=paths[0], count=len(lines)), *lines])) from e
    except RulePackError as e:
        raise CommandError(str(e)) from e
    return sheet, pack


def compute_for_command(sheet: WorkdaySheet, pack: RulePack) -> SheetResult:
    try:
        return compute_sheet(sheet, pack)
    except (CalendarError, ValueError) as e:
        raise CommandError(str(e)) from e


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def finding_line(f: Finding) -> str:
    basis = f"\n      依据：{f.basis}" if f.basis else ""
    return f"  [{SEVERITY_LABELS[f.severity]}] {f.label}  {f.where}\n      {f.message}{basis}"


def _totals_lines(t: Totals, statutory: int, indent: str = "  ") -> list[str]:
    n = number_text
    return [
        f"{indent}总法定工作日    {statutory} × {t.officers} = {n(t.total_days)}",
        f"{indent}监督检查工作日  {n(t.supervision_days)}（逐项测算）"
        f"／ {n(t.residual_supervision_days)}（剩余法）",
        f"{indent}其他执法工作日  {n(t.other_enforcement_days)}",
        f"{indent}非执法工作日    {n(t.non_enforcement_days)}",
        f"{indent}实际所需工作日  {n(t.need_days)}",
        f"{indent}需加班工作日    {n(t.overtime_days)}"
        + (f"（富余 {n(t.slack_days)}）" if t.slack_days else ""),
    ]


def text_report(result: SheetResult, pack: RulePack, findings: tuple[Finding, ...]) -> str:
    sheet, s = result.sheet, result.statutory
    out = [
        f"{sheet.agency or sheet.title} {sheet.year} 年 工作日测算（规则包 {pack.id}）",
        f"国家法定工作日 = 全年天数 − 双休日 − 法定节假日 = {s.formula()} 天",
        "",
    ]
    for t in result.teams:
        share = (
            f"，占{t.team.staff_label or '在册人员'} {t.team.staff} 人的 {t.staff_share}%"
            if t.staff_share
            else ""
        )
        out.append(f"{t.team.name}：执法人员 {t.team.officers} 人{share}")
        out += _totals_lines(t.totals, s.value)
        for category in Category:
            out.append(f"  明细·{CATEGORY_LABELS[category]}")
            for item in (i for i in t.team.items if i.category == category):
                where = "/".join(item.section)
                out.append(f"    {where + ' ' if where else ''}{item.title}：{item.formula()}")
        out.append("")
    if len(result.teams) > 1:
        out += ["合并（全部测算单位）：", *_totals_lines(result.consolidated, s.value), ""]
    if result.shares:
        sh = result.shares
        out.append(
            f"重点检查占比 {jnum(sh.key)}%，一般检查占比 {jnum(sh.general)}%（按{BASE_LABELS[sh.base]}，"
            f"{number_text(sh.key_count)} / {number_text(sh.general_count)}）"
        )
    if findings:
        out += ["", f"提示（{len(findings)} 条；完整审查用 anjian review）："] + [
            finding_line(f) for f in findings
        ]
    return "\n".join(out)


class Command(BaseCommand):
    help = "按工作日测算录入文件（TOML 或 xlsx 模板）计算总法定、监督检查、其他执法、非执法工作日和加班"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="测算文件（.toml 或 .xlsx）；多个文件合为一个计划")
        parser.add_argument("--pack", help="规则包（默认取文件中的 pack，否则 national）")
        parser.add_argument(
            "--json", action="store_true", help="输出 JSON（整数打印为数字，非整数打印为字符串）"
        )
        parser.add_argument("--template", metavar="OUT.xlsx", help="写出空白 xlsx 录入模板")
        parser.add_argument("--xlsx", metavar="OUT.xlsx", help="把读入的测算写成 xlsx 模板格式")

    def handle(self, *args, files, pack, json: bool, template, xlsx, **options):
        if template:
            write_atomic(Path(template), write_xlsx())
            self.stdout.write(f"已写出空白模板 {template}")
            return
        if not files:
            raise CommandError(
                "请给出测算文件，例如 anjian workdays data/samples/lvliang-2024/workdays-bureau.toml"
            )
        sheet, loaded = load_for_command(files, pack)
        result = compute_for_command(sheet, loaded)
        findings = review_result(result, loaded, ARITHMETIC_CHECKS)
        if xlsx:
            write_atomic(Path(xlsx), write_xlsx(sheet))
        if json:
            data = sheet_json(result, loaded.id)
            data["findings"] = [finding_json(f) for f in findings]
            self.stdout.write(dumps(data))
            return
        self.stdout.write(text_report(result, loaded, findings))
