"""What the registry is asked to do (imperative)."""

from __future__ import annotations

from dataclasses import dataclass

from shared.auth.principal import Principal

from .model import MemberKind


@dataclass(frozen=True)
class IssueToken:
    email: str
    password: str


@dataclass(frozen=True)
class CreateNetwork:
    actor: Principal
    name: str
    town: str


@dataclass(frozen=True)
class RegisterMember:
    actor: Principal
    network_id: str
    kind: MemberKind
    display_name: str
    email: str | None
    phone: str | None
    language: str


@dataclass(frozen=True)
class EnsureAdministrator:
    email: str
    password: str
