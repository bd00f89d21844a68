"""What the library does not answer: consented questions grouped by similarity, for editors.

Grouping uses the search engine's own analysis (clean-up, stems, the editors' synonym
groups), so "загранник истёк" and "истек загранпаспорт" are one group for the same reason
the engine treats them alike. Place names are left out: the topic is what groups, not the
city. Stems are compared by their first five letters, so derived words Snowball leaves
apart ("перевезти", "перевозка"; "продление", "продлить" as "продлен", "продл") still meet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.content.catalog import SYNONYMS_FILE
from bot.features.feedback.scrub import MARKS
from bot.search.analyzer import Analyzer
from bot.search.normalize import clean, tokens
from bot.search.synonyms import load_synonyms

# Dice similarity of two questions' keys at which they are one group.
SIMILAR = 0.5
SHARED_START = 5
MAX_EXAMPLES = 5


def analyzer_for(content_dir: Path) -> Analyzer:
    path = content_dir / SYNONYMS_FILE
    return Analyzer(load_synonyms(path) if path.exists() else None)


def term_key(term: str) -> str:
    """Stems of one root share a key: their first five letters ("перевезт", "перевозк")."""
    return term if term.startswith("~") else term[:SHARED_START]


def question_terms(analyzer: Analyzer, text: str) -> frozenset[str]:
    """The question's topic as keys of its terms, place names left out."""
    for mark in MARKS:
        text = text.replace(mark, " ")
    terms = analyzer.terms(tokens(clean(text)))
    return frozenset(term_key(t) for t in terms if not analyzer.is_place(t))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two questions' keys."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


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
    """Single-link grouping: a question joins the oldest group holding a similar question.

    Largest groups first; within a size, the order of the first question. Only questions
    sharing a key can be similar, and a repeated question is looked up, not compared
    again, so a month of questions groups in well under a second (benchmarks/bench_feedback.py).
    """
    groups: list[Group] = []
    # key -> {distinct keys of a question holding it: that question's group}
    members: dict[str, dict[frozenset[str], int]] = {}
    known: dict[frozenset[str], int] = {}
    for text, considered in questions:
        terms = question_terms(analyzer, text)
        number = known.get(terms)
        if number is None:
            matches = [
                group
                for key in terms
                for other, group in members.get(key, {}).items()
                if similarity(terms, other) >= SIMILAR
            ]
            number = min(matches) if matches else len(groups)
            if number == len(groups):
                groups.append(Group([], {}))
            known[terms] = number
            for key in terms:
                members.setdefault(key, {})[terms] = number
        group = groups[number]
        group.questions.append(text)
        for article_id in considered:
            group.considered[article_id] = group.considered.get(article_id, 0) + 1
    order = sorted(range(len(groups)), key=lambda n: (-groups[n].count, n))
    return [groups[n] for n in order]


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
