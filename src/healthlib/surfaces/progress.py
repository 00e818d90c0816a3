"""The import progress bar on stderr (rich): labels read, then guides written.

The library layer only reports how far it is (`imports.ImportProgress`); drawing is the CLI's.

    with ImportBar("openfda") as bar:
        run_import("openfda", paths, db, progress=bar.update)
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from healthlib.library.imports import ImportProgress

REFRESH = 0.1  # seconds between redraws; the import reports every label


class ImportBar:
    def __init__(self, kind: str, *, enabled: bool = True, console: Console | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.kind = kind
        self.enabled = enabled
        self.clock = clock
        self._last = float("-inf")
        self._tasks: dict[str, TaskID] = {}
        self._skipped = 0
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TextColumn("{task.fields[skipped]}"),
            TimeElapsedColumn(), TimeRemainingColumn(),
            console=console or Console(stderr=True), transient=False, auto_refresh=False)

    def __enter__(self) -> ImportBar:
        if self.enabled:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.progress.refresh()
            self.progress.stop()

    def update(self, event: ImportProgress) -> None:
        if not self.enabled:
            return
        now = self.clock()
        first = event.stage not in self._tasks
        finished = event.total is not None and event.done >= event.total
        if not (first or finished or now - self._last >= REFRESH):
            return
        self._last = now
        if first:
            what = "labels" if event.stage == "reading" else "guides"
            self._tasks[event.stage] = self.progress.add_task(
                f"{self.kind}: {event.stage} {what}", total=event.total, rate="", skipped="")
        task = self._tasks[event.stage]
        elapsed = self.progress.tasks[task].elapsed or 0.0
        rate = f"{event.done / elapsed:,.0f}/s" if elapsed > 0 else ""
        skipped = f"{event.skipped:,} skipped" if event.skipped and event.stage == "reading" else ""
        self.progress.update(task, completed=event.done, total=event.total, rate=rate, skipped=skipped)
        self.progress.refresh()
