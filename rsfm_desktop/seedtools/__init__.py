"""Building the bundled catalog (``data/catalog.json``) from the four seed documents.

Pure Python (no Qt, no database packages). One parser per seed (``parse_table`` for 000,
``parse_awesome`` for 001, ``parse_survey`` with ``survey_text``/``survey_refs``/``survey_tables``
for 002, ``parse_card`` for 003) turns its document into plain paper and dataset records;
``corrections`` applies the hand-reviewed fixes (each with its reason); ``introduced`` declares the
datasets the papers name as their own; ``merge`` folds records of the same paper or dataset into one
entry; ``build`` assembles and writes the deterministic JSON file.

Run ``python -m rsfm_desktop.seedtools [--seeds DIR] [--output FILE]``.
"""
