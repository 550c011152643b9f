"""Preferences: interface language, theme, detail text size, the catalog (a folder: open another,
move this one; or a lab catalog on a PostgreSQL server), and the lab server a folder catalog syncs
with, with the member's name the lab sees on what they add or change."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QMessageBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ...core.store.postgres import display_url, is_server_url, store_password, strip_password
from .. import language as i18n
from .. import settings as cfg
from ..theme import THEMES


class PreferencesDialog(QDialog):
    themeChanged = Signal(str)
    fontSizeChanged = Signal(int)
    catalogChosen = Signal(Path, bool)  # folder, copy the current catalog there first
    serverChosen = Signal(str)  # a lab catalog's postgresql:// URL (no password)
    syncChanged = Signal()  # the lab server to sync with, or the member's name, changed

    def __init__(self, settings: QSettings, catalog, parent=None):
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings
        self._catalog_dir = catalog.data_dir
        self._catalog_name = catalog.name

        self.language = QComboBox(self)
        self.language.setObjectName("languageCombo")
        self.language.addItem(self.tr("System language"), "system")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(cfg.get(settings, cfg.LANGUAGE)))
        self.language_note = QLabel(self.tr("A new language is used from the next start."), self)
        self.language_note.setVisible(False)
        self.language.currentIndexChanged.connect(self._language_changed)

        self.theme = QComboBox(self)
        self.theme.setObjectName("themeCombo")
        labels = {"system": self.tr("Follow the system"), "light": self.tr("Light"), "dark": self.tr("Dark")}
        for theme in THEMES:
            self.theme.addItem(labels[theme], theme)
        self.theme.setCurrentIndex(max(0, self.theme.findData(cfg.get(settings, cfg.THEME))))
        self.theme.currentIndexChanged.connect(self._theme_changed)

        self.font_size = QSpinBox(self)
        self.font_size.setObjectName("fontSizeSpin")
        self.font_size.setRange(0, 28)
        self.font_size.setSpecialValueText(self.tr("Default"))
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setValue(cfg.get(settings, cfg.DETAIL_FONT_SIZE))
        self.font_size.valueChanged.connect(self._font_size_changed)

        self.backups_kept = QSpinBox(self)
        self.backups_kept.setObjectName("backupsKeptSpin")
        self.backups_kept.setRange(1, 200)
        self.backups_kept.setValue(cfg.get(settings, cfg.BACKUPS_KEPT))
        self.backups_kept.setToolTip(self.tr("Backups are taken automatically at most once an hour "
                                             "while the catalog changes, and before upgrades"))
        self.backups_kept.valueChanged.connect(lambda n: cfg.put(settings, cfg.BACKUPS_KEPT, n))

        self.catalog = QLineEdit(catalog.name, self)
        self.catalog.setObjectName("catalogFolder")
        self.catalog.setReadOnly(True)
        open_server = QPushButton(self.tr("Open a lab catalog…"), self)
        open_server.setObjectName("openServerButton")
        open_server.setToolTip(self.tr("Use a catalog the lab keeps on a PostgreSQL server"))
        open_server.clicked.connect(self._choose_server)
        open_other = QPushButton(self.tr("Open another…"), self)
        open_other.setObjectName("openCatalogButton")
        open_other.setToolTip(self.tr("Switch to the catalog in another folder (created if empty)"))
        move = QPushButton(self.tr("Move to…"), self)
        move.setObjectName("moveCatalogButton")
        move.setToolTip(self.tr("Copy this catalog to another folder and use it from there; "
                                "the old copy is left in place"))
        open_other.clicked.connect(lambda: self._choose_folder(copy=False))
        move.clicked.connect(lambda: self._choose_folder(copy=True))
        catalog_row = QHBoxLayout()
        catalog_row.addWidget(self.catalog, 1)
        catalog_row.addWidget(open_other)
        catalog_row.addWidget(move)
        catalog_row.addWidget(open_server)
        move.setEnabled(self._catalog_dir is not None)

        self.sync_server = QLineEdit(cfg.get(settings, cfg.SYNC_SERVER), self)
        self.sync_server.setObjectName("syncServer")
        self.sync_server.setPlaceholderText(self.tr("postgresql://USER@HOST[:PORT]/DATABASE (empty: no syncing)"))
        self.sync_server.setClearButtonEnabled(True)
        self.sync_server.setToolTip(self.tr("Your catalog stays on this computer and works offline; "
                                            "it syncs with this lab catalog whenever the server is reachable. "
                                            "The password comes from PGPASSWORD, ~/.pgpass or the system keyring."))
        self.sync_server.editingFinished.connect(self._sync_server_edited)
        self.sync_server.setEnabled(not catalog.is_server)
        self.sync_problem = QLabel(self)
        self.sync_problem.setObjectName("syncProblem")
        self.sync_problem.setWordWrap(True)
        self.sync_problem.setVisible(False)
        self.member = QLineEdit(cfg.get(settings, cfg.MEMBER_NAME), self)
        self.member.setObjectName("memberName")
        self.member.setPlaceholderText(self.tr("Shown to the lab as who added or changed an entry"))
        self.member.editingFinished.connect(self._member_edited)

        form = QFormLayout()
        form.addRow(self.tr("Language:"), self.language)
        form.addRow("", self.language_note)
        form.addRow(self.tr("Theme:"), self.theme)
        form.addRow(self.tr("Detail text size:"), self.font_size)
        form.addRow(self.tr("Catalog:"), catalog_row)
        form.addRow(self.tr("Automatic backups kept:"), self.backups_kept)
        form.addRow(self.tr("Sync with lab server:"), self.sync_server)
        form.addRow("", self.sync_problem)
        form.addRow(self.tr("Your name:"), self.member)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(640, 0)

    def done(self, result: int) -> None:  # noqa: D102 (Qt override): Escape or Close keeps what was typed
        if self.sync_server.isEnabled():
            self._sync_server_edited()
        self._member_edited()
        super().done(result)

    def _language_changed(self) -> None:
        cfg.put(self._settings, cfg.LANGUAGE, self.language.currentData())
        self.language_note.setVisible(True)

    def _theme_changed(self) -> None:
        cfg.put(self._settings, cfg.THEME, self.theme.currentData())
        self.themeChanged.emit(self.theme.currentData())

    def _font_size_changed(self, value: int) -> None:
        cfg.put(self._settings, cfg.DETAIL_FONT_SIZE, value)
        self.fontSizeChanged.emit(value)

    def _choose_server(self) -> None:
        url, ok = QInputDialog.getText(
            self, self.tr("Open a lab catalog"),
            self.tr("The lab catalog's address, postgresql://USER@HOST[:PORT]/DATABASE\n"
                    "(the password comes from PGPASSWORD, ~/.pgpass or the system keyring):"),
            text="postgresql://")
        url = url.strip()
        if not ok or not url:
            return
        if not is_server_url(url):
            QMessageBox.warning(self, self.tr("Open a lab catalog"),
                                self.tr("That is not a postgresql:// address."))
            return
        url, kept = _keep_password(url)
        if not kept:
            QMessageBox.information(self, self.tr("Open a lab catalog"), self._no_keyring())
        if display_url(url) != self._catalog_name:
            self.serverChosen.emit(url)
            self.accept()

    def _no_keyring(self) -> str:
        return self.tr("The password is not kept in the settings and there is no system "
                       "keyring here: put it in ~/.pgpass (or PGPASSWORD) instead.")

    def _sync_server_edited(self) -> None:
        url = self.sync_server.text().strip()
        if url and not is_server_url(url):
            self.sync_problem.setText(self.tr("That is not a postgresql:// address; syncing stays as it was."))
            self.sync_problem.setVisible(True)
            return
        self.sync_problem.setVisible(False)
        if url:
            url, kept = _keep_password(url)
            self.sync_server.setText(url)
            if not kept:
                self.sync_problem.setText(self._no_keyring())
                self.sync_problem.setVisible(True)
        if url != cfg.get(self._settings, cfg.SYNC_SERVER):
            cfg.put(self._settings, cfg.SYNC_SERVER, url)
            self.syncChanged.emit()

    def _member_edited(self) -> None:
        name = " ".join(self.member.text().split())
        if name != cfg.get(self._settings, cfg.MEMBER_NAME):
            cfg.put(self._settings, cfg.MEMBER_NAME, name)
            self.syncChanged.emit()

    def _choose_folder(self, copy: bool) -> None:
        title = self.tr("Move the catalog to") if copy else self.tr("Open the catalog in")
        fallback = self._catalog_dir.parent if self._catalog_dir else Path.home()
        folder = QFileDialog.getExistingDirectory(self, title, cfg.last_folder(self._settings, "catalog", fallback))
        if folder:
            cfg.remember_folder(self._settings, "catalog", Path(folder).parent)
        if folder and Path(folder) != self._catalog_dir:
            self.catalogChosen.emit(Path(folder), copy)
            self.accept()


def _keep_password(url: str) -> tuple[str, bool]:
    """``url`` without its password, which goes to the keyring (never to the settings); False
    when there was a password and no keyring to keep it."""
    from sqlalchemy.engine import make_url

    password = make_url(url).password
    url = strip_password(url)
    return url, not password or store_password(url, password)
