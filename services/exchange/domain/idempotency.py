"""What identifies a write a till or client may retry."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class IdempotentRequest:
    """Who asked, with which Idempotency-Key, for what (a hash of the parts that matter).

    The key belongs to its caller: the same key from another till is another
    request. A PIN is never part of the fingerprint, so none is ever stored.
    """

    scope: str
    key: str
    fingerprint: str

    @classmethod
    def of(cls, scope: str, key: str, operation: str, **parts: Any) -> IdempotentRequest:
        canonical = json.dumps({"operation": operation, **parts}, sort_keys=True, default=str)
        return cls(scope, key, hashlib.sha256(canonical.encode()).hexdigest())
