"""Reading an operator's spreadsheet (CSV) of households and shops.

One row a member. Columns: ``kind`` (household or shop), ``display_name``,
``email``, ``phone``, ``language``, ``birth_year``; for households
``referred_by``, ``referred_on`` (YYYY-MM-DD), ``adults`` and ``minors``
(first names separated by ``;``); for shops ``shop_type`` (stall or shop),
``accepts_time`` (yes/no) and ``time_rate_cents_per_hour``. Every row is
checked before anything is imported; errors are reported by line.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from shared.contracts.registry import LANGUAGES, SHOP_TYPES
from shared.web.fields import PHONE, Day, Name, TrimmedString

from .domain import commands
from .domain.members import DEFAULT_LANGUAGE, MemberKind

IMPORTABLE_KINDS = ("household", "shop")
REQUIRED_COLUMNS = {"kind", "display_name"}


class _Names(fields.Field):
    """First names separated by semicolons."""

    def _deserialize(self, value, attr, data, **kwargs):
        names = [name.strip() for name in str(value or "").split(";") if name.strip()]
        if any(len(name) > 100 for name in names):
            raise ValidationError("A first name is at most 100 characters.")
        return names


class ImportRowSchema(Schema):
    class Meta:
        unknown = EXCLUDE  # spreadsheets carry columns of their own

    kind = fields.Str(required=True, validate=validate.OneOf(IMPORTABLE_KINDS))
    display_name = Name(required=True)
    email = fields.Email(load_default=None)
    phone = fields.Str(load_default=None, validate=PHONE)
    language = fields.Str(load_default=DEFAULT_LANGUAGE, validate=validate.OneOf(LANGUAGES))
    birth_year = fields.Int(load_default=None, validate=validate.Range(min=1900, max=2100))
    referred_by = TrimmedString(load_default=None, validate=validate.Length(max=200))
    referred_on = Day(load_default=None)
    adults = _Names(load_default=list)
    minors = _Names(load_default=list)
    shop_type = fields.Str(load_default=None, validate=validate.OneOf(SHOP_TYPES))
    accepts_time = fields.Bool(
        load_default=False, truthy={"yes", "si", "sì", "true", "1"}, falsy={"no", "false", "0"}
    )
    time_rate_cents_per_hour = fields.Int(load_default=None, validate=validate.Range(min=1))

    @validates_schema
    def _by_kind(self, data, **_kwargs):
        if data.get("kind") == "household" and bool(data.get("referred_by")) != bool(
            data.get("referred_on")
        ):
            raise ValidationError("give both referred_by and referred_on, or neither")
        if data.get("kind") == "shop":
            if not data.get("shop_type"):
                raise ValidationError("a shop needs its shop_type (stall or shop)", "shop_type")
            if data.get("accepts_time") and not data.get("time_rate_cents_per_hour"):
                raise ValidationError("a shop that accepts TIME sets its rate")


@dataclass(frozen=True)
class ImportRow:
    """A valid row, ready to become a member."""

    line: int
    member: commands.RegisterMember
    shop_profile: dict | None


@dataclass(frozen=True)
class RowError:
    line: int
    errors: dict


def read_rows(text: str, actor, network_id: str) -> tuple[list[ImportRow], list[RowError]]:
    """Check every row of a CSV text; the valid rows and the errors, by line."""
    if "\x00" in text:
        return [], [RowError(1, {"file": ["the file contains NUL characters"]})]
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
    if missing:
        return [], [RowError(1, {"columns": [f"missing column(s): {', '.join(sorted(missing))}"]})]
    rows, errors = [], []
    schema = ImportRowSchema()
    for line, raw in enumerate(reader, start=2):
        cells = {key: value for key, value in raw.items() if key and value not in (None, "")}
        try:
            data = schema.load(cells)
        except ValidationError as error:
            errors.append(RowError(line, error.normalized_messages()))
            continue
        rows.append(_row(line, data, actor, network_id))
    return rows, errors


def _row(line: int, data: dict, actor, network_id: str) -> ImportRow:
    people = tuple(commands.Person(name, False) for name in data["adults"]) + tuple(
        commands.Person(name, True) for name in data["minors"]
    )
    referral = (
        commands.Referral(data["referred_by"], data["referred_on"]) if data["referred_by"] else None
    )
    member = commands.RegisterMember(
        actor=actor,
        network_id=network_id,
        kind=MemberKind(data["kind"]),
        display_name=data["display_name"],
        email=data["email"].lower() if data["email"] else None,
        phone=data["phone"],
        language=data["language"],
        birth_year=data["birth_year"],
        people=people,
        referral=referral,
    )
    shop_profile = None
    if data["kind"] == "shop":
        shop_profile = {
            "shop_type": data["shop_type"],
            "accepts_time": data["accepts_time"],
            "time_rate_cents_per_hour": data["time_rate_cents_per_hour"],
        }
    return ImportRow(line, member, shop_profile)
