"""双随机 draws (docs/business-rules.md §7): quotas round up, eligible inspectors only, replayable, verifiable records."""

import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anjian.planning.classify import Severity
from anjian.planning.draw_record import (
    DRAW_RECORD_INVALID,
    DRAW_RECORD_MISSING_FIELD,
    DRAW_RECORD_NOT_JSON,
    DRAW_SEED_MISMATCH,
    DrawRecordError,
    draw_record_from_json,
    draw_record_to_json,
    verify_draw,
)
from anjian.planning.facts import Officer
from anjian.planning.lottery import DRAW_TOO_FEW_OFFICERS, Recusal, commitment, draw, pool_digest, replay
from anjian.planning.quotas import (
    DRAW_QUOTA_EXCEEDS_POOL,
    PoolEntry,
    QuotaRule,
    StratumQuota,
    quota_rules,
    resolve_quotas,
)
from anjian.planning.rules import load_pack

DAY = dt.date(2025, 3, 3)
SEED = "5eed" * 16
MAIN = Path(__file__).resolve().parents[2]


def pool(n=40, strata=("危险化学品", "冶金工贸")):
    return [
        PoolEntry(i, f"企业{i}", strata[i % len(strata)], district_code="141122") for i in range(1, n + 1)
    ]


def officers(n=6, **kw):
    return [
        Officer(i, 1, f"执法员{i}", f"14000{i:04d}", dt.date(2027, 12, 31), **kw) for i in range(1, n + 1)
    ]


def quotas_for(entries, n):
    sizes = {}
    for p in entries:
        sizes[p.stratum] = sizes.get(p.stratum, 0) + 1
    return [StratumQuota(s, size, min(n, size), minimum=n) for s, size in sizes.items()]


def run(entries=None, quotas=None, seed=SEED, staff=None, recusals=(), avoid=False):
    entries = pool() if entries is None else entries
    return draw(
        entries,
        quotas_for(entries, 3) if quotas is None else quotas,
        seed,
        officers=officers() if staff is None else staff,
        recusals=recusals,
        draw_date=DAY,
        inspectors_per_unit=2,
        scope="intra",
        operator="张三",
        avoid_repeat_pairs=avoid,
    )


def test_same_inputs_give_a_bit_identical_record():
    a, b = run(), run(entries=list(reversed(pool())), staff=list(reversed(officers())))
    assert draw_record_to_json(a.record) == draw_record_to_json(b.record)
    assert a.record.commitment == hashlib.sha256(SEED.encode()).hexdigest()


def h(message: str) -> str:
    return hmac.new(SEED.encode(), message.encode(), hashlib.sha256).hexdigest()


def test_draw_follows_the_documented_hmac_algorithm_so_anyone_can_replay_it():
    """Re-implements steps 3 and 4 of the lottery.py docstring with hashlib alone."""
    record = run().record
    digest = pool_digest(record.pool)
    for stratum in ("冶金工贸", "危险化学品"):
        members = [p.enterprise_id for p in record.pool if p.stratum == stratum]
        keys = sorted((h(f"{digest}|{stratum}|{eid}"), eid) for eid in members)
        assert [u.enterprise_id for u in record.result if u.stratum == stratum] == [
            eid for _, eid in keys[:3]
        ]
    for unit in record.result:
        order = [o.officer_id for o in record.officers]
        for i in range(2):
            j = i + int(h(f"{digest}|{record.inspector_digest}|{unit.enterprise_id}|{i}"), 16) % (
                len(order) - i
            )
            order[i], order[j] = order[j], order[i]
        assert unit.officer_ids == tuple(order[:2])


def test_ratio_quotas_round_up_and_a_bureau_may_ask_for_more():
    """Not less than rounds up: 1 % of 101 → 2; 5 % of 140 → 7 (the Lüliang 2024 plan); 35 asked > minimum 3."""
    entries = [PoolEntry(i, f"企业{i}", "非煤矿山") for i in range(101)]
    entries += [PoolEntry(1000 + i, f"煤矿{i}", "煤矿") for i in range(140)]
    entries += [PoolEntry(2000 + i, f"危化{i}", "危险化学品") for i in range(60)]
    rules = [
        QuotaRule("a", "x", None, Decimal("0.01"), 3, "s"),
        QuotaRule("b", "x", "煤矿", Decimal("0.05"), 0, "s"),
    ]
    quotas, findings = resolve_quotas(entries, rules, {"危险化学品": 35})
    assert {q.stratum: q.n for q in quotas} == {"非煤矿山": 3, "煤矿": 7, "危险化学品": 35}
    assert findings == ()
    quotas, _ = resolve_quotas(entries, [QuotaRule("a", "x", None, Decimal("0.01"), 0, "s")])
    assert {q.stratum: q.n for q in quotas} == {"非煤矿山": 2, "煤矿": 2, "危险化学品": 1}


def test_pack_quotas_give_three_per_sector_and_a_small_pool_is_drawn_whole():
    rules = quota_rules(load_pack("shanxi"), "intra")
    assert [(r.minimum, r.ratio) for r in rules] == [(3, None)]
    assert [r.ratio for r in quota_rules(load_pack("lvliang"), "coal")] == [Decimal("0.05")]
    quotas, findings = resolve_quotas([PoolEntry(1, "甲", "冶金工贸"), PoolEntry(2, "乙", "冶金工贸")], rules)
    assert quotas[0].n == 2 and "吕梁市应急管理局2024年度安全生产监督检查计划" in quotas[0].basis
    assert findings[0].message == DRAW_QUOTA_EXCEEDS_POOL.format(stratum="冶金工贸", size=2, n=3)


def test_every_drawn_unit_gets_two_certified_officers():
    outcome = run()
    assert len(outcome.record.result) == 6 and outcome.findings == ()
    assert all(len(set(u.officer_ids)) == 2 for u in outcome.record.result)


def test_recused_and_expired_officers_are_never_sent():
    first = run().record.result[0]
    staff = officers(4) + [Officer(9, 1, "过期", "140009999", dt.date(2025, 3, 2)), Officer(8, 1, "无证", "")]
    recusals = [Recusal(first.officer_ids[0], first.enterprise_id, "近亲属在该企业任职")]
    record = run(staff=staff, recusals=recusals).record
    unit = next(u for u in record.result if u.enterprise_id == first.enterprise_id)
    assert first.officer_ids[0] not in unit.officer_ids
    assert all(not {8, 9} & set(u.officer_ids) for u in record.result)
    reasons = {(x.officer_id, x.enterprise_id, x.code) for x in record.exclusions}
    assert {
        (9, None, "certificate_expired"),
        (8, None, "not_certified"),
        (first.officer_ids[0], first.enterprise_id, "recusal"),
    } <= reasons


def test_fewer_than_two_eligible_officers_is_a_finding_naming_the_unit():
    entries = [PoolEntry(7, "山西某化工有限公司", "危险化学品")]
    staff = officers(2)
    outcome = run(
        entries=entries,
        quotas=quotas_for(entries, 1),
        staff=staff,
        recusals=[Recusal(1, 7, "曾在该企业任职")],
    )
    (finding,) = outcome.findings
    assert finding.severity == Severity.ERROR and finding.enterprise_id == 7
    assert finding.message == DRAW_TOO_FEW_OFFICERS.format(
        name="山西某化工有限公司", stratum="危险化学品", available=1, required=2
    )


def test_repeated_pairs_are_avoided_when_asked():
    record = run(
        entries=pool(12, ("甲",)), quotas=quotas_for(pool(12, ("甲",)), 3), staff=officers(3), avoid=True
    ).record
    pairs = [frozenset(u.officer_ids) for u in record.result]
    assert len(set(pairs)) == 3


def test_untouched_record_verifies_also_against_the_published_values():
    record = draw_record_from_json(draw_record_to_json(run().record))
    assert (
        verify_draw(record, published_commitment=commitment(SEED), published_pool_digest=record.pool_digest)
        == []
    )


def test_altered_pool_is_detected():
    record = run().record
    changed = dataclasses.replace(
        record, pool=(dataclasses.replace(record.pool[0], name="换了名字"), *record.pool[1:])
    )
    assert [f.code for f in verify_draw(changed)] == ["draw_pool_tampered"]
    redigested = dataclasses.replace(changed, pool_digest=pool_digest(changed.pool))
    codes = [f.code for f in verify_draw(redigested, published_pool_digest=record.pool_digest)]
    assert codes[0] == "draw_pool_not_published" and "draw_result_mismatch" in codes


def test_altered_result_is_detected():
    record = run().record
    drawn = {u.enterprise_id for u in record.result}
    outsider = next(
        p for p in record.pool if p.enterprise_id not in drawn and p.stratum == record.result[0].stratum
    )
    forged = dataclasses.replace(record.result[0], enterprise_id=outsider.enterprise_id)
    codes = [f.code for f in verify_draw(dataclasses.replace(record, result=(forged, *record.result[1:])))]
    assert codes == ["draw_result_mismatch", "draw_result_digest_mismatch"]


def test_wrong_seed_is_detected():
    record = run().record
    findings = verify_draw(dataclasses.replace(record, seed="0" * 64))
    assert findings[0].message == DRAW_SEED_MISMATCH.format(
        actual=commitment("0" * 64), commitment=record.commitment
    )
    assert "draw_result_mismatch" in [f.code for f in findings]


def test_altered_quota_is_detected():
    record = run().record
    quotas = (dataclasses.replace(record.quotas[0], n=1), *record.quotas[1:])
    assert "draw_quota_mismatch" in [f.code for f in verify_draw(dataclasses.replace(record, quotas=quotas))]


def test_malformed_record_file_raises_a_chinese_error():
    with pytest.raises(DrawRecordError) as err:
        draw_record_from_json('{"scope": "intra"}')
    assert str(err.value) == DRAW_RECORD_MISSING_FIELD.format(field="officers")
    with pytest.raises(DrawRecordError) as err:
        draw_record_from_json('{"scope": "intra",\n "seed": }')
    assert str(err.value) == DRAW_RECORD_NOT_JSON.format(line=2, column=10)
    record = json.loads(draw_record_to_json(run().record))
    record["quotas"][0]["ratio"] = "百分之五"
    with pytest.raises(DrawRecordError) as err:
        draw_record_from_json(json.dumps(record, ensure_ascii=False))
    assert str(err.value).startswith(DRAW_RECORD_INVALID.format(error=""))


@settings(max_examples=40, deadline=None)
@given(
    ids=st.sets(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=30),
    strata=st.lists(
        st.sampled_from(["煤矿", "非煤矿山", "危险化学品", "冶金工贸"]), min_size=30, max_size=30
    ),
    seed=st.text(min_size=1, max_size=40),
    n=st.integers(min_value=0, max_value=5),
    staff=st.integers(min_value=0, max_value=5),
)
def test_replay_is_deterministic_and_verifies(ids, strata, seed, n, staff):
    entries = [PoolEntry(i, f"企业{i}", strata[k]) for k, i in enumerate(sorted(ids))]
    outcome = run(entries=entries, quotas=quotas_for(entries, n), seed=seed, staff=officers(staff))
    again = run(
        entries=list(reversed(entries)), quotas=quotas_for(entries, n), seed=seed, staff=officers(staff)
    )
    assert outcome.record == again.record
    assert replay(outcome.record)[0] == outcome.record.result
    assert verify_draw(draw_record_from_json(draw_record_to_json(outcome.record))) == []


def test_draw_verify_command_exits_1_on_a_tampered_record(tmp_path):
    good = tmp_path / "draw.json"
    good.write_text(draw_record_to_json(run().record), encoding="utf-8")
    cmd = [sys.executable, "-m", "anjian.manage", "draw", "verify"]
    ok = subprocess.run([*cmd, str(good), "--json"], capture_output=True, text=True, cwd=MAIN, check=False)
    assert ok.returncode == 0 and json.loads(ok.stdout)["ok"] is True
    bad = tmp_path / "bad.json"
    bad.write_text(good.read_text(encoding="utf-8").replace('企业1"', '企业一"'), encoding="utf-8")
    failed = subprocess.run([*cmd, str(bad), "--json"], capture_output=True, text=True, cwd=MAIN, check=False)
    assert failed.returncode == 1
    assert [f["code"] for f in json.loads(failed.stdout)["findings"]] == ["draw_pool_tampered"]
    human = subprocess.run([*cmd, str(bad)], capture_output=True, text=True, cwd=MAIN, check=False)
    assert human.returncode == 1 and "名录库快照与记录的摘要不符" in human.stdout
