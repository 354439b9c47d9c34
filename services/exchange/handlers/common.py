"""What exchange handlers share: idempotent execution and looking things up safely."""

from __future__ import annotations

from collections.abc import Callable

from shared.auth.principal import PermissionDenied, Principal, Role

from ..domain.errors import NotFound, TillRefusal
from ..domain.idempotency import IdempotentRequest
from ..domain.ledger import Account, AccountKind, Unit
from ..domain.model import LedgerMember, LedgerNetwork
from ..unit_of_work import ExchangeUnitOfWork


def once(uow: ExchangeUnitOfWork, request: IdempotentRequest, work: Callable[[], dict]) -> dict:
    """Run a write at most once per Idempotency-Key and commit it; a retry gets its answer.

    A refusal at the till is an answer too: it is committed (with what it
    changed, such as a wrong PIN counted) and given again on a retry. The
    work must refuse before it moves any credit.
    """
    stored = uow.idempotency.claim(request)
    if stored is not None:
        return stored
    return answer_once(uow, request, work)


def answer_once(uow: ExchangeUnitOfWork, request: IdempotentRequest, work: Callable[[], dict]):
    """``once``, for a key already claimed in this unit of work."""
    try:
        answer = work()
    except TillRefusal as refusal:
        uow.idempotency.remember_refusal(request, refusal)
        uow.commit()
        raise
    uow.idempotency.remember(request, answer)
    uow.commit()
    return answer


def network_of(uow: ExchangeUnitOfWork, network_id: str) -> LedgerNetwork:
    network = uow.networks.get(network_id)
    if network is None:
        raise NotFound("no such network")
    return network


def member_of(uow: ExchangeUnitOfWork, member_id: str, network_id: str | None = None):
    """A member the ledger knows (of the given network, when one is given)."""
    member: LedgerMember | None = uow.members.get(member_id)
    if member is None or (network_id is not None and member.network_id != network_id):
        raise NotFound("no such member")
    return member


def network_account(uow: ExchangeUnitOfWork, network_id: str, kind: AccountKind, unit: Unit):
    account = uow.accounts.of(network_id, kind, unit)
    if account is None:
        raise NotFound("the network's accounts are not open yet")
    return account


def shop_clearing(uow: ExchangeUnitOfWork, shop_id: str, network_id: str) -> Account:
    """The shop's clearing account, opened the first time the shop needs it."""
    account = uow.accounts.of(shop_id, AccountKind.SHOP_CLEARING, Unit.FOOD)
    if account is None:
        account = Account.open(network_id, Unit.FOOD, AccountKind.SHOP_CLEARING, shop_id)
        uow.accounts.add(account)
    return account


def check_operator(actor: Principal, network_id: str) -> None:
    """Administrators, and operators of this network."""
    if not actor.manages_network(network_id):
        raise PermissionDenied("only an operator of this network may do this")


def check_till(actor: Principal) -> None:
    if actor.role is not Role.DEVICE:
        raise PermissionDenied("only a registered till may do this")
