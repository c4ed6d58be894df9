"""Shared wording of the ``docfacts_dev3`` families: engagement statements in many
clinicians' words, each with the participation state a careful reader takes from it
(RULES.md ``medicare-iop.participation``), and the stories a stay follows.

How a statement is read (the gold):

- engaged, contributing, more engaged than before, present and answering though quiet
  ("minimal participation"), declining to share personal material while still taking
  part, leaving early for an appointment after taking part: the member participates;
- refusing to go in, declining to share *and* not doing the work, disengaged and
  declining every invitation, walking out before it starts: the member refuses;
- asleep or too drowsy, disorganized or intoxicated: the member cannot participate;
- leaving because the length or intensity is more than the member can stand: the member
  cannot tolerate it.
"""

from __future__ import annotations

import random

from core.facts import ParticipationStatus
from eval.docfacts.docfacts_dev._kit import Member, pick

P = ParticipationStatus

# templates: {She} {she} {her} {him}
ENGAGED: tuple[str, ...] = (
    "{She} was actively engaged, offering examples from {her} own week and giving peers feedback.",
    "Engagement improved: {she} volunteered first at check-in and completed the skills worksheet.",
    "Minimal participation: {she} spoke only when called on but answered each prompt and "
    "stayed for the whole group.",
    "{She} declined to share personal material but listened closely and gave one peer "
    "supportive feedback.",
    "Left 30 minutes early for a scheduled dental appointment; took an active part in the "
    "exercises before leaving.",
    "Noticeably more engaged than the week before; {she} led the opening mindfulness exercise.",
    "Contributed throughout and practiced the chain analysis with a partner.",
    "Good engagement - asked questions, took notes and role-played the assertiveness script.",
)
REFUSED: tuple[str, ...] = (
    "Refused to go into group; spent the morning in the lobby and would not speak with staff.",
    "{She} declined to share and would not complete the worksheet, sitting apart from the group.",
    "Disengaged for the whole session, head down on the table, declining every invitation "
    "to take part.",
    "Told the facilitator {she} is done with groups and walked out before check-in.",
    "Would not join the role play or the discussion despite repeated encouragement.",
)
UNABLE: tuple[str, ...] = (
    "Slept through most of group despite redirection; {she} was too drowsy after a dose "
    "increase to take part.",
    "Too disorganized to follow the discussion and responding to internal stimuli; unable "
    "to participate.",
    "Arrived intoxicated and was unable to participate; sent home with a ride and a safety plan.",
)
INTOLERANT: tuple[str, ...] = (
    "Left early after about an hour, saying {she} could not handle sitting in group that "
    "long with {her} anxiety.",
    "Stepped out repeatedly and then left; the three-hour format is more than {she} can "
    "stand right now.",
)
BANK: dict[ParticipationStatus, tuple[str, ...]] = {
    P.PARTICIPATES: ENGAGED,
    P.REFUSES: REFUSED,
    P.CANNOT_PARTICIPATE: UNABLE,
    P.CANNOT_TOLERATE: INTOLERANT,
}

# stays: the state week by week; the latest state changes from story to story
STORIES: tuple[tuple[ParticipationStatus, ...], ...] = (
    (P.PARTICIPATES, P.REFUSES, P.PARTICIPATES),
    (P.PARTICIPATES, P.PARTICIPATES, P.REFUSES),
    (P.REFUSES, P.PARTICIPATES, P.PARTICIPATES),
    (P.PARTICIPATES, P.CANNOT_PARTICIPATE, P.PARTICIPATES),
    (P.PARTICIPATES, P.CANNOT_TOLERATE, P.PARTICIPATES),
    (P.PARTICIPATES, P.REFUSES, P.REFUSES),
    (P.CANNOT_TOLERATE, P.PARTICIPATES, P.REFUSES),
    (P.PARTICIPATES, P.PARTICIPATES, P.CANNOT_PARTICIPATE),
)


def say(rng: random.Random, m: Member, status: ParticipationStatus, used: set[str]) -> str:
    """One statement of ``status`` in ``m``'s pronouns, not one already ``used`` here."""
    options = [t for t in BANK[status] if t not in used] or list(BANK[status])
    template = pick(rng, options)
    used.add(template)
    return template.format(She=m.She, she=m.she, her=m.her, him=m.him)


def story(rng: random.Random) -> tuple[ParticipationStatus, ...]:
    return pick(rng, STORIES)
