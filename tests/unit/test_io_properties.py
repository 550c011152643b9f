"""Random and malformed input thrown at every parser: only ImportFormatError escapes, and a
failing import leaves the catalog exactly as it was."""

from __future__ import annotations

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
