"""The big reads of a lab catalog on PostgreSQL: a bulk import keeps the planner's statistics
current. (The answers of the sort, search and tag-filter queries are tested on both engines
in test_search.py, test_entries.py and test_taxonomy_filter.py; their plans at 100,000 papers
are measured by tests/benchmarks/bench_catalog.py.)"""

import pytest

from rsfm_desktop.core.fields import Kind

from .catalog_helpers import add_entries, scalar

postgres_only = pytest.mark.parametrize("engine_name", ["postgresql"])


@postgres_only
def test_a_bulk_import_into_a_new_lab_catalog_leaves_statistics_for_the_planner(empty_catalog):
    # Without statistics the planner takes the new tables for empty and reads the whole tag
    # table for every 500 entries it reindexes (100,000 papers: over ten minutes).
    add_entries(empty_catalog, Kind.PAPER, [{"title": f"Paper {i}", "summary_zh": "遥感"} for i in range(1500)])
    assert scalar(empty_catalog, "SELECT reltuples FROM pg_class WHERE relname = 'paper'") >= 1500

