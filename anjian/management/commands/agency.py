"""`anjian agency add --code C --name 全称 --level L [--parent P] [--province 省] [--doc-prefix 代字] [--pack P]`
and `anjian agency list [--json]`: the first step of onboarding a bureau, before `createadmin`."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from anjian.management.chinese_usage import chinese_errors
from anjian.registry.agencies import (
    LEVEL_LABELS,
    AgencyInput,
    agency_as_dict,
    agency_create,
    validation_messages,
)
from anjian.registry.models import Agency

ADD_NEEDS = "新增部门需要 --code（代号）、--name（全称）和 --level（province/city/county/district）"
ADDED = "已新增{level_label}部门：{name}（代号 {code}，{province}，规则包 {pack}）"


class Command(BaseCommand):
    help = "应急管理部门：新增（add）、列出（list）"

    def create_parser(self, prog_name, subcommand, **kwargs):
        return chinese_errors(super().create_parser(prog_name, subcommand, **kwargs))

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["add", "list"], metavar="add|list", help="add 新增；list 列出")
        parser.add_argument("--code", default="", help="代号（字母、数字、-），命令行中使用，如 heping")
        parser.add_argument("--name", default="", help="全称，如 沈阳市和平区应急管理局")
        parser.add_argument("--level", default="", choices=sorted(LEVEL_LABELS), help="层级")
        parser.add_argument("--parent", default="", help="上级部门的代号或全称")
        parser.add_argument("--province", default="", help="所在省份（有上级部门时可省略）")
        parser.add_argument("--doc-prefix", default="", help="发文机关代字，如 和应急发")
        parser.add_argument("--pack", default="", help="规则包（默认取本省规则包，没有则用国家规则）")
        parser.add_argument("--short-name", default="", help="简称，如 区应急局")
        parser.add_argument("--region-code", default="", help="行政区划代码（6 位）")
        parser.add_argument("--government", default="", help="本级人民政府，如 沈阳市和平区人民政府")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, action, **o):
        if action == "list":
            rows = [agency_as_dict(a) for a in Agency.objects.select_related("parent").order_by("code")]
            if o["json"]:
                self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            elif not rows:
                self.stdout.write("尚无应急管理部门，请先用 anjian agency add 新增")
            for r in [] if o["json"] else rows:
                self.stdout.write(
                    f"{r['code']}\t{r['name']}\t{r['level_label']}\t{r['province']}\t上级 {r['parent'] or '无'}"
                    f"\t规则包 {r['pack']}\t发文机关代字 {r['doc_prefix'] or '未设'}"
                )
            return
        if not (o["code"] and o["name"] and o["level"]):
            raise CommandError(ADD_NEEDS)
        data = AgencyInput(
            code=o["code"], name=o["name"], level=o["level"], parent=o["parent"], province=o["province"],
            doc_prefix=o["doc_prefix"], pack=o["pack"], short_name=o["short_name"],
            region_code=o["region_code"], approving_government=o["government"],
        )  # fmt: skip
        try:
            agency = agency_create(data=data)
        except ValidationError as e:
            for message in validation_messages(e):
                self.stderr.write(message)
            raise CommandError("未新增部门") from e
        row = agency_as_dict(agency)
        if o["json"]:
            self.stdout.write(json.dumps(row, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(ADDED.format(**row))
