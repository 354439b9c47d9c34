"""The registry's errors as HTTP statuses and codes, in one table."""

from ..domain import errors

ERRORS = {
    errors.NotFound: (404, "not_found"),
    errors.UnknownReference: (422, "unknown_reference"),
    errors.DuplicateNetwork: (409, "duplicate_network"),
    errors.LikelyDuplicates: (409, "likely_duplicate"),
    errors.InvalidTransition: (409, "invalid_status_change"),
    errors.NotAllowedForKind: (409, "not_allowed"),
    errors.ContractLimitExceeded: (422, "too_many_hours"),
    errors.CardNotActive: (409, "card_not_active"),
    errors.InvalidCredentials: (401, "invalid_credentials"),
    errors.LoginCoolingDown: (429, "too_many_attempts"),
    errors.AccountLocked: (423, "login_locked"),
    errors.EmailTaken: (409, "email_taken"),
    errors.InvalidImport: (422, "invalid_import"),
    errors.InvalidPairingCode: (422, "invalid_pairing_code"),
    errors.PairingPaused: (429, "pairing_paused"),
}
