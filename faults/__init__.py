"""The fault suite: RELIABILITY.md's fourteen scenarios against the real stack (make faults)."""
