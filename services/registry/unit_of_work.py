"""The registry's unit of work and its repositories."""

from __future__ import annotations

from shared.db import Database
from shared.unit_of_work import SqlAlchemyUnitOfWork

from .adapters import orm
from .adapters import repositories as repos
from .adapters.translators import PERSONAL_EVENT_TYPES, to_envelope


class RegistryUnitOfWork(SqlAlchemyUnitOfWork):
    networks: repos.SqlAlchemyNetworkRepository
    markets: repos.SqlAlchemyMarketRepository
    members: repos.SqlAlchemyMemberRepository
    cards: repos.SqlAlchemyCardRepository
    devices: repos.SqlAlchemyDeviceRepository
    pairing_codes: repos.SqlAlchemyPairingCodeRepository
    wrong_pairing_codes: repos.SqlAlchemyWrongPairingCodeRepository
    contracts: repos.SqlAlchemyContractRepository
    logins: repos.SqlAlchemyLoginRepository
    login_codes: repos.SqlAlchemyLoginCodeRepository
    refresh_tokens: repos.SqlAlchemyRefreshTokenRepository
    consents: repos.SqlAlchemyConsentRepository
    audit: repos.SqlAlchemyAuditRepository

    def __init__(self, database: Database) -> None:
        super().__init__(
            database,
            outbox=orm.outbox,
            handled_events=orm.handled_events,
            to_envelope=to_envelope,
            personal_event_types=PERSONAL_EVENT_TYPES,
        )

    def _open(self, session):
        self.networks = repos.SqlAlchemyNetworkRepository(session)
        self.markets = repos.SqlAlchemyMarketRepository(session)
        self.members = repos.SqlAlchemyMemberRepository(session)
        self.cards = repos.SqlAlchemyCardRepository(session)
        self.devices = repos.SqlAlchemyDeviceRepository(session)
        self.pairing_codes = repos.SqlAlchemyPairingCodeRepository(session)
        self.wrong_pairing_codes = repos.SqlAlchemyWrongPairingCodeRepository(session)
        self.contracts = repos.SqlAlchemyContractRepository(session)
        self.logins = repos.SqlAlchemyLoginRepository(session)
        self.login_codes = repos.SqlAlchemyLoginCodeRepository(session)
        self.refresh_tokens = repos.SqlAlchemyRefreshTokenRepository(session)
        self.consents = repos.SqlAlchemyConsentRepository(session)
        self.audit = repos.SqlAlchemyAuditRepository(session)
        return [
            self.networks,
            self.members,
            self.cards,
            self.devices,
            self.contracts,
            self.login_codes,
        ]
