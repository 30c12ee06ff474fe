"""双随机 draws (docs/business-rules.md §7) that anyone can replay from the published DrawRecord.

Algorithm `anjian-draw/1`, a pure function of (pool, quotas, seed, officers, recusals, draw date):
1. commitment = SHA-256 of the seed (UTF-8), published before the draw; the seed is revealed with the result.
2. pool_digest = SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8) of the pool entries sorted by
   (stratum, enterprise_id); inspector_digest likewise over the officers (by id) and the recusals.
3. Per stratum, in name order: key = HMAC-SHA256(key=seed, msg="{pool_digest}|{stratum}|{enterprise_id}") in
   hex; entries sorted by (key, id); the first n are drawn, n being the stratum's quota (quotas.py).
4. Per drawn unit, in result order: the ids of the officers certified on the draw date and not recused for
   the unit, ascending (m of them), are shuffled by Fisher–Yates: step i swaps position i with
   i + (h_i mod (m − i)), h_i = HMAC-SHA256(seed, "{pool_digest}|{inspector_digest}|{enterprise_id}|{i}") read
   as a hex integer; the first k of that order go. With avoid_repeat_pairs an officer who would repeat a pair
   already sent is passed over while the order has others; passed-over officers fill any places left.
5. result_digest = SHA-256 of the canonical JSON of the result.
No `random` state is involved: the same inputs give a bit-identical record; `replay` recomputes steps 3–4
and draw_record.verify_draw checks a published record with it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from anjian.planning.facts import Officer
from anjian.planning.findings import Finding, Severity
from anjian.planning.quotas import PoolEntry, StratumQuota

ALGORITHM = "anjian-draw/1"
_FIELDS: dict[type, tuple[str, ...]] = {}

DRAW_TOO_FEW_OFFICERS = (
    "{name}（{stratum}）可选派的持证执法人员仅{available}名，少于每户{required}名（已排除回避、无证人员）"
)
DRAW_REPEAT_PAIR = "{name}（{stratum}）无法避免与此前相同的执法人员搭档"
EXCLUSION_REASONS = {
    "recusal": "回避",
    "certificate_expired": "执法证已过期",
    "not_certified": "无有效执法证或不参加执法",
}


@dataclass(frozen=True)
class Recusal:
    officer_id: int
    enterprise_id: int
    reason: str


@dataclass(frozen=True)
class Inspector:
    """An officer as the record keeps them: only what eligibility needs, so the format never drifts."""

    officer_id: int
    name: str
    certificate_no: str
    certificate_valid_until: dt.date | None
    enforcement_eligible: bool = True

    @classmethod
    def of(cls, o: Officer) -> Inspector:
        return cls(o.id, o.name, o.certificate_no, o.certificate_valid_until, o.enforcement_eligible)

    def certified_on(self, day: dt.date) -> bool:
        """Same rule as facts.Officer.certified_on: eligible, has a certificate, not expired on `day`."""
        if not (self.enforcement_eligible and self.certificate_no):
            return False
        return self.certificate_valid_until is None or day <= self.certificate_valid_until


@dataclass(frozen=True)
class OfficerExclusion:
    officer_id: int
    enterprise_id: int | None  # None: excluded from every unit
    code: str  # recusal / certificate_expired / not_certified
    reason: str


@dataclass(frozen=True)
class DrawnUnit:
    enterprise_id: int
    stratum: str
    rank: int  # 1-based within the stratum
    key: str
    officer_ids: tuple[int, ...]


@dataclass(frozen=True)
class DrawRecord:
    scope: str
    draw_date: dt.date
    commitment: str
    seed: str
    pool: tuple[PoolEntry, ...]
    pool_digest: str
    quotas: tuple[StratumQuota, ...]
    officers: tuple[Inspector, ...]
    recusals: tuple[Recusal, ...]
    inspector_digest: str
    inspectors_per_unit: int
    avoid_repeat_pairs: bool
    result: tuple[DrawnUnit, ...]
    exclusions: tuple[OfficerExclusion, ...]
    result_digest: str
    operator: str = ""
    algorithm: str = ALGORITHM


@dataclass(frozen=True)
class DrawOutcome:
    record: DrawRecord
    findings: tuple[Finding, ...]


def make_seed() -> str:
    """A fresh unpredictable seed (256 bits, hex); publish `commitment(seed)` before drawing."""
    return secrets.token_hex(32)


def commitment(seed: str) -> str:
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()


def plain(value: Any) -> Any:
    """`value` as JSON-ready data: dataclasses as dicts, tuples as lists, dates in ISO form."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS.get(type(value))
        if names is None:
            names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value))
        return {name: plain(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def canonical(value: Any) -> bytes:
    """Canonical JSON: sorted keys, no spaces, UTF-8, dates in ISO form."""
    return json.dumps(plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def digest(value: Any) -> str:
    return hashlib.sha256(canonical(value)).hexdigest()


def pool_digest(pool: Iterable[PoolEntry]) -> str:
    return digest(sorted(pool, key=lambda p: (p.stratum, p.enterprise_id)))


def inspector_digest(officers: Iterable[Inspector], recusals: Iterable[Recusal]) -> str:
    ordered = sorted(recusals, key=lambda r: (r.officer_id, r.enterprise_id, r.reason))
    return digest({"officers": sorted(officers, key=lambda o: o.officer_id), "recusals": ordered})


def _hmac(seed: str, message: str) -> str:
    """HMAC-SHA256(key=seed, msg=message), both UTF-8, in lower-case hex."""
    return hmac.digest(seed.encode("utf-8"), message.encode("utf-8"), "sha256").hex()


def _shuffled(ids: list[int], seed: str, prefix: str) -> Iterator[int]:
    """`ids` in the order of an HMAC-driven Fisher–Yates shuffle (step 4), produced lazily."""
    order = list(ids)
    for i in range(len(order)):
        j = i + int(_hmac(seed, f"{prefix}|{i}"), 16) % (len(order) - i)
        order[i], order[j] = order[j], order[i]
        yield order[i]


def _select(
    pool: tuple[PoolEntry, ...], quotas: tuple[StratumQuota, ...], seed: str, pool_hash: str
) -> list[DrawnUnit]:
    units: list[DrawnUnit] = []
    for q in sorted(quotas, key=lambda q: q.stratum):
        keyed = sorted(
            (_hmac(seed, f"{pool_hash}|{p.stratum}|{p.enterprise_id}"), p.enterprise_id)
            for p in pool
            if p.stratum == q.stratum
        )
        units += [DrawnUnit(eid, q.stratum, i, key, ()) for i, (key, eid) in enumerate(keyed[: q.n], start=1)]
    return units


def _assign(
    units: list[DrawnUnit],
    record_inputs: tuple[tuple[Inspector, ...], tuple[Recusal, ...], dt.date, int, bool],
    seed: str,
    digests: tuple[str, str],
    names: Mapping[int, str],
) -> tuple[tuple[DrawnUnit, ...], tuple[OfficerExclusion, ...], tuple[Finding, ...]]:
    officers, recusals, day, k, avoid_pairs = record_inputs
    exclusions: list[OfficerExclusion] = []
    findings: list[Finding] = []
    certified: list[int] = []
    for o in sorted(officers, key=lambda o: o.officer_id):
        if o.certified_on(day):
            certified.append(o.officer_id)
        else:
            valid_until = o.certificate_valid_until
            expired = bool(o.certificate_no) and valid_until is not None and valid_until < day
            code = "certificate_expired" if expired else "not_certified"
            exclusions.append(OfficerExclusion(o.officer_id, None, code, EXCLUSION_REASONS[code]))
    recused_at: dict[int, dict[int, str]] = {}
    for r in recusals:
        recused_at.setdefault(r.enterprise_id, {}).setdefault(r.officer_id, r.reason)
    used_pairs: set[frozenset[int]] = set()
    done = []
    for u in units:
        recused = recused_at.get(u.enterprise_id, {})
        exclusions += [
            OfficerExclusion(oid, u.enterprise_id, "recusal", why) for oid, why in sorted(recused.items())
        ]
        eligible = [oid for oid in certified if oid not in recused]
        chosen: list[int] = []
        passed: list[int] = []
        for oid in _shuffled(eligible, seed, f"{digests[0]}|{digests[1]}|{u.enterprise_id}"):
            if avoid_pairs and any(frozenset((oid, c)) in used_pairs for c in chosen):
                passed.append(oid)
            else:
                chosen.append(oid)
            if len(chosen) == k:
                break
        chosen += passed[: k - len(chosen)]
        pairs = {frozenset((a, b)) for a in chosen for b in chosen if a < b}
        if avoid_pairs and pairs & used_pairs:
            msg = DRAW_REPEAT_PAIR.format(name=names[u.enterprise_id], stratum=u.stratum)
            findings.append(
                Finding(
                    "draw_repeat_pair", Severity.INFO, "", msg, enterprise_id=u.enterprise_id, source="draw"
                )
            )
        used_pairs |= pairs
        if len(chosen) < k:
            msg = DRAW_TOO_FEW_OFFICERS.format(
                name=names[u.enterprise_id], stratum=u.stratum, available=len(chosen), required=k
            )
            findings.append(
                Finding(
                    "draw_too_few_officers",
                    Severity.ERROR,
                    "",
                    msg,
                    enterprise_id=u.enterprise_id,
                    source="draw",
                )
            )
        done.append(dataclasses.replace(u, officer_ids=tuple(chosen)))
    return tuple(done), tuple(exclusions), tuple(findings)


def replay(
    record: DrawRecord,
) -> tuple[tuple[DrawnUnit, ...], tuple[OfficerExclusion, ...], tuple[Finding, ...]]:
    """The result, exclusions and findings that the record's inputs give (steps 3–4 of the algorithm)."""
    names = {p.enterprise_id: p.name for p in record.pool}
    units = _select(record.pool, record.quotas, record.seed, record.pool_digest)
    inputs = (
        record.officers,
        record.recusals,
        record.draw_date,
        record.inspectors_per_unit,
        record.avoid_repeat_pairs,
    )
    return _assign(units, inputs, record.seed, (record.pool_digest, record.inspector_digest), names)


def draw(
    pool: Iterable[PoolEntry],
    quotas: Iterable[StratumQuota],
    seed: str,
    *,
    officers: Iterable[Officer],
    recusals: Iterable[Recusal] = (),
    draw_date: dt.date,
    inspectors_per_unit: int,
    scope: str,
    operator: str = "",
    avoid_repeat_pairs: bool = False,
) -> DrawOutcome:
    """Draw units per stratum and inspectors per unit (see the module docstring); deterministic."""
    pool_t = tuple(sorted(pool, key=lambda p: (p.stratum, p.enterprise_id)))
    officers_t = tuple(sorted((Inspector.of(o) for o in officers), key=lambda o: o.officer_id))
    recusals_t = tuple(sorted(recusals, key=lambda r: (r.officer_id, r.enterprise_id, r.reason)))
    quotas_t = tuple(sorted(quotas, key=lambda q: q.stratum))
    inspectors_hash = inspector_digest(officers_t, recusals_t)
    record = DrawRecord(
        scope, draw_date, commitment(seed), seed, pool_t, pool_digest(pool_t), quotas_t, officers_t,
        recusals_t, inspectors_hash, inspectors_per_unit, avoid_repeat_pairs, (), (), "", operator,
    )  # fmt: skip
    result, exclusions, findings = replay(record)
    record = dataclasses.replace(record, result=result, exclusions=exclusions, result_digest=digest(result))
    return DrawOutcome(record, findings)
