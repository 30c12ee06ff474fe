"""Column widths that fit the text: CJK characters count one em, ASCII half an em.

Contract: `fit_widths(columns, total)` returns one width per column summing to `total` (same unit as `total`):
columns whose longest text fits in a fair share get exactly what they need; the others share the rest in
proportion to their need (water-filling), so long names wrap rather than short codes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence


def display_width(text: str) -> float:
    """Width in ems of the longest line of `text`."""
    return max(
        (
            sum(0.5 if unicodedata.east_asian_width(ch) in "NaH" else 1.0 for ch in line)
            for line in text.split("\n")
        ),
        default=0.0,
    )


def need_ems(texts: Iterable[object], minimum: float = 2.0, quantile: float = 0.9) -> float:
    """The width (ems) that fits `quantile` of the texts on one line: a few very long names may wrap."""
    sizes = sorted(display_width("" if t is None else str(t)) for t in texts)
    if not sizes:
        return minimum
    return max(minimum, sizes[min(len(sizes) - 1, int(quantile * len(sizes)))])


def fit_widths(needs: Sequence[float], total: float, *, em: float, padding: float) -> list[float]:
    """Widths for columns needing `needs` ems each; `em` and `padding` are in the unit of `total`."""
    want = [n * em + padding for n in needs]
    if sum(want) <= total:
        return [w * total / sum(want) for w in want]
    widths = [0.0] * len(want)
    open_cols = list(range(len(want)))
    remaining = total
    while open_cols:
        fair = remaining / len(open_cols)
        small = [i for i in open_cols if want[i] <= fair]
        if not small:
            break
        for i in small:
            widths[i] = want[i]
            remaining -= want[i]
        open_cols = [i for i in open_cols if i not in small]
    if open_cols:
        wanted = sum(want[i] for i in open_cols)
        for i in open_cols:
            widths[i] = remaining * want[i] / wanted
    return widths


def lines_needed(ems: float, width: float, em: float, padding: float) -> int:
    per_line = max(int((width - padding) / em + 1e-9), 1)
    return max(1, -int(-ems // per_line)) if ems else 1


def shortest_table_widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    total: float,
    *,
    em: float,
    padding: float,
    max_lines: int = 4,
) -> list[float]:
    """Widths summing to `total` that make the table shortest (sum of row heights in lines).

    Each column's candidates are the widths at which its longest text takes 1 … `max_lines` lines (never
    narrower than two characters or a header of up to four; longer headers wrap at three); a
    depth-first search keeps the affordable combination with the fewest row lines (then the fewest cell
    lines), and what is left of `total` is shared in proportion. Text is measured as `display_width` in ems.
    """
    cols = len(headers)
    texts = [[display_width("" if row[c] is None else str(row[c])) for row in rows] for c in range(cols)]
    floors = [max(2.0, display_width(h) if display_width(h) <= 4 else 3.0) * em + padding for h in headers]
    head = [display_width(h) for h in headers]
    options = []
    for c in range(cols):
        longest = max(texts[c], default=0.0)
        widths = sorted({max(floors[c], -(-longest // k) * em + padding) for k in range(1, max_lines + 1)})
        # The header row is one more row to keep short; it is element 0 of each lines list.
        options.append([(w, [lines_needed(t, w, em, padding) for t in (head[c], *texts[c])]) for w in widths])
    cheapest_rest = [sum(min(w for w, _ in options[c]) for c in range(i, cols)) for i in range(cols + 1)]
    best: list = [None, (float("inf"), float("inf"))]

    def search(c: int, used: float, heights: list[int], cells: int, chosen: list[float]) -> None:
        if used + cheapest_rest[c] > total + 1e-6:
            return
        if c == cols:
            cost = (sum(heights), cells)
            if cost < best[1]:
                best[0], best[1] = list(chosen), cost
            return
        for width, lines in options[c]:
            search(
                c + 1,
                used + width,
                [max(h, n) for h, n in zip(heights, lines, strict=True)],
                cells + sum(lines),
                [*chosen, width],
            )

    search(0, 0.0, [1] * (len(rows) + 1), 0, [])
    widths = best[0] or floors
    return [w * total / sum(widths) for w in widths]
