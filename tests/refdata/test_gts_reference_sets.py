"""The bundled GTS sets say what is official and what is not (review F-02, F-03, F-34)."""
from __future__ import annotations

import json

import pytest

from employer_portal.refdata.records import partner_key
from employer_portal.refdata.reference import DATA_DIR


def _read(name):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def test_partner_list_describes_itself_as_55_partners_plus_quebecs_list():
    """ESDC GTS requirements, partner list 'as of April 2025': 55 named partners, and for Quebec "Quebec's MIFI
    (French only) (Quebec's designated referral partners)" (review F-03: 'Say 55 partners + Quebec's list')."""
    data = _read("gts_referral_partners.json")
    assert data["description"].startswith("55 partners + Quebec's list (MIFI)")
    assert len(data["partners"]) == 55
    assert data["quebec_partner_list"]["printed_as"] == "Quebec's MIFI (French only) (Quebec's designated referral partners)"
    assert "verify on the official page" in data["quebec_partner_list"]["status"]


def test_no_partner_name_or_alias_is_mifi_or_shared_by_two_partners():
    """Review F-02: 'Remove MIFI and Quebec MIFI as matchable names'; each name leads to one partner."""
    owner = {}
    for partner in _read("gts_referral_partners.json")["partners"]:
        for name in (partner["name"], *partner["aliases"]):
            assert owner.setdefault(partner_key(name), partner["name"]) == partner["name"], name
    assert partner_key("MIFI") not in owner and partner_key("Quebec MIFI") not in owner


@pytest.mark.parametrize(("typed", "printed"), [
    ("Kootenay Association for Science and Technology", "Kootenay Association for Science & Technology"),
    ("Developpement economique Canada", "Développement économique Canada"),
    ("communitech corp.", "Communitech Corp"),
])
def test_partner_key_reads_ampersand_as_and_and_ignores_accents(typed, printed):
    """API.md: matched 'without regard to case, spacing or punctuation'; review F-03: '&' <-> 'and' alike."""
    assert partner_key(typed) == partner_key(printed)


def test_occupations_list_is_labelled_updated_december_2022_without_a_day():
    """ESDC GTS requirements: 'Global talent occupations list for Category B (updated December 2022)'; no day given
    (review F-34)."""
    data = _read("gts_occupations_list.json")
    assert "in_force" not in data
    assert data["list_version"] == "December 2022"
    assert data["official_label"].endswith("(updated December 2022)")


def test_occupations_list_history_is_marked_third_party():
    """Review F-34: the history notes come from law-firm news; label them (history_source) so none reads as official."""
    data = _read("gts_occupations_list.json")
    assert all(row["history_source"] == "third-party" for row in data["rows"])
    official = {k: v for k, v in data.items() if k != "rows"}
    rows_without_history = [{k: v for k, v in row.items() if k != "history"} for row in data["rows"]]
    assert "2022-12-22" not in json.dumps(official) + json.dumps(rows_without_history) + json.dumps(data["occupations"])
