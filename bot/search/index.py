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

# Two channels, each saturated on its own and then added: "meta" (the title and the
# editor's alternate questions and keywords, which say what the article is *about*)
# and "body" (which merely mentions things). Plain BM25F would saturate them together,
# so an article that mentions a word ten times would nearly tie with the one titled by it.
# Within meta, a title word counts more than a keyword.
FIELD_WEIGHTS: Mapping[str, float] = {"title": 2.0, "extra": 1.0, "body": 1.0}
CHANNELS: Mapping[str, tuple[str, ...]] = {"meta": ("title", "extra"), "body": ("body",)}
CHANNEL_WEIGHTS: Mapping[str, float] = {"meta": 1.6, "body": 1.0}
FIELD_B: Mapping[str, float] = {"title": 0.3, "extra": 0.5, "body": 0.75}
K1: Mapping[str, float] = {"meta": 3.0, "body": 1.2}

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
    """Immutable postings: term → {document number: BM25 weight}, plus where it occurs."""

    doc_ids: tuple[str, ...]
    countries: tuple[frozenset[str], ...]
    postings: Mapping[str, Mapping[int, float]]
    meta_docs: Mapping[str, frozenset[int]]
    idf: Mapping[str, float]

    @classmethod
    def build(cls, documents: Sequence[Document]) -> Index:
        n = len(documents)
        total_len: Counter[str] = Counter()
        for doc in documents:
            for f in FIELD_WEIGHTS:
                total_len[f] += len(doc.fields.get(f, ()))
        avg = {f: max(total_len[f] / max(n, 1), 1.0) for f in FIELD_WEIGHTS}

        # term → doc → channel → length-normalised, field-weighted term frequency
        pseudo_tf: dict[str, dict[int, dict[str, float]]] = {}
        for number, doc in enumerate(documents):
            for channel, names in CHANNELS.items():
                for f in names:
                    terms = doc.fields.get(f, ())
                    norm = 1.0 - FIELD_B[f] + FIELD_B[f] * len(terms) / avg[f]
                    scale = FIELD_WEIGHTS[f] / norm
                    for term, tf in Counter(terms).items():
                        row = pseudo_tf.setdefault(term, {}).setdefault(number, {})
                        row[channel] = row.get(channel, 0.0) + tf * scale

        postings: dict[str, dict[int, float]] = {}
        meta_docs: dict[str, frozenset[int]] = {}
        idf: dict[str, float] = {}
        for term, rows in pseudo_tf.items():
            df = len(rows)
            term_idf = math.log(1.0 + (n - df + 0.5) / (df + 0.5))
            idf[term] = term_idf
            postings[term] = {
                d: term_idf
                * sum(
                    CHANNEL_WEIGHTS[c] * tf * (K1[c] + 1) / (K1[c] + tf)
                    for c, tf in channels.items()
                )
                for d, channels in rows.items()
            }
            meta_docs[term] = frozenset(d for d, channels in rows.items() if "meta" in channels)
        return cls(
            doc_ids=tuple(d.doc_id for d in documents),
            countries=tuple(d.countries for d in documents),
            postings=postings,
            meta_docs=meta_docs,
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
