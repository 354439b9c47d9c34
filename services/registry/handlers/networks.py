"""Networks, their markets, and shops' profiles."""

from __future__ import annotations

from ..domain import commands
from ..domain.errors import DuplicateNetwork, NotFound, UnknownReference
from ..domain.networks import Market, Network
from ..unit_of_work import RegistryUnitOfWork
from .common import managed_member, managed_network


def create_network(cmd: commands.CreateNetwork, uow: RegistryUnitOfWork) -> Network:
    cmd.actor.check_is_admin()
    with uow:
        if uow.networks.by_name(cmd.name) is not None:
            raise DuplicateNetwork(f"a network named {cmd.name!r} exists already")
        network = Network.create(cmd.name, cmd.town, cmd.eligibility_months)
        uow.networks.add(network)
        uow.commit()
        return network


def update_network(cmd: commands.UpdateNetwork, uow: RegistryUnitOfWork) -> Network:
    with uow:
        network = managed_network(uow, cmd.actor, cmd.network_id)
        network.eligibility_months = cmd.eligibility_months
        uow.commit()
        return network


def open_market(cmd: commands.OpenMarket, uow: RegistryUnitOfWork) -> Market:
    with uow:
        network = managed_network(uow, cmd.actor, cmd.network_id)
        market = Market.open(network, cmd.name, cmd.address, cmd.market_days)
        uow.markets.add(market)
        uow.commit()
        return market


def update_market(cmd: commands.UpdateMarket, uow: RegistryUnitOfWork) -> Market:
    with uow:
        market = uow.markets.get(cmd.market_id)
        if market is None or not cmd.actor.manages_network(market.network_id):
            raise NotFound("no such market")
        market.update(cmd.name, cmd.address, cmd.market_days)
        uow.commit()
        return market


def set_shop_profile(cmd: commands.SetShopProfile, uow: RegistryUnitOfWork):
    with uow:
        shop = managed_member(uow, cmd.actor, cmd.member_id)
        if cmd.market_id is not None:
            market = uow.markets.get(cmd.market_id)
            if market is None or market.network_id != shop.network_id:
                raise UnknownReference(f"there is no market {cmd.market_id} in this network")
        shop.set_shop_profile(
            cmd.shop_type,
            cmd.accepts_time,
            cmd.market_id,
            cmd.opening_days,
            cmd.time_rate_cents_per_hour,
        )
        uow.commit()
        return shop.shop_profile
