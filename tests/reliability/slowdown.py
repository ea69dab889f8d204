"""Loaded into a test worker with ``celery worker --include tests.reliability.slowdown``:
makes one step of the pipeline hang so the task's time limit is what ends it.

``SLOW_STEP`` is ``parsing`` or ``extraction``; ``SLOW_SECONDS`` how long that step sleeps.
The patch is applied in each pool process as it starts, after Django is set up.
"""

from __future__ import annotations

import functools
import os
import time
from typing import Any

from celery.signals import worker_process_init


@worker_process_init.connect
def slow_down(**_: Any) -> None:
    step = os.environ.get("SLOW_STEP")
    if not step:
        return
    seconds = float(os.environ.get("SLOW_SECONDS", "60"))
    if step == "parsing":
        from articles import parsing as module

        name = "parse_item"
    else:
        from casualties import extraction as module  # type: ignore[no-redef]

        name = "extract"
    original = getattr(module, name)

    @functools.wraps(original)
    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(seconds)
        return original(*args, **kwargs)

    setattr(module, name, slow)
