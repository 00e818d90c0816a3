"""The one error a user's mistake becomes: file, line, field and what is wrong, on one line."""

from __future__ import annotations


class HealthlibError(Exception):
    """A problem the user can fix. Surfaces print `str(error)` and exit 2, never a traceback."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "")
        parts = [p for p in (where, self.field) if p]
        prefix = ": ".join(parts)
        text = " ".join(self.message.split())
        return f"{prefix}: {text}" if prefix else text


class UnknownMedicine(HealthlibError):
    """A name that matches no guide; carries the closest matches to suggest."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no guide for '{name}' in this library.{hint}")


class UnreadableReport(HealthlibError):
    """A lab report file that cannot be read: too big, too many pages, encrypted, damaged, not a
    PDF or image, or too slow to read. The message says which, on one line."""
