"""Writing a file so that a reader never sees it half-written: a temporary file beside it, then a rename.

Contract: `write_atomic(path, data)` leaves at `path` either the previous file (when the process dies at any
point) or the complete new bytes; the temporary file is removed on failure and is flushed to disk before the
rename.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem[:40]}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
