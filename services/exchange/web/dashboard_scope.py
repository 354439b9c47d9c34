"""Which network a dashboard page is about: an operator's own, or the one an admin picked."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, request

from shared.web.context import database
from shared.web.pages import page_principal

from .. import views


@dataclass(frozen=True)
class Scope:
    """The network shown (None: an administrator has still to pick one) and those to pick from."""

    network_id: str | None
    networks: list[str]

    @property
    def chosen(self) -> str:
        """The network a form acts on: a form always names one."""
        if self.network_id is None:
            abort(400, description="Choose a network first.")
        return self.network_id


def network_scope() -> Scope:
    """The network of this page, from ``network`` in the query or the form.

    An operator sees their own network and is refused any other; an
    administrator sees the one they picked, or the only one there is.
    """
    principal = page_principal()
    known = views.networks(database(), principal)
    asked = request.values.get("network", "").strip()
    if asked and asked not in known:
        abort(404 if principal.manages_network(asked) else 403)
    if asked:
        return Scope(asked, known)
    if principal.is_admin:
        return Scope(known[0] if len(known) == 1 else None, known)
    return Scope(principal.network_id if principal.network_id in known else None, known)
