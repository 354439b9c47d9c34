"""What a scenario is given, and what it gives back."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from faults.record import Recorder
from faults.stack import FaultStack
from faults.town import Town, set_up_town


@dataclass
class Outcome:
    """The scenario's own figure from RELIABILITY.md, and whether it is what it must be."""

    figure: str
    passed: bool
    notes: list[str] = field(default_factory=list)


@dataclass
class Context:
    number: int
    stack: FaultStack
    recorder: Recorder
    rng: random.Random
    towns: list[Town] = field(default_factory=list)

    def town(self, **kwargs) -> Town:
        """A town of the scenario's own (counted by the checker)."""
        town = set_up_town(
            self.stack, self.recorder, f"S{self.number:02d}-{len(self.towns)}", **kwargs
        )
        self.towns.append(town)
        return town

    @property
    def networks(self) -> list[str]:
        return [town.network_id for town in self.towns]
