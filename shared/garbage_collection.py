"""Python's garbage collector in a long-running service process, set once it has started.

A request or an event makes thousands of short-lived objects and few cycles.
With Python's defaults (a young collection every 700 new objects, an older
one every ten of those) the collector kept walking the app's startup graph
(modules, SQLAlchemy tables, marshmallow schemas), holding the GIL and so
pausing every thread of the process: about 6 % of a till worker's time under
load (py-spy). Freezing what exists once the app is built takes it out of
every collection, and a higher first threshold makes collections rarer.
Cycles made later are still collected.
"""

from __future__ import annotations

import gc

NEW_OBJECTS_BEFORE_A_COLLECTION = 20_000


def settle_after_startup() -> None:
    """Call once the process has built everything it keeps: its app, engines and schemas."""
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(NEW_OBJECTS_BEFORE_A_COLLECTION, middle, oldest)
