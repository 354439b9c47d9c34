"""The caller of a request, and the checks every service makes about it.

Plain Python: domain code and handlers may use it. A principal comes from a
token the registry signed; its role and network scope decide what it may see.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class AuthenticationRequired(Exception):
    """No valid credentials came with the request."""


class PermissionDenied(Exception):
    """The caller is known but may not do this."""


class Role(StrEnum):
    ADMIN = "admin"
    OPERATOR = "operator"
    EDUCATOR = "educator"
    CITIZEN = "citizen"
    SHOP = "shop"
    ORGANISATION = "organisation"
    DEVICE = "device"  # a shop's till: subject is the device, member_id its shop


@dataclass(frozen=True)
class Principal:
    """An authenticated caller: who, in which role, scoped to which network."""

    subject: str
    role: Role
    network_id: str | None = None
    member_id: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def manages_network(self, network_id: str) -> bool:
        """Admins manage every network; operators only their own."""
        return self.is_admin or (self.role is Role.OPERATOR and self.network_id == network_id)

    def may_see_member(self, member_id: str, network_id: str) -> bool:
        """A member's data is theirs and their network operators'."""
        return self.manages_network(network_id) or self.member_id == member_id

    def check_manages_network(self, network_id: str) -> None:
        if not self.manages_network(network_id):
            raise PermissionDenied("only an operator of this network may do this")

    def check_is_admin(self) -> None:
        if not self.is_admin:
            raise PermissionDenied("only an administrator may do this")
