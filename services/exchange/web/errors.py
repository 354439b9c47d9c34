"""The exchange's errors as HTTP statuses and codes, in one table."""

from ..domain import errors

ERRORS = {
    errors.NotFound: (404, "not_found"),
    errors.NotAllowed: (409, "not_allowed"),
    errors.AlreadyAllocated: (409, "already_allocated"),
    errors.IdempotencyKeyRequired: (400, "idempotency_key_required"),
    errors.IdempotencyKeyReused: (422, "idempotency_key_reused"),
    errors.InsufficientCredit: (409, "not_enough_credit"),
    errors.UnknownCard: (404, "unknown_card"),
    errors.CardBlocked: (409, "card_blocked"),
    errors.PinNotSet: (409, "pin_not_set"),
    errors.WrongPin: (401, "wrong_pin"),
    errors.CardLocked: (423, "card_locked"),
    errors.MemberCannotSpend: (409, "member_not_active"),
    errors.LimitExceeded: (409, "limit_exceeded"),
}
