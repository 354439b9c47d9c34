"""Demo data for the all-in-one run: the five towns of Top Metro Fa Bene and a few members.

Everything goes through the registry's commands, so its events flow to the
other services exactly as real enrolments would.
"""

from __future__ import annotations

from services.registry import views
from services.registry.domain.commands import CreateNetwork, RegisterMember
from services.registry.domain.members import MemberKind
from shared.auth.principal import Principal, Role
from shared.service import Service

TOWNS = ("Collegno", "Grugliasco", "Moncalieri", "Rivoli", "Venaria Reale")

MEMBERS = (
    (MemberKind.HOUSEHOLD, "Famiglia Rossi", "it"),
    (MemberKind.HOUSEHOLD, "Famiglia El Amrani", "ar"),
    (MemberKind.SHOP, "Frutta e Verdura da Gianni", "it"),
    (MemberKind.ORGANISATION, "Casa del Quartiere", "it"),
)

DEMO_ACTOR = Principal(subject="demo", role=Role.ADMIN)


def seed_demo_data(registry: Service) -> bool:
    """Create the demo networks and members once; False if there is data already."""
    if views.networks(registry.database, DEMO_ACTOR):
        return False
    for town in TOWNS:
        network = registry.bus.handle(CreateNetwork(actor=DEMO_ACTOR, name=town, town=town))
        for kind, name, language in MEMBERS:
            registry.bus.handle(
                RegisterMember(
                    actor=DEMO_ACTOR,
                    network_id=network.id,
                    kind=kind,
                    display_name=name,
                    language=language,
                )
            )
    return True
