"""Which of a recording's calls one function made: a row of an import, a lead of a bulk action.

`marked(owner, name, marks, outcome)` wraps `owner.name` (a module's function or a class's method)
for the block: each invocation made while `marks.recording` is set notes the span of calls it added to
that recording, with a label `outcome` gives once it returns (created, failed, ...). The wrapped
function runs as before; only where its calls fall is noted, so a chunk's calls can be split into
those of its rows and those of the chunk itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from bench.meter import Recording

# Given the call's arguments before it runs, returns what names its outcome once it has run.
Outcome = Callable[[tuple[Any, ...]], Callable[[], str]]


@dataclass
class Marks:
    recording: Recording | None = None
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # (label, first call, end)

    def start(self, recording: Recording) -> None:
        self.recording, self.spans = recording, []

    def inside(self) -> set[int]:
        """The indexes of the calls any span holds."""
        return {i for _, first, end in self.spans for i in range(first, end)}


@contextmanager
def marked(owner: Any, name: str, marks: Marks, outcome: Outcome) -> Iterator[Marks]:
    original = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        recording = marks.recording
        first = len(recording.calls) if recording is not None else 0
        label = outcome(args)
        try:
            return original(*args, **kwargs)
        finally:
            if recording is not None:
                marks.spans.append((label(), first, len(recording.calls)))

    setattr(owner, name, wrapper)
    try:
        yield marks
    finally:
        setattr(owner, name, original)
