"""The summary table: one line per scenario."""

from __future__ import annotations

from dataclasses import dataclass

from faults.checker import Invariants


@dataclass
class Row:
    number: int
    title: str
    status: str  # pass, FAIL, not built, ERROR
    invariants: Invariants | None
    figure: str
    seconds: float

    @property
    def passed(self) -> bool:
        return self.status == "pass"


HEADER = ("#", "scenario", "lost", "dup", "imbal", "neg", "orph", "figure", "result", "s")


def table(rows: list[Row]) -> str:
    lines = [HEADER]
    for row in rows:
        inv = row.invariants
        counts = (
            (
                str(inv.lost),
                str(inv.duplicates),
                str(inv.imbalance),
                str(inv.negative),
                str(inv.orphans),
            )
            if inv
            else ("-",) * 5
        )
        lines.append(
            (str(row.number), row.title, *counts, row.figure, row.status, f"{row.seconds:.0f}")
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    text = [
        " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) for line in lines
    ]
    text.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(text)
