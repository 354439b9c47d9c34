"""Bulk import of households and shops from an operator's spreadsheet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..domain import commands
from ..domain.duplicates import normalise_email, normalise_name, normalise_phone
from ..domain.members import MemberKind
from ..domain.privacy import AuditAction
from ..importing import ImportRow, RowError, read_rows
from ..unit_of_work import RegistryUnitOfWork
from .common import audit, managed_network
from .members import enrol, likely_duplicates


@dataclass
class ImportReport:
    rows: int
    imported: int = 0
    errors: list[RowError] = field(default_factory=list)


def import_members(cmd: commands.ImportMembers, uow: RegistryUnitOfWork) -> ImportReport:
    """Check every row, then import all of them in one transaction, or none.

    With ``allow_partial`` the good rows are imported and the bad ones reported.
    """
    progress: Callable[[int], None] = cmd.progress or (lambda _count: None)
    rows, errors = read_rows(cmd.csv_text, cmd.actor, cmd.network_id)
    report = ImportReport(rows=len(rows) + len(errors), errors=errors)
    with uow:
        network = managed_network(uow, cmd.actor, cmd.network_id)
        good = _without_duplicates(uow, rows, report, progress)
        report.errors.sort(key=lambda error: error.line)
        if report.errors and not cmd.allow_partial:
            return report
        for row in good:
            member = enrol(uow, network, row.member)
            if row.shop_profile is not None:
                member.set_shop_profile(market_id=None, opening_days=[], **row.shop_profile)
            audit(uow, cmd.actor, AuditAction.IMPORT, member)
            progress(1)
        uow.commit()
        report.imported = len(good)
    return report


def _without_duplicates(
    uow: RegistryUnitOfWork,
    rows: list[ImportRow],
    report: ImportReport,
    progress: Callable[[int], None],
) -> list[ImportRow]:
    """The rows that are nobody already registered, nor an earlier row of the file."""
    good, seen = [], {}
    for row in rows:
        progress(1)
        keys = _identity_keys(row.member)
        problem = _duplicate_problem(uow, row, keys, seen)
        if problem:
            report.errors.append(RowError(row.line, {"duplicate": [problem]}))
        else:
            good.append(row)
            seen.update(dict.fromkeys(keys, row.line))
    return good


def _duplicate_problem(
    uow: RegistryUnitOfWork, row: ImportRow, keys: list[tuple], seen: dict
) -> str | None:
    earlier = next((seen[key] for key in keys if key in seen), None)
    if earlier is not None:
        return f"same person as line {earlier}"
    if row.member.kind is not MemberKind.HOUSEHOLD:
        return None
    candidates = likely_duplicates(uow, row.member)
    if candidates:
        return "likely registered: " + ", ".join(
            f"{c['display_name']} ({c['id']})" for c in candidates
        )
    return None


def _identity_keys(member: commands.RegisterMember) -> list[tuple]:
    keys = []
    if phone := normalise_phone(member.phone):
        keys.append(("phone", phone))
    if email := normalise_email(member.email):
        keys.append(("email", email))
    if member.birth_year is not None:
        keys.append(("name", normalise_name(member.display_name), member.birth_year))
    return keys
