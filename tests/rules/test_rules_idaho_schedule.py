"""optum-idaho-iop.attendance with a documented program schedule and no documented absence
(RULES.md "Scheduled sessions"), on hand-built facts.

The baseline chart of :mod:`test_rules_idaho`: admitted Mon 2025-03-03, discharged Wed
2025-03-26, a group and an education session each Mon/Wed/Thu. Without absences the
schedule's weekdays in program weeks 1-3 are the scheduled days (Mon/Wed/Thu: 9 days), each
attended when a counted service was attended that day.
"""

from __future__ import annotations

from rulefacts import DISCHARGE, PLAN, admission, discharge, ev
from test_rules_idaho import (
    INSUFFICIENT,
    MET,
    NA,
    NOT_MET,
    check,
    family_plan,
    group,
    idaho_chart,
    idaho_sessions,
    weeks_with_misses,
)

from core.facts import Attendance, ProgramSchedule, Session

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
MON_WED_THU = (MON, WED, THU)

# six of the nine scheduled Mon/Wed/Thu days of weeks 1-3
SIX_DAYS = frozenset(
    {"2025-03-05", "2025-03-06", "2025-03-10", "2025-03-12", "2025-03-13", "2025-03-17"}
)


def schedule(*weekdays: int, quote: str = "Schedule: Mon/Wed/Thu") -> ProgramSchedule:
    return ProgramSchedule(
        evidence=(ev(quote, PLAN),), source="test", weekdays=weekdays or MON_WED_THU
    )


def closed(iso: str) -> Session:
    return group(iso, attendance=Attendance.PROGRAM_CLOSED)


def test_no_schedule_and_no_absence_not_applicable() -> None:
    check("attendance", idaho_chart(), NA, "schedule is unknown")


def test_every_scheduled_day_attended_met() -> None:
    finding = check(
        "attendance",
        idaho_chart(schedules=(schedule(),)),
        MET,
        "attended 9 of 9 scheduled days",
        "Monday, Wednesday and Thursday",
    )
    assert finding.values["scheduled"] == 9
    assert finding.values["schedule"] == [["Monday", "Wednesday", "Thursday"]]
    assert any(e.quote == "Schedule: Mon/Wed/Thu" for e in finding.evidence)


def test_days_without_an_attended_service_are_missed_not_met() -> None:
    chart = idaho_chart(sessions=tuple(idaho_sessions(skip=SIX_DAYS)), schedules=(schedule(),))
    finding = check("attendance", chart, NOT_MET, "only 3 of 9 scheduled days", "no treatment plan")
    assert finding.values["missed_days"] == sorted(SIX_DAYS)


def test_shortfall_with_a_later_reassessment_met() -> None:
    chart = idaho_chart(
        sessions=tuple(idaho_sessions(skip=SIX_DAYS)),
        schedules=(schedule(),),
        treatment_plans=(family_plan(), family_plan("2025-03-14")),
    )
    check("attendance", chart, MET, "only 3 of 9", "re-assessment followed")


def test_a_reassessment_before_the_first_missed_day_does_not_count() -> None:
    chart = idaho_chart(
        sessions=tuple(idaho_sessions(skip=SIX_DAYS)),
        schedules=(schedule(),),
        treatment_plans=(family_plan("2025-03-04"),),
    )
    check("attendance", chart, NOT_MET, "only 3 of 9")


def test_weekdays_the_schedule_names_without_a_session_count() -> None:
    # Mon-Fri: 15 scheduled days, attended Mon/Wed/Thu = 9 -> at least half
    check("attendance", idaho_chart(schedules=(schedule(MON, TUE, WED, THU, FRI),)), MET, "9 of 15")
    fewer = tuple(idaho_sessions(skip=frozenset({"2025-03-03", "2025-03-05"})))
    chart = idaho_chart(
        sessions=fewer,
        schedules=(schedule(MON, TUE, WED, THU, FRI),),
        treatment_plans=(family_plan("2025-03-03"),),  # not after the first missed day
    )
    check("attendance", chart, NOT_MET, "only 7 of 15")


def test_attended_sessions_off_schedule_do_not_count() -> None:
    # the member attends Mon/Wed/Thu; the schedule says Tue/Fri: no scheduled day attended
    chart = idaho_chart(
        schedules=(schedule(TUE, FRI),), treatment_plans=(family_plan("2025-03-03"),)
    )
    check("attendance", chart, NOT_MET, "only 0 of 6")


def test_program_closed_days_are_not_scheduled() -> None:
    shut = frozenset({"2025-03-05", "2025-03-06", "2025-03-10", "2025-03-12"})
    sessions = tuple(idaho_sessions(skip=SIX_DAYS)) + tuple(closed(d) for d in sorted(shut))
    chart = idaho_chart(sessions=sessions, schedules=(schedule(),))
    check("attendance", chart, MET, "attended 3 of 5 scheduled days")


def test_scheduled_days_end_at_the_episode_end() -> None:
    chart = idaho_chart(
        episode_dates=(admission("2025-03-03"), discharge("2025-03-12")),
        sessions=tuple(idaho_sessions(until="2025-03-12")),
        schedules=(schedule(),),
    )
    check("attendance", chart, MET, "attended 5 of 5 scheduled days")


def test_services_before_admission_are_in_no_week() -> None:
    early = (group("2025-02-24"), group("2025-02-26"), group("2025-02-27"))
    sessions = tuple(idaho_sessions(skip=SIX_DAYS)) + early
    chart = idaho_chart(sessions=sessions, schedules=(schedule(),))
    check("attendance", chart, NOT_MET, "only 3 of 9")


def test_no_scheduled_day_in_the_window_not_applicable() -> None:
    chart = idaho_chart(
        episode_dates=(admission("2025-03-03"), discharge("2025-03-07")),
        sessions=tuple(idaho_sessions(until="2025-03-07")),
        schedules=(schedule(SAT, SUN, quote="Schedule: Sat/Sun"),),
    )
    check("attendance", chart, NA, "No day of the program schedule (Saturday and Sunday)")


def test_contradictory_records_on_a_scheduled_day_insufficient() -> None:
    # 4 of 9 attended; a fifth day's only group is both attended and absent
    skip = frozenset({"2025-03-05", "2025-03-06", "2025-03-10", "2025-03-12", "2025-03-13"})
    contradictory = (group("2025-03-13"), group("2025-03-13", attendance=Attendance.ABSENT))
    sessions = tuple(idaho_sessions(skip=skip)) + contradictory
    chart = idaho_chart(sessions=sessions, schedules=(schedule(),))
    check("attendance", chart, INSUFFICIENT, "4 of 9", "1 scheduled day(s) have contradictory")


def test_different_schedules_insufficient() -> None:
    schedules = (schedule(), schedule(TUE, THU, quote="Program days: Tue/Thu"))
    check(
        "attendance",
        idaho_chart(schedules=schedules),
        INSUFFICIENT,
        "different program schedules (Monday, Wednesday and Thursday; Tuesday and Thursday)",
    )


def test_the_same_schedule_twice_is_one_schedule() -> None:
    schedules = (schedule(), schedule(quote="Attends M/W/Th"))
    check("attendance", idaho_chart(schedules=schedules), MET, "9 of 9")


def test_episode_end_unknown_insufficient() -> None:
    chart = idaho_chart(
        episode_dates=(
            admission("2025-03-03"),
            discharge("2025-03-26"),
            discharge("2025-03-28", doc=DISCHARGE),
        ),
        schedules=(schedule(),),
    )
    check("attendance", chart, INSUFFICIENT, "different discharge dates")


def test_documented_absences_keep_counting_sessions() -> None:
    chart = idaho_chart(
        sessions=weeks_with_misses("2025-03-05", "2025-03-12"), schedules=(schedule(TUE, FRI),)
    )
    check("attendance", chart, MET, "attended 14 of 18 scheduled sessions")
