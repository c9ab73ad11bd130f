"""Where generated files (checklist PDFs) are kept: a small interface and a local-folder backend.

Keys are built by the portal from internal data only (`checklists/<employer>/<hire>/<hash>.pdf`),
never from anything a user typed; `LocalStorage` still refuses keys that would leave its folder.
Any backend with `put`, `open`, `exists` and `delete` (an S3 bucket, say) can replace it.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import BinaryIO, Protocol

_KEY = re.compile(r"^[A-Za-z0-9_-]+(/[A-Za-z0-9_.-]+)*$")


class FileStorage(Protocol):
    def put(self, key: str, data: bytes) -> None: ...
    def open(self, key: str) -> BinaryIO: ...
    def exists(self, key: str) -> bool: ...
    def delete(self, key: str) -> None: ...


class StorageKeyError(ValueError):
    """A key that is not a plain relative path of safe segments."""


class LocalStorage:
    """Files under one folder (by default the instance folder's `files/`, a volume in compose)."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root).resolve()

    def path_for(self, key: str) -> Path:
        """The file's path for `key`; raises StorageKeyError for anything but safe relative segments."""
        if not _KEY.match(key or "") or any(part in (".", "..") for part in key.split("/")):
            raise StorageKeyError("storage keys are relative paths of letters, digits, '.', '_' and '-'")
        return self.root / key

    def put(self, key: str, data: bytes) -> None:
        """Write atomically: readers see the old file or the whole new one, never half of it."""
        path = self.path_for(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def open(self, key: str) -> BinaryIO:
        return open(self.path_for(key), "rb")

    def exists(self, key: str) -> bool:
        return self.path_for(key).is_file()

    def delete(self, key: str) -> None:
        self.path_for(key).unlink(missing_ok=True)


def storage_from_config(config) -> LocalStorage:
    """The storage the app's settings name (`FILE_STORAGE_DIR`)."""
    return LocalStorage(config["FILE_STORAGE_DIR"])
