"""The published draw record: verification by replay, and JSON in and out (docs/business-rules.md §7).

`verify_draw(record)` recomputes everything the record claims from its own inputs (algorithm in lottery.py):
the seed against the commitment, the pool and inspector-pool digests, each stratum's quota, the result and
its digest. Passing what was published before the draw (commitment, pool digest) also checks that the record
is the one announced. An empty list means the draw is exactly what its published inputs give.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from anjian.planning.findings import Finding, Severity
from anjian.planning.lottery import (
    ALGORITHM,
    DrawnUnit,
    DrawRecord,
    Inspector,
    OfficerExclusion,
    Recusal,
    commitment,
    digest,
    inspector_digest,
    plain,
    pool_digest,
    replay,
)
from anjian.planning.quotas import PoolEntry, StratumQuota, quota_n

DRAW_SEED_MISMATCH = "种子与事先公布的承诺值不符：SHA-256(种子) = {actual}，承诺值 = {commitment}"
DRAW_COMMITMENT_NOT_PUBLISHED = "记录中的承诺值 {recorded} 与事先公布的 {published} 不符"
DRAW_POOL_TAMPERED = (
    "名录库快照与记录的摘要不符：重新计算为 {actual}，记录为 {recorded}，名录库在抽取后被改动"
)
DRAW_POOL_NOT_PUBLISHED = "记录中的名录库摘要 {recorded} 与事先公布的 {published} 不符"
DRAW_INSPECTORS_TAMPERED = "执法人员库（含回避）与记录的摘要不符：重新计算为 {actual}，记录为 {recorded}"
DRAW_QUOTA_MISMATCH = (
    "{stratum}应抽取户数记录为{recorded}户，按名录库{size}户和比例、下限重新计算为{expected}户"
)
DRAW_RESULT_MISMATCH = "按记录的种子和名录库重放，结果与记录不符：{detail}"
DRAW_RESULT_DIGEST_MISMATCH = "抽取结果与记录的结果摘要不符：重新计算为 {actual}，记录为 {recorded}"
DRAW_UNKNOWN_ALGORITHM = "抽取记录使用的算法 {algorithm} 无法复核（支持：{supported}）"
DRAW_RECORD_INVALID = "抽取记录格式错误：{error}"
DRAW_RECORD_NOT_JSON = "抽取记录格式错误：不是有效的 JSON 文件（第 {line} 行第 {column} 列）"
DRAW_RECORD_BAD_VALUE = "字段的类型或取值不对"
DRAW_RECORD_MISSING_FIELD = "抽取记录缺少字段 {field}"
DRAW_DIFF_UNITS = "记录中多出的单位：{recorded}；重放抽中而记录中没有的单位：{replayed}"
DRAW_DIFF_OFFICERS = "{name}的执法人员记录为 {recorded}，重放为 {replayed}"
DRAW_DIFF_ORDER = "抽中的单位相同，但次序、分层或排序键与重放不同"


class DrawRecordError(ValueError):
    """A record file that cannot be read as a DrawRecord; the message is Chinese."""


def verify_draw(
    record: DrawRecord, *, published_commitment: str | None = None, published_pool_digest: str | None = None
) -> list[Finding]:
    """Replay `record` (see the module docstring); every finding is an error naming what does not hold."""
    if record.algorithm != ALGORITHM:
        message = DRAW_UNKNOWN_ALGORITHM.format(algorithm=record.algorithm, supported=ALGORITHM)
        return [Finding("draw_unknown_algorithm", Severity.ERROR, "", message, source="draw")]
    problems: list[tuple[str, str]] = []
    seed_hash, pool_hash = commitment(record.seed), pool_digest(record.pool)
    inspectors_hash = inspector_digest(record.officers, record.recusals)
    if seed_hash != record.commitment:
        problems.append(
            ("draw_seed_mismatch", DRAW_SEED_MISMATCH.format(actual=seed_hash, commitment=record.commitment))
        )
    if published_commitment not in (None, record.commitment):
        text = DRAW_COMMITMENT_NOT_PUBLISHED.format(
            recorded=record.commitment, published=published_commitment
        )
        problems.append(("draw_commitment_not_published", text))
    if pool_hash != record.pool_digest:
        problems.append(
            ("draw_pool_tampered", DRAW_POOL_TAMPERED.format(actual=pool_hash, recorded=record.pool_digest))
        )
    if published_pool_digest not in (None, record.pool_digest):
        text = DRAW_POOL_NOT_PUBLISHED.format(recorded=record.pool_digest, published=published_pool_digest)
        problems.append(("draw_pool_not_published", text))
    if inspectors_hash != record.inspector_digest:
        text = DRAW_INSPECTORS_TAMPERED.format(actual=inspectors_hash, recorded=record.inspector_digest)
        problems.append(("draw_inspectors_tampered", text))
    for q in record.quotas:
        size = sum(1 for p in record.pool if p.stratum == q.stratum)
        expected = quota_n(size, q.ratio, q.minimum, q.requested)
        if (q.n, q.pool_size) != (expected, size):
            text = DRAW_QUOTA_MISMATCH.format(stratum=q.stratum, recorded=q.n, size=size, expected=expected)
            problems.append(("draw_quota_mismatch", text))
    replayed, _, _ = replay(record)
    if replayed != record.result:
        problems.append(
            ("draw_result_mismatch", DRAW_RESULT_MISMATCH.format(detail=_difference(record, replayed)))
        )
    if (result_hash := digest(record.result)) != record.result_digest:
        text = DRAW_RESULT_DIGEST_MISMATCH.format(actual=result_hash, recorded=record.result_digest)
        problems.append(("draw_result_digest_mismatch", text))
    return [Finding(code, Severity.ERROR, "", message, source="draw") for code, message in problems]


def _difference(record: DrawRecord, replayed: tuple[DrawnUnit, ...]) -> str:
    """Which units (or which unit's inspectors) differ between the record and the replay, in words."""
    names = {p.enterprise_id: p.name for p in record.pool}
    recorded = [u.enterprise_id for u in record.result]
    again = [u.enterprise_id for u in replayed]
    if set(recorded) != set(again):
        only_recorded = "、".join(names.get(i, str(i)) for i in recorded if i not in again) or "无"
        only_replayed = "、".join(names.get(i, str(i)) for i in again if i not in recorded) or "无"
        return DRAW_DIFF_UNITS.format(recorded=only_recorded, replayed=only_replayed)
    for a, b in zip(sorted(record.result, key=_order), sorted(replayed, key=_order), strict=True):
        if a.officer_ids != b.officer_ids:
            name = names.get(a.enterprise_id, str(a.enterprise_id))
            return DRAW_DIFF_OFFICERS.format(
                name=name, recorded=list(a.officer_ids), replayed=list(b.officer_ids)
            )
    return DRAW_DIFF_ORDER


def _order(u: DrawnUnit) -> tuple[str, int]:
    return (u.stratum, u.enterprise_id)


def draw_record_to_json(record: DrawRecord) -> str:
    """The record as JSON text (UTF-8, sorted keys), to publish or store; `draw_record_from_json` reads it."""
    # One line, no indent: the C encoder keeps a province's 100,000-unit pool to about a second.
    return json.dumps(plain(record), ensure_ascii=False, sort_keys=True)


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))


def draw_record_from_json(text: str) -> DrawRecord:
    """Read a record written by `draw_record_to_json`; a malformed one raises DrawRecordError (Chinese)."""
    try:
        d = json.loads(text)
        officers = tuple(Inspector(**{**o, "certificate_valid_until": _date(o["certificate_valid_until"])})
                         for o in d["officers"])  # fmt: skip
        record = DrawRecord(
            scope=str(d["scope"]),
            draw_date=dt.date.fromisoformat(d["draw_date"]),
            commitment=str(d["commitment"]),
            seed=str(d["seed"]),
            pool=tuple(PoolEntry(**p) for p in d["pool"]),
            pool_digest=str(d["pool_digest"]),
            quotas=tuple(StratumQuota(**q) for q in d["quotas"]),
            officers=officers,
            recusals=tuple(Recusal(**r) for r in d["recusals"]),
            inspector_digest=str(d["inspector_digest"]),
            inspectors_per_unit=int(d["inspectors_per_unit"]),
            avoid_repeat_pairs=bool(d["avoid_repeat_pairs"]),
            result=tuple(DrawnUnit(**{**u, "officer_ids": tuple(u["officer_ids"])}) for u in d["result"]),
            exclusions=tuple(OfficerExclusion(**x) for x in d["exclusions"]),
            result_digest=str(d["result_digest"]),
            operator=str(d.get("operator", "")),
            algorithm=str(d.get("algorithm", "")),
        )
        for q in record.quotas:
            quota_n(q.pool_size, q.ratio, q.minimum, q.requested)  # the ratio must be a decimal number
        return record
    except json.JSONDecodeError as error:
        raise DrawRecordError(DRAW_RECORD_NOT_JSON.format(line=error.lineno, column=error.colno)) from error
    except KeyError as error:
        raise DrawRecordError(DRAW_RECORD_MISSING_FIELD.format(field=error.args[0])) from error
    except (TypeError, ValueError, AttributeError, ArithmeticError) as error:
        # the exception's own text is English (even when it quotes a Chinese value); a Chinese one (ours) is kept
        text = str(error)
        ours = re.search(r"[\u4e00-\u9fff]", text) and not re.search(r"[A-Za-z]{3,}", text)
        reason = text if ours else DRAW_RECORD_BAD_VALUE
        raise DrawRecordError(DRAW_RECORD_INVALID.format(error=reason)) from error
