"""Enrolling members, their lifecycle, people, eligibility, merges and erasure."""

from __future__ import annotations

from shared.correlation import new_id

from ..domain import commands, policy
from ..domain.errors import LikelyDuplicates, NotAllowedForKind
from ..domain.members import Member, MemberKind, MemberStatus
from ..domain.networks import Network
from ..domain.privacy import AuditAction, Consent
from ..unit_of_work import RegistryUnitOfWork
from .common import audit, managed_member, managed_network, member_of_network, now

DUPLICATE_CHECKED_KINDS = {MemberKind.HOUSEHOLD, MemberKind.CITIZEN}


def register_member(cmd: commands.RegisterMember, uow: RegistryUnitOfWork) -> Member:
    with uow:
        network = managed_network(uow, cmd.actor, cmd.network_id)
        if cmd.kind in DUPLICATE_CHECKED_KINDS and not cmd.confirm_not_duplicate:
            candidates = likely_duplicates(uow, cmd)
            if candidates:
                raise LikelyDuplicates(
                    "this looks like someone already registered: check, then confirm or merge",
                    {"candidates": candidates},
                )
        member = enrol(uow, network, cmd)
        uow.commit()
        return member


def enrol(uow: RegistryUnitOfWork, network: Network, cmd: commands.RegisterMember) -> Member:
    """Register the member of a command, with its people, referral and educator."""
    member = Member.register(
        network,
        cmd.kind,
        cmd.display_name,
        email=cmd.email,
        phone=cmd.phone,
        language=cmd.language,
        birth_year=cmd.birth_year,
    )
    if cmd.people:
        member.set_people([(p.first_name, p.is_minor, p.birth_year) for p in cmd.people])
    if cmd.referral is not None:
        member.refer(cmd.referral.referred_by, cmd.referral.referred_on, network.eligibility_months)
    if cmd.educator_id is not None:
        member.assign_educator(member_of_network(uow, cmd.educator_id, network.id))
    uow.members.add(member)
    audit(uow, cmd.actor, AuditAction.CREATE, member)
    return member


def likely_duplicates(uow: RegistryUnitOfWork, cmd: commands.RegisterMember) -> list[dict]:
    """Members of the network the new one may well be, briefly described."""
    return [
        {"id": candidate.id, "display_name": candidate.display_name, "kind": candidate.kind.value}
        for candidate in uow.members.likely_duplicates(
            cmd.network_id, cmd.display_name, cmd.email, cmd.phone, cmd.birth_year
        )
    ]


def update_contact(cmd: commands.UpdateContact, uow: RegistryUnitOfWork) -> Member:
    with uow:
        member = policy.check_is_self_or_manager(cmd.actor, uow.members.get(cmd.member_id))
        member.update_contact(cmd.display_name, cmd.email, cmd.phone, cmd.language)
        audit(uow, cmd.actor, AuditAction.UPDATE, member, "contact")
        uow.commit()
        return member


def change_status(cmd: commands.ChangeStatus, uow: RegistryUnitOfWork) -> Member:
    with uow:
        member = managed_member(uow, cmd.actor, cmd.member_id)
        member.change_status(cmd.status, cmd.reason, cmd.actor.subject)
        audit(uow, cmd.actor, AuditAction.UPDATE, member, f"status {cmd.status.value}")
        uow.commit()
        return member


def set_people(cmd: commands.SetPeople, uow: RegistryUnitOfWork) -> Member:
    with uow:
        member = managed_member(uow, cmd.actor, cmd.member_id)
        member.set_people([(p.first_name, p.is_minor, p.birth_year) for p in cmd.people])
        audit(uow, cmd.actor, AuditAction.UPDATE, member, "people")
        uow.commit()
        return member


def recertify(cmd: commands.Recertify, uow: RegistryUnitOfWork) -> Member:
    """A new referral: eligibility restarts from its date."""
    with uow:
        member = managed_member(uow, cmd.actor, cmd.member_id)
        network = uow.networks.get(member.network_id)
        member.refer(cmd.referral.referred_by, cmd.referral.referred_on, network.eligibility_months)
        audit(uow, cmd.actor, AuditAction.UPDATE, member, "referral")
        uow.commit()
        return member


def assign_educator(cmd: commands.AssignEducator, uow: RegistryUnitOfWork) -> Member:
    with uow:
        member = managed_member(uow, cmd.actor, cmd.member_id)
        member.assign_educator(member_of_network(uow, cmd.educator_id, member.network_id))
        uow.commit()
        return member


def suspend_expired_households(
    cmd: commands.SuspendExpiredHouseholds, uow: RegistryUnitOfWork
) -> list[str]:
    """Suspend every active household whose eligibility ended before ``today``."""
    with uow:
        expired = uow.members.households_expired_on(cmd.today)
        for household in expired:
            household.change_status(
                MemberStatus.SUSPENDED, "eligibility expired", "system", automatic=True
            )
        uow.commit()
        return [household.id for household in expired]


def merge_members(cmd: commands.MergeMembers, uow: RegistryUnitOfWork) -> Member:
    with uow:
        kept = managed_member(uow, cmd.actor, cmd.kept_member_id)
        duplicate = managed_member(uow, cmd.actor, cmd.duplicate_member_id)
        kept.absorb(duplicate, cmd.actor.subject)
        for card in uow.cards.active_of(duplicate.id):
            card.block("replaced")
        for login in uow.logins.of_member(duplicate.id):
            uow.logins.remove(login)
        audit(uow, cmd.actor, AuditAction.MERGE, kept, f"merged {duplicate.id}")
        uow.commit()
        return kept


def erase_member(cmd: commands.EraseMember, uow: RegistryUnitOfWork) -> Member:
    """Erase personal data here; other services follow the published event."""
    with uow:
        member = managed_member(uow, cmd.actor, cmd.member_id)
        member.erase(cmd.actor.subject)
        for card in uow.cards.active_of(member.id):
            card.block("member_exited")
        for login in uow.logins.of_member(member.id):
            uow.logins.remove(login)
        for token in uow.refresh_tokens.of_subject(member.id):
            token.revoked_at = now()
        uow.login_codes.remove_all_of(member.id)
        # Events about the member may carry their name and contact points: the published
        # ones go now, and so do those not yet sent; events of ids only still go out.
        uow.forget_events_about(member.id)
        audit(uow, cmd.actor, AuditAction.ERASE, member)
        uow.commit()
        return member


def record_consent(cmd: commands.RecordConsent, uow: RegistryUnitOfWork) -> Consent:
    with uow:
        member = policy.check_is_self_or_manager(cmd.actor, uow.members.get(cmd.member_id))
        if member.is_erased:
            raise NotAllowedForKind("this member's data was erased")
        consent = Consent(new_id(), member.id, cmd.notice_version, now(), cmd.actor.subject)
        uow.consents.add(consent)
        uow.commit()
        return consent
