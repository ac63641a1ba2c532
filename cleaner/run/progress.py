"""Progress on stderr while a run goes: a tqdm bar on a terminal (documents, docs/s, errors),
nothing otherwise; messages written through it so they do not break the bar."""

from __future__ import annotations

from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO, *, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.bar = None
        self.errors = 0

    def phase(self, description: str, total: int | None = None) -> None:
        """Start a bar for a phase of the run (learning, cleaning)."""
        self.close()
        if not self.enabled:
            return
        import tqdm

        tqdm.tqdm.monitor_interval = 0  # no monitor thread: the run forks worker processes
        self.bar = tqdm.tqdm(
            total=total, desc=description, unit=" docs", file=self.stream, dynamic_ncols=True, smoothing=0.1
        )

    def step(self, error: str | None = None) -> None:
        if self.bar is None:
            return
        if error:
            self.errors += 1
            self.bar.set_postfix_str(f"errors {self.errors}", refresh=False)
        self.bar.update(1)

    def write(self, message: str) -> None:
        if self.bar is not None:
            self.bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
