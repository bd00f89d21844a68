"""A small in-memory BM25F index over whole articles, both languages in one document.

One document per article (not per language) so that a Russian question and an
English one score the same article on the same scale and the caller never has to
merge two result lists. BM25F (per-field length normalisation, then one saturation)
lets a title word outweigh a body word without a long body drowning a short title.
Posting weights are precomputed at build time: a query is then only dictionary
look-ups and additions, which keeps answers well under a millisecond.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# Field weights: a word in the title or an editor's alternate question says far more
# about what the article answers than the same word somewhere in its body.
FIELD_WEIGHTS: Mapping[str, float] = {"title": 4.0, "extra": 2.5, "body": 1.0}
FIELD_B: Mapping[str, float] = {"title": 0.3, "extra": 0.5, "body": 0.75}
K1 = 1.2

_MD_LINK = re.compile(r"\]\([^)]*\)")
_URL = re.compile(r"https?://\S+|www\.\S+")


def strip_markdown(text: str) -> str:
    """Drop link targets and bare URLs: host names are not what an article is about."""
    return _URL.sub(" ", _MD_LINK.sub("] ", text))


@dataclass(frozen=True)
class Document:
    """Terms of one article per field, gathered from every language it is written in."""

    doc_id: str
    fields: Mapping[str, Sequence[str]]
    countries: frozenset[str]


@dataclass(frozen=True)
class Index:
    """Immutable postings: term → {document number: BM25F weight}."""

    doc_ids: tuple[str, ...]
    countries: tuple[frozenset[str], ...]
    postings: Mapping[str, Mapping[int, float]]
    idf: Mapping[str, float]

    @classmethod
    def build(cls, documents: Sequence[Document]) -> Index:
        n = len(documents)
        counts: list[dict[str, Counter[str]]] = []
        total_len: Counter[str] = Counter()
        for doc in documents:
            per_field = {f: Counter(doc.fields.get(f, ())) for f in FIELD_WEIGHTS}
            counts.append(per_field)
            for f in FIELD_WEIGHTS:
                total_len[f] += len(doc.fields.get(f, ()))
        avg = {f: max(total_len[f] / max(n, 1), 1.0) for f in FIELD_WEIGHTS}

        pseudo_tf: dict[str, dict[int, float]] = {}
        for number, (doc, per_field) in enumerate(zip(documents, counts, strict=True)):
            for f, weight in FIELD_WEIGHTS.items():
                length = len(doc.fields.get(f, ()))
                norm = 1.0 - FIELD_B[f] + FIELD_B[f] * length / avg[f]
                for term, tf in per_field[f].items():
                    row = pseudo_tf.setdefault(term, {})
                    row[number] = row.get(number, 0.0) + weight * tf / norm

        postings: dict[str, dict[int, float]] = {}
        idf: dict[str, float] = {}
        for term, row in pseudo_tf.items():
            df = len(row)
            term_idf = math.log(1.0 + (n - df + 0.5) / (df + 0.5))
            idf[term] = term_idf
            postings[term] = {d: term_idf * tf * (K1 + 1) / (K1 + tf) for d, tf in row.items()}
        return cls(
            doc_ids=tuple(d.doc_id for d in documents),
            countries=tuple(d.countries for d in documents),
            postings=postings,
            idf=idf,
        )

    @property
    def max_idf(self) -> float:
        """The idf of a term found in a single document: the rarest possible."""
        n = len(self.doc_ids)
        return math.log(1.0 + (n - 0.5) / 1.5) if n else 0.0

    def score(self, terms: Sequence[str]) -> dict[int, float]:
        """Document number → summed weight of ``terms`` (unknown terms are ignored)."""
        totals: dict[int, float] = {}
        for term in terms:
            for doc, weight in self.postings.get(term, {}).items():
                totals[doc] = totals.get(doc, 0.0) + weight
        return totals
