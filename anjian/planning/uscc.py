"""Unified social credit code (统一社会信用代码) per GB 32100-2015.

`check_uscc` never raises: it returns every problem found, each with a code and a Chinese message, so an
import can warn, ask for an override reason, and go on (some early real codes fail the check).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUE = {c: i for i, c in enumerate(ALPHABET)}
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
PATTERN = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")

REGISTRARS = {
    "1": "机构编制",
    "2": "外交",
    "3": "司法行政",
    "4": "文化",
    "5": "民政",
    "6": "旅游",
    "7": "宗教",
    "8": "工会",
    "9": "工商（市场监管）",
    "A": "军队编制",
    "N": "农业",
    "Y": "其他",
}
CATEGORIES = {
    "1": {"1": "机关", "2": "事业单位", "3": "群众团体", "9": "其他"},
    "5": {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"},
    "9": {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"},
    "Y": {"1": "其他"},
}

USCC_EMPTY = "统一社会信用代码为空"
USCC_LENGTH = "统一社会信用代码应为 18 位，实际为 {length} 位"
USCC_CHARSET = "统一社会信用代码含有不允许的字符（不得含 I、O、S、V、Z，第 3–8 位须为数字）"
USCC_CHECK = "统一社会信用代码校验位错误：第 18 位应为 {expected}，实际为 {actual}"
USCC_REGISTRAR = "登记管理部门代码 {code} 不在 GB 32100 之列"
USCC_CATEGORY = "机构类别代码 {code} 与登记管理部门 {registrar} 不匹配（仅提示）"
USCC_ORG_CHECK = "组织机构代码校验位（第 17 位）应为 {expected}，实际为 {actual}（仅提示）"


@dataclass(frozen=True)
class UsccProblem:
    code: str
    message: str
    blocking: bool  # False = a warning that an override reason may accept


def normalize(code: str) -> str:
    """Blanks and dashes removed, full-width digits and letters made half-width (NFKC), upper case."""
    return re.sub(r"[\s\-‐‑–—]", "", unicodedata.normalize("NFKC", code or "")).upper()


def check_character(body17: str) -> str:
    """The 18th character for the first 17 (which must be in the alphabet)."""
    total = sum(VALUE[c] * w for c, w in zip(body17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def org_check_character(org8: str) -> str:
    """GB 11714 check character (position 17) for the 8-character organisation body (positions 9-16)."""
    total = sum(int(c, 36) * w for c, w in zip(org8, ORG_WEIGHTS, strict=True))
    c = 11 - total % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def check_uscc(code: str) -> list[UsccProblem]:
    """All problems of `code`; an empty list means valid. Blocking problems make the code unusable as given."""
    code = normalize(code)
    if not code:
        return [UsccProblem("uscc_empty", USCC_EMPTY, True)]
    if len(code) != 18:
        return [UsccProblem("uscc_length", USCC_LENGTH.format(length=len(code)), True)]
    if not PATTERN.match(code):
        return [UsccProblem("uscc_charset", USCC_CHARSET, True)]
    problems = []
    expected = check_character(code[:17])
    if expected != code[17]:
        problems.append(
            UsccProblem("uscc_check", USCC_CHECK.format(expected=expected, actual=code[17]), True)
        )
    registrar = code[0]
    if registrar not in REGISTRARS:
        problems.append(UsccProblem("uscc_registrar", USCC_REGISTRAR.format(code=registrar), False))
    elif registrar in CATEGORIES and code[1] not in CATEGORIES[registrar]:
        problems.append(
            UsccProblem(
                "uscc_category", USCC_CATEGORY.format(code=code[1], registrar=REGISTRARS[registrar]), False
            )
        )
    org = code[8:16]
    if all(c.isdigit() or c.isupper() for c in org):
        org_expected = org_check_character(org)
        if org_expected != code[16]:
            problems.append(
                UsccProblem(
                    "uscc_org_check", USCC_ORG_CHECK.format(expected=org_expected, actual=code[16]), False
                )
            )
    return problems


def is_valid(code: str) -> bool:
    return not any(p.blocking for p in check_uscc(code))


def region_code(code: str) -> str:
    """Positions 3-8: the GB/T 2260 division code of the registering authority."""
    return normalize(code)[2:8]


def make_uscc(region: str, serial: int, registrar: str = "9", category: str = "1") -> str:
    """A valid synthetic code for samples and benchmarks: region + an organisation body derived from `serial`."""
    body = f"{serial % 10**8:08d}"
    org = body + org_check_character(body)
    first17 = registrar + category + region + org
    return first17 + check_character(first17)
