"""What the sample journal says: one person's situations and critic, root by root, and the notes of their days.

Each root cause has a few situations (with the evidence the person found for
and against the critic) and a few lines the critic says in them (with whose
voice it is, its thinking traps and the reframe written back). Any situation
of a cause goes with any critic line of the same cause, so a record's
situation, critic's words, voice, cause, traps and reframe always belong
together, and the same old line can turn up in a new situation, as it does.

``tell_stories`` gives the records their words once the journal's schedules
are known, so that no day's due list ever holds the same critic's words twice
(as far as the bank allows; the five-year benchmark may run out).
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from rootwork.state.records.model import Checkin, Reframe, Review

__all__ = [
    "CRITIC_CAUSE",
    "NOTES",
    "NOTE_TO_WRITE",
    "SITUATION_CAUSE",
    "STORIES",
    "Critic",
    "Situation",
    "Told",
    "due_spans",
    "note_tone",
    "tell_stories",
    "write_notes",
]


@dataclass(frozen=True)
class Situation:
    text: str
    evidence_for: str
    evidence_against: str
    once: bool = False  # an event that happens once (a birthday, a rejection), not a pattern that recurs


@dataclass(frozen=True)
class Critic:
    words: str
    reframe: str
    voice: str
    distortions: tuple[str, ...]


# fmt: off
# The bank reads as a table: one situation or critic line a row.
S, C = Situation, Critic

# cause id -> (situations, critic lines)
STORIES: dict[str, tuple[tuple[Situation, ...], tuple[Critic, ...]]] = {
    "childhood-criticism": (
        (
            S("My mother asked, again, when I am going to get promoted.", "I have been in the same role for three years.", "My last review said I do the job well."),
            S("My appraisal said 'meets expectations' and nothing more.", "There was no praise in it at all.", "Meeting expectations means I did what the job needs.", once=True),
            S("I burnt the rice when friends came for dinner.", "Everyone could smell it.", "Nobody mentioned it after the first joke, and they stayed late.", once=True),
        ),
        (
            C("Not good enough. It never is with you.", "I can do a thing adequately and still be worth loving. Good enough is a real place.", "my father", ("all-or-nothing", "labelling")),
            C("You'll never make anyone proud.", "The people who love me are not keeping score. I don't have to earn my place with them.", "my father", ("fortune-telling", "overgeneralising")),
            C("If you can't do it properly, don't bother.", "Doing it imperfectly is still doing it. Nobody gets better any other way.", "my father", ("all-or-nothing", "should-statements")),
        ),
    ),
    "bullying": (
        (
            S("Two colleagues laughed just as I walked into the kitchen.", "They went quiet when they saw me.", "One of them was showing the other a video on her phone."),
            S("I wasn't added to the new team chat.", "Everyone else in the team is in it.", "The person who set it up said she was adding people as she remembered them.", once=True),
            S("Someone at the party called my jacket 'brave'.", "She smirked when she said it.", "Two other people asked where I got it.", once=True),
        ),
        (
            C("They're laughing at you. Same as always.", "That was years ago and those were children. Today I can ask, or let it pass.", "kids at school", ("mind-reading", "personalisation")),
            C("Nobody actually wants you around.", "I have friends who ask me to things. Being missed out once is not being unwanted.", "kids at school", ("overgeneralising", "mind-reading")),
            C("You're weird, and everyone can see it.", "I'm different, and the people who fit me are glad of it.", "kids at school", ("labelling", "mind-reading")),
        ),
    ),
    "neglect": (
        (
            S("I needed help moving flat and didn't ask anyone.", "Everyone is busy at the weekend.", "Two friends have said to ask them whenever I need a hand.", once=True),
            S("My partner was on his phone while I talked about my day.", "He didn't look up once.", "He apologised later and asked me to tell it again."),
            S("I felt ill all week and told nobody.", "Nobody asked how I was.", "I never told anyone there was anything to ask about."),
        ),
        (
            C("Don't make a fuss. Nobody has time for your needs.", "My needs are ordinary and allowed. Asking gives people the chance to help.", "my mother", ("should-statements", "overgeneralising")),
            C("You don't matter enough to bother with.", "Being overlooked as a child says nothing about my worth now. I matter to the people who stay.", "my mother", ("labelling", "emotional-reasoning")),
            C("Handle it yourself, like always.", "Managing alone was how I got by then. I can let people in now.", "myself", ("should-statements",)),
        ),
    ),
    "trauma": (
        (
            S("My manager raised his voice in a meeting and I froze.", "I couldn't get a word out.", "Freezing was my body trying to keep me safe, and I spoke to him calmly afterwards."),
            S("A friend said I was overreacting when I left a loud bar early.", "The others stayed and were fine.", "Leaving when I feel unsafe is looking after myself."),
            S("I flinched when my partner reached past me for a cup.", "He looked hurt.", "He told me later he understood and was not upset with me."),
        ),
        (
            C("You bring it on yourself.", "What happened to me was never my fault. The shame belongs to the person who did it.", "my stepfather", ("personalisation", "labelling")),
            C("Something is wrong with you. You're broken.", "I am not broken; I am hurt and healing. My reactions made sense once.", "my stepfather", ("labelling", "emotional-reasoning")),
            C("Stop being so dramatic. It wasn't that bad.", "It was that bad, and I am allowed to take it seriously. Playing it down is the old habit.", "my stepfather", ("labelling", "should-statements")),
        ),
    ),
    "comparison": (
        (
            S("An old classmate posted about her promotion.", "She started at the same time as me.", "I chose a different path, and I like a lot of it."),
            S("I scrolled through photos of a friend's new house for half an hour.", "I am still renting at thirty-four.", "I have savings I built myself, and a flat I love."),
            S("My sister's family looked perfect in their holiday photos.", "We haven't been away in three years.", "She told me on the phone the trip was exhausting."),
        ),
        (
            C("Everyone else has it figured out except you.", "I'm seeing their highlights, not their whole lives. My life is not a race against theirs.", "myself", ("unfair-comparing", "overgeneralising")),
            C("You should be further along by now.", "There is no timetable. I have grown a lot this year, at my own pace.", "myself", ("should-statements", "unfair-comparing")),
            C("You've got nothing to show for your life.", "I have friends, work I'm good at and a home I made. That is plenty to show.", "myself", ("all-or-nothing", "discounting-the-positive")),
        ),
    ),
    "failure": (
        (
            S("My pitch to the new client fell flat.", "They didn't ask a single question.", "They asked for the slides afterwards."),
            S("I stumbled over my words presenting to the department.", "I lost my place twice.", "Three people told me afterwards the content was useful."),
            S("My application for the team lead role was turned down.", "They gave it to someone newer than me.", "The feedback said to apply again next round.", once=True),
        ),
        (
            C("You're a failure. Everyone saw it.", "I failed at one thing in one room. That's an event, not who I am.", "an old boss", ("labelling", "overgeneralising")),
            C("They'll find out you never belonged here.", "I was hired for good reasons and I keep delivering. Feeling like a fraud isn't evidence.", "an old boss", ("fortune-telling", "emotional-reasoning")),
            C("Don't try again. You'll only embarrass yourself.", "Trying again is how failing turns into learning. I can survive getting it wrong.", "an old boss", ("fortune-telling", "catastrophising")),
        ),
    ),
    "chaotic-childhood": (
        (
            S("My landlord emailed asking for 'a quick chat'.", "Last time a landlord said that, I had to move.", "It was about fixing the boiler.", once=True),
            S("A good week at work, and I spent Sunday waiting for it to go wrong.", "Good spells have ended suddenly before.", "My job has been steady for two years."),
            S("My team's plans changed at the last minute.", "Nobody checked with me first.", "The new plan is actually simpler for me."),
        ),
        (
            C("Don't relax. Something bad is coming.", "I'm safe today. Waiting for disaster was how I coped as a child, and I can put it down.", "my parents", ("fortune-telling", "catastrophising")),
            C("It's all about to fall apart.", "Things change, and I have handled change before. My life now is steadier than it feels.", "my parents", ("catastrophising", "emotional-reasoning")),
            C("If you don't control everything, it goes wrong.", "I don't need to hold every thread. Most things turn out fine without me gripping them.", "myself", ("all-or-nothing", "should-statements")),
        ),
    ),
    "discrimination": (
        (
            S("I was the only one in the meeting asked to repeat myself.", "It's happened before in that team.", "My manager backed up my point straight afterwards."),
            S("A customer asked to speak to 'someone in charge' when I was in charge.", "He looked past me to my colleague.", "My colleague told him I was the manager, and I sorted it out."),
            S("I toned down my accent again on a call with head office.", "I seemed to get a better hearing when I did.", "My best client likes me exactly as I talk."),
        ),
        (
            C("People like you have to work twice as hard.", "The unfairness is real, and it isn't mine to carry. I don't owe proof of my worth to people who won't see it.", "a teacher", ("should-statements", "overgeneralising")),
            C("Maybe it was your fault, not theirs.", "Prejudice is real, and naming it is not an excuse. I can trust what I saw.", "myself", ("personalisation",)),
            C("Keep your head down and don't stand out.", "I'm allowed to take up room as I am. Hiding costs me more than it protects me.", "a teacher", ("should-statements", "fortune-telling")),
        ),
    ),
    "perfectionism": (
        (
            S("I found a typo in a report after it went to the whole team.", "My name is on it.", "Nobody mentioned it, and the numbers were right."),
            S("I've rewritten the first page of my proposal all week.", "It still isn't quite right.", "My colleague said the last draft was already clear.", once=True),
            S("I made a mistake in the month-end figures.", "Finance had to redo a sheet.", "I caught it myself and it took ten minutes to fix."),
        ),
        (
            C("If it isn't perfect, it's worthless.", "Good and finished helps more people than perfect and late.", "a teacher", ("all-or-nothing",)),
            C("One mistake and they'll see how careless you are.", "Everyone makes mistakes. Fixing one quickly shows care, not carelessness.", "a teacher", ("catastrophising", "labelling")),
            C("You should have got it right the first time.", "First attempts are for getting things wrong. That's what they're for.", "myself", ("should-statements",)),
        ),
    ),
    "attachment": (
        (
            S("My partner was quiet over dinner.", "He barely said a word.", "He said afterwards that work had worn him out."),
            S("A friend took two days to reply to my message.", "She had been online.", "She wrote back that she'd been looking after her dad."),
            S("My partner mentioned a weekend away with his friends.", "He didn't invite me.", "He asked me to plan something for the weekend after.", once=True),
        ),
        (
            C("They're losing interest. They'll leave, like everyone does.", "This is a different person from the one who left. I can ask instead of guessing.", "my ex", ("fortune-telling", "overgeneralising")),
            C("You're too much and not enough at the same time.", "I'm allowed to need people. The right ones don't find me too much.", "my ex", ("labelling", "mind-reading")),
            C("Get out first, before you get hurt.", "Pulling away first only makes the loss certain. I can stay and see what happens.", "myself", ("fortune-telling", "catastrophising")),
        ),
    ),
    "body-shame": (
        (
            S("I tried on clothes that no longer fit.", "I've gone up a size since last year.", "Clothes are meant to fit me; I'm not meant to fit them."),
            S("I untagged myself from every photo of the wedding.", "I didn't like how I looked in any of them.", "My friend said they were the happiest pictures of the day.", once=True),
            S("I said no to swimming with friends.", "I hate being seen in a swimsuit.", "Last time I went, I forgot about my body within minutes and had fun."),
        ),
        (
            C("Nobody wants to see a body like yours.", "My body carries me through my life. It doesn't have to be looked at to be worth something.", "my aunt", ("mind-reading", "labelling")),
            C("Fix how you look first, then you can enjoy things.", "I don't have to earn joy with a different body. I can live in this one now.", "my aunt", ("should-statements", "all-or-nothing")),
            C("Everyone is staring at you.", "Most people are busy thinking about themselves. I can let myself be seen.", "myself", ("mind-reading", "personalisation")),
        ),
    ),
    "skill-gaps": (
        (
            S("I was asked to run the budget spreadsheet and I've never used pivot tables.", "Everyone assumes I know how.", "Nobody knew pivot tables until someone showed them.", once=True),
            S("I kept quiet in the planning meeting because I didn't follow the jargon.", "Everyone else seemed to follow.", "Afterwards two people asked me what some of it meant."),
            S("My daughter asked for help with her maths homework and I got stuck.", "She saw me get stuck.", "We looked it up together and both learned the method."),
        ),
        (
            C("You're stupid. Everyone can see you don't know this.", "Not knowing a thing yet is not stupidity; it just shows me what to learn next.", "an old boss", ("labelling", "mind-reading")),
            C("You'll be found out as useless.", "Asking questions is how capable people stay capable. I can learn this.", "an old boss", ("fortune-telling", "labelling")),
            C("Everyone else picked this up years ago.", "People learn things at different times. I'm learning it now, and that counts.", "myself", ("unfair-comparing", "overgeneralising")),
        ),
    ),
    "purpose": (
        (
            S("Sunday evening, and the whole week ahead felt pointless.", "I can't say what any of it is for.", "On Thursday, helping at the food bank felt like it mattered."),
            S("A friend asked what I want from life and I had no answer.", "She seemed so sure about hers.", "I know I want to be kind and to make things; that's a start.", once=True),
            S("On my birthday I spent the evening wondering what I have done with my life.", "I haven't built anything I'm proud of.", "My friends came round and told me what they love about me.", once=True),
        ),
        (
            C("None of it matters, so why bother?", "Meaning is something I make by acting, not something I must find first. Small things count.", "myself", ("all-or-nothing", "emotional-reasoning")),
            C("You're just going through the motions.", "Some days feel hollow. That's a feeling, not a verdict on my life.", "myself", ("emotional-reasoning", "labelling")),
            C("Everyone else knows what they're here for.", "Most people are still working it out. I can live by my values while I do.", "myself", ("unfair-comparing", "mind-reading")),
        ),
    ),
}
del S, C
# fmt: on

# A day's note, by how the day went (``_note_tone``): a hard day's note never says it was a good one.
NOTES = {
    "hard": (
        "Slept badly and the meeting felt like a test I was failing.",
        "Caught myself apologising three times before lunch.",
        "Scrolled for an hour and came away feeling small.",
        "Tired. Did the minimum and that was enough.",
        "Replayed one comment from work all evening.",
        "Cancelled on a friend because I could not face being seen.",
    ),
    "mixed": (
        "Said no to an extra task and the world did not end.",
        "A friend asked how I was and I told the truth for once.",
        "Rewrote one email five times. Sent it anyway.",
        "Felt left out of a conversation, then remembered I had not tried to join it.",
        "Heavy morning, lighter evening after writing things down.",
        "The old voice was loud today. I named it and it got smaller.",
        "Spoke up in the team call even though my hands were shaking.",
        "Walked at lunch; the noise in my head got quieter.",
    ),
    "good": (
        "Good day. Nothing to prove, nothing to hide.",
        "Compared my kitchen to someone else's and laughed at myself.",
        "Took a compliment without arguing with it.",
        "Spent the evening with people who like me as I am.",
        "Finished something and let it be finished.",
    ),
}
RECENT_NOTES = 6  # a note does not come back within this many notes
NOTE_TO_WRITE = "\0"  # a day with a note; ``write_notes`` gives it its words once the day's records are known

#: Which cause each situation, and each critic line, belongs to.
SITUATION_CAUSE = {s.text: cause for cause, (situations, _) in STORIES.items() for s in situations}
CRITIC_CAUSE = {c.words: cause for cause, (_, critics) in STORIES.items() for c in critics}


def due_spans(start: date, reviews: Sequence[Review], last: date) -> list[tuple[date, date]]:
    """The days (inclusive spans up to ``last``) a record saved on ``start`` was in the due list.

    ``reviews`` are its reviews, oldest first. A day's list is drawn before that
    day's reviews, so a record reviewed on its due day was in that day's list.
    """
    spans = []
    since, due = start, start  # a new record is due the day it is saved
    for review in reviews:
        low, high = max(since, due), min(review.day, last)
        if low <= high:
            spans.append((low, high))
        since, due = review.day + timedelta(days=1), review.due_after
    low = max(since, due)
    if low <= last:
        spans.append((low, last))
    return spans


def tell_stories(
    reframes: Mapping[str, Reframe],
    reviews: Sequence[Review],
    ends: Mapping[str, date],
    today: date,
    rng: random.Random,
    main_causes: Sequence[str],
    other_causes: Sequence[str],
) -> dict[str, Reframe]:
    """Give each record (in the order written) a story no day's due list already shows.

    ``ends`` holds the day a record was binned. Most stories come from the
    person's main roots. As far as the bank allows, an event that happens once is
    told once, and neither the critic's words nor a situation comes back within a
    few records of its last telling (``Told``).
    """
    history: dict[str, list[Review]] = defaultdict(list)
    for review in reviews:
        if review.item_kind == "reframe":
            history[review.item_id].append(review)
    # The days each critic line is in a due list, as a bitset: bit n is day ``origin + n``.
    origin = min((r.day for r in reframes.values() if r.day is not None), default=today)
    busy: dict[str, int] = defaultdict(int)
    told = Told()
    result = {}
    for item_id, record in reframes.items():
        assert record.day is not None
        last = min(today, ends.get(item_id, today))
        days = 0
        for low, high in due_spans(record.day, history[item_id], last):
            days |= ((1 << ((high - low).days + 1)) - 1) << (low - origin).days
        taken = {words for words, busy_days in busy.items() if busy_days & days}
        cause, situation, critic = _choose(rng, main_causes, other_causes, taken, told)
        told.add(situation, critic)
        busy[critic.words] |= days
        result[item_id] = replace(
            record,
            critic=critic.words,
            reframe=critic.reframe,
            situation=situation.text,
            voice=critic.voice,
            cause_id=cause,
            distortions=critic.distortions,
            evidence_for=situation.evidence_for if rng.random() < 0.75 else "",
            evidence_against=situation.evidence_against if rng.random() < 0.8 else "",
        )
    return result


class Told:
    """What the journal has told so far: how often each situation and critic line, and the latest ones."""

    RECENT_CRITICS = 8  # the critic's words do not come back within this many records
    RECENT_SITUATIONS = 12  # nor does a situation

    def __init__(self) -> None:
        self.situations: Counter[str] = Counter()
        self.critics: Counter[str] = Counter()
        self.latest: list[tuple[str, str]] = []

    def add(self, situation: Situation, critic: Critic) -> None:
        self.situations[situation.text] += 1
        self.critics[critic.words] += 1
        self.latest.append((situation.text, critic.words))

    def repeats(self, situation: Situation, critic: Critic) -> tuple[bool, bool, bool]:
        """Whether telling this pair now repeats a one-off event, a recent critic line, a recent situation."""
        critics = {words for _, words in self.latest[-self.RECENT_CRITICS :]}
        situations = {text for text, _ in self.latest[-self.RECENT_SITUATIONS :]}
        return (
            situation.once and self.situations[situation.text] > 0,
            critic.words in critics,
            situation.text in situations,
        )

    def count(self, situation: Situation, critic: Critic) -> int:
        return self.situations[situation.text] + self.critics[critic.words]


def _choose(
    rng: random.Random, main: Sequence[str], others: Sequence[str], taken: set[str], told: Told
) -> tuple[str, Situation, Critic]:
    """The first cause, in the person's order of preference, with a pair that repeats nothing; else the least bad."""
    first = rng.choice(main) if rng.random() < 0.75 else rng.choice(others)
    order = list(dict.fromkeys((first, *rng.sample(list(main), len(main)), *rng.sample(list(others), len(others)))))
    # (how bad the best pair is: its repeats and count, or () when none was scored; the cause; its best pairs)
    fallback: tuple[tuple[tuple[bool, bool, bool], int] | tuple[()], str, list[tuple[Situation, Critic]]] | None = None
    for cause in order:
        situations, critics = STORIES[cause]
        # A line already in one of this record's due days is never told (as far as the bank allows).
        options = [(s, c) for s in situations for c in critics if c.words not in taken]
        if not options:
            continue
        scored = sorted(((told.repeats(s, c), told.count(s, c)), s.text, c.words) for s, c in options)
        best = scored[0][0]
        if not any(best[0]):
            fewest = [(s, c) for s, c in options if (told.repeats(s, c), told.count(s, c)) == best]
            situation, critic = rng.choice(fewest)
            return cause, situation, critic
        if fallback is None or best < fallback[0]:
            fallback = (best, cause, [(s, c) for s, c in options if (told.repeats(s, c), told.count(s, c)) == best])
    if fallback is None:  # every line is already due on one of its days: the bank is too small for this journal
        situations, critics = STORIES[first]
        fallback = ((), first, [(s, c) for s in situations for c in critics])
    _, cause, pairs = fallback
    situation, critic = rng.choice(pairs)
    return cause, situation, critic


def note_tone(checkin: Checkin, records: int) -> str:
    """How the day went, for its note: hard on a high or low day or one with several thought records."""
    if checkin.intensity >= 6 or checkin.mood <= 2 or records >= 2:
        return "hard"
    if checkin.intensity <= 3 and checkin.mood >= 4 and records == 0:
        return "good"
    return "mixed"


def write_notes(checkins: list[Checkin], records: Counter[date], rng: random.Random) -> list[Checkin]:
    """The words of each day's note: one of the day's tone, not one of the last few notes."""
    latest: list[str] = []
    written = []
    for checkin in checkins:
        if checkin.note == NOTE_TO_WRITE:
            bank = NOTES[note_tone(checkin, records[checkin.day])]
            note = rng.choice([n for n in bank if n not in latest[-RECENT_NOTES:]] or list(bank))
            latest.append(note)
            checkin = replace(checkin, note=note)
        written.append(checkin)
    return written
