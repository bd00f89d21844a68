"""The search engine the handlers, inline mode and ``python -m bot ask`` call.

Built once per library snapshot and never mutated afterwards (apart from private
memo caches), so a content reload builds a new engine and swaps the reference.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from operator import itemgetter
from typing import Literal

from bot.content.models import Lang, Library
from bot.search.analyzer import Analyzer
from bot.search.index import Document, Index, strip_markdown
from bot.search.normalize import MAX_QUERY_CHARS, clean, has_cyrillic, script, tokens
from bot.search.rewrite import Reading, Rewriter
from bot.search.smalltalk import classify
from bot.search.synonyms import Synonyms
from bot.search.typo import TypoCorrector

# Confidence below which the engine says it does not know; tuned on tests/search/eval.jsonl
# (see docs/search.md for the accuracy / rejection trade-off at other values).
DEFAULT_THRESHOLD = 0.30
# Below this confidence even "maybe you meant" buttons would be noise.
HITS_FLOOR = 0.08
# Confidence credits, see SearchEngine._confidence.
UNKNOWN_WEIGHT = 0.8  # share of the rarest idf charged for a word nothing explains
BODY_CREDIT = 0.6  # a word only the body mentions explains less than a title/keyword word
GUESS_CREDIT = 0.6  # a spelling-corrected word is weaker evidence than a typed one
# Place names (bot/search/places.py) are context, not a topic: their weight in ranking
# and in coverage is scaled down, so "погода в <city>" cannot be answered by an article
# that merely names the city.
PLACE_WEIGHT = 0.3
# Coverage factor when the best article is about none of the question's words (only
# its body mentions them, or they are place names): mentions are not a topic.
UNANCHORED = 0.7
# Length-aware coverage, see SearchEngine._confidence: above LONG_QUESTION content words
# the coverage target falls as (LONG_QUESTION / words) ** LONG_TARGET_POWER, never
# below LONG_TARGET_FLOOR, for an article that is about at least LONG_ANCHORS of them.
LONG_QUESTION = 4
LONG_ANCHORS = 2
LONG_TARGET_POWER = 0.5
LONG_TARGET_FLOOR = 0.6
LONG_MARGIN = 1.15
# Coverage factor when a short question (at most KEY_MAX_TERMS words that are not
# places) has its most informative word outside the best article's meta: the article
# is about a side word ("ребенок") and not the topic ("школа", "стоматолог").
KEY_NOT_ABOUT = 0.8
KEY_MAX_TERMS = 3
STRENGTH_SCALE = 6.0  # top score at which absolute strength stops mattering much
# Score multiplier for articles with a note on the user's country: enough to reorder
# near-ties, too small to lift an unrelated article over a clearly better one.
COUNTRY_BONUS = 1.08
# Candidates kept per reading before the country bonus and the limit apply.
LEADERS = 20
# A reading from the other keyboard layout must be clearly better to win.
LAYOUT_PENALTY = 0.85


@dataclass(frozen=True)
class Hit:
    article_id: str
    score: float


@dataclass(frozen=True)
class Answer:
    query_lang: Lang
    hits: tuple[Hit, ...]  # best first; also filled when mode is "none"
    mode: Literal["answer", "choices", "none"]
    smalltalk: Literal["greeting", "thanks", "about_bot", "other_language"] | None = None
    countries: tuple[str, ...] = ()  # ISO codes named in the question, in order
    also: str | None = None  # answer mode: a second topic of a story, offered as a button
    choices: tuple[str, ...] = ()  # choices mode: 2-4 article ids, best first
    confidence: float = 0.0

    @property
    def answered(self) -> bool:
        return self.mode == "answer"


@dataclass(frozen=True)
class _Ranked:
    reading: Reading
    leaders: list[tuple[int, float]]  # best (document, score) pairs, best first
    confidence: float


class SearchEngine:
    """Answers free-text questions with article ids; see ``search``."""

    def __init__(
        self,
        index: Index,
        analyzer: Analyzer,
        rewriter: Rewriter,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> None:
        self._index = index
        self._analyzer = analyzer
        self._rewriter = rewriter
        self._threshold = threshold

    @property
    def threshold(self) -> float:
        return self._threshold

    @classmethod
    def build(
        cls,
        library: Library,
        synonyms: Synonyms | None = None,
        *,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> SearchEngine:
        analyzer = Analyzer(synonyms)
        documents, english = _documents(library, analyzer)
        index = Index.build(documents)

        def known(word: str) -> bool:
            stem = analyzer.stem(word)
            return stem in index.idf or analyzer.knows_stem(stem)

        # Every word indexing met, ranked by how many articles hold its term: the
        # analyser already keeps them, so no second pass over the text is needed.
        vocabulary = {
            word: len(index.postings[term].docs) if term in index.postings else 1
            for word, term in analyzer.seen_words().items()
            if not word.isdigit()
        }
        typos = TypoCorrector(vocabulary)
        latin = frozenset(w for w in english if script(w) == "lat")
        rewriter = Rewriter(known, analyzer.phrase_positions, latin, typos, analyzer.in_phrase)
        return cls(index, analyzer, rewriter, threshold)

    def search(self, query: str, *, country: str | None = None, limit: int = 5) -> Answer:
        """Rank articles for ``query``; ``answered`` says whether hits[0] is a confident answer."""
        text = query[:MAX_QUERY_CHARS]
        chat = classify(text)
        if chat is not None:
            return Answer(chat[1], (), "none", chat[0])
        best: _Ranked | None = None
        for reading in self._rewriter.readings(text):
            ranked = self._rank(reading, limit)
            if best is None or _preference(ranked) > _preference(best):
                best = ranked
        assert best is not None  # readings() always returns the typed reading
        lang = _reading_lang(best.reading, text)
        if best.confidence < HITS_FLOOR or limit <= 0:
            return Answer(lang, (), "none", confidence=best.confidence)
        leaders = best.leaders
        if country:
            code = country.upper()
            countries = self._index.countries
            leaders = [
                (doc, score * COUNTRY_BONUS if code in countries[doc] else score)
                for doc, score in leaders
            ]
        order = sorted(leaders, key=_rank_key)[:limit]
        hits = tuple(Hit(self._index.doc_ids[d], round(s, 4)) for d, s in order)
        if best.confidence >= self._threshold:
            return Answer(lang, hits, "answer", confidence=best.confidence)
        if len(hits) >= 2:
            choices = tuple(h.article_id for h in hits[:4])
            return Answer(lang, hits, "choices", choices=choices, confidence=best.confidence)
        return Answer(lang, hits, "none", confidence=best.confidence)

    def _rank(self, reading: Reading, limit: int) -> _Ranked:
        terms = list(dict.fromkeys(self._analyzer.terms(reading.words)))
        guessed = set(self._analyzer.terms(reading.guessed))
        weak = {t: PLACE_WEIGHT for t in terms if self._analyzer.is_place(t)}
        scores = self._index.score(terms, weak)
        # Only the leaders can be reordered by the small country bonus; picking them
        # with a C-level heap keeps a large library from sorting thousands of weak matches.
        leaders = heapq.nlargest(max(limit * 4, LEADERS), scores.items(), key=itemgetter(1))
        leaders.sort(key=_rank_key)
        return _Ranked(reading, leaders, self._confidence(terms, guessed, weak, leaders))

    def _confidence(
        self,
        terms: list[str],
        guessed: set[str],
        weak: dict[str, float],
        leaders: list[tuple[int, float]],
    ) -> float:
        """How well the best article explains the question, on a 0..1 scale.

        Raw BM25 grows with question length, so the main factor is coverage: the
        idf-weighted share of the question's terms that the best article is about
        (title, questions, keywords) or at least mentions (body). Words nothing could
        explain count as rare terms the article lacks — an off-topic question is
        mostly such words, or common words that only bodies mention. A short question
        must have its most informative word in the article's meta; a long one (a
        story) is held to a lower coverage target if the article is about several of
        its words.
        """
        if not leaders:
            return 0.0
        top, top_score = leaders[0]
        idf = self._index.idf
        unknown = self._index.max_idf * UNKNOWN_WEIGHT
        total = explained = 0.0
        anchors = 0  # words the article is about that are not places
        content = 0  # words that are not places
        key, key_weight = "", 0.0  # the most informative word that is not a place
        for term in terms:
            weight = idf.get(term, unknown) * weak.get(term, 1.0)
            total += weight
            if term not in weak:
                content += 1
                if weight > key_weight:
                    key, key_weight = term, weight
            if self._index.in_meta(term, top):
                credit = 1.0
                anchors += term not in weak
            elif self._index.contains(term, top):
                credit = BODY_CREDIT
            else:
                continue
            explained += weight * credit * (GUESS_CREDIT if term in guessed else 1.0)
        coverage = explained / total if total else 0.0
        if key and content <= KEY_MAX_TERMS and not self._index.in_meta(key, top):
            # Unknown words count too: they weigh as rare terms, so a word the library
            # never uses ("стоматолог") is usually the key of its question.
            coverage *= KEY_NOT_ABOUT
        if not anchors:
            coverage *= UNANCHORED
        elif (
            content > LONG_QUESTION
            and anchors >= LONG_ANCHORS
            and (len(leaders) < 2 or top_score >= leaders[1][1] * LONG_MARGIN)
        ):
            # A story brings many words no article uses, so full coverage is not
            # expected of it: the target relaxes with the number of content words, but
            # only for an article that is about several of them (a long off-topic text
            # touches one or two meta words at most).
            target = max(LONG_TARGET_FLOOR, (LONG_QUESTION / content) ** LONG_TARGET_POWER)
            coverage = min(1.0, coverage / target)
        strength = 1.0 - math.exp(-top_score / STRENGTH_SCALE)
        return coverage * strength


def _documents(library: Library, analyzer: Analyzer) -> tuple[list[Document], set[str]]:
    """One index document per article (both languages), plus the words of English text.

    English words are collected to tell an English question from transliterated
    Russian; keywords are left out because editors put translit there ("zagran").
    """
    english: set[str] = set()
    documents: list[Document] = []
    for article_id in sorted(library.articles):
        article = library.articles[article_id]
        fields: dict[str, list[str]] = {"title": [], "extra": [], "body": []}
        countries: set[str] = set()
        for lang, text in article.texts.items():
            # One string per field: per-call overhead, not words, dominates large builds.
            parts = {
                "title": text.title,
                "extra": "\n".join([*text.questions, *text.keywords]),
                "body": "\n".join([strip_markdown(text.body), *text.countries.values()]),
            }
            countries.update(text.countries)
            for name, piece in parts.items():
                words = tokens(clean(piece))
                if lang == "en" and name != "extra":
                    english.update(words)
                fields[name].extend(analyzer.terms(words))
        documents.append(Document(article_id, fields, frozenset(countries)))
    return documents, english


def _rank_key(item: tuple[int, float]) -> tuple[float, int]:
    """Best score first, ties in library order: equal questions give equal answers."""
    return (-item[1], item[0])


def _preference(ranked: _Ranked) -> float:
    penalty = LAYOUT_PENALTY if ranked.reading.via == "layout" else 1.0
    return ranked.confidence * penalty


def _reading_lang(reading: Reading, text: str) -> Lang:
    if reading.ru_votes != reading.en_votes:
        return "ru" if reading.ru_votes > reading.en_votes else "en"
    return _script_lang(text)


def _script_lang(text: str) -> Lang:
    return "ru" if has_cyrillic(clean(text)) else "en"
