from __future__ import annotations

import json
from importlib import resources

import pytest

import intimacy_screen as isc
from intimacy_screen.explanations import disclaimer, entry_ids, explain

CONTENT = json.loads((resources.files("intimacy_screen") / "data" / "explanations.json").read_text(encoding="utf-8"))
REQUIRED_ROOTS = {
    "attachment_trauma", "childhood_emotional_neglect", "unresolved_past_relationships", "neurobiological_factors",
    "cultural_norms", "addictive_behaviours", "avoidant_personality_disorder", "depression", "anxiety",
}  # fmt: skip
REQUIRED_APPROACHES = {
    "cognitive_behavioural_therapy", "attachment_based_therapy", "trauma_informed_care", "mindfulness",
    "couples_therapy", "gradual_exposure", "journaling", "open_communication", "realistic_goals",
    "balancing_independence_and_closeness",
}  # fmt: skip


def test_every_sign_root_and_approach_is_explained() -> None:
    ids = entry_ids()
    assert ids["signs"] == list(isc.SIGN_IDS)
    assert REQUIRED_ROOTS <= set(ids["roots"])
    assert REQUIRED_APPROACHES <= set(ids["approaches"])


@pytest.mark.parametrize("sign", isc.SIGN_IDS)
def test_sign_entries_have_every_field(sign: str) -> None:
    e = explain(sign)
    assert e.kind == "sign" and e.title and len(e.summary) > 40
    assert len(e.how_it_shows) >= 3 and len(e.not_this) >= 2
    assert len(e.roots) >= 2 and len(e.approaches) >= 2 and e.sources
    assert json.loads(json.dumps(e.to_dict()))["id"] == sign
    assert e.title in e.to_text()


def test_every_reference_resolves_and_every_source_is_cited() -> None:
    cited: set[str] = set()
    for group in ("signs", "roots", "approaches"):
        for eid, entry in CONTENT[group].items():
            assert entry["title"] and entry["summary"], eid
            assert entry["sources"], f"{eid} cites no source"
            cited |= set(entry["sources"])
            assert set(entry["sources"]) <= set(CONTENT["sources"]), eid
            assert set(entry.get("roots", [])) <= set(CONTENT["roots"]), eid
            assert set(entry.get("approaches", [])) <= set(CONTENT["approaches"]), eid
            assert set(entry.get("signs", [])) <= set(CONTENT["signs"]), eid
    assert cited == set(CONTENT["sources"])
    for root in CONTENT["roots"].values():
        assert root["kind"] in ("root", "related_condition")


def test_roots_and_approaches_are_entries_too() -> None:
    assert explain("attachment_trauma").kind == "root"
    assert explain("depression").kind == "related_condition"
    assert explain("couples_therapy").kind == "approach"
    with pytest.raises(isc.UnknownSignError):
        explain("astrology")


def test_report_states_screening_is_not_diagnosis() -> None:
    res = isc.screen("He hasn't hugged me or held my hand in months and flinches when I touch him.", keep_text=True)
    text = isc.report(res)
    md = isc.report(res, markdown=True)
    assert "not a diagnosis" in disclaimer() and disclaimer() in text
    assert "withholds_affection" in text and "flinches" in text
    assert md.startswith("# Screening report") and "## " in md
    assert "No sign" in isc.report(isc.screen("We baked bread together and laughed all afternoon."))


def test_plain_text_names_linked_entries_by_title_and_id() -> None:
    text = explain("sexual_withholding").to_text()
    assert "Attachment trauma (attachment_trauma)" in text
    assert "Couples therapy (couples_therapy)" in text
    assert "Sexual withholding" in explain("attachment_trauma").to_text()
