"""`anjian rules list | check PACK | show PACK [--unverified] [--json]`: inspect rule packs and their citations."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from anjian.planning.rules import MARKS, RulePackError, available_packs, load_pack


class Command(BaseCommand):
    help = "查看和检查规则包（每条规则的取值、出处和核实标记）"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "check", "show"])
        parser.add_argument("pack", nargs="?", default="national")
        parser.add_argument("--unverified", action="store_true", help="只列出未核实（S/U）的规则")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, action, pack, unverified, json: bool, **options):
        dirs = settings.ANJIAN_RULESET_DIRS
        if action == "list":
            packs = available_packs(dirs)
            self.stdout.write(_dumps(packs) if json else "\n".join(packs))
            return
        try:
            loaded = load_pack(pack, dirs)
        except RulePackError as e:
            for _, message in e.problems:
                self.stderr.write(message)
            raise CommandError(f"规则包 {pack} 有 {len(e.problems)} 处问题") from e
        rules = loaded.unverified() if unverified else list(loaded.rules.values())
        if json:
            self.stdout.write(
                _dumps(
                    {
                        "pack": loaded.id,
                        "chain": loaded.chain,
                        "rules": [
                            {
                                "key": r.key,
                                "value": r.value,
                                "source": r.source,
                                "mark": r.mark,
                                "pack": r.pack,
                                "note": r.note,
                            }
                            for r in rules
                        ],
                    }
                )
            )
            return
        if action == "check":
            counts = {m: sum(1 for r in loaded.rules.values() if r.mark == m) for m in MARKS}
            self.stdout.write(
                f"规则包 {loaded.id}（{loaded.name}）继承链 {' → '.join(loaded.chain)}：共 {len(loaded.rules)} 条规则，"
                f"已核实 {counts['V']}、实践 {counts['S']}、未核实 {counts['U']}，全部带出处。"
            )
            return
        for r in rules:
            self.stdout.write(
                f"{r.key} = {r.value!r}\n    出处：{r.source}〔{r.mark}：{MARKS[r.mark]}〕（{r.pack}）"
            )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
