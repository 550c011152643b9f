"""The one error the taxonomy raises: a code for the UI and an English message."""


class TaxonomyError(ValueError):
    """``code``: missing, empty_label, duplicate, cycle, cross_facet, same_tag, bad_key,
    bad_colour, duplicate_synonym, duplicate_view."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
