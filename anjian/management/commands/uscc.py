"""`anjian uscc CODE... [--json]`: check unified social credit codes against GB 32100-2015."""

import json

from django.core.management.base import BaseCommand, CommandError

from anjian.planning.uscc import check_uscc, normalize, region_code

USCC_SOME_INVALID = "{count} 个统一社会信用代码无效"


def report(code: str) -> dict[str, object]:
    problems = check_uscc(code)
    clean = normalize(code)
    region = region_code(clean) if len(clean) >= 8 and clean[2:8].isdigit() else ""
    return {
        "input": code,
        "code": clean,
        "valid": not any(p.blocking for p in problems),
        "region_code": region,
        "problems": [{"code": p.code, "message": p.message, "blocking": p.blocking} for p in problems],
    }


class Command(BaseCommand):
    help = "校验统一社会信用代码（GB 32100-2015）：逐个输出是否有效、问题说明和登记管理机关行政区划代码"

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="+", metavar="CODE", help="统一社会信用代码，可一次给多个")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **options):
        reports = [report(code) for code in options["codes"]]
        if options["json"]:
            self.stdout.write(json.dumps(reports, ensure_ascii=False, indent=2))
        else:
            for r in reports:
                status = "有效" if r["valid"] else "无效"
                region = f"  行政区划代码 {r['region_code']}" if r["region_code"] else ""
                self.stdout.write(f"{r['code'] or r['input']}  {status}{region}")
                for p in r["problems"]:
                    self.stdout.write(f"  {'✗' if p['blocking'] else '!'} {p['message']}")
        invalid = sum(1 for r in reports if not r["valid"])
        if invalid:
            raise CommandError(USCC_SOME_INVALID.format(count=invalid), returncode=1)
