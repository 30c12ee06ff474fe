"""CP-SAT variables keyed by business ids, one container per stage, and the enforcement literals.

Every hard family's constraints are added under an enforcement literal named after the family and its subject
(an enterprise, an office set and period, a mine and week). A normal solve fixes those literals to true; when a
sub-problem is infeasible the literals are released and assumed, and CP-SAT returns a sufficient set of them:
the rules and the enterprises/offices/periods in conflict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from anjian.planning.schedule.entries import Entry

Subject = tuple[str, Hashable]  # (kind, key): ("enterprise", 17), ("office_set_quarter", (offices, 3)) ...


class Enforcement:
    """One literal per (family, subject); created on first use."""

    def __init__(self, model: cp_model.CpModel):
        self.model = model
        self.literals: dict[tuple[str, Subject], cp_model.IntVar] = {}
        self.by_index: dict[int, tuple[str, Subject]] = {}

    def literal(self, family: str, subject: Subject) -> cp_model.IntVar:
        key = (family, subject)
        lit = self.literals.get(key)
        if lit is None:
            lit = self.model.new_bool_var(f"enforce[{family}|{subject[0]}={subject[1]}]")
            self.literals[key] = lit
            self.by_index[lit.index] = key
        return lit

    def fix(self) -> None:
        """Make every family hard (the normal solve)."""
        for lit in self.literals.values():
            self.model.proto.variables[lit.index].domain[0] = 1

    def release(self) -> list[cp_model.IntVar]:
        """Free the literals again and return them, to be used as assumptions."""
        for lit in self.literals.values():
            self.model.proto.variables[lit.index].domain[0] = 0
        return list(self.literals.values())

    def describe(self, indices: list[int]) -> list[tuple[str, Subject]]:
        return [self.by_index[i] for i in indices if i in self.by_index]


@dataclass
class StageVars:
    """Common part of every stage: the model, its literals, the entries and (relaxed) placement literals."""

    model: cp_model.CpModel
    entries: dict[str, Entry]
    relaxed: bool
    enforce: Enforcement = field(init=False)
    placed: dict[str, cp_model.IntVar] = field(default_factory=dict)
    sizes: dict[str, int] = field(
        default_factory=dict
    )  # interchangeable entries a key stands for (default 1)
    penalties: list[tuple[int, cp_model.LinearExprT]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.enforce = Enforcement(self.model)

    def penalize(self, weight: int, expr: cp_model.LinearExprT) -> None:
        if weight:
            self.penalties.append((weight, expr))


@dataclass
class MonthVars(StageVars):
    """Stage M: y[group, month] = how many entries of the group go in that month.

    A group is one entry, or interchangeable single-visit entries with the same window, offices and team
    (`groups[key]`, represented by its first entry in `entries`).
    """

    y: dict[tuple[str, int], cp_model.IntVar] = field(default_factory=dict)
    groups: dict[str, list[Entry]] = field(default_factory=dict)


@dataclass
class DayVars(StageVars):
    """Stage D: y[entry, date] = the entry starts that day; spans[entry, date] = the working days it then
    occupies; quiet[enterprise, month, first_day] = the quiet window starts that day."""

    y: dict[tuple[str, dt.date], cp_model.IntVar] = field(default_factory=dict)
    spans: dict[tuple[str, dt.date], tuple[dt.date, ...]] = field(default_factory=dict)
    days: dict[str, list[dt.date]] = field(default_factory=dict)
    quiet: dict[tuple[int, int, int], cp_model.IntVar] = field(default_factory=dict)


@dataclass
class StaffVars(StageVars):
    """Stage O: x[entry, officer] = the officer goes on the entry (its date is already fixed)."""

    x: dict[tuple[str, int], cp_model.IntVar] = field(default_factory=dict)
    dates: dict[str, dt.date] = field(default_factory=dict)
    spans: dict[str, tuple[dt.date, ...]] = field(default_factory=dict)
    candidates: dict[str, list[int]] = field(default_factory=dict)
