"""Building the bundled catalog (``data/catalog.json``) from the four seed documents.

Pure Python, no Qt. One parser per seed (``parse_table`` for 000, ``parse_awesome`` for 001,
``parse_survey`` for 002, ``parse_card`` for 003) turns its document into plain paper and dataset
records; ``corrections`` applies hand-reviewed fixes; ``merge`` folds records of the same paper
or dataset into one entry; ``build`` writes the deterministic JSON file.

Run ``python -m rsfm_desktop.seedtools [--seeds DIR] [--output FILE]``.
"""
