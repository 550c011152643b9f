"""The faceted taxonomy (Qt-free): facets of tag trees, synonyms, assignments, counts, tag
filters and columns for the catalog tables, saved views, and undoable edits.

Start from :class:`Taxonomy`; the entries' queries use :func:`member_sql` and :func:`tag_column`.
"""

from .defaults import DEFAULT_FACETS, ensure_default_taxonomy
from .edits import DeleteImpact
from .errors import TaxonomyError
from .labels import Completion, LabelIndex, fold
from .service import Taxonomy
from .sql import TAG_COLUMN_PREFIX, TagColumn, TagFilter, is_tag_column, member_sql, tag_column
from .tree import EntryTag, FacetNode, TagCounts, TagNode, apply_counts
from .views import SavedViewInfo

__all__ = [
    "DEFAULT_FACETS", "ensure_default_taxonomy", "DeleteImpact", "TaxonomyError", "Completion",
    "LabelIndex", "fold", "Taxonomy", "TAG_COLUMN_PREFIX", "TagColumn", "TagFilter", "member_sql",
    "is_tag_column", "tag_column", "EntryTag", "FacetNode", "TagCounts", "TagNode", "apply_counts",
    "SavedViewInfo",
]
