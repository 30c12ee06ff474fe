"""The one error of the execution services: a refused action, raised before anything is written."""

from __future__ import annotations

from collections.abc import Sequence


class ExecutionError(Exception):
    """A refused action: `code` for programs, a Chinese `message`, and the core findings behind it."""

    def __init__(self, code: str, message: str, findings: Sequence = ()):
        self.code, self.message, self.findings = code, message, tuple(findings)
        super().__init__(message)
