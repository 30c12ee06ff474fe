"""`anjian audit verify`: walk the hash chain of the audit log and name every edited or deleted row."""

import json

from django.core.management.base import BaseCommand, CommandError

from anjian.audit.chain import verify_chain

AUDIT_CHAIN_OK = "审计日志完整：共 {count} 条，哈希链无断裂；最新哈希 {head}"


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链，发现被修改或删除的记录"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="校验哈希链")
        verify.add_argument("--head", help="另行登记的最新哈希；用于发现末尾记录被删除")
        verify.add_argument("--json", action="store_true")

    def handle(self, *args, action, head=None, json=False, **options):  # the --json flag
        count, head_hash, problems = verify_chain(expected_head=head)
        if json:
            self.stdout.write(_dumps(count, head_hash, problems))
        else:
            for p in problems:
                self.stdout.write(f"[{p.code}] {p.message}")
            if not problems:
                self.stdout.write(AUDIT_CHAIN_OK.format(count=count, head=head_hash))
        if problems:
            raise CommandError(f"审计日志校验未通过：{len(problems)} 处问题")


def _dumps(count, head, problems) -> str:
    body = {
        "ok": not problems, "events": count, "head": head,
        "problems": [{"code": p.code, "event_id": p.event_id, "message": p.message} for p in problems],
    }  # fmt: skip
    return json.dumps(body, ensure_ascii=False, indent=2)
