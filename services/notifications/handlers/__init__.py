"""The notifications command handlers: members (``members``), the exchange's events
(``ledger``) and the scheduled digests (``digests``), wired in ``bootstrap.py``."""
