"""Every finding code the core (and the plan compiler) raises has its Chinese name in the one table."""

import ast
from pathlib import Path

from anjian.planning.finding_labels import LABELS, SOURCE_LABELS
from anjian.planning.findings import UNLABELLED, Finding, Severity, Where, label_of

ROOT = Path(__file__).resolve().parents[2] / "anjian"
# call → position of its code argument
CODE_ARGUMENT = {"Finding": 0, "_finding": 0, "_found": 0, "err": 1, "_err": 1, "error": 1, "InputProblem": 0}


def _constants(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _constants(node.body) + _constants(node.orelse)
    if isinstance(node, ast.Tuple):
        return [c for e in node.elts for c in _constants(e)]
    return []


def raised_codes() -> dict[str, str]:
    """Codes written as literals where a finding is made: the code argument of the calls above, the
    (code, message) pairs of the draw check, the (at cap, over cap) code pairs of the ledger's limits."""
    found: dict[str, str] = {}
    for path in [*(ROOT / "planning").rglob("*.py"), *(ROOT / "plans").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in CODE_ARGUMENT and len(node.args) > CODE_ARGUMENT[name]:
                if name == "InputProblem" and "edits" not in path.name:
                    continue  # input problems of a file are refused, not stored as findings, except line edits
                codes = _constants(node.args[CODE_ARGUMENT[name]])
            elif name == "Finding" and any(k.arg == "code" for k in node.keywords):
                codes = _constants(next(k.value for k in node.keywords if k.arg == "code"))  # a stored row
            elif (
                name == "append"
                and path.name == "draw_record.py"
                and node.args
                and isinstance(node.args[0], ast.Tuple)
            ):
                codes = _constants(node.args[0].elts[0])  # problems.append((code, message))
            elif name == "_Limit" and len(node.args) > 3:
                codes = _constants(node.args[3])
                codes += [c + "_justified" for c in codes[1:]]
            else:
                continue
            found.update({c: path.name for c in codes if c.replace("_", "").isalpha() and c.islower()})
    return found


def test_every_raised_code_has_a_chinese_name():
    codes = raised_codes()
    assert {"share_mismatch", "quiet_violated", "classify_higher_level", "ledger_over_cap_justified"} <= set(
        codes
    )
    assert {"draw_seed_mismatch", "edit_unknown_line", "arrangement_unknown_unit"} <= set(codes)
    assert sorted(c for c in codes if c not in LABELS) == []


def test_names_are_chinese_and_distinct_from_the_codes():
    assert all(label != code and not label.isascii() for code, label in LABELS.items())


def test_a_finding_shows_its_name_and_an_unknown_code_is_never_shown():
    f = Finding("share_mismatch", Severity.ERROR, Where(section="重点检查占比"), "印刷为 24%")
    assert (f.label, str(f.where), f.is_error) == ("占比计算有误", "重点检查占比", True)
    assert label_of("no_such_code") == UNLABELLED != "no_such_code"


def raised_sources() -> set[str]:
    """The stage names findings are stored under: `source=` of a Finding, the first argument of
    FindingCollector.add/.error and of the scheduling's row maker."""
    found: set[str] = set()
    for path in [*(ROOT / "planning").rglob("*.py"), *(ROOT / "plans").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name == "Finding":
                found |= {c for k in node.keywords if k.arg == "source" for c in _constants(k.value)}
                found |= set(_constants(node.args[5])) if len(node.args) > 5 else set()
            if name in {"add", "error"} and len(node.args) >= 2 and path.parent.name == "plans":
                found |= set(_constants(node.args[0]))
    return found


def test_every_stage_a_finding_is_stored_under_has_a_chinese_name():
    sources = raised_sources()
    assert {"classify", "frequency", "draw", "review", "workdays", "schedule", "ledger"} <= sources
    assert sorted(s for s in sources if s not in SOURCE_LABELS) == []
