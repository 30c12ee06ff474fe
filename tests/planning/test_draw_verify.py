"""Draw verification catches each forgery on its own: the inspector pool, the announced commitment, the officers
sent to a unit (not only which units were drawn), and the order of the result."""

import dataclasses

from anjian.planning.draw_record import (
    DRAW_COMMITMENT_NOT_PUBLISHED,
    DRAW_DIFF_OFFICERS,
    DRAW_DIFF_ORDER,
    DRAW_INSPECTORS_TAMPERED,
    DRAW_RESULT_MISMATCH,
    verify_draw,
)
from anjian.planning.lottery import Recusal, commitment, digest, inspector_digest

from .test_lottery import SEED, run


def test_an_inspector_list_changed_after_the_draw_is_caught_even_when_the_result_still_replays():
    record = run().record
    renamed = (dataclasses.replace(record.officers[0], name="冒名顶替"), *record.officers[1:])
    forged = dataclasses.replace(record, officers=renamed)
    findings = verify_draw(forged)
    assert [f.code for f in findings] == ["draw_inspectors_tampered"]
    assert findings[0].message == DRAW_INSPECTORS_TAMPERED.format(
        actual=inspector_digest(renamed, record.recusals), recorded=record.inspector_digest
    )


def test_a_recusal_struck_from_the_record_is_caught():
    first = run().record.result[0]

    record = run(recusals=[Recusal(first.officer_ids[0], first.enterprise_id, "近亲属在该企业任职")]).record
    assert verify_draw(record) == []
    codes = [f.code for f in verify_draw(dataclasses.replace(record, recusals=()))]
    assert "draw_inspectors_tampered" in codes


def test_a_record_whose_commitment_was_not_the_one_announced_is_refused():
    record = run().record
    announced = commitment("another seed announced before the draw")
    findings = verify_draw(record, published_commitment=announced)
    assert [f.code for f in findings] == ["draw_commitment_not_published"]
    assert findings[0].message == DRAW_COMMITMENT_NOT_PUBLISHED.format(
        recorded=record.commitment, published=announced
    )
    assert verify_draw(record, published_commitment=commitment(SEED)) == []


def test_officers_swapped_on_a_drawn_unit_are_caught_by_the_replay_with_a_digest_to_match():
    record = run().record
    unit = record.result[0]
    others = [o.officer_id for o in record.officers if o.officer_id not in unit.officer_ids][:2]
    swapped = (dataclasses.replace(unit, officer_ids=tuple(others)), *record.result[1:])
    forged = dataclasses.replace(record, result=swapped, result_digest=digest(swapped))
    findings = verify_draw(forged)
    assert [f.code for f in findings] == ["draw_result_mismatch"]
    name = next(p.name for p in record.pool if p.enterprise_id == unit.enterprise_id)
    assert findings[0].message == DRAW_RESULT_MISMATCH.format(
        detail=DRAW_DIFF_OFFICERS.format(name=name, recorded=others, replayed=list(unit.officer_ids))
    )


def test_the_same_units_in_another_order_are_caught():
    record = run().record
    reordered = tuple(reversed(record.result))
    forged = dataclasses.replace(record, result=reordered, result_digest=digest(reordered))
    findings = verify_draw(forged)
    assert [f.code for f in findings] == ["draw_result_mismatch"]
    assert findings[0].message == DRAW_RESULT_MISMATCH.format(detail=DRAW_DIFF_ORDER)
