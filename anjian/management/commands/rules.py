"""`anjian rules list | check [PACK] | show PACK [--unverified] [--json] | new 省名 --from PACK`.

Inspect rule packs and their citations; `check` also refuses sources that cite no legal or official document;
`new` scaffolds a provincial overlay (every rule copied with mark U) in the bureau's own rule-pack folder.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from anjian.planning.rule_sources import (
    OVERLAY_EXISTS,
    PROVINCE_IDS,
    overlay_files,
    pack_dir,
    source_problems,
)
from anjian.planning.rules import MARKS, RulePackError, available_packs, load_pack

NEW_NEEDS_ID = "请用 --id 给出新规则包的代号（英文小写字母），如 --id henan"
NEW_DONE = "已在 {folder} 建立规则包 {pack}（{name}，继承 {base}）：{count} 条规则均标为未核实（U），请逐条核对后修改"


class Command(BaseCommand):
    help = "查看和检查规则包（每条规则的取值、出处和核实标记）"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "check", "show", "new"], help="操作")
        parser.add_argument("pack", nargs="?", default="", help="规则包代号；new：省名，如 河南省")
        parser.add_argument("--from", dest="base", default="national", help="new：以哪个规则包为底本")
        parser.add_argument("--id", dest="new_id", default="", help="new：新规则包代号（省名可自动对应）")
        parser.add_argument("--out", default="", help="new：建在哪个目录（默认本局规则包目录）")
        parser.add_argument("--unverified", action="store_true", help="只列出未核实（S/U）的规则")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, action, pack, unverified, json: bool, **options):
        dirs = settings.ANJIAN_RULESET_DIRS
        if action == "list":
            packs = available_packs(dirs)
            self.stdout.write(_dumps(packs) if json else "\n".join(packs))
            return
        if action == "new":
            return self._new(pack, options, dirs)
        if action == "check" and not pack:
            failed = []
            for each in available_packs(dirs):
                try:
                    self.handle(action="check", pack=each, unverified=False, json=False)
                except CommandError as e:
                    failed.append(str(e))
            if failed:
                raise CommandError("；".join(failed))
            return
        pack = pack or "national"
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
            problems = source_problems(loaded)
            for _, message in problems:
                self.stderr.write(message)
            if problems:
                raise CommandError(f"规则包 {pack} 有 {len(problems)} 条规则的出处不是法规或公文")
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

    def _new(self, province, options, dirs):
        if not province:
            raise CommandError("请给出省名，如：anjian rules new 河南省 --from national")
        new_id = options["new_id"] or PROVINCE_IDS.get(province, "")
        if not new_id:
            raise CommandError(NEW_NEEDS_ID)
        try:
            base = load_pack(options["base"], dirs)
            base_folder = pack_dir(options["base"], dirs)
        except RulePackError as e:
            raise CommandError(str(e)) from e
        root = Path(options["out"]) if options["out"] else (dirs[0] if dirs else Path("rulesets"))
        folder = root / new_id
        if folder.exists():
            raise CommandError(OVERLAY_EXISTS.format(pack=new_id, folder=folder))
        folder.mkdir(parents=True)
        for name, text in overlay_files(new_id, province, province, base, base_folder).items():
            (folder / name).write_text(text, "utf-8")
        loaded = load_pack(new_id, [root, *dirs])
        count = sum(1 for r in loaded.rules.values() if r.pack == new_id)
        self.stdout.write(
            NEW_DONE.format(folder=folder, pack=new_id, name=province, base=base.id, count=count)
        )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
