"""Stand-in for d2l's ``timemachine.txt`` (H. G. Wells' *The Time Machine*, Project Gutenberg text).

The real file opens with the title line ``The Time Machine, by H. G. Wells [1898]``,
a few blank lines and the chapter number ``I``, then plain paragraphs wrapped at about
70 characters and separated by blank lines, with roman chapter numbers between chapters.
The stand-in keeps that layout, in a few thousand characters of English-like prose
built from sentences written for it (not Wells' words), drawn with a fixed seed. The
phrase "the Time Traveller" comes up often, and every letter a-z appears, so the
character vocabulary is the real one: 26 letters, the space and ``<unk>``.
"""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

TITLE = "The Time Machine, by H. G. Wells [1898]"

LISTENERS = ["the Psychologist", "the Medical Man", "the Provincial Mayor", "Filby", "the Editor", "the Journalist"]
THINGS = ["the machine", "the little model", "the brass rail", "the crystal bar", "the lever", "the saddle"]
PLACES = ["the laboratory", "the smoking-room", "the dining-room", "the garden", "the hall", "the study"]
TIMES = ["eight o'clock", "half-past seven", "a quarter to ten", "midnight", "four in the afternoon"]

SENTENCES = [
    "The Time Traveller looked at {who} and smiled, as if he knew a joke that none of us could share.",
    "The Time Traveller held {thing} up to the lamp, and the light ran along it like water.",
    "\"You must follow me carefully,\" said the Time Traveller. \"I shall have to question one or two ideas.\"",
    "{Who} leaned forward in his chair and asked whether a cube that lasted no time at all could exist.",
    "The Time Traveller walked slowly across {place}, his hands deep in his pockets.",
    "We sat in {place} until {time}, and still the Time Traveller had not come back.",
    "\"It is simply this,\" he said, \"that space, as our mathematicians have it, has three dimensions.\"",
    "{Who} said it was against reason, and the Time Traveller laughed quietly at the fire.",
    "There was a queer, quick flicker of light, and {thing} was gone.",
    "The Time Traveller put his glass down and began to speak of the fourth dimension.",
    "Outside, the wind blew hard against the windows, and the rain came in gusts.",
    "{Who} thought it was a trick, a clever conjuring trick of mirrors and wires.",
    "I remember the lamp, the white cloth, and the faces of my friends that evening.",
    "\"Why cannot we move in time as we move about in the other dimensions?\" asked the Time Traveller.",
    "The Time Traveller came in at {time}, dusty and pale, and limping a little.",
    "He told us of a strange country, of gardens and great ruined halls, far down the years.",
    "The people there were small and gentle, and they laughed at almost everything.",
    "At night the Time Traveller saw pale shapes moving among the trees, and he was afraid.",
    "\"I have been to the future,\" said the Time Traveller, \"and I am very tired.\"",
    "{Who} said nothing for a long time, and then he asked for another cigar.",
    "The Time Traveller explained that {thing} would carry a man through time as a train carries him through space.",
    "It was a quiet, exact, puzzling piece of work, all ivory and glittering quartz.",
    "In {place} the clock ticked, and the fire threw jumping shadows on the walls.",
    "The Time Traveller said that the sun was red and huge, and the sea lay still under a grey sky.",
    "{Who} joked that the Time Traveller would soon be lecturing to the zoologists.",
    "We walked home together that night, and none of us believed a word of it, or so we said.",
    "\"Take it as a story,\" said the Time Traveller. \"Take it as a lie, or a prophecy.\"",
    "The Time Traveller laid {thing} on the table and looked round at our faces.",
    "Three years have passed since then, and the Time Traveller has never returned.",
    "Perhaps he wanders now among the jewels of some far age, or lies under a strange sky.",
]


def _chapter(rng: random.Random, paragraphs: int) -> list[str]:
    text = []
    for _ in range(paragraphs):
        sentences = rng.sample(SENTENCES, rng.randint(3, 5))
        filled = []
        for sentence in sentences:
            who = rng.choice(LISTENERS)
            filled.append(
                sentence.format(
                    who=who,
                    Who=who[0].upper() + who[1:],
                    thing=rng.choice(THINGS),
                    place=rng.choice(PLACES),
                    time=rng.choice(TIMES),
                )
            )
        text.append(textwrap.fill(" ".join(filled), width=70))
    return text


def make_timemachine(path: Path, chapters: int = 4, paragraphs: int = 4, seed: int = 1895) -> None:
    """Write the stand-in: the title line, then ``chapters`` chapters of ``paragraphs`` paragraphs."""
    rng = random.Random(seed)
    numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
    text = TITLE + "\n\n\n\n\n"
    for number in numerals[:chapters]:
        text += number + "\n\n\n" + "\n\n".join(_chapter(rng, paragraphs)) + "\n\n\n\n\n"
    path.write_text(text, encoding="ascii", newline="\n")


GENERATORS = {"timemachine.txt": make_timemachine}
