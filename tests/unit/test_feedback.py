"""Feedback: votes once per message, consent before any text is kept, counts without users.

In-process (the real Application against the emulator) for the flows; plain functions for
the rules: callback parsing, scrubbing, the bounded in-memory holds, grouping, /stats.
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
import sqlite3
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.features.feedback import data
from bot.features.feedback.cli import run_gaps
from bot.features.feedback.gaps import analyzer_for, group_questions
from bot.features.feedback.jobs import digest_job, purge
from bot.features.feedback.memory import Expiring
from bot.features.feedback.metrics import Metrics
from bot.features.feedback.report import Report, figure, percent, report_text
from bot.features.feedback.scrub import scrub, scrub_note
from bot.search import SearchEngine, load_synonyms
from devtools.fakeapi.models import BotMessage, FakeUser
from tests.search.library_files import load_shipped_library
from tests.unit.conftest import CONTENT, InProcessBot, make_settings, running_bot

# A two-page article: the vote row belongs on its last page only.
LONG = "passport-lost-or-expired"
NOT_FOUND = "рецепт борща"
# Questions on the border between two articles (property-in-russia / power-of-attorney).
# The shipped model decides which of them get "did you mean"; a refit may move one to
# "answer", so the first that gets choices, also with a link appended, is used.
SELL_A_CAR = (
    "how do I sell my car in russia while living in georgia",
    "my car stayed in moscow, how to sell it from tbilisi",
    "selling a car left in russia while I live in georgia",
    "how can I sell the car I left in russia",
    "car in russia how to sell it from georgia",
)
LINK = " at cars.example.com"


def choices_question() -> str:
    engine = SearchEngine.build(load_shipped_library(), load_synonyms(CONTENT / "synonyms.yaml"))
    for question in SELL_A_CAR:
        answers = [engine.search(question), engine.search(question + LINK)]
        if all(a.mode == "choices" and "property-in-russia" in a.choices for a in answers):
            return question
    raise AssertionError("no question in SELL_A_CAR gets choices: add one (python -m bot ask)")


CHOICES_QUESTION = choices_question()


def production_logging(caplog: pytest.LogCaptureFixture) -> None:
    """Our modules at DEBUG, the library at INFO, as configure_logging sets them."""
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.DEBUG, logger="bot")


def fetch(url: str) -> str:
    with urllib.request.urlopen(url) as response:
        body: bytes = response.read()
    return body.decode()


def rows(db_path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db_path) as raw:
        return list(raw.execute(sql))


def db_bytes(db_path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))


async def last_page(bot: InProcessBot, user: FakeUser, article_id: str) -> BotMessage:
    page = await bot.send(user, f"/start {article_id}")
    while f"art:{article_id}:" in " ".join(page.callback_data) and any(
        b["text"] == "›" for b in page.buttons
    ):
        nxt = next(b["callback_data"] for b in page.buttons if b["text"] == "›")
        page = await bot.press(user, nxt, page)
    return page


# ------------------------------------------------------------------ plain rules


def test_callback_data_is_parsed_strictly() -> None:
    assert data.parse("fb:a:u:passport-lost") == data.VotePress("passport-lost", "up")
    assert data.parse("fb:c:d") == data.VotePress(data.CHOICES, "down")
    assert data.parse("fb:wrong:visa-run") == data.WrongPress("visa-run")
    assert data.parse(data.SEND) == data.Action("send")
    for bad in (
        "fb:a:x:passport-lost",
        "fb:a:u:Passport",
        "fb:a:u:pass²port",
        "fb:a:u:" + "a" * 41,
        "fb:c:u:extra",
        "fb:send ",
        "fb:wrong:",
        "fb:",
    ):
        assert data.parse(bad) is None, bad
    for article_id in ("a", "a" * 40):
        for vote in ("up", "down"):
            raw = data.vote_data(article_id, vote)  # type: ignore[arg-type]
            assert len(raw.encode()) <= 64 and data.parse(raw) == data.VotePress(article_id, vote)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("звоните +7 (916) 123-45-67 вечером", "звоните [phone] вечером", "916"),
        ("call 8 916 1234567", "call [phone]", "1234567"),
        ("пишите anna.k+work@mail.ru пожалуйста", "пишите [e-mail] пожалуйста", "anna"),
        ("мой ник @anna_k_92 в телеге", "мой ник [@] в телеге", "anna"),
        ("см. https://t.me/some_chat/123 и www.example.org", "см. [link] и [link]", "some_chat"),
        ("сайт kovcheg.ru пишет", "сайт [link] пишет", "kovcheg"),
        ("t.me/joinchat/AAAA", "[link]", "joinchat"),
    ],
)
def test_scrub_removes_contacts_and_links(text: str, kept: str, gone: str) -> None:
    assert scrub(text) == kept
    assert gone not in scrub(text)


def test_scrub_keeps_ordinary_questions_and_makes_one_short_line() -> None:
    assert scrub("Паспорт истёк в 2024, что делать?") == "Паспорт истёк в 2024, что делать?"
    assert scrub("line one\n\nline   two") == "line one line two"
    long = scrub_note("слово " * 200)
    assert len(long) <= 300 and long.endswith("…")


def test_expiring_is_bounded_and_forgets_after_its_time() -> None:
    now = [0.0]
    store: Expiring[str, int] = Expiring(max_items=3, ttl_seconds=10, clock=lambda: now[0])
    for i in range(5):
        store.put(f"k{i}", i)
    assert len(store) == 3 and store.get("k0") is None and store.get("k4") == 4
    now[0] = 10.0
    assert store.get("k4") is None and len(store) == 0


def test_figures_under_five_are_never_shown() -> None:
    assert [figure(n) for n in (0, 1, 4, 5, 17)] == ["<5", "<5", "<5", "5", "17"]
    assert percent(1, 3) == "n<5" and percent(1, 50) == "<5%" and percent(5, 10) == "50%"
    report = Report(
        days=7,
        views=[("visa-run", 3), ("asylum", 12)],
        helpful=[("visa-run", 1, 2), ("asylum", 9, 1), ("*choices", 0, 1)],
        outcomes={"answer": 40, "none": 2, "choices": 3},
        groups=[(6, "как перевезти кошку"), (2, "редкий вопрос")],
        users_with_settings=4,
    )
    text = report_text(report)
    figures = [int(n) for n in re.findall(r"(?<![\w<-])\d+(?![\w-])", text)]
    assert figures and all(n >= 5 for n in figures), text
    assert "редкий вопрос" not in text  # a group of two could point at a person


def test_the_report_counts_closest_topics_as_no_answer() -> None:
    report = Report(
        days=7,
        views=[],
        helpful=[],
        outcomes={"answer": 70, "none": 10, "closest": 10, "choices": 10},
        groups=[],
        users_with_settings=0,
    )
    text = report_text(report)
    assert "Questions: 100; no answer 20% (closest topics offered: 10%), did-you-mean 10%" in text


def test_gaps_groups_paraphrases_with_the_search_analysis() -> None:
    analyzer = analyzer_for(CONTENT)
    questions = [
        ("как перевезти кошку в Грузию", ("visa-free-countries",)),
        ("рецепт борща", ()),
        ("перевозка кошки в Грузию", ()),
        ("можно ли перевезти кошку через границу", ("visa-free-countries",)),
        ("как сварить борщ", ()),
        ("где починить велосипед", ()),
        ("[phone] [link] [@] [e-mail]", ()),
    ]
    groups = group_questions(analyzer, questions)
    assert [sorted(g.questions) for g in groups] == [
        sorted(q for q, _ in questions if "кошк" in q),
        ["как сварить борщ", "рецепт борща"],
        ["где починить велосипед"],
        ["[phone] [link] [@] [e-mail]"],  # what scrubbing left is no topic
    ]
    assert groups[0].top_considered() == ["visa-free-countries"]


# ------------------------------------------------------------------ in-process flows


async def test_the_vote_row_is_on_the_last_page_only(bot: InProcessBot) -> None:
    user = bot.user("en")
    first = await bot.send(user, f"/start {LONG}")
    assert not any(d.startswith("fb:") for d in first.callback_data)
    page = await last_page(bot, user, LONG)
    assert f"fb:a:u:{LONG}" in page.callback_data and f"fb:a:d:{LONG}" in page.callback_data


async def test_a_vote_counts_once_however_often_it_is_pressed(
    bot: InProcessBot, tmp_path: Path
) -> None:
    user = bot.user("en")
    page = await last_page(bot, user, LONG)
    before = page.callback_data
    presses = [
        bot.emulator.user_presses(user, page.message_id, f"fb:a:u:{LONG}", deliver=False)
        for _ in range(3)  # a triple tap: all three carry the buttons
    ]
    for update in presses:
        await bot.process(update)
    after = bot.emulator.transcript.get(user.id, page.message_id)
    assert after is not None
    assert not any(d.startswith("fb:") for d in after.callback_data)
    assert [d for d in before if not d.startswith("fb:")] == after.callback_data
    answer = bot.callback_answer(presses[0])
    assert answer is not None and "Thank you" in answer.get("text", "")
    assert rows(
        tmp_path / "bot.sqlite3", "SELECT article_id, lang, vote, count FROM feedback_votes"
    ) == [(LONG, "en", "up", 1)]


async def test_a_thumbs_down_offers_the_two_follow_ups(bot: InProcessBot) -> None:
    user = bot.user("en")
    page = await last_page(bot, user, LONG)
    after = await bot.press(user, f"fb:a:d:{LONG}", page)
    assert data.MISS in after.callback_data and data.wrong_data(LONG) in after.callback_data
    assert f"fb:a:u:{LONG}" not in after.callback_data
    # A did-you-mean list has nothing to correct: only "it did not answer".
    choices = await bot.send(user, CHOICES_QUESTION)
    assert "fb:c:d" in choices.callback_data
    after = await bot.press(user, "fb:c:d", choices)
    assert [d for d in after.callback_data if d.startswith("fb:")] == [data.MISS]


async def test_a_question_is_stored_only_after_send_and_scrubbed(
    bot: InProcessBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    production_logging(caplog)
    user = bot.user("ru")
    question = "рецепт борща @babushka_olga 89161234567"
    reply = await bot.send(user, question)
    assert "fb:send" in reply.callback_data
    assert "рецепт борща [@] [phone]" in reply.text  # shown as it will be stored
    db_path = tmp_path / "bot.sqlite3"
    assert rows(db_path, "SELECT * FROM unanswered_questions") == []
    done = await bot.press(user, "fb:send", reply)
    assert "fb:send" not in done.callback_data and "art:legal-help:0" in done.callback_data
    stored = rows(db_path, "SELECT lang, question, considered FROM unanswered_questions")
    assert stored == [("ru", "рецепт борща [@] [phone]", "[]")]
    await bot.press(user, "fb:send", done, check=False)  # a second press stores nothing more
    assert len(rows(db_path, "SELECT * FROM unanswered_questions")) == 1
    for secret in ("babushka", "9161234567", "Анна"):
        assert secret not in caplog.text


async def test_a_question_nobody_sent_appears_nowhere(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    production_logging(caplog)
    secret = "кактусовыйсекрет"
    async with running_bot(tmp_path) as bot:
        user = bot.user("ru")
        await bot.send(user, f"{secret} рецепт борща")
        await bot.send(user, f"{secret} how do I sell my car in russia while living in georgia")
        await bot.services.feedback.store.flush()
    assert secret.encode() not in db_bytes(tmp_path / "bot.sqlite3")
    assert secret not in caplog.text


async def test_did_not_answer_offers_the_held_question_and_sends_it(
    bot: InProcessBot, tmp_path: Path
) -> None:
    user = bot.user("en")
    choices = await bot.send(user, CHOICES_QUESTION + LINK)
    await bot.press(user, "fb:c:d", choices)
    await bot.press(user, data.MISS, choices)
    offer = bot.last(user)
    assert offer.message_id != choices.message_id
    assert f"{CHOICES_QUESTION} at [link]" in offer.text
    assert offer.callback_data == [data.SEND, data.DROP]
    done = await bot.press(user, data.SEND, offer)
    assert done.callback_data == [] and "Sent" in done.text
    stored = rows(tmp_path / "bot.sqlite3", "SELECT question, considered FROM unanswered_questions")
    assert len(stored) == 1 and stored[0][0] == f"{CHOICES_QUESTION} at [link]"
    assert "property-in-russia" in str(stored[0][1])


async def test_declining_or_waiting_too_long_stores_nothing(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as bot:
        user = bot.user("en")
        choices = await bot.send(user, CHOICES_QUESTION)
        await bot.press(user, "fb:c:d", choices)
        await bot.press(user, data.MISS, choices)
        declined = await bot.press(user, data.DROP, bot.last(user))
        assert "Not sent" in declined.text
        reply = await bot.send(user, NOT_FOUND)
        bot.services.feedback.memory.questions.drop_where(lambda ref: True)  # as if expired
        late = await bot.press(user, data.SEND, reply)
        assert "fb:send" not in late.callback_data
    assert rows(tmp_path / "bot.sqlite3", "SELECT * FROM unanswered_questions") == []


async def test_a_browsed_article_asks_for_the_question(bot: InProcessBot) -> None:
    user = bot.user("en")
    page = await last_page(bot, user, LONG)
    await bot.press(user, f"fb:a:d:{LONG}", page)
    await bot.press(user, data.MISS, page)
    assert "type your question" in bot.last(user).text


async def test_a_note_is_shown_scrubbed_then_stored_with_article_and_date(
    bot: InProcessBot, tmp_path: Path
) -> None:
    user = bot.user("en")
    page = await last_page(bot, user, LONG)
    await bot.press(user, f"fb:a:d:{LONG}", page)
    await bot.press(user, data.wrong_data(LONG), page)
    assert data.NO_NOTE in bot.last(user).callback_data
    confirm = await bot.send(user, "The fee is 5000 now, see consulate.example.org or mail a@b.co")
    assert "The fee is 5000 now, see [link] or mail [e-mail]" in confirm.text
    assert confirm.callback_data == [data.NOTE, data.NO_NOTE]
    db_path = tmp_path / "bot.sqlite3"
    assert rows(db_path, "SELECT * FROM feedback_notes") == []
    await bot.press(user, data.NOTE, confirm)
    assert rows(db_path, "SELECT day, article_id, note FROM feedback_notes") == [
        (date.today().isoformat(), LONG, "The fee is 5000 now, see [link] or mail [e-mail]")
    ]
    # The note was not taken for a question, and the next message is one again.
    assert rows(db_path, "SELECT * FROM unanswered_questions") == []
    answer = await bot.send(user, "lost my passport")
    assert data.NOTE not in answer.callback_data
    assert any(d.startswith("art:") for d in answer.callback_data)


async def test_outcomes_are_counted_per_day_and_language_without_text(
    bot: InProcessBot, tmp_path: Path
) -> None:
    ru, en = bot.user("ru"), bot.user("en")
    await bot.send(ru, NOT_FOUND)
    await bot.send(ru, NOT_FOUND)
    # Declined, but with closest topics under the answer: counted apart for editors.
    await bot.send(ru, "где сделать апостиль на свидетельство о браке")
    await bot.send(en, CHOICES_QUESTION)
    await bot.send(en, "lost my passport")
    await bot.send(en, "hello")  # small talk is not a question
    await bot.services.feedback.store.flush()
    today = date.today().isoformat()
    assert sorted(rows(tmp_path / "bot.sqlite3", "SELECT * FROM search_outcomes")) == [
        (today, "en", "answer", 1),
        (today, "en", "choices", 1),
        (today, "ru", "closest", 1),
        (today, "ru", "none", 2),
    ]


async def test_purge_removes_texts_older_than_the_keeping_period(bot: InProcessBot) -> None:
    store = bot.services.feedback.store
    today = date.today()
    await store.add_question(today - timedelta(days=91), "ru", "старый", ())
    await store.add_question(today - timedelta(days=89), "ru", "новый", ())
    await store.add_note(today - timedelta(days=100), LONG, "old note")
    assert await purge(bot.services, today) == 2
    assert [q.question for q in await store.questions(today - timedelta(days=365))] == ["новый"]
    assert await store.notes(today - timedelta(days=365)) == []


async def test_forget_drops_what_the_chat_has_in_memory(bot: InProcessBot) -> None:
    user = bot.user("en")
    await bot.send(user, NOT_FOUND)
    assert len(bot.services.feedback.memory.questions) == 1
    prompt = await bot.send(user, "/forget")
    await bot.press(user, "forget:yes", prompt)
    assert len(bot.services.feedback.memory.questions) == 0


async def test_stats_for_admins_show_feedback_without_small_figures(tmp_path: Path) -> None:
    admin_id = 424242
    async with running_bot(tmp_path, admin_ids=frozenset({admin_id})) as bot:
        for _ in range(3):
            user = bot.user("en")
            page = await last_page(bot, user, LONG)
            await bot.press(user, f"fb:a:u:{LONG}", page)
        for _ in range(6):
            await bot.send(bot.user("ru"), NOT_FOUND)
        admin = FakeUser(admin_id, "Admin", "en")
        for command in ("/stats", "/stats 7"):
            text = (await bot.send(admin, command)).text
            assert "Helpful" in text and "Questions:" in text
            figures = [int(n) for n in re.findall(r"(?<![\w<-])\d+(?![\w-])", text)]
            assert all(n >= 5 for n in figures), text
            assert "<5" in text and 6 in figures  # six questions, all unanswered
        assert "the last 7 days" in text


async def test_metrics_count_without_user_labels(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as bot:
        user = bot.user("en")
        await bot.send(user, NOT_FOUND)
        await bot.send(user, "lost my passport")
        await bot.send(user, "where do I get my diploma apostilled")
        metrics = bot.services.feedback.metrics
        text = metrics.text().decode()
        assert 'bot_updates_handled_total{kind="message"} 3.0' in text
        assert 'bot_search_answers_total{mode="none"} 1.0' in text
        # Declined with closest topics offered: counted apart, as in the editors' stats.
        assert 'bot_search_answers_total{mode="closest"} 1.0' in text
        assert str(user.id) not in text and "Анна" not in text
        port = metrics.serve(0)
        try:
            served = await asyncio.to_thread(fetch, f"http://127.0.0.1:{port}/metrics")
        finally:
            metrics.stop()
        assert "bot_search_answers_total" in served


def test_errors_are_counted_by_class_name_only() -> None:
    metrics = Metrics()
    metrics.error(KeyError("123456789"))
    text = metrics.text().decode()
    assert 'bot_errors_total{kind="KeyError"} 1.0' in text and "123456789" not in text


async def test_gaps_command_prints_groups_notes_and_ratios(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as bot:
        store = bot.services.feedback.store
        today = date.today()
        for question in (
            "как перевезти кошку в Грузию",
            "перевозка кошки в Грузию",
            "рецепт борща",
        ):
            await store.add_question(today, "ru", question, ("visa-free-countries",))
        await store.add_note(today, LONG, "the fee changed")
        for vote in ("up", "up", "down"):
            await store.add_vote(today, LONG, "en", vote)  # type: ignore[arg-type]
    settings = make_settings(tmp_path)
    out = io.StringIO()
    assert await asyncio.to_thread(run_gaps, settings, 30, "md", stdout=out) == 0
    md = out.getvalue()
    assert "### 1. 2 ×" in md and "### 2. 1 ×" in md
    assert md.index("перевозка кошки") < md.index("рецепт борща")
    assert "the fee changed" in md and f"| `{LONG}`" in md and "| 2 | 1 | 67% |" in md
    out = io.StringIO()
    await asyncio.to_thread(run_gaps, settings, 30, "csv", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "kind,group,count,articles,text"
    assert "question,1,2,visa-free-countries,как перевезти кошку в Грузию" in lines


async def test_the_weekly_digest_goes_to_the_admins(tmp_path: Path) -> None:
    admin = FakeUser(777_001, "Admin", "en")
    async with running_bot(tmp_path, admin_ids=frozenset({admin.id})) as bot:
        await bot.send(admin, "/start")
        for _ in range(5):
            await bot.send(bot.user("ru"), NOT_FOUND)

        class JobContext:
            application = bot.app

        JobContext.bot = bot.app.bot  # type: ignore[attr-defined]
        await digest_job(JobContext())
        digest = bot.last(admin)
        assert digest.text.startswith("Weekly digest: the last 7 days")
        assert "Questions: 5; no answer 100%" in digest.text


def test_an_empty_metrics_port_means_off(tmp_path: Path) -> None:
    assert make_settings(tmp_path, metrics_port="").metrics_port is None
    assert make_settings(tmp_path, metrics_port="9464").metrics_port == 9464


def test_the_closest_count_is_what_the_reader_saw() -> None:
    """The editors' "closest" outcome holds exactly when the reply shows a 🔎 row.

    Kovcheg and legal help are the "I don't know" reply's fixed buttons; a closest topic
    that is one of them is not a closest topic the reader saw.
    """
    from bot.content.catalog import build_catalog
    from bot.core.i18n import Translators
    from bot.features.answers.screens import reply_to
    from bot.features.feedback.service import outcome
    from bot.search.evaluation import read_cases

    library = load_shipped_library()
    engine = SearchEngine.build(library, load_synonyms(CONTENT / "synonyms.yaml"))
    catalog = build_catalog(library, CONTENT)
    tr = Translators()["en"]
    here = Path(__file__).parents[1] / "search"
    counted = 0
    for name in ("eval.jsonl", "train-real-1.jsonl", "train-oos.jsonl", "train-oos-2.jsonl"):
        for case in read_cases(here / name):
            answer = engine.search(case.q)
            if answer.mode != "none" or answer.smalltalk is not None:
                continue
            screen, _ = reply_to(tr, catalog, answer, None)
            closest = [b for row in screen.rows for b in row if b.text.startswith("🔎 ")]
            assert (outcome(answer) == "closest") == bool(closest), case.q
            assert len(closest) == len(answer.nearest), case.q
            counted += bool(closest)
    assert counted >= 5
