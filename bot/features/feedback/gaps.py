"""What the library does not answer: consented questions grouped by similarity, for editors.

Grouping uses the search engine's own analysis (clean-up, stems, the editors' synonym
groups), so "загранник истёк" and "истек загранпаспорт" are one group for the same reason
the engine treats them alike. Place names are left out: the topic is what groups, not the
city. Two stems also match when one begins the other ("продл", "продлен"), which Snowball
leaves apart for some derived words, and when they share their first five letters
("перевезти", "перевозка").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.content.catalog import SYNONYMS_FILE
from bot.search.analyzer import Analyzer
from bot.search.normalize import clean, tokens
from bot.search.synonyms import load_synonyms

# Dice similarity of term sets at which two questions are one group.
SIMILAR = 0.5
MIN_PREFIX = 4
SHARED_START = 5  # "перевезт" and "перевозк"
MAX_EXAMPLES = 5


def analyzer_for(content_dir: Path) -> Analyzer:
    path = content_dir / SYNONYMS_FILE
    return Analyzer(load_synonyms(path) if path.exists() else None)


def question_terms(analyzer: Analyzer, text: str) -> frozenset[str]:
    terms = analyzer.terms(tokens(clean(text)))
    return frozenset(t for t in terms if not analyzer.is_place(t))


def _same(a: str, b: str) -> bool:
    """One term, or two stems of one root: one begins the other, or they share a long start."""
    if a == b:
        return True
    if a.startswith("~") or b.startswith("~"):
        return False  # synonym groups are exact
    short, long = sorted((a, b), key=len)
    if len(short) >= MIN_PREFIX and long.startswith(short):
        return True
    return a[:SHARED_START] == b[:SHARED_START] and len(short) >= SHARED_START


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    matched_a = sum(1 for x in a if any(_same(x, y) for y in b))
    matched_b = sum(1 for y in b if any(_same(x, y) for x in a))
    return (matched_a + matched_b) / (len(a) + len(b))


@dataclass
class Group:
    questions: list[str]
    considered: dict[str, int]  # article id -> how many of the group's questions considered it

    @property
    def count(self) -> int:
        return len(self.questions)

    def top_considered(self, limit: int = 3) -> list[str]:
        return [a for a, _ in sorted(self.considered.items(), key=lambda x: (-x[1], x[0]))][:limit]


def group_questions(
    analyzer: Analyzer, questions: Sequence[tuple[str, Sequence[str]]]
) -> list[Group]:
    """Single-link grouping: a question joins the first group holding a similar question.

    Largest groups first; within a size, the order of the first question. A few thousand
    questions over 30 days make this quadratic pass fast enough for a command run by hand.
    """
    groups: list[tuple[Group, list[frozenset[str]]]] = []
    for text, considered in questions:
        terms = question_terms(analyzer, text)
        home = next((g for g in groups if any(similarity(terms, t) >= SIMILAR for t in g[1])), None)
        if home is None:
            home = (Group([], {}), [])
            groups.append(home)
        home[0].questions.append(text)
        home[1].append(terms)
        for article_id in considered:
            home[0].considered[article_id] = home[0].considered.get(article_id, 0) + 1
    ordered = sorted(enumerate(groups), key=lambda item: (-item[1][0].count, item[0]))
    return [g for _, (g, _) in ordered]


@dataclass(frozen=True)
class GapsReport:
    days: int
    since: str
    groups: list[Group]
    notes: list[tuple[str, str, str]]  # (article id, day, note)
    votes: list[tuple[str, int, int]]  # (article id, 👍, 👎)


def as_markdown(report: GapsReport, titles: dict[str, str]) -> str:
    def name(article_id: str) -> str:
        title = titles.get(article_id)
        return f"`{article_id}` ({title})" if title else f"`{article_id}`"

    total = sum(g.count for g in report.groups)
    out = [f"# Gaps: the last {report.days} days (since {report.since})", ""]
    out.append(f"## Unanswered questions: {total} in {len(report.groups)} groups")
    out.append("")
    for number, group in enumerate(report.groups, 1):
        considered = ", ".join(name(a) for a in group.top_considered()) or "none"
        out.append(f"### {number}. {group.count} × — the bot considered: {considered}")
        out.extend(f"- {q}" for q in group.questions[:MAX_EXAMPLES])
        out.append("")
    out.append(f"## Notes on articles: {len(report.notes)}")
    out.append("")
    for article_id, day, note in report.notes:
        out.append(f"- {name(article_id)}, {day}: {note}")
    out.append("")
    out.append("## Helpful or not, per article")
    out.append("")
    out.append("| article | 👍 | 👎 | helpful |")
    out.append("|---|---|---|---|")
    for article_id, up, down in sorted(report.votes, key=lambda v: (v[1] / (v[1] + v[2]), v[0])):
        label = "did-you-mean lists" if article_id.startswith("*") else name(article_id)
        out.append(f"| {label} | {up} | {down} | {round(100 * up / (up + down))}% |")
    return "\n".join(out) + "\n"


def as_csv(report: GapsReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["kind", "group", "count", "articles", "text"])
    for number, group in enumerate(report.groups, 1):
        articles = " ".join(group.top_considered())
        for question in group.questions:
            writer.writerow(["question", number, group.count, articles, question])
    for article_id, day, note in report.notes:
        writer.writerow(["note", "", "", article_id, f"{day}: {note}"])
    for article_id, up, down in report.votes:
        writer.writerow(["votes", "", up + down, article_id, f"up={up} down={down}"])
    return buffer.getvalue()
