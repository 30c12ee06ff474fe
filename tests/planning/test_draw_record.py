"""Each check of draw verification in full (code, severity, source, the exact Chinese sentence), and the record
file read back field for field."""

import dataclasses
import datetime as dt
import json

import pytest

from anjian.planning.draw_record import (
    DRAW_DIFF_UNITS,
    DRAW_POOL_NOT_PUBLISHED,
    DRAW_QUOTA_MISMATCH,
    DRAW_RECORD_BAD_VALUE,
    DRAW_RECORD_INVALID,
    DRAW_RECORD_MISSING_FIELD,
    DRAW_RESULT_DIGEST_MISMATCH,
    DRAW_RESULT_MISMATCH,
    DRAW_UNKNOWN_ALGORITHM,
    DrawRecordError,
    draw_record_from_json,
    draw_record_to_json,
    verify_draw,
)
from anjian.planning.facts import Officer
from anjian.planning.findings import Finding, Severity
from anjian.planning.lottery import ALGORITHM, digest, pool_digest

from .test_lottery import officers, run


def error(code, message):
    return Finding(code, Severity.ERROR, "", message, source="draw")


def test_a_record_of_another_algorithm_is_not_replayed():
    record = dataclasses.replace(run().record, algorithm="md5-shuffle/0")
    assert verify_draw(record) == [
        error(
            "draw_unknown_algorithm",
            DRAW_UNKNOWN_ALGORITHM.format(algorithm="md5-shuffle/0", supported=ALGORITHM),
        )
    ]


def test_a_pool_digest_other_than_the_announced_one_is_refused():
    record = run().record
    announced = pool_digest(record.pool[1:])
    assert verify_draw(record, published_pool_digest=announced) == [
        error(
            "draw_pool_not_published",
            DRAW_POOL_NOT_PUBLISHED.format(recorded=record.pool_digest, published=announced),
        )
    ]
    assert verify_draw(record, published_pool_digest=record.pool_digest) == []


def test_a_quota_whose_size_or_count_does_not_follow_from_the_pool_is_named():
    record = run().record
    q = record.quotas[0]
    size = sum(1 for p in record.pool if p.stratum == q.stratum)
    bigger = dataclasses.replace(q, pool_size=q.pool_size + 1)
    found = verify_draw(dataclasses.replace(record, quotas=(bigger, *record.quotas[1:])))
    assert found == [
        error(
            "draw_quota_mismatch",
            DRAW_QUOTA_MISMATCH.format(stratum=q.stratum, recorded=q.n, size=size, expected=q.n),
        )
    ]


def test_a_unit_dropped_from_the_result_is_named_and_the_digest_no_longer_matches():
    record = run().record
    dropped = record.result[0]
    rest = record.result[1:]
    name = next(p.name for p in record.pool if p.enterprise_id == dropped.enterprise_id)
    found = verify_draw(dataclasses.replace(record, result=rest))
    assert found == [
        error("draw_result_mismatch", DRAW_RESULT_MISMATCH.format(detail=DRAW_DIFF_UNITS.format(recorded="无", replayed=name))),
        error("draw_result_digest_mismatch",
              DRAW_RESULT_DIGEST_MISMATCH.format(actual=digest(rest), recorded=record.result_digest)),
    ]  # fmt: skip


def test_a_record_reads_back_field_for_field_including_an_officer_without_end_date():
    staff = [*officers(3), Officer(9, 1, "长期证件", "140009999", None)]
    record = run(staff=staff).record
    back = draw_record_from_json(draw_record_to_json(record))
    assert back == record
    assert back.officers[-1].certificate_valid_until is None
    assert back.draw_date == dt.date(2025, 3, 3) and back.commitment == record.commitment
    data = json.loads(draw_record_to_json(record))
    del data["operator"], data["algorithm"]
    old = draw_record_from_json(json.dumps(data, ensure_ascii=False))
    assert (old.operator, old.algorithm) == ("", "")


@pytest.mark.parametrize("field", ["scope", "draw_date", "commitment", "seed", "pool", "pool_digest", "quotas",
                                   "recusals", "inspector_digest", "inspectors_per_unit", "avoid_repeat_pairs",
                                   "result", "exclusions", "result_digest"])  # fmt: skip
def test_each_missing_field_is_named(field):
    data = json.loads(draw_record_to_json(run().record))
    del data[field]
    with pytest.raises(DrawRecordError) as err:
        draw_record_from_json(json.dumps(data, ensure_ascii=False))
    assert str(err.value) == DRAW_RECORD_MISSING_FIELD.format(field=field)


def test_a_value_of_the_wrong_kind_is_refused_in_chinese():
    data = json.loads(draw_record_to_json(run().record))
    data["draw_date"] = "三月三日"
    with pytest.raises(DrawRecordError) as err:
        draw_record_from_json(json.dumps(data, ensure_ascii=False))
    assert str(err.value) == DRAW_RECORD_INVALID.format(error=DRAW_RECORD_BAD_VALUE)
