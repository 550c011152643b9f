"""A large catalog's table shows a search's first screenful before the whole answer (read from
the entries' indexed text in the sort order), then appends the rest; a text that only narrows
the rows shown is answered from them, without searching the whole catalog."""

import threading

import pytest

from rsfm_desktop.core.entries import Query
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.ui.models import catalog_table_model as ctm
from rsfm_desktop.ui.models import first_rows
from rsfm_desktop.ui.models.catalog_table_model import CatalogTableModel


@pytest.fixture
def large(monkeypatch):
    """Searched as at 100,000 papers: off the GUI thread, first rows read ahead."""
    monkeypatch.setattr(ctm, "BACKGROUND_SEARCH_ABOVE", 0)
    monkeypatch.setattr(first_rows, "READ_FIRST_ABOVE", 0)


def _blocked(monkeypatch, repo):
    """keep_matching (the search of the whole catalog) waits until released."""
    entered, release = threading.Event(), threading.Event()
    original = repo.keep_matching

    def slow(*args, **kwargs):
        entered.set()
        release.wait(5)
        return original(*args, **kwargs)

    monkeypatch.setattr(repo, "keep_matching", slow)
    return entered, release, original


def test_the_first_rows_come_before_the_whole_answer_which_appends_the_rest(
        large, qtmodeltester, qtbot, folder_catalog, monkeypatch):
    monkeypatch.setattr(first_rows, "FIRST_ROWS", 1)
    monkeypatch.setattr(first_rows, "CHUNKS", (1,))  # one candidate at a time: the rest stay unread
    repo = folder_catalog.entries
    model = CatalogTableModel(repo, Kind.PAPER)
    model.set_query(Query())
    qtmodeltester.check(model, force_py=True)
    expected = repo.keep_matching(Kind.PAPER, model.ids(), "remote")
    assert len(expected) >= 2
    entered, release, _ = _blocked(monkeypatch, repo)

    model.set_filter("remote", {})
    qtbot.waitUntil(entered.is_set, timeout=5000)  # the whole answer is being read...
    qtbot.waitUntil(model.partial, timeout=5000)  # ...and the first row is on screen already
    assert model.ids() == expected[:1] and model.query.text == "remote" and model.searching()
    with qtbot.waitSignal(model.rowsInserted, timeout=5000) as inserted:
        release.set()
    assert inserted.args[1:] == [1, len(expected) - 1]  # appended, no reset
    assert model.ids() == expected and not model.partial() and not model.searching()


def test_a_text_that_narrows_the_rows_shown_is_answered_from_them(large, qtbot, folder_catalog, monkeypatch):
    repo = folder_catalog.entries
    model = CatalogTableModel(repo, Kind.PAPER)
    model.set_query(Query())
    model.set_filter("remote", {})
    qtbot.waitUntil(lambda: not model.searching(), timeout=5000)
    shown = model.ids()
    entered, release, original = _blocked(monkeypatch, repo)
    release.set()

    model.set_filter("remote sens", {})
    qtbot.waitUntil(lambda: not model.searching(), timeout=5000)
    assert model.ids() == original(Kind.PAPER, shown, "remote sens") and not model.partial()
    assert not entered.is_set()  # the whole catalog was not searched
    # a new word (no narrowing of the rows shown) is searched in the whole order
    model.set_filter("geochat", {})
    qtbot.waitUntil(lambda: not model.searching(), timeout=5000)
    assert model.ids() == original(Kind.PAPER, repo.sorted_ids(Kind.PAPER), "geochat")


def test_the_count_waits_for_the_whole_answer(large, window, qtbot, monkeypatch):
    """While only the first rows are in, the count says it is not known yet."""
    monkeypatch.setattr(first_rows, "FIRST_ROWS", 1)
    monkeypatch.setattr(first_rows, "CHUNKS", (1,))
    model = window.tables[Kind.PAPER].catalog_model()
    entered, release, original = _blocked(monkeypatch, window.catalog.entries)
    window.search_box.setText("remote")
    qtbot.waitUntil(model.partial, timeout=5000)
    assert window.count_label.text().startswith("… of ")
    release.set()
    qtbot.waitUntil(lambda: not model.searching(), timeout=5000)
    assert window.count_label.text().startswith(f"{model.rowCount():,} of ")


@pytest.mark.parametrize(("old", "new", "narrower"), [
    ("", "remote", True),  # no text before: any text narrows the rows shown
    ("rem", "remote", True),
    ("REM", "a remote", True),  # case folded; a new word narrows too
    ("remote sens", "remote", False),  # a word fewer: more rows
    ("se", "seg", False),  # "se" starts a word; "seg" is a substring ("baseg"): not inside "se"'s rows
    ("remote", "remo", False),
])
def test_a_text_narrows_the_rows_shown_only_when_its_matches_are_among_them(old, new, narrower):
    assert first_rows.narrows(Query(old), Query(new)) is narrower
    assert not first_rows.narrows(Query(old, tags={1: frozenset({2})}), Query(new))  # another filter
