"""Random and malformed input thrown at every parser: only ImportFormatError escapes, and a
failing import leaves the catalog exactly as it was."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rsfm_desktop.core.io import Format, ImportFormatError, parse_text

from .io_helpers import FIXTURES, import_batch, table_counts

SAMPLES = {
    Format.BIBTEX: (FIXTURES / "refs.bib").read_text(encoding="utf-8"),
    Format.RIS: (FIXTURES / "refs.ris").read_text(encoding="utf-8"),
    Format.CSLJSON: (FIXTURES / "refs_csl.json").read_text(encoding="utf-8"),
    Format.CSV: (FIXTURES / "papers.csv").read_text(encoding="utf-8"),
    Format.MARKDOWN: (FIXTURES / "awesome_table.md").read_text(encoding="utf-8"),
    Format.JSON: '{"format": "rsfm-export", "papers": [{"title": "A", "year": 2020, "tags": ["t1"]}],'
                 ' "tags": [{"ref": "t1", "facet": "family", "label_en": "VLM"}]}',
}
SYNTAX = "@{}(),=\"#%\\|-:[]*_`\n\t TY  - ER  - AU  - 10.1109/ arxiv.org/abs/2311.15826 https://github.com/a/b"
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _mutations():
    """A valid sample cut, spliced or sprinkled with syntax characters."""
    fmt = st.sampled_from(list(SAMPLES))
    noise = st.text(alphabet=st.sampled_from(list(SYNTAX) + ["遥", "ü", "\u3000", "\r"]), max_size=40)
    return st.tuples(fmt, st.integers(0, 4000), st.integers(0, 4000), noise)


def _try(text: str, source: str, fmt) -> None:
    try:
        parse_text(text, source, fmt)
    except ImportFormatError as exc:
        assert exc.message  # always says what is wrong


@PROPERTY
@given(text=st.text(max_size=400), fmt=st.sampled_from([None, *Format]))
def test_random_text_never_crashes_a_parser(text, fmt):
    _try(text, "random.txt", fmt)


@PROPERTY
@given(case=_mutations())
def test_mutated_real_files_never_crash_a_parser(case):
    fmt, cut, splice_at, noise = case
    sample = SAMPLES[fmt]
    text = sample[: cut % (len(sample) + 1)] + noise + sample[splice_at % (len(sample) + 1):]
    _try(text, f"mutated.{fmt.value}", fmt)


@PROPERTY
@given(case=_mutations())
def test_a_failing_import_writes_nothing(empty_catalog, case):
    fmt, cut, splice_at, noise = case
    sample = SAMPLES[fmt]
    text = sample[: cut % (len(sample) + 1)] + noise + sample[splice_at % (len(sample) + 1):]
    before = table_counts(empty_catalog)
    try:
        batch = parse_text(text, "m.txt", fmt)
    except ImportFormatError:
        assert table_counts(empty_catalog) == before
        return
    # A readable file: import it in a transaction we abort halfway; nothing may remain.
    calls = iter(range(1, 10_000))
    try:
        import_batch(empty_catalog, batch, cancelled=lambda: next(calls) > 1)
    except Exception:  # noqa: BLE001 - cancellation (or any error) must roll back
        pass
    else:
        assert len(batch.records) <= 1
        return
    assert table_counts(empty_catalog) == before


# ---- every parser on every input, and round trips of generated entries ------------------

import unicodedata  # noqa: E402

from rsfm_desktop.core.fields import Kind  # noqa: E402
from rsfm_desktop.core.io import bibtex, csljson, csv_io, read_file, ris  # noqa: E402
from rsfm_desktop.core.io.snapshot import EntrySnapshot  # noqa: E402
from rsfm_desktop.core.validation import MISSING_MARKERS  # noqa: E402

MORE_SAMPLES = {
    Format.BIBTEX: (FIXTURES / "biblatex.bib").read_text(encoding="utf-8"),
    Format.RIS: (FIXTURES / "titles.ris").read_text(encoding="utf-8"),
    Format.MARKDOWN: (FIXTURES / "awesome_dialects.md").read_text(encoding="utf-8"),
}


@PROPERTY
@given(fmt=st.sampled_from(list(MORE_SAMPLES)), cut=st.integers(0, 3000), noise=st.lists(
    st.sampled_from(list(SYNTAX) + ["遥", "ü", "\r", "@string{", "crossref = {", "L1  - ", "| ... |"]),
    max_size=12).map("".join))
def test_the_new_fixtures_mutated_never_crash_a_parser(fmt, cut, noise):
    sample = MORE_SAMPLES[fmt]
    at = cut % (len(sample) + 1)
    _try(sample[:at] + noise + sample[at:], f"mutated.{fmt.value}", fmt)


@PROPERTY
@given(raw=st.binary(max_size=300), suffix=st.sampled_from([".bib", ".ris", ".csv", ".json", ".md", ".txt"]))
def test_any_bytes_in_a_file_only_ever_give_an_import_format_error(tmp_path_factory, raw, suffix):
    path = tmp_path_factory.mktemp("bytes") / f"f{suffix}"
    path.write_bytes(raw)
    try:
        read_file(path)
    except ImportFormatError as exc:
        assert exc.message


_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 üéøßçñ"
_SPECIAL = "@{}\"'%$&#_~^\\-`|;,.:!?()[]<>=+*/"
_CJK = "遥感视觉语言模型基础数据集综述李明王小红"


def _text(alphabet, min_size=1, max_size=30):
    return st.text(alphabet=alphabet, min_size=min_size, max_size=max_size).map(
        lambda s: unicodedata.normalize("NFC", " ".join(s.split()))).filter(
        lambda s: any(c.isalnum() for c in s) and s.lower() not in MISSING_MARKERS)  # "nan", "null": no value


_NAME = st.one_of(
    st.tuples(st.sampled_from(["Wei", "Anna", "José", "Kari"]), st.sampled_from(["Zhang", "Weber", "García", "Olsen"]))
    .map(" ".join),
    st.sampled_from(["李明", "王小红", "欧阳娜娜", "陈大文"]),
)


@st.composite
def _paper(draw):
    values = {
        "title": draw(_text(_PLAIN + _SPECIAL + _CJK[:6])),
        "authors": draw(st.lists(_NAME, max_size=3, unique=True)),
        "year": draw(st.integers(1990, 2025)),
        "venue": draw(_text(_PLAIN + "&-")),
        "doi": "10.1000/" + draw(st.text(alphabet="ABCxyz0123456789._-", max_size=12)) + draw(st.sampled_from("Ax9")),
        "summary_en": draw(_text(_PLAIN + _SPECIAL, max_size=60).filter(lambda s: sum(c.isalpha() for c in s) > 1)),
        "summary_zh": draw(st.text(alphabet=_CJK + "，。", min_size=2, max_size=20).filter(lambda s: any(c in _CJK for c in s))),
        "citation_key": draw(st.text(alphabet="abcxyz0123456789:-_", min_size=1, max_size=15)),
    }
    note = draw(st.one_of(st.none(), st.text(alphabet=_PLAIN + _SPECIAL + _CJK + "\n\t", min_size=1, max_size=80)))
    note = note.strip() or None if note else None
    return EntrySnapshot(Kind.PAPER, 1, {k: v for k, v in values.items() if v not in ("", [])}, note=note)


@pytest.mark.parametrize("writer, suffix", [(bibtex.write, ".bib"), (ris.write, ".ris"), (csljson.write, ".json"),
                                            (csv_io.write, ".csv")])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(snap=_paper())
def test_generated_entries_round_trip_through_every_format(writer, suffix, snap):
    record = parse_text(writer([snap]), f"gen{suffix}").records[0]
    # CSV has a column per catalog field (citation_key once the catalog has that field).
    carried = set(csv_io.columns()) if writer is csv_io.write else set(snap.values)
    for key, value in snap.values.items():
        if key in carried:
            assert record.values.get(key) == value, (key, writer.__module__)
    assert (record.note or None) == snap.note


@pytest.mark.parametrize("writer, suffix", [(bibtex.write, ".bib"), (ris.write, ".ris"), (csljson.write, ".json"),
                                            (csv_io.write, ".csv")])
@pytest.mark.parametrize("note", ["-", "n/a", "none"])
def test_a_note_that_looks_like_a_missing_value_marker_is_kept(writer, suffix, note):
    """Found by the generated round trip: a note "-" came back as no note (read as "missing")."""
    snap = EntrySnapshot(Kind.PAPER, 1, {"title": "Zero-shot scene classification", "year": 2024}, note=note)
    assert parse_text(writer([snap]), f"gen{suffix}").records[0].note == note
