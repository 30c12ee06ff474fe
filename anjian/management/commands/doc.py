"""`anjian doc check FILE.docx [--json]`: check any DOCX against GB/T 9704-2012 (page, grid, fonts, page
numbers, annex labels, 版头, 发文字号, 署名/成文日期, 版记); exit status 1 when something is off."""

import json
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from anjian.documents.frame_check import check_document

DOC_NOT_FOUND = "文件不存在：{file}"
DOC_NOT_DOCX = "{file} 不是 Word 文档（.docx），无法检查"
DOC_PASSED = "{file}：符合 GB/T 9704-2012 的各项检查"
DOC_FAILED = "{file}：{count} 处不符合 GB/T 9704-2012"


class Command(BaseCommand):
    help = "按 GB/T 9704-2012 检查公文 DOCX：纸张、页边距、版心行数字数、各级字体、页码、附件标注、版头、发文字号、落款、版记"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["check"])
        parser.add_argument("file", metavar="FILE.docx")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, action, file, json: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(DOC_NOT_FOUND.format(file=file))
        try:
            findings = check_document(path.read_bytes())
        except (zipfile.BadZipFile, KeyError, ValueError) as e:
            raise CommandError(DOC_NOT_DOCX.format(file=path.name)) from e
        if json:
            rows = [{"code": f.code, "location": f.location, "message": f.message} for f in findings]
            self.stdout.write(_dumps({"file": str(path), "passed": not findings, "findings": rows}))
        elif findings:
            for f in findings:
                self.stdout.write(f"  ✗ {f.message}")
        else:
            self.stdout.write(DOC_PASSED.format(file=path.name))
        if findings:
            raise CommandError(DOC_FAILED.format(file=path.name, count=len(findings)), returncode=1)


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
