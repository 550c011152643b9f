"""The errors a catalog raises for the user to read (messages in English; the UI translates the
classes it knows and shows the rest as they are)."""

from __future__ import annotations

from pathlib import Path


class CatalogError(Exception):
    """A catalog that cannot be opened or written; the message is for the user."""


class CatalogTooNewError(CatalogError):
    """The catalog carries a schema revision this app does not know; it was left untouched."""


class CatalogBusy(CatalogError):
    """Another program holds the catalog's write lock; the write can be retried shortly."""


class CatalogOffline(CatalogError):
    """The lab catalog's server cannot be reached; the write can be retried when it is back."""


class CatalogGone(CatalogError):
    """The catalog file or its folder disappeared while the catalog was open."""


class UpgradeCancelled(CatalogError):
    """The user stopped a schema upgrade; it was rolled back and the catalog is unchanged."""

    def __init__(self, message: str = "The upgrade was cancelled. The catalog was not changed; "
                 "this version of RSFM Desktop opens it once it is upgraded."):
        super().__init__(message)


class CatalogDamagedError(CatalogError):
    """The catalog file fails ``PRAGMA quick_check`` or is not a database.

    ``backups`` lists the backups that pass the check, newest first (``backup.BackupInfo``).
    """

    def __init__(self, path: Path, problem: str, backups: list):
        self.path, self.problem, self.backups = path, problem, backups
        latest = (
            f" The latest good backup is from {backups[0].created.astimezone():%Y-%m-%d %H:%M}."
            if backups
            else " No good backup was found."
        )
        super().__init__(f"The catalog {path} is damaged ({problem}).{latest}")


def retryable(exc: BaseException) -> bool:
    """A write that failed for a passing reason: try it again later, keep the user's input."""
    return isinstance(exc, (CatalogBusy, CatalogOffline))
