"""`anjian review FILE [FILE ...] [--pack P] [--json]`: plan review (计划审查) of a workday sheet: printed
sums, categories, shares, staffing, lump sums, missing factors, plan counts and quarter windows.
`anjian review --agency A --year Y` lists every finding stored with the current version of a compiled plan
(classification, frequencies and caps, draw, workday sheets and their review)."""

from django.core.management.base import BaseCommand, CommandError

from anjian.management.commands.workdays import compute_for_command, dumps, finding_line, load_for_command
from anjian.planning.review import review_result
from anjian.planning.review.findings import SEVERITY_LABELS, SEVERITY_ORDER, Severity, finding_json

SUMMARY = "{title}（规则包 {pack}）审查：错误 {error} 条，警告 {warning} 条，提示 {info} 条"
REVIEW_HAS_ERRORS = "审查发现 {error} 处错误（见上），请改正后重新审查"


class Command(BaseCommand):
    help = "审查工作日测算和计划数字：合计、类别、占比、人员、总量估算、缺项、检查时间"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="测算文件（.toml 或 .xlsx）；多个文件合为一个计划")
        parser.add_argument("--agency", help="审查已编制计划的当前版本（部门代号）")
        parser.add_argument("--year", type=int)
        parser.add_argument("--pack", help="规则包（默认取文件中的 pack，否则 national）")
        parser.add_argument("--json", action="store_true")
        parser.add_argument(
            "--severity", choices=[s.value for s in Severity], help="只列出该级别及更严重的问题"
        )

    def handle(self, *args, **options):
        """Exit status 1 when the review reports an error (the findings are printed first)."""
        counts = self.review(**options)
        if counts.get("error"):
            raise CommandError(REVIEW_HAS_ERRORS.format(error=counts["error"]), returncode=1)

    def review(self, *, files, pack, json: bool, severity, agency, year, **options) -> dict[str, int]:
        if agency or not files:
            return self.plan_findings(agency, year, json, severity)
        sheet, loaded = load_for_command(files, pack)
        result = compute_for_command(sheet, loaded)
        findings = review_result(result, loaded)
        if severity:
            limit = SEVERITY_ORDER[Severity(severity)]
            findings = tuple(f for f in findings if SEVERITY_ORDER[f.severity] <= limit)
        counts = {s.value: sum(f.severity == s for f in findings) for s in Severity}
        if json:
            self.stdout.write(
                dumps(
                    {
                        "year": sheet.year,
                        "pack": loaded.id,
                        "counts": counts,
                        "findings": [finding_json(f) for f in findings],
                    }
                )
            )
            return counts
        title = f"{sheet.agency or sheet.title} {sheet.year} 年"
        self.stdout.write(SUMMARY.format(title=title, pack=loaded.id, **counts))
        for s in Severity:
            group = [f for f in findings if f.severity == s]
            if group:
                self.stdout.write(f"\n{SEVERITY_LABELS[s]}（{len(group)}）")
                self.stdout.write("\n".join(finding_line(f) for f in group))
        return counts

    def plan_findings(self, agency, year, json: bool, severity) -> dict[str, int]:
        from anjian.plans.selectors import PlanNotFound, version_current
        from anjian.registry.selectors import AgencyNotFound, agency_get

        if not year:
            raise CommandError("请给出测算文件，或用 --agency 与 --year 指定已编制的计划")
        try:
            version = version_current(agency=agency_get(agency), year=year)
        except (AgencyNotFound, PlanNotFound) as e:
            raise CommandError(str(e)) from e
        findings = sorted(version.findings.all(), key=lambda f: SEVERITY_ORDER[Severity(f.severity)])
        if severity:
            limit = SEVERITY_ORDER[Severity(severity)]
            findings = [f for f in findings if SEVERITY_ORDER[Severity(f.severity)] <= limit]
        counts = {s.value: sum(f.severity == s.value for f in findings) for s in Severity}
        rows = [
            {
                "source": f.source,
                "code": f.code,
                "label": f.label,
                "severity": f.severity,
                "where": f.where,
                "message": f.message,
                "basis": f.basis,
            }
            for f in findings
        ]
        if json:
            self.stdout.write(
                dumps({"year": year, "version": version.number, "counts": counts, "findings": rows})
            )
            return counts
        self.stdout.write(
            SUMMARY.format(title=f"{version.plan} 第{version.number}版", pack=version.ruleset, **counts)
        )
        for r in rows:
            label = SEVERITY_LABELS[Severity(r["severity"])]
            self.stdout.write(f"  [{label}] {r['label']}  {r['where']}\n      {r['message']}")
        return counts
