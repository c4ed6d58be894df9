"""Policy pack loading: the real pack, strictness on broken packs, the check registry."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from core.errors import PolicyPackError, UsageError
from core.facts import ServiceKind
from rules import available_packs, load_pack
from rules.checks import CHECKS
from rules.context import TimelineParams
from rules.pack import packs_dir
from rules.passages import passage_index

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "packs"

# RULES.md, pack `medicare-iop`, in its order.
MEDICARE_RULE_IDS = [
    "medicare-iop.initial-certification",
    "medicare-iop.recertification-interval",
    "medicare-iop.recertification-content",
    "medicare-iop.treatment-plan",
    "medicare-iop.goals-measurable",
    "medicare-iop.weekly-hours",
    "medicare-iop.progress-notes",
    "medicare-iop.diagnosis",
    "medicare-iop.acuity",
    "medicare-iop.safety",
    "medicare-iop.participation",
    "medicare-iop.active-treatment",
    "medicare-iop.excluded-services",
    "medicare-iop.discharge-planning",
    "medicare-iop.continued-stay",
]

# RULES.md "Counted service".
COUNTED = {
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
    ServiceKind.GROUP_PSYCHOTHERAPY,
    ServiceKind.GROUP_EDUCATION,
    ServiceKind.FAMILY_COUNSELING,
    ServiceKind.OCCUPATIONAL_THERAPY,
    ServiceKind.PSYCHIATRIC_NURSING,
    ServiceKind.ILLNESS_NAVIGATION,
    ServiceKind.PEER_SUPPORT,
    ServiceKind.MEDICATION_ADMINISTRATION,
    ServiceKind.ACTIVITY_THERAPY,
    ServiceKind.PATIENT_EDUCATION,
    ServiceKind.DIAGNOSTIC,
}


def test_medicare_pack_loads_with_every_rule_of_the_catalog() -> None:
    pack = load_pack("medicare-iop")
    assert pack.id == "medicare-iop"
    assert pack.source == "optum-medicare-iop-coverage-summary-BH803IOPMCS052025.txt"
    assert [r.id for r in pack.rules] == MEDICARE_RULE_IDS
    assert pack.sha256 == hashlib.sha256(pack.path.read_bytes()).hexdigest()
    assert "medicare-iop" in available_packs()


def test_medicare_pack_parameters_follow_rules_md() -> None:
    pack = load_pack("medicare-iop")
    assert pack.timeline.counted_service_kinds == COUNTED
    weekly = pack.rule("medicare-iop.weekly-hours").params
    assert weekly.model_dump() == {"min_weekly_hours": 9}
    interval = pack.rule("medicare-iop.recertification-interval").params
    assert interval.model_dump() == {"recert_interval_days": 60}
    cert = pack.rule("medicare-iop.initial-certification").params
    assert cert.model_dump() == {"physician_credentials": {"MD", "DO"}, "min_weekly_hours": 9}


def test_every_citation_is_verbatim_in_its_passage() -> None:
    pack = load_pack("medicare-iop")
    for rule in pack.rules:
        assert rule.citations, rule.id
        for citation in rule.citations:
            passage = passage_index(citation.source)[citation.passage_id]
            assert citation.quote in passage.text, (rule.id, citation.passage_id)
            assert citation.section == passage.section


def test_initial_certification_cites_the_certification_sentences() -> None:
    quotes = {c.quote for c in load_pack("medicare-iop").rules[0].citations}
    assert quotes == {
        "Upon admission, certification by the physician must be made that the patient "
        "admitted to the IOP requires a minimum of 9 hours of services per week.",
        "The certification should identify the diagnosis and clinical need for the intensive "
        "outpatient program.",
    }


def test_load_by_path_as_str_or_path() -> None:
    path = FIXTURES / "minimal-valid.yaml"
    for pack in (load_pack(path), load_pack(str(path))):
        assert pack.id == "fixture-pack"
        assert [r.id for r in pack.rules] == [
            "fixture-pack.weekly-hours",
            "fixture-pack.discharge-planning",
        ]
    assert load_pack(packs_dir() / "medicare-iop.yaml").sha256 == load_pack("medicare-iop").sha256


def test_rule_parameters_override_pack_parameters(tmp_path: Path) -> None:
    text = (FIXTURES / "minimal-valid.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    check: medicare_iop.weekly_hours\n",
        "    check: medicare_iop.weekly_hours\n    parameters:\n      min_weekly_hours: 12\n",
    )
    path = tmp_path / "override.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_pack(path).rule("fixture-pack.weekly-hours").params.model_dump() == {
        "min_weekly_hours": 12
    }


def test_unknown_pack_id_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match=r"available: .*medicare-iop"):
        load_pack("no-such-pack")


def test_missing_pack_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read"):
        load_pack(tmp_path / "absent.yaml")


# Each broken fixture differs from minimal-valid.yaml by one defect; the message must name
# the problem (and the rule, where there is one).
BROKEN = [
    ("broken-unknown-top-level-key.yaml", r"pack: unknown key 'reviewer'"),
    (
        "broken-unknown-rule-key.yaml",
        r"rule 'fixture-pack.weekly-hours': unknown key 'severity'",
    ),
    (
        "broken-unknown-check.yaml",
        r"rule 'fixture-pack.weekly-hours': unknown check 'medicare_iop.no_such_check'",
    ),
    (
        "broken-quote-not-verbatim.yaml",
        r"rule 'fixture-pack.weekly-hours': the quote 'It is the need for at least 10 hours"
        r".*is not verbatim in passage '.*covered-services/11'",
    ),
    (
        "broken-quote-line-break.yaml",
        r"not verbatim in passage 'optum-idaho-iop-faq#q4/1' \(it matches only if line "
        r"breaks",
    ),
    (
        "broken-unknown-passage.yaml",
        r"rule 'fixture-pack.weekly-hours': cites passage '.*covered-services/99', which "
        r"does not exist",
    ),
    ("broken-unknown-policy-file.yaml", r"'no-such-policy.txt' is not in"),
    (
        "broken-duplicate-rule-id.yaml",
        r"rule 'fixture-pack.weekly-hours': duplicate rule id",
    ),
    (
        "broken-bad-service-kind.yaml",
        r"parameter 'counted_service_kinds'\[1\]: .*\(got 'group_therapy'\)",
    ),
    (
        "broken-missing-citations.yaml",
        r"rule 'fixture-pack.discharge-planning': missing key 'citations'",
    ),
    (
        "broken-empty-citations.yaml",
        r"rule 'fixture-pack.discharge-planning': citations: .*at least 1 item",
    ),
    ("broken-duplicate-yaml-key.yaml", r"duplicate key 'title'"),
    (
        "broken-unknown-rule-parameter.yaml",
        r"rule 'fixture-pack.weekly-hours': unknown parameter 'min_hours' \(the check "
        r"takes: min_weekly_hours\)",
    ),
    (
        "broken-unused-pack-parameter.yaml",
        r"parameter 'max_weekly_hours' is not used",
    ),
    (
        "broken-missing-parameter.yaml",
        r"rule 'fixture-pack.weekly-hours': missing parameter 'min_weekly_hours'",
    ),
    (
        "broken-bad-parameter-value.yaml",
        r"parameter 'min_weekly_hours': Input should be greater than 0",
    ),
    (
        "broken-rule-id-prefix.yaml",
        r"rule 'other-pack.weekly-hours': rule ids must start with the pack id",
    ),
    ("broken-unknown-source.yaml", r"source: policy file 'no-such-policy.txt'"),
    ("broken-not-a-mapping.yaml", r"must be a YAML mapping"),
    ("broken-yaml-syntax.yaml", r"not valid YAML"),
]


@pytest.mark.parametrize(("fixture", "problem"), BROKEN)
def test_broken_pack_is_rejected_naming_file_rule_and_problem(fixture: str, problem: str) -> None:
    path = FIXTURES / fixture
    with pytest.raises(PolicyPackError, match=problem) as raised:
        load_pack(path)
    message = str(raised.value)
    assert message.startswith(str(path)), message


def test_every_broken_fixture_is_tested() -> None:
    assert {p.name for p in FIXTURES.glob("broken-*.yaml")} == {f for f, _ in BROKEN}


def test_unknown_check_reports_nothing_else() -> None:
    """An unknown check hides which parameters are used: no follow-on complaints."""
    with pytest.raises(PolicyPackError) as raised:
        load_pack(FIXTURES / "broken-unknown-check.yaml")
    assert "problems" not in str(raised.value)


def test_shared_parameter_names_have_one_type() -> None:
    """A pack parameter may feed several checks: each must read it as the same type."""
    seen: dict[str, object] = dict(
        (name, f.annotation) for name, f in TimelineParams.model_fields.items()
    )
    for check in CHECKS.values():
        for name, f in check.params_model.model_fields.items():
            assert seen.setdefault(name, f.annotation) == f.annotation, (check.name, name)
