"""Curate offline, share with the lab: sync a local catalog with the lab's PostgreSQL catalog,
field by field, never losing anyone's work (see :mod:`.engine`)."""

from .engine import ConflictInfo, Session, SyncCancelled, SyncReport, conflicts, resolve, resolve_many, sync

__all__ = ["ConflictInfo", "Session", "SyncCancelled", "SyncReport", "conflicts", "resolve", "resolve_many", "sync"]
