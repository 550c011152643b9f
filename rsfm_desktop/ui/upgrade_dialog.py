"""Upgrading a catalog to this version's schema before the window opens, off the GUI thread.

An upgrade backs the catalog file up and runs the migrations in one transaction; on a large
catalog that takes minutes (building a full-text index of 200,000 pages took 475 s). Run on the
GUI thread before any window exists, it looked like a start that hangs. Here it runs on a
worker with a progress dialog (shown once it takes longer than a moment) whose Cancel rolls the
upgrade back: the catalog stays as it was, and the app says so and quits.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.catalog import pending_upgrade, upgrade_catalog
from ..core.errors import UpgradeCancelled
from .tasks import Cancelled, TaskContext, run_task


def _tr(text: str) -> str:
    return QCoreApplication.translate("Upgrade", text)


def upgrade_if_needed(target: Path | str, parent: QWidget | None = None) -> None:
    """Upgrade the catalog at ``target`` when opening it would, with a cancellable progress
    dialog, and return once it is done (the open that follows is then quick).

    Raises what the upgrade raised (a :class:`~rsfm_desktop.core.errors.CatalogError` for the
    caller to show as when opening), and :class:`UpgradeCancelled` when the user cancelled,
    after saying so.
    """
    if pending_upgrade(target) is None:
        return
    loop = QEventLoop()
    outcome: dict = {}

    def work(context: TaskContext) -> None:
        try:
            upgrade_catalog(target, context)
        except UpgradeCancelled as exc:
            raise Cancelled() from exc

    def done(**result) -> None:
        outcome.update(result)
        loop.quit()

    label = _tr("Upgrading the catalog for this version of RSFM Desktop…\n"
                "A backup copy is written first. A large catalog can take a few minutes; "
                "Cancel leaves it as it was.")
    run_task(parent, label, work, on_success=lambda _r: done(), on_error=lambda exc: done(error=exc),
             on_cancel=lambda: done(cancelled=True))
    loop.exec()
    if outcome.get("cancelled"):
        QMessageBox.information(parent, _tr("Upgrade cancelled"), _tr(
            "The upgrade was cancelled. The catalog was not changed; this version of RSFM Desktop "
            "can open it once it is upgraded."))
        raise UpgradeCancelled()
    if "error" in outcome:
        raise outcome["error"]
