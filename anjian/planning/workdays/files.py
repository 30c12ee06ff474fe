"""Reading workday sheets from files: .toml (with `includes`, relative to the including file) or .xlsx."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from anjian.planning.textfile import TextFileError, decode_text
from anjian.planning.workdays.inputs import InputProblem, SheetInputError
from anjian.planning.workdays.model import WorkdaySheet
from anjian.planning.workdays.reader import includes_of, parse_toml, sheet_from_mapping
from anjian.planning.workdays.xlsx_reader import read_xlsx

FILE_NOT_FOUND = "找不到文件 {file}"
INCLUDE_CYCLE = "{file} 的 includes 循环引用了 {include}"
NOT_SUPPORTED = "{file}：只支持 .toml 与 .xlsx 文件"


def load_sheet(path: Path, _seen: tuple[Path, ...] = ()) -> WorkdaySheet:
    """Read a .toml or .xlsx sheet and, recursively, the files its `includes` name (relative to it)."""
    path = path.resolve()
    if not path.is_file():
        raise SheetInputError([_problem("file_not_found", FILE_NOT_FOUND.format(file=path))])
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path.read_bytes(), file=path.name)
    if path.suffix.lower() != ".toml":
        raise SheetInputError([_problem("file_not_supported", NOT_SUPPORTED.format(file=path.name))])
    try:
        text, _ = decode_text(path.read_bytes(), file=path.name)
    except TextFileError as e:
        raise SheetInputError([_problem("file_unreadable", str(e))]) from None
    data = parse_toml(text, file=path.name)
    included = []
    for name in includes_of(data):
        target = (path.parent / name).resolve()
        if target in (*_seen, path):
            raise SheetInputError(
                [_problem("include_cycle", INCLUDE_CYCLE.format(file=path.name, include=name))]
            )
        included.append(load_sheet(target, (*_seen, path)))
    return sheet_from_mapping(data, file=path.name, included=included)


def load_sheets(paths: list[str] | list[Path]) -> WorkdaySheet:
    """Several files make one plan: the first file's header, every file's teams."""
    sheets = [load_sheet(Path(p)) for p in paths]
    first = sheets[0]
    if len(sheets) == 1:
        return first
    return replace(
        first,
        teams=tuple(t for s in sheets for t in s.teams),
        staffing=tuple(t for s in sheets for t in s.staffing),
        plan=next((s.plan for s in sheets if s.plan), None),
    )


def _problem(code: str, message: str) -> InputProblem:
    return InputProblem(code, "", message)
