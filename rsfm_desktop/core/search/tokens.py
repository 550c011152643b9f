"""How the search machinery reads text and queries, shared by both backends (and by any
other index that must answer the same queries, such as a PDF full-text index).

Latin words are compared case- and accent-insensitively; CJK runs have no spaces, so they are
cut into overlapping bigrams plus each run's last character, as Zotero does: a one- or
two-character Chinese query (``遥``, ``遥感``) is then a token prefix or a token. Terms of three
characters or more are matched as substrings (``CLIP`` finds ``RemoteCLIP``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
_CJK_RUN = re.compile(f"[{CJK}]+")
CJK_CHAR = re.compile(f"[{CJK}]")
_WORD = re.compile(r"[^\W_]+")
_SYNTAX = re.compile(r'["*^\x00-\x1f]')  # FTS syntax and control characters separate terms
LONG_TERM = 3  # terms this long or longer are substring-matched


def bigram_text(text: str) -> str:
    """Latin words unchanged, CJK runs as overlapping bigrams plus the run's last character."""
    out: list[str] = []
    pos = 0
    for run in _CJK_RUN.finditer(text):  # a list comprehension, no generator (a first sync: 100,000 texts)
        start = run.start()
        if start > pos:
            out.append(text[pos:start])
        chars = run.group()
        if len(chars) > 1:
            out += [chars[i : i + 2] for i in range(len(chars) - 1)]
        out.append(chars[-1])
        pos = run.end()
    if pos < len(text):
        out.append(text[pos:])
    return " ".join(out)


def composed(text: str) -> str:
    """``text`` in Unicode's composed form (NFC): ``é`` written as ``e`` and a combining accent
    (as macOS and some PDFs write it) becomes the one letter, so the indexed text and the query
    split into the same words whatever form each came in (a quick check first: 100,000 texts
    that are already composed cost about 0.2 s)."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def fold_word(word: str) -> str:
    """Lower case, accents removed (``Café`` -> ``cafe``)."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Latin letters with accents (Latin-1 to Latin Extended-B, Latin Extended Additional) and the
# combining marks: what :func:`fold_text` rewrites. Everything else (CJK, ASCII) stays as it is.
_FOLDABLE = re.compile("[\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff]+")


@functools.lru_cache(maxsize=4096)
def _fold_run(run: str) -> str:
    return "".join(map(fold_word, run))


def fold_text(text: str) -> str:
    """``text`` with its accented Latin letters folded as :func:`fold_word` folds them, in
    lower case (``Gómez`` -> ``Gomez``, ``ÜBER`` -> ``uBER``, ``Straße`` -> ``Strasse``); other
    characters, CJK included, unchanged (the index folds their case). For an index that matches substrings (SQLite's
    trigram index) and the terms sent to it, so that ``muller`` finds ``Müller`` and ``müller``
    finds ``Muller``, as words do. One regular-expression scan (100,000 texts: about 0.5 s)."""
    if text.isascii():
        return text
    return _FOLDABLE.sub(lambda m: _fold_run(m.group()), text)


def folded_words(text: str) -> list[str]:
    """The words of ``text``, folded; folding may split a word (``¼`` is ``1⁄4``, two words),
    so the search never sends a word that the index holds as two (FTS5 would take it for a
    phrase, which its bigram index cannot answer)."""
    return [w for word in _WORD.findall(text) for w in _WORD.findall(fold_word(word))]


_TOKEN = re.compile(f"([{CJK}]+)|([^\\W_{CJK}]+)")


def tokens(text: str) -> list[str]:
    """The distinct tokens of ``text``: folded words and CJK bigrams (and run ends), in the
    order they first occur; one regular-expression pass (indexing 100,000 papers: 70 -> 15 s)."""
    out: dict[str, None] = {}
    for run, word in _TOKEN.findall(text):
        if run:
            for i in range(len(run) - 1):
                out[run[i : i + 2]] = None
            out[run[-1]] = None
        elif word.isascii():
            out[word.lower()] = None
        else:
            out.update(dict.fromkeys(_WORD.findall(fold_word(word))))
    return list(out)


@dataclass(frozen=True)
class ShortToken:
    """One token of a short term: exact (a CJK bigram) or a prefix."""

    text: str
    prefix: bool


@dataclass(frozen=True)
class ParsedQuery:
    """A user query split into substring terms and short-term token groups; all must match."""

    long_terms: tuple[str, ...] = ()
    short_terms: tuple[tuple[ShortToken, ...], ...] = ()
    nothing: bool = False  # only punctuation: nothing can match

    @property
    def empty(self) -> bool:
        return not (self.long_terms or self.short_terms or self.nothing)


def _short_tokens(term: str) -> tuple[ShortToken, ...]:
    if CJK_CHAR.search(term):
        # "遥感" is one bigram token (its run-end token "感" adds nothing: every text holding
        # "遥感" has a token starting with "感"); "遥" is the start of a token; "a遥" two tokens.
        parts = bigram_text(term).split()
        if len(parts) == 2 and len(parts[0]) == 2 and CJK_CHAR.match(parts[0]) and parts[1] == parts[0][1]:
            parts = parts[:1]
        return tuple(ShortToken(t, prefix=not (len(t) == 2 and CJK_CHAR.match(t))) for t in parts)
    return tuple(ShortToken(w, prefix=True) for w in folded_words(term))


def parse_query(query: str | None) -> ParsedQuery:
    """Terms are whitespace separated and every term must occur (AND)."""
    if is_blank(query):
        return ParsedQuery()
    query = composed(query)
    long_terms: list[str] = []
    short_terms: list[tuple[ShortToken, ...]] = []
    for term in _SYNTAX.sub(" ", query).split():
        if len(term) >= LONG_TERM:
            long_terms.append(term)
        elif found := _short_tokens(term):
            short_terms.append(found)
    if not (long_terms or short_terms):
        return ParsedQuery(nothing=True)
    return ParsedQuery(tuple(long_terms), tuple(short_terms))


def is_blank(query: str | None) -> bool:
    return not (query or "").replace("\x00", "").strip()


def token_sequence(text: str) -> list[str]:
    """Every token of ``text`` in order, repeats kept (the positions a phrase query needs):
    folded words and CJK bigrams (and run ends), as :func:`tokens` reads them."""
    out: list[str] = []
    for part in bigram_text(text).split():
        if CJK_CHAR.match(part):
            out.append(part)
        else:
            out.extend(folded_words(part))
    return out


@dataclass(frozen=True)
class PhraseTerm:
    """One search term as a sequence of tokens that must follow each other; the last one may
    be a prefix (``segment`` finds ``segmentation``; ``遥`` finds ``遥感``)."""

    tokens: tuple[str, ...]
    prefix: bool


def phrase_terms(query: str | None) -> list[PhraseTerm]:
    """A query for word-based indexes (the full text of PDFs): each whitespace-separated term
    is a phrase of its tokens; Latin words match as word prefixes, a CJK run as its bigrams in
    order (one character: any token starting with it)."""
    terms: list[PhraseTerm] = []
    for term in _SYNTAX.sub(" ", composed(query or "")).split():
        parts = bigram_text(term).split()
        seq: list[str] = []
        for i, part in enumerate(parts):
            if CJK_CHAR.match(part):
                # a run's last character repeats the end of its last bigram: leave it out,
                # unless the run is one character long
                if len(part) == 1 and seq and CJK_CHAR.match(seq[-1]) and seq[-1].endswith(part):
                    continue
                seq.append(part)
            else:
                seq.extend(folded_words(part))
        if not seq:
            continue
        last = seq[-1]
        prefix = not (CJK_CHAR.match(last) and len(last) == 2)
        terms.append(PhraseTerm(tuple(seq), prefix))
    return terms
