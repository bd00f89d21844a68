"""A small in-memory BM25F index over whole articles, both languages in one document.

One document per article (not per language) so that a Russian question and an
English one score the same article on the same scale and the caller never has to
merge two result lists. BM25F (per-field length normalisation, then one saturation)
lets a title word outweigh a body word without a long body drowning a short title.
Posting weights are precomputed at build time and stored in compact arrays: a query
is then only look-ups and additions, which keeps answers well under a millisecond.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import cast

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
# How much a body-only mention counts towards a term's document frequency. Advice
# like "ask a lawyer" appears in nearly every article, which would make "lawyer"
# worthless under plain idf; what an article is *about* (its meta fields) decides
# how specific a term is, body mentions only dilute it.
BODY_DF_SHARE = 0.25
# Longest postings list kept per term (the highest weights). A term in more documents
# than this is too common to decide the top hits on its own; the cap bounds both the
# time per question and the memory of a large library. The shipped library is far below it.
MAX_POSTINGS = 1000

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
class Postings:
    """Documents containing one term, in document order, with their BM25 weights."""

    docs: array[int]
    weights: array[float]  # BM25 weight divided by the term's idf
    meta: array[int]  # the subset whose title, questions or keywords contain the term
    idf: float

    def __contains__(self, doc: object) -> bool:
        return _has(self.docs, doc)

    def in_meta(self, doc: int) -> bool:
        return _has(self.meta, doc)


def _has(sorted_docs: array[int], doc: object) -> bool:
    if not isinstance(doc, int):
        return False
    i = bisect_left(sorted_docs, doc)
    return i < len(sorted_docs) and sorted_docs[i] == doc


def _idf(n: int, df: float) -> float:
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def _postings(row: list[float], meta: list[int], idf: float) -> Postings:
    """Compact postings from interleaved (document, weight) pairs in document order,
    cut to the MAX_POSTINGS heaviest."""
    docs = cast(list[int], row[0::2])  # appended as ints; the list type is shared
    weights = row[1::2]
    if len(docs) > MAX_POSTINGS:
        keep = sorted(range(len(docs)), key=weights.__getitem__, reverse=True)[:MAX_POSTINGS]
        keep.sort()
        kept = {docs[i] for i in keep}
        docs, weights = [docs[i] for i in keep], [weights[i] for i in keep]
        meta = [d for d in meta if d in kept]
    return Postings(array("i", docs), array("d", weights), array("i", meta), idf)


@dataclass(frozen=True)
class Index:
    """Immutable postings (term → Postings) and per-term idf."""

    doc_ids: tuple[str, ...]
    countries: tuple[frozenset[str], ...]
    postings: Mapping[str, Postings]
    idf: Mapping[str, float]
    titles: tuple[frozenset[str], ...] = ()  # per document, the terms of its titles

    @classmethod
    def build(cls, documents: Sequence[Document]) -> Index:
        n = len(documents)
        total_len: Counter[str] = Counter()
        for doc in documents:
            for f in FIELD_WEIGHTS:
                total_len[f] += len(doc.fields.get(f, ()))
        avg = {f: max(total_len[f] / max(n, 1), 1.0) for f in FIELD_WEIGHTS}

        # One pass: per document, length-normalised field-weighted frequencies, saturated
        # per channel and gathered per term. The idf is not known until every document
        # has been seen, so postings keep unscaled weights and carry the idf as a factor.
        # This loop runs once per distinct term of every document and dominates large
        # builds, hence the inlined arithmetic and the interleaved (document, weight) rows.
        rows: defaultdict[str, list[float]] = defaultdict(list)
        meta_docs: defaultdict[str, list[int]] = defaultdict(list)
        k_meta, k_body = K1["meta"], K1["body"]
        w_meta = CHANNEL_WEIGHTS["meta"] * (k_meta + 1)
        w_body = CHANNEL_WEIGHTS["body"] * (k_body + 1)
        for number, doc in enumerate(documents):
            meta: dict[str, float] = {}
            for f in CHANNELS["meta"]:
                terms = doc.fields.get(f, ())
                scale = FIELD_WEIGHTS[f] / (1.0 - FIELD_B[f] + FIELD_B[f] * len(terms) / avg[f])
                for term, tf in Counter(terms).items():
                    meta[term] = meta.get(term, 0.0) + tf * scale
            terms = doc.fields.get("body", ())
            scale = FIELD_WEIGHTS["body"] / (
                1.0 - FIELD_B["body"] + FIELD_B["body"] * len(terms) / avg["body"]
            )
            for term, count in Counter(terms).items():
                body_tf = count * scale
                weight = w_body * body_tf / (k_body + body_tf)
                meta_tf = meta.pop(term, None)
                if meta_tf is not None:
                    weight += w_meta * meta_tf / (k_meta + meta_tf)
                    meta_docs[term].append(number)
                rows[term] += (number, weight)
            for term, meta_tf in meta.items():  # meta terms the body lacks
                rows[term] += (number, w_meta * meta_tf / (k_meta + meta_tf))
                meta_docs[term].append(number)

        postings: dict[str, Postings] = {}
        idf: dict[str, float] = {}
        for term, row in rows.items():
            df, in_meta = len(row) // 2, len(meta_docs[term])
            idf[term] = _idf(n, in_meta + BODY_DF_SHARE * (df - in_meta))
            postings[term] = _postings(row, meta_docs[term], idf[term])
        return cls(
            doc_ids=tuple(d.doc_id for d in documents),
            countries=tuple(d.countries for d in documents),
            postings=postings,
            idf=idf,
            titles=tuple(frozenset(d.fields.get("title", ())) for d in documents),
        )

    @property
    def max_idf(self) -> float:
        """The idf of a term found in a single document: the rarest possible."""
        n = len(self.doc_ids)
        return _idf(n, 1.0) if n else 0.0

    def contains(self, term: str, doc: int) -> bool:
        postings = self.postings.get(term)
        return postings is not None and doc in postings

    def in_meta(self, term: str, doc: int) -> bool:
        postings = self.postings.get(term)
        return postings is not None and postings.in_meta(doc)

    def in_title(self, term: str, doc: int) -> bool:
        return doc < len(self.titles) and term in self.titles[doc]

    def score(
        self, terms: Sequence[str], factors: Mapping[str, float] | None = None
    ) -> dict[int, float]:
        """Document number → summed weight of ``terms`` (unknown terms are ignored).

        ``factors`` scales the weight of some terms (weak terms such as place names).
        """
        totals: dict[int, float] = {}
        for term in terms:
            postings = self.postings.get(term)
            if postings is None:
                continue
            idf = postings.idf * factors.get(term, 1.0) if factors else postings.idf
            if not totals:
                totals = {d: w * idf for d, w in zip(postings.docs, postings.weights, strict=True)}
                continue
            get = totals.get
            for doc, weight in zip(postings.docs, postings.weights, strict=True):
                totals[doc] = get(doc, 0.0) + weight * idf
        return totals
