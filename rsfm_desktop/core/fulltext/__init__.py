"""The full text of attached PDFs: extracted page by page (:mod:`.extract`, PDFium through
pypdfium2: Apache-2.0/BSD, plain Python, no Qt), normalised (:mod:`.normalise`) and indexed
with page numbers in the catalog's search machinery (``core/search/pages.py``) by
:mod:`.indexer`, which skips unchanged files and reports each file it cannot read.
"""
