"""The draw's published details: canonical JSON and digests anyone can recompute, eligibility on the last day of
a certificate, exclusions with their reasons, and each finding in full."""

import dataclasses
import datetime as dt
import hashlib
import json
import re

from anjian.planning.facts import Officer
from anjian.planning.findings import Finding, Severity
from anjian.planning.lottery import (
    DRAW_REPEAT_PAIR,
    DRAW_TOO_FEW_OFFICERS,
    EXCLUSION_REASONS,
    Inspector,
    OfficerExclusion,
    Recusal,
    canonical,
    commitment,
    digest,
    inspector_digest,
    make_seed,
    pool_digest,
)
from anjian.planning.quotas import PoolEntry

from .test_lottery import DAY, officers, pool, quotas_for, run


def test_canonical_json_is_sorted_compact_utf8_with_iso_dates():
    value = {"b": (1, dt.date(2025, 3, 3)), "a": PoolEntry(7, "某公司", "煤矿"), "c": [{"y": 1, "x": None}]}
    text = canonical(value).decode("utf-8")
    assert text == (
        '{"a":{"district_code":"","enterprise_id":7,"name":"某公司","stratum":"煤矿","uscc":""},'
        '"b":[1,"2025-03-03"],"c":[{"x":null,"y":1}]}'
    )
    assert digest(value) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_digests_do_not_depend_on_input_order():
    entries = pool(6)
    assert pool_digest(entries) == pool_digest(list(reversed(entries)))
    staff = [Inspector.of(o) for o in officers(3)]
    recusals = [Recusal(1, 2, "亲属"), Recusal(1, 1, "亲属")]
    assert inspector_digest(staff, recusals) == inspector_digest(
        list(reversed(staff)), list(reversed(recusals))
    )
    assert inspector_digest(staff, recusals) != inspector_digest(staff, recusals[:1])


def test_a_fresh_seed_is_256_random_bits_and_its_commitment_is_its_sha256():
    a, b = make_seed(), make_seed()
    assert re.fullmatch(r"[0-9a-f]{64}", a) and a != b
    assert commitment(a) == hashlib.sha256(a.encode("utf-8")).hexdigest()


def test_an_officer_is_eligible_through_the_last_day_of_the_certificate():
    staff = [Officer(1, 1, "甲", "C1", DAY), Officer(2, 1, "乙", "C2", DAY), Officer(3, 1, "丙", "C3", DAY - dt.timedelta(days=1)),
             Officer(4, 1, "丁", "C4", None, enforcement_eligible=False)]  # fmt: skip
    record = run(staff=staff).record
    assert all(set(u.officer_ids) == {1, 2} for u in record.result)
    assert record.exclusions[:2] == (
        OfficerExclusion(3, None, "certificate_expired", EXCLUSION_REASONS["certificate_expired"]),
        OfficerExclusion(4, None, "not_certified", EXCLUSION_REASONS["not_certified"]),
    )
    assert Inspector.of(staff[3]) == Inspector(4, "丁", "C4", None, False)


def test_each_recusal_is_recorded_at_its_unit_with_its_reason():
    first = run().record.result[0]
    recusal = Recusal(first.officer_ids[0], first.enterprise_id, "近亲属在该企业任职")
    record = run(recusals=[recusal]).record
    assert (
        OfficerExclusion(recusal.officer_id, first.enterprise_id, "recusal", "近亲属在该企业任职")
        in record.exclusions
    )
    assert [x for x in record.exclusions if x.code == "recusal"] == [
        OfficerExclusion(recusal.officer_id, first.enterprise_id, "recusal", "近亲属在该企业任职")
    ]


def test_too_few_officers_and_unavoidable_repeat_pairs_are_findings_in_full():
    entries = pool(4, ("甲",))
    outcome = run(entries=entries, quotas=quotas_for(entries, 4), staff=officers(2), avoid=True)
    names = {p.enterprise_id: p.name for p in entries}
    repeats = [f for f in outcome.findings if f.code == "draw_repeat_pair"]
    assert repeats == [
        Finding("draw_repeat_pair", Severity.INFO, "", DRAW_REPEAT_PAIR.format(name=names[u.enterprise_id], stratum="甲"),
                source="draw", enterprise_id=u.enterprise_id)
        for u in outcome.record.result[1:]
    ]  # fmt: skip
    alone = run(entries=entries[:1], quotas=quotas_for(entries[:1], 1), staff=officers(1))
    assert alone.findings == (
        Finding("draw_too_few_officers", Severity.ERROR, "",
                DRAW_TOO_FEW_OFFICERS.format(name=names[1], stratum="甲", available=1, required=2),
                source="draw", enterprise_id=1),
    )  # fmt: skip
    assert alone.record.result[0].officer_ids == (1,)


def test_the_record_keeps_the_operator_scope_and_settings_of_the_draw():
    record = run(avoid=True).record
    assert (record.scope, record.operator, record.draw_date, record.inspectors_per_unit, record.avoid_repeat_pairs) == (
        "intra", "张三", DAY, 2, True,
    )  # fmt: skip
    again = json.loads(json.dumps(dataclasses.asdict(record), default=str))
    assert again["result_digest"] == digest(record.result)
