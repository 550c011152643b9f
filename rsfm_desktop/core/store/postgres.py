"""A catalog on a PostgreSQL server: the lab catalog (psycopg 3).

``postgresql://USER@HOST[:PORT]/DB``. The password is never part of a stored URL: libpq takes
it from ``PGPASSWORD`` or ``~/.pgpass``, else the system keyring is asked (service
``rsfm-desktop``, user ``USER@HOST:PORT/DB``). Sessions run in UTC, so timestamps read back as
they were written. An empty database gets the schema and the bundled catalog, exactly as a first
launch does with SQLite; an older schema is migrated; a newer one is refused.
"""

from __future__ import annotations

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from ..errors import CatalogError, CatalogOffline, CatalogTooNewError

KEYRING_SERVICE = "rsfm-desktop"
CONNECT_TIMEOUT_S = 5


def is_server_url(target: object) -> bool:
    return isinstance(target, str) and target.split(":", 1)[0] in ("postgresql", "postgres", "postgresql+psycopg")


def keyring_user(url: str) -> str:
    u = make_url(url)
    return f"{u.username or ''}@{u.host or 'localhost'}:{u.port or 5432}/{u.database or ''}"


def display_url(url: str) -> str:
    """The URL without a password, as shown and stored in settings."""
    return make_url(url).render_as_string(hide_password=True).replace("postgresql+psycopg://", "postgresql://")


def strip_password(url: str) -> str:
    """The URL as it may be stored in settings (``URL.set(password=None)`` changes nothing)."""
    return make_url(url)._replace(password=None).render_as_string(hide_password=False).replace(
        "postgresql+psycopg://", "postgresql://")


def _keyring_password(url: str) -> str | None:
    try:
        import keyring
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, keyring_user(url))
    except Exception:  # noqa: BLE001 (no keyring backend on this desktop: libpq's sources only)
        return None


def store_password(url: str, password: str) -> bool:
    """Keep a lab server's password in the system keyring; False when there is none."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, keyring_user(url), password)
        return True
    except Exception:  # noqa: BLE001
        return False


def _translate_error(context) -> CatalogError | None:
    exc = context.original_exception
    import psycopg

    if isinstance(exc, psycopg.OperationalError) or context.is_disconnect:
        return CatalogOffline(
            "The lab catalog server cannot be reached. Nothing you typed is lost: it is kept and "
            f"saved when the server is back. ({str(exc).strip().splitlines()[0] if str(exc).strip() else exc})"
        )
    return None


def make_engine(url: str, pool: bool = True) -> Engine:
    import os

    u = make_url(url).set(drivername="postgresql+psycopg")
    kwargs = dict(
        # UTC, so timestamps read back as written; memory for in-memory sorts of 100,000 rows.
        connect_args={"options": "-c timezone=UTC -c work_mem=32MB", "connect_timeout": CONNECT_TIMEOUT_S,
                      "application_name": "rsfm-desktop"},
        pool_pre_ping=True,
    )
    if not pool:
        kwargs["poolclass"] = NullPool
    engine = create_engine(u, **kwargs)
    event.listen(engine, "handle_error", _translate_error)
    if u.password is None and not os.environ.get("PGPASSWORD"):
        event.listen(engine, "do_connect", _with_keyring_password(url))
    return engine


_ASKED_FOR_PASSWORD = ("no password supplied", "password authentication failed")


def _with_keyring_password(url: str):
    """A ``do_connect`` hook: connect with what libpq finds itself (``~/.pgpass``, trust); only
    when the server asks for a password that libpq has not got, ask the system keyring, and keep
    what it gives for the engine's later connections. Importing and asking the keyring costs
    0.3-0.9 s at start (its backends are looked for), which a server that needs no password
    from it should not pay."""

    def connect(dialect, _record, cargs, cparams):
        import psycopg

        if "password" in cparams:
            return None  # found before: the default connect uses it
        try:
            return dialect.connect(*cargs, **cparams)
        except psycopg.OperationalError as exc:
            if not any(words in str(exc) for words in _ASKED_FOR_PASSWORD):
                raise
            password = _keyring_password(url)
            if not password:
                raise
            cparams["password"] = password
            return dialect.connect(*cargs, **cparams)

    return connect


def _inspect(engine: Engine, url: str) -> tuple[str | None, bool]:
    """(revision, holds a paper table), or :class:`CatalogOffline` when the server is away."""
    from .. import migrations

    try:
        with engine.connect() as conn:
            revision = migrations.current_revision(conn)
            # to_regclass: one catalog lookup (information_schema.tables: a view over several, 5-9 ms)
            has_tables = conn.exec_driver_sql("SELECT to_regclass('paper') IS NOT NULL").scalar()
    except DBAPIError as exc:
        engine.dispose()
        raise CatalogOffline(f"Cannot connect to {display_url(url)}: {exc.orig}") from exc
    return revision, has_tables


def open_read_only(url: str) -> Engine | None:
    """The lab catalog opened read-only (a dry run writes nothing anywhere); None for an empty
    database (the caller shows what a first launch would create). An older or newer schema is
    refused, as on SQLite."""
    from .. import migrations

    engine = make_engine(url)
    engine.update_execution_options(postgresql_readonly=True)
    revision, has_tables = _inspect(engine, url)
    if revision is None and not has_tables:
        engine.dispose()
        return None
    if revision != migrations.HEAD:
        engine.dispose()
        raise CatalogError(f"{display_url(url)} must be opened once by this version of RSFM Desktop"
                           " before a dry run.")
    return engine


# An engine whose catalog :func:`pending_upgrade` found current, kept for the open that follows
# (the window and the command line ask, then open): one connection to the server at start, not
# two (each a TCP connection, a server process forked and a login: 15-30 ms of client CPU, tens
# of ms of wall time). One at a time; a newer one replaces it.
_CHECKED: dict[str, Engine] = {}


def pending_upgrade(url: str) -> str | None:
    """The lab catalog's schema revision when opening it would upgrade it, else None."""
    from .. import migrations

    engine = make_engine(url)
    revision, _has_tables = _inspect(engine, url)
    if revision == migrations.HEAD:
        for older in [_CHECKED.pop(u) for u in list(_CHECKED)]:
            older.dispose()
        _CHECKED[url] = engine
        return None
    engine.dispose()
    if revision is None or revision not in migrations.known_revisions():
        return None
    return revision


def open_server(url: str, reporter=None) -> Engine:
    """Connect, then create, migrate or refuse the schema (see the module docstring).
    ``reporter`` as for :func:`rsfm_desktop.core.store.sqlite.prepare_file`."""
    from .. import migrations

    engine = _CHECKED.pop(url, None) or make_engine(url)
    revision, has_tables = _inspect(engine, url)  # again: a pooled connection's two round trips
    if revision is None and has_tables:
        engine.dispose()
        raise CatalogError(f"{display_url(url)} holds tables that are not an RSFM Desktop catalog.")
    if revision is None:
        from .schema import create_schema

        with engine.begin() as conn:
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7346000)")  # two first launches at once
            if migrations.current_revision(conn) is None:
                create_schema(conn)
    elif revision != migrations.HEAD:
        if revision not in migrations.known_revisions():
            engine.dispose()
            raise CatalogTooNewError(
                f"This lab catalog was written by a newer version of RSFM Desktop (schema {revision}); "
                f"this version knows schemas up to {migrations.HEAD}. Update RSFM Desktop to open it. "
                "The catalog was not changed."
            )
        report = migrations.reporters(reporter, migrations.pending_steps(revision), backup=False)
        migrations.upgrade(engine.url.render_as_string(hide_password=False), **report["upgrade"])
    return engine
