"""The library's exceptions. Each names the bad input and, where it can, how to fix it."""

from __future__ import annotations


class NewslineError(Exception):
    """Base of every error newsline raises on purpose.

    ``what`` says what went wrong, ``which`` names the file (or other input), ``fix`` says
    how to fix it. ``str()`` gives the one line the CLI prints after ``Error:``.
    """

    def __init__(self, what: str, which: str | None = None, fix: str | None = None) -> None:
        self.what = what
        self.which = which
        self.fix = fix
        super().__init__(self.line())

    def line(self) -> str:
        text = self.what
        if self.which:
            text += f" ({self.which})"
        if self.fix:
            text += f": {self.fix}"
        return text


class InputError(NewslineError):
    """A source that cannot be read as an article: missing, empty, binary, malformed."""


class StoreError(NewslineError):
    """The database cannot be opened or is not a newsline database."""


class ModelError(NewslineError):
    """The spaCy pipeline cannot be loaded."""


class DataError(NewslineError):
    """A benchmark's data set is missing or not in the expected form."""
