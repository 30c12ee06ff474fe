"""`anjian draw verify FILE.json [--json] [--commitment H] [--pool-digest H]`: replay a 双随机 record.

Reads a record written by `draw_record_to_json`, replays it (`planning.draw_record.verify_draw`) and prints
the verdict with every problem found. `--commitment` / `--pool-digest` are the values published before the
draw; when given, the record must carry the same. Exit status 1 when the record cannot be read or does not
verify; with `--json` the verdict is still printed to stdout first.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from anjian.planning.draw_record import DrawRecordError, draw_record_from_json, verify_draw

VERIFY_OK = "抽取记录复核通过：种子与承诺值相符，名录库、执法人员库和抽取结果均可按记录重放"
VERIFY_FAILED = "抽取记录复核未通过：发现 {count} 项问题"
RECORD_NOT_FOUND = "找不到抽取记录文件 {path}"
SUMMARY = "抽取范围 {scope}，抽取日期 {date}，名录库 {pool} 户，抽中 {drawn} 户，操作人 {operator}"
DIGESTS = "承诺值 {commitment}\n名录库摘要 {pool_digest}\n结果摘要 {result_digest}"
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


class Command(BaseCommand):
    help = "复核双随机抽取记录（重放抽取并核对种子承诺值、名录库摘要和抽取结果）"

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, title="操作")
        verify = actions.add_parser("verify", help="复核一份抽取记录（JSON）")
        verify.add_argument("file", help="抽取记录文件（JSON）")
        verify.add_argument("--json", action="store_true", help="以 JSON 输出复核结果")
        verify.add_argument("--commitment", help="抽取前公布的种子承诺值（SHA-256）")
        verify.add_argument("--pool-digest", help="抽取前公布的名录库摘要（SHA-256）")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(RECORD_NOT_FOUND.format(path=path), returncode=1)
        try:
            record = draw_record_from_json(path.read_text(encoding="utf-8"))
        except (DrawRecordError, UnicodeDecodeError) as error:
            raise CommandError(str(error), returncode=1) from error
        findings = verify_draw(
            record, published_commitment=options["commitment"], published_pool_digest=options["pool_digest"]
        )
        verdict = VERIFY_FAILED.format(count=len(findings)) if findings else VERIFY_OK
        if options["json"]:
            payload = {
                "ok": not findings,
                "file": str(path),
                "scope": record.scope,
                "draw_date": record.draw_date.isoformat(),
                "commitment": record.commitment,
                "pool_digest": record.pool_digest,
                "result_digest": record.result_digest,
                "pool_size": len(record.pool),
                "drawn": [u.enterprise_id for u in record.result],
                "findings": [
                    {"code": f.code, "label": f.label, "severity": f.severity.value, "message": f.message}
                    for f in findings
                ],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            summary = SUMMARY.format(
                scope=record.scope, date=record.draw_date.isoformat(), pool=len(record.pool),
                drawn=len(record.result), operator=record.operator or "未记录",
            )  # fmt: skip
            self.stdout.write(summary)
            digests = DIGESTS.format(
                commitment=record.commitment,
                pool_digest=record.pool_digest,
                result_digest=record.result_digest,
            )
            self.stdout.write(digests)
            for f in findings:
                self.stdout.write(f"[{SEVERITY_LABELS[f.severity.value]}] {f.label}：{f.message}")
            self.stdout.write(verdict)
        if findings:
            raise CommandError(verdict, returncode=1)
