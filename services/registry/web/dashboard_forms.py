"""The dashboard's forms, checked with marshmallow as the API's bodies are."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from shared.auth.principal import Principal
from shared.contracts.registry import LANGUAGES
from shared.web.fields import PHONE, Day, Name, TrimmedString

from ..domain import commands
from ..domain.members import DEFAULT_LANGUAGE, MemberKind, MemberStatus
from .schemas import BIRTH_YEAR

ENROLLED_HERE = ("household", "shop")
BLOCK_REASONS = ("lost", "stolen", "damaged")
_NAME_SEPARATORS = re.compile(r"[,;\n]")


class _FirstNames(fields.Field):
    """First names as typed in one box: separated by commas, semicolons or lines."""

    def _deserialize(self, value, attr, data, **kwargs):
        names = [name.strip() for name in _NAME_SEPARATORS.split(str(value)) if name.strip()]
        if any(len(name) > 100 for name in names):
            raise ValidationError("A first name is at most 100 characters.")
        return names


class _Form(Schema):
    class Meta:
        unknown = EXCLUDE  # the CSRF token and the buttons' names come along


class EnrolmentForm(_Form):
    kind = fields.Str(required=True, validate=validate.OneOf(ENROLLED_HERE))
    network_id = fields.UUID(required=True)
    display_name = Name(required=True)
    phone = fields.Str(load_default=None, validate=PHONE)
    email = fields.Email(load_default=None)
    language = fields.Str(load_default=DEFAULT_LANGUAGE, validate=validate.OneOf(LANGUAGES))
    birth_year = fields.Int(load_default=None, validate=BIRTH_YEAR)
    adults = _FirstNames(load_default=list)
    minors = _FirstNames(load_default=list)
    referred_by = TrimmedString(load_default=None, validate=validate.Length(max=200))
    referred_on = Day(load_default=None)
    educator_id = fields.UUID(load_default=None)
    confirm_not_duplicate = fields.Bool(load_default=False)

    @validates_schema
    def _whole_referral(self, data, **_kwargs):
        if bool(data.get("referred_by")) != bool(data.get("referred_on")):
            raise ValidationError("give who referred and when, or neither", "referral")


class StatusForm(_Form):
    status = fields.Enum(MemberStatus, by_value=True, required=True)
    reason = TrimmedString(required=True, validate=validate.Length(min=3, max=500))


class BlockForm(_Form):
    reason = fields.Str(load_default="lost", validate=validate.OneOf(BLOCK_REASONS))


class PairForm(_Form):
    code = fields.Str(required=True, validate=validate.Regexp(r"^\s*\d{4}[ -]?\d{4}\s*$"))
    label = TrimmedString(load_default=None, validate=validate.Length(max=100))


def read_form(schema: Schema, form: Mapping[str, str]) -> dict:
    """A form's fields, checked; a field left empty counts as not given."""
    return schema.load({name: value for name, value in form.items() if value.strip()})


def problems(error: ValidationError, t: Callable[..., str]) -> list[tuple[str, str]]:
    """One notice per field to check, in the page's words."""
    return [("error", _problem(name, t)) for name in error.messages]


def _problem(field_name: str, t: Callable[..., str]) -> str:
    if field_name == "referral":
        return t("referral_whole")
    return t("check_field", field=t(f"field_{field_name}"))


def enrolment(actor: Principal, form: dict) -> commands.RegisterMember:
    """The registry's command for an enrolment form; people and referral for households."""
    household = form["kind"] == MemberKind.HOUSEHOLD.value
    people = tuple(commands.Person(name, False) for name in form["adults"]) + tuple(
        commands.Person(name, True) for name in form["minors"]
    )
    referral = (
        commands.Referral(form["referred_by"], form["referred_on"])
        if household and form["referred_by"]
        else None
    )
    return commands.RegisterMember(
        actor=actor,
        network_id=str(form["network_id"]),
        kind=MemberKind(form["kind"]),
        display_name=form["display_name"],
        email=form["email"].lower() if form["email"] else None,
        phone=form["phone"],
        language=form["language"],
        birth_year=form["birth_year"] if household else None,
        people=people if household else (),
        referral=referral,
        educator_id=str(form["educator_id"]) if household and form["educator_id"] else None,
        confirm_not_duplicate=form["confirm_not_duplicate"],
    )
