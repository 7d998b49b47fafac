"""English claim extraction through ``pipeline.extract`` (language="en").

Fixture sentences are invented by the team: short news-style statements of public facts.
Expected claims follow ../shared/ONTOLOGY.md; known gaps are xfail(strict) with the construction.
"""
from __future__ import annotations

import pytest

from . import extraction_helpers as helpers

DATE = "2023-05-10"


def claims(text: str, date: str | None = DATE):
    return helpers.claims(text, "en", date)


def keys(text: str, date: str | None = DATE):
    return helpers.keys(text, "en", date)


def one(text: str, date: str | None = DATE):
    return helpers.one(text, "en", date)


def test_deploy_forces():
    c = one("Russia deployed troops to Kazakhstan.")
    assert (c.subject, c.relation, c.object, c.polarity, c.modality) == (
        "RUS", "DEPLOY_FORCES", "KAZ", "pos", "asserted")


def test_supply_with_goods():
    c = one("Iran supplied drones to Russia.")
    assert (c.subject, c.relation, c.object, c.polarity) == ("IRN", "SUPPLY", "RUS", "pos")
    assert c.goods == ["drones"]


def test_reported_supply_names_the_source():
    c = one("North Korea has sent artillery shells to Russia, according to Reuters.")
    assert (c.subject, c.relation, c.object, c.polarity) == ("PRK", "SUPPLY", "RUS", "pos")
    assert c.modality == "reported"
    assert c.source == "Reuters"
    assert c.goods == ["ammunition"]


def test_did_not_is_negative():
    c = one("China did not deliver weapons to Russia.")
    assert (c.subject, c.relation, c.object, c.polarity) == ("CHN", "SUPPLY", "RUS", "neg")
    assert c.goods == ["weapons"]


def test_neither_nor_negates_both_subjects():
    assert keys("Neither China nor India supplied weapons to Russia.") == {
        ("CHN", "SUPPLY", "RUS", "neg"), ("IND", "SUPPLY", "RUS", "neg")}


@pytest.mark.parametrize("text", [
    "China refused to supply weapons to Russia.",
    "China declined to send weapons to Russia.",
])
def test_refusing_to_supply_is_negative(text):
    assert keys(text) == {("CHN", "SUPPLY", "RUS", "neg")}


@pytest.mark.parametrize("text", [
    "Azerbaijan is backed by Turkey.",
    "Azerbaijan has long been supported by Turkey.",
])
def test_passive_agent_after_by_is_the_subject(text):
    assert keys(text) == {("TUR", "SUPPORT", "AZE", "pos")}


def test_joining_is_member_of_with_month_and_year():
    c = one("Finland joined NATO in April 2023.")
    assert (c.subject, c.relation, c.object, c.polarity, c.time) == ("FIN", "MEMBER_OF", "NATO", "pos", "2023-04")


@pytest.mark.parametrize("text, time", [
    ("Finland joined NATO in April 2023.", "2023-04"),
    ("Iran sent drones to Russia in August 2022.", "2022-08"),
])
def test_month_and_year_in_a_later_article(text, time):
    assert one(text, "2024-06-01").time == time


def test_withdrawal_is_left():
    c = one("Uzbekistan withdrew from the CSTO in 2012.")
    assert (c.subject, c.relation, c.object, c.time) == ("UZB", "LEFT", "CSTO", "2012")


def test_member_list():
    assert keys("Armenia, Belarus and Kazakhstan are members of the CSTO.") == {
        ("ARM", "MEMBER_OF", "CSTO", "pos"),
        ("BLR", "MEMBER_OF", "CSTO", "pos"),
        ("KAZ", "MEMBER_OF", "CSTO", "pos"),
    }


def test_request_aid():
    assert keys("Kazakhstan asked the CSTO for help.") == {("KAZ", "REQUEST_AID", "CSTO", "pos")}


def test_last_year_resolves_against_the_publication_date():
    assert one("Last year Russia sent troops to Belarus.").time == "2022"


def test_coordinated_subjects():
    assert keys("Russia, Belarus and Armenia sent soldiers to Kazakhstan.") == {
        ("RUS", "DEPLOY_FORCES", "KAZ", "pos"),
        ("BLR", "DEPLOY_FORCES", "KAZ", "pos"),
        ("ARM", "DEPLOY_FORCES", "KAZ", "pos"),
    }


def test_coordinated_objects_after_a_preposition():
    assert keys("Russia sent troops to Kazakhstan and Kyrgyzstan.") == {
        ("RUS", "DEPLOY_FORCES", "KAZ", "pos"), ("RUS", "DEPLOY_FORCES", "KGZ", "pos")}


def test_symmetric_meeting():
    assert keys("Kim Jong Un hosted Putin in Pyongyang.") == {("PRK", "MEET", "RUS", "pos")}


def test_sanctions_on():
    assert keys("The EU imposed sanctions on Russia.") == {("EU", "SANCTION", "RUS", "pos")}


def test_question_gives_no_claims():
    assert claims("Did Russia send troops to Kazakhstan?") == []


def test_evidence_offsets_index_the_text():
    text = ("Troops in Kazakhstan\n\nRussia deployed troops to Kazakhstan on Thursday. "
            "Iran supplied drones to Russia, officials said.")
    found = claims(text)
    assert len(found) == 2
    for c in found:
        assert text[c.start:c.end] == c.evidence


@pytest.mark.parametrize("text", [
    "Currently, the CSTO includes Armenia, Belarus and Kazakhstan.",
    "The CSTO was founded by Armenia, Belarus and Kazakhstan.",
    "The CSTO was founded in 1992. Its members are Armenia, Belarus and Kazakhstan.",
    "The CSTO met in Minsk. Its member states include Armenia, Belarus and Kazakhstan.",
])
def test_the_bloc_names_its_members(text):
    assert keys(text) == {("ARM", "MEMBER_OF", "CSTO", "pos"), ("BLR", "MEMBER_OF", "CSTO", "pos"),
                          ("KAZ", "MEMBER_OF", "CSTO", "pos")}


@pytest.mark.parametrize("text, joined", [
    ("The SCO grew again this year. Belarus and Iran joined in July.", {"BLR", "IRN"}),
    ("Officials of the SCO met in Astana. Belarus joined.", {"BLR"}),
    ("Officials of the SCO met in Astana. Belarus joined the talks on Monday.", set()),   # joined what it names
    ("Russia attacked Ukraine. Belarus joined in February.", set()),                     # no bloc spoken of
])
def test_joining_without_an_object_joins_the_bloc_spoken_of(text, joined):
    assert {k[0] for k in keys(text) if k[1:] == ("MEMBER_OF", "SCO", "pos")} == joined
    assert not {k for k in keys(text) if k[1] == "MEMBER_OF" and k[2] != "SCO"}


def test_the_blocs_own_member_states_as_a_subject_admit_nobody():
    assert not [k for k in keys("CSTO member states supported Armenia.") if k[1] == "MEMBER_OF"]


def test_a_relative_clause_names_the_members_of_the_bloc_before_it():
    assert keys("Armenia belongs to the CSTO, which includes Russia and Belarus.") == {
        ("ARM", "MEMBER_OF", "CSTO", "pos"), ("RUS", "MEMBER_OF", "CSTO", "pos"), ("BLR", "MEMBER_OF", "CSTO", "pos")}


def test_a_bloc_in_the_list_a_relative_clause_gives_is_a_member_not_the_bloc():
    got = keys("Canada is a member of the G7 club, which also includes France, the EU and Italy.")
    assert ("CAN", "MEMBER_OF", "G7", "pos") in got
    assert not {k for k in got if k[2] == "EU"}


def test_the_size_of_a_bloc_names_no_member():
    assert not {k for k in keys("The nine-member SCO bloc sharply criticised the United States.") if k[1] == "MEMBER_OF"}
    assert not {k for k in keys("The 31-member NATO alliance met in Vilnius.") if k[1] == "MEMBER_OF"}


def test_demanding_that_someone_stop_support_names_no_support_of_the_one_who_demands():
    assert not {k for k in keys("NATO demands China stop all material support for Russia's war.")
                if k[0] == "NATO" and k[1] == "SUPPORT"}


def test_what_a_summit_includes_is_not_a_member():
    assert not {k for k in keys("The NATO summit included a meeting of Turkey and Sweden.")
                if k[1] == "MEMBER_OF"}


@pytest.mark.parametrize("text", [
    "Russia remains India's largest arms supplier.",
    "India has been buying large amounts of Russian oil.",
])
def test_supplier_nouns_and_buying_name_the_supplier(text):
    assert ("RUS", "SUPPLY", "IND", "pos") in keys(text)


def test_lashing_out_is_criticism():
    assert keys("China lashed out at the United States.") == {("CHN", "CRITICIZE", "USA", "pos")}


def test_bases_abroad_are_a_deployment():
    assert keys("Russia keeps two military bases in Syria.") == {("RUS", "DEPLOY_FORCES", "SYR", "pos")}


@pytest.mark.parametrize("text, expected", [
    ("Russian military instructors are in the Central African Republic to guard the president.",
     ("RUS", "DEPLOY_FORCES", "CAF", "pos")),
    ("Russian troops remain in Moldova.", ("RUS", "DEPLOY_FORCES", "MDA", "pos")),
    ("North Korea has admitted it dispatched combat troops to fight for Russia in the Kursk region.",
     ("PRK", "DEPLOY_FORCES", "RUS", "pos")),
])
def test_forces_standing_or_sent_abroad_are_a_deployment(text, expected):
    assert expected in keys(text)


def test_troops_in_a_position_are_no_deployment():
    assert not keys("Russian troops are in a difficult position.")


def test_a_backer_named_in_a_compound_supports():
    assert ("IRN", "SUPPORT", "HOUTHIS", "pos") in keys("Iran-backed Houthis fired missiles at ships.")


def test_a_sentence_initial_possessive_is_the_previous_topic():
    assert ("RUS", "CONFLICT", "UKR", "pos") in keys(
        "Russia massed troops on the border. Its invasion of Ukraine began in February 2022.")


def test_a_quantity_before_of_leaves_the_object_unmarked():
    assert ("USA", "SANCTION", "CHN", "pos") in keys("The US sanctioned dozens of Chinese firms.")


@pytest.mark.parametrize("text, key", [
    ("Turkey's purchase of Russian S-400 missile systems angered Washington.", ("RUS", "SUPPLY", "TUR", "pos")),
    ("North Korea has been arming Russia.", ("PRK", "SUPPLY", "RUS", "pos")),
    ("The Russian air base in Kyrgyzstan was expanded.", ("RUS", "DEPLOY_FORCES", "KGZ", "pos")),
])
def test_purchases_arming_and_bases(text, key):
    assert key in keys(text)


def test_a_possessive_after_a_preposition_still_owns_its_noun():
    assert ("IRN", "SUPPORT", "RUS", "pos") in keys("Germany voiced worries about Iran's support for Russia's army.")


def test_one_of_the_allies_is_alignment():
    assert ("BLR", "ALIGN", "RUS", "pos") in keys("Belarus is one of Russia's closest allies.")


def test_the_meeting_of_a_council_does_not_veto_talks_in_the_sentence():
    assert ("CHN", "MEET", "PAK", "pos") in keys(
        "Imran Khan and Xi Jinping will meet on the sidelines of the meeting of the SCO council in Bishkek.")


def test_a_bloc_grouping_the_republics_of_a_list_names_its_members():
    assert {k for k in keys("The CSTO is an alliance grouping the former Soviet republics of Armenia, "
                            "Belarus and Kazakhstan.") if k[1] == "MEMBER_OF" and k[0] != "SUN"} == {
        ("ARM", "MEMBER_OF", "CSTO", "pos"), ("BLR", "MEMBER_OF", "CSTO", "pos"), ("KAZ", "MEMBER_OF", "CSTO", "pos")}


def test_chairing_a_bloc_is_membership():
    assert ("ZAF", "MEMBER_OF", "BRICS", "pos") in keys("South Africa assumed the chairmanship of BRICS.")


def test_a_sentence_initial_the_bloc_refers_back():
    assert {k for k in keys("BRICS leaders meet in Kazan this week. The bloc was founded by Brazil, Russia, "
                            "India and China.") if k[1] == "MEMBER_OF"} == {
        ("BRA", "MEMBER_OF", "BRICS", "pos"), ("RUS", "MEMBER_OF", "BRICS", "pos"),
        ("IND", "MEMBER_OF", "BRICS", "pos"), ("CHN", "MEMBER_OF", "BRICS", "pos")}


def test_at_someones_request_names_the_requester():
    assert ("KAZ", "REQUEST_AID", "RUS", "pos") in keys(
        "Russian troops arrived in Kazakhstan at Tokayev's request.")


@pytest.mark.parametrize("text, key", [
    ("Russia is Assad's main backer.", ("RUS", "SUPPORT", "SYR", "pos")),
    ("Iran is a major sponsor of Hamas.", ("IRN", "SUPPORT", "HAMAS", "pos")),
])
def test_backers_and_sponsors_support(text, key):
    assert key in keys(text)


def test_a_member_list_in_the_next_sentence():
    text = "The CSTO has six member states. These are Armenia, Belarus and Kazakhstan."
    assert {k for k in keys(text) if k[1] == "MEMBER_OF"} == {
        ("ARM", "MEMBER_OF", "CSTO", "pos"), ("BLR", "MEMBER_OF", "CSTO", "pos"), ("KAZ", "MEMBER_OF", "CSTO", "pos")}


def test_they_are_without_a_sentence_on_members_names_no_members():
    assert not {k for k in keys("The CSTO met in Minsk. They are Armenia, Belarus and Kazakhstan.")
                if k[1] == "MEMBER_OF"}


def test_a_threat_to_global_security_names_no_threatened_party():
    assert not {k for k in keys("Iran and Russia's deals threaten global security, the minister said.")
                if k[1] == "THREATEN"}


def test_threatening_penalties_on_someone():
    assert ("USA", "THREATEN", "IND", "pos") in keys("The United States threatened to impose penalties on India.")


@pytest.mark.parametrize("text, key", [
    ("Kyrgyzstan has purchased Turkish-made drones for its army.", ("TUR", "SUPPLY", "KGZ", "pos")),
    ("Ukraine fired U.S.-provided missiles at the bridge.", ("USA", "SUPPLY", "UKR", "pos")),
])
def test_the_maker_or_provider_in_a_participle_supplies(text, key):
    assert key in keys(text)


def test_a_made_thing_that_is_shot_down_was_not_supplied():
    assert not {k for k in keys("Ukraine shot down Russian-made drones over Kyiv.") if k[1] == "SUPPLY"}


def test_a_place_that_names_a_war_is_no_party():
    assert ("PRK", "SUPPORT", "UKR", "pos") not in keys("Pyongyang ships shells to Moscow to support its Ukraine invasion.")


def test_assisting_each_other_in_case_of_aggression_is_a_mutual_guarantee():
    got = keys("Moscow and Pyongyang vowed to assist each other in case of aggression against either side.")
    assert {("RUS", "GUARANTEE", "PRK", "pos"), ("PRK", "GUARANTEE", "RUS", "pos")} <= got
    assert not {k for k in got if k[1] == "SUPPORT"}


def test_asking_several_states_for_support_is_a_request_not_support():
    got = keys("Tajikistan formally asked Russia and the other CSTO member states for support during the border clashes.")
    assert ("TJK", "REQUEST_AID", "RUS", "pos") in got
    assert not {k for k in got if k[1] == "SUPPORT"}


@pytest.mark.parametrize("text", [
    "The U.S. Treasury sanctioned dozens of Chinese and Indian firms over their support for Moscow's army.",
    "This year Washington targeted Turkish banks over their alleged support for Moscow.",
])
def test_sanctions_over_support_name_no_supporter_in_the_sanctioner(text):
    assert ("USA", "SUPPORT", "RUS", "pos") not in keys(text)


def test_giving_back_is_not_backing():
    assert not keys("Armenia handed the regions back to Azerbaijan.")


@pytest.mark.parametrize("text, key", [
    ("The White House threatened to punish India for purchasing Russian crude oil.", ("RUS", "SUPPLY", "IND", "pos")),
    ("Turkey had been singled out by Brussels for importing gas from Russia.", ("RUS", "SUPPLY", "TUR", "pos")),
])
def test_buying_as_a_gerund_after_for_names_the_buyer_before_it(text, key):
    assert key in keys(text)


def test_a_ban_on_exporting_is_no_supply():
    assert not {k for k in keys("The decree prohibits Indian firms from exporting drone parts to Russia.")
                if k[1] == "SUPPLY"}


def test_former_soviet_republics_are_not_the_soviet_union():
    got = keys("The CSTO is an alliance of six former Soviet republics: Armenia, Belarus and Russia.")
    assert not {k for k in got if "SUN" in (k[0], k[2])}


def test_accession_belongs_to_its_owner_not_the_clause_subject():
    assert ("RUS", "MEMBER_OF", "EU", "pos") not in keys("Russia views Armenia's EU accession as a break with the EAEU.")


def test_part_of_their_games_is_no_membership():
    assert not {k for k in keys("Russia showcases its influence as part of their war games against NATO.")
                if k[1] == "MEMBER_OF"}


@pytest.mark.parametrize("text", [
    "The minister condemned the NATO military alliance for its eastward expansion.",
    "The BRICS alliance, originally formed by Brazil, Russia, India and China, now counts ten members.",
    "The western security alliance NATO called China a decisive enabler.",
])
def test_an_alliance_noun_beside_a_bloc_describes_the_bloc(text):
    assert not {k for k in keys(text) if k[1] == "ALIGN"}


def test_an_alliance_with_someone_is_still_alignment():
    assert ("PRK", "ALIGN", "RUS", "pos") in keys("Russia has formed an alliance with North Korea.")


def test_a_no_limits_partnership_is_not_negated():
    assert ("CHN", "ALIGN", "RUS", "pos") in keys("Moscow and Beijing announced a \"no limits\" partnership shortly before the war.")


def test_the_state_after_an_office_and_of_acts():
    assert ("UKR", "CRITICIZE", "BLR", "pos") in keys(
        "The Ministry of Defence of Ukraine called on Belarus to halt all arms deliveries to Moscow.")


def test_calling_on_someone_to_stop_aid_names_no_aid_of_the_caller():
    assert ("UKR", "SUPPORT", "RUS", "pos") not in keys("Kyiv called on Minsk to end its military assistance to Moscow.")


def test_a_partnership_between_two_is_theirs_not_the_critics():
    assert {k for k in keys("The G7 sharply criticized the ever closer partnership between Beijing and Moscow.")
            if k[1] == "ALIGN"} == {("CHN", "ALIGN", "RUS", "pos")}


@pytest.mark.parametrize("text, expected", [
    ("Lukashenko drew sharp criticism from Yerevan after endorsing the operation.", {("ARM", "CRITICIZE", "BLR", "pos")}),
    ("Hungary faced criticism from the EU.", {("EU", "CRITICIZE", "HUN", "pos")}),
    ("Putin defended Orban against criticism from the EU.", set()),
])
def test_drawing_criticism_turns_the_roles_and_defending_against_it_is_none(text, expected):
    assert {k for k in keys(text) if k[1] == "CRITICIZE"} == expected


def test_those_hit_by_sanctions_do_not_impose_them():
    got = keys("Serbia, Armenia and Kazakhstan affected by EU's newest sanctions package against Moscow.")
    assert not {k for k in got if k[1] == "SANCTION" and k[0] in ("SRB", "ARM", "KAZ")}
    assert ("USA", "SANCTION", "RUS", "pos") in keys("Russia was hit by new US sanctions.")


def test_cooperation_of_one_with_another_is_theirs_not_the_critics():
    got = keys("The EU criticized the military cooperation of Russia with North Korea.")
    assert {k for k in got if k[1] == "COOPERATE_MILITARY"} == {("PRK", "COOPERATE_MILITARY", "RUS", "pos")}


@pytest.mark.parametrize("text, expected", [
    # who condemns or backs a country's war judges that country, not the war's victim
    ("Mexico still refuses to condemn Moscow's invasion of Ukraine.", ("MEX", "CRITICIZE", "RUS", "neg")),
    ("Venezuela openly backed Russia's full-scale war against Ukraine.", ("VEN", "SUPPORT", "RUS", "pos")),
])
def test_judging_a_war_judges_its_owner(text, expected):
    found = keys(text)
    assert expected in found
    assert not any(k[1] == expected[1] and k[2] == "UKR" for k in found)


def test_a_war_without_an_owner_judges_nobody():
    # the victim named after the war is not who is condemned; the attacker is not named
    assert not {k for k in keys("India condemned the attack on Ukraine.") if k[1] == "CRITICIZE"}
    assert not {k for k in keys("Azerbaijan condemned the delivery of weapons to Armenia.") if k[1] == "CRITICIZE"}


def test_a_delivery_stopped_is_negated():
    assert keys("Russia stopped supplying gas to Poland.") == {("RUS", "SUPPLY", "POL", "neg")}


def test_concern_raised_about_an_act_criticises_its_actor():
    found = keys("Macron raised concerns about Iran's support for Russia's drone program.")
    assert ("FRA", "CRITICIZE", "IRN", "pos") in found
    assert not any(k[1] == "CRITICIZE" and k[2] == "RUS" for k in found)


def test_warned_against_doing_names_the_warned_as_doer_and_a_possibility():
    c = one("Washington warned Beijing against sending weapons to Russia.")
    assert (c.subject, c.relation, c.object, c.modality) == ("CHN", "SUPPLY", "RUS", "possible")


@pytest.mark.parametrize("text, expected", [
    ("Russia has a military presence in Libya.", ("RUS", "DEPLOY_FORCES", "LBY", "pos")),
    ("Russia has its own military installations in Nicaragua.", ("RUS", "DEPLOY_FORCES", "NIC", "pos")),
    ("Russia's warships arrived in Cuba this week.", ("RUS", "DEPLOY_FORCES", "CUB", "pos")),
])
def test_forces_present_abroad_are_deployed_there(text, expected):
    assert keys(text) == {expected}


def test_hosting_a_base_is_no_visit():
    assert keys("Kyrgyzstan hosts a Russian military base.") == {("RUS", "DEPLOY_FORCES", "KGZ", "pos")}


def test_a_leader_arriving_is_no_deployment_even_beside_a_military_word():
    found = keys("Min Aung Hlaing arrived in Moscow to attend a conference, after he ordered Myanmar's military to act.")
    assert not any(k[1] == "DEPLOY_FORCES" for k in found)


def test_a_bloc_qualifying_member_states_admits_nobody():
    assert keys("NATO member states supported Ukraine.") == {("NATO", "SUPPORT", "UKR", "pos")}
    assert keys("The minister alleged that three CSTO member states had backed Azerbaijan in secret.") == set()


def test_a_bloc_title_before_a_state_leaves_the_state_the_actor():
    assert keys("NATO member Turkey bought Russian missiles.") == {
        ("TUR", "MEMBER_OF", "NATO", "pos"), ("RUS", "SUPPLY", "TUR", "pos")}


def test_a_bloc_admitting_a_state_makes_it_a_member():
    assert keys("NATO admitted Finland in 2023.") == {("FIN", "MEMBER_OF", "NATO", "pos")}


def test_a_bloc_formed_by_its_members():
    assert keys("Brazil, Russia, India, China and South Africa form the BRICS group.") == {
        (x, "MEMBER_OF", "BRICS", "pos") for x in ("BRA", "RUS", "IND", "CHN", "ZAF")}


def test_hosting_weapons_is_no_visit_and_the_warned_is_the_doer_of_a_noun_phrase():
    assert not any(k[1] == "MEET" for k in keys("Belarus hosts Russian tactical nuclear weapons."))
    c = one("The United States warned China against providing lethal aid to Russia.")
    assert (c.subject, c.relation, c.object, c.modality) == ("CHN", "SUPPORT", "RUS", "possible")


@pytest.mark.parametrize("text, expected", [
    ("Russia recognized the independence of the Donetsk and Luhansk republics.",
     {("RUS", "RECOGNIZE", "DPR", "pos"), ("RUS", "RECOGNIZE", "LPR", "pos")}),
    ("Moscow threatened to retaliate against Finland for joining NATO.", {("RUS", "THREATEN", "FIN", "pos")}),
    ("India abstained from the UN vote condemning Russia.", {("IND", "CRITICIZE", "RUS", "neg")}),
    # an unmarked actor after an alliance noun is the next verb's, not the ally
    ("The United States and its allies supply Ukraine with weapons.", {("USA", "SUPPLY", "UKR", "pos")}),
    ("Belarus is one of Russia's closest allies.", {("BLR", "ALIGN", "RUS", "pos")}),
])
def test_objects_of_recognition_threats_abstentions_and_alliance_nouns(text, expected):
    assert keys(text) == expected


def test_a_possessive_owns_the_request_and_fighting_alongside_is_no_conflict():
    assert ("CSTO", "REQUEST_AID", "ARM", "neg") not in keys("The CSTO did not respond to Armenia's request for assistance.")
    assert not {k for k in keys("North Korean troops are fighting alongside Russian forces in Kursk.")
                if k[1] == "CONFLICT"}


@pytest.mark.parametrize("text, expected", [
    ("Belarus depends heavily on Russian energy.", {("BLR", "DEPEND_ON", "RUS", "pos")}),
    ("Armenia depends on Russia for its security.", {("ARM", "DEPEND_ON", "RUS", "pos")}),
    # helping to circumvent sanctions imposes none
    ("Kazakhstan declined to help Russia circumvent sanctions.", {("KAZ", "SUPPORT", "RUS", "neg")}),
])
def test_dependence_on_a_countrys_goods_and_sanctions_circumvented(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize("text", ["Serbia's Vucic met Putin in Moscow despite EU criticism.",
                                  "Vucic met Putin in Moscow despite criticism from the EU."])
def test_criticism_defied_is_the_critics_of_the_doer(text):
    found = keys(text)
    assert ("EU", "CRITICIZE", "SRB", "pos") in found
    assert not any(k[1] == "CRITICIZE" and k[0] == "SRB" for k in found)


def test_receiving_weapons_is_no_visit_and_machine_tools_are_goods():
    assert keys("Russia received ballistic missiles from Iran.") == {("IRN", "SUPPLY", "RUS", "pos")}
    c = one("China has become Russia's main supplier of machine tools.")
    assert (c.subject, c.relation, c.object, c.goods) == ("CHN", "SUPPLY", "RUS", ["dual_use"])


def test_help_for_each_other_runs_both_ways_and_if_attacked_names_no_attacker():
    assert keys("Russia and North Korea pledged to help each other if attacked.") == {
        ("RUS", "SUPPORT", "PRK", "pos"), ("PRK", "SUPPORT", "RUS", "pos")}
    assert keys("Russia and North Korea signed a mutual defence treaty.") == {
        ("RUS", "GUARANTEE", "PRK", "pos"), ("PRK", "GUARANTEE", "RUS", "pos")}


@pytest.mark.parametrize("text, expected", [
    # the noun's adjective or possessive names the sanctioner ("sanctions" is no verb before "against")
    ("American sanctions against Belarus were tightened.", ("USA", "SANCTION", "BLR", "pos")),
    ("The war has triggered sweeping Western sanctions against Russia.", ("WEST", "SANCTION", "RUS", "pos")),
    ("Britain's sanctions against Iran remain in force.", ("GBR", "SANCTION", "IRN", "pos")),
    # the verb: its object's adjective is the target, not a second sanctioner
    ("The US sanctions Iranian airlines.", ("USA", "SANCTION", "IRN", "pos")),
])
def test_sanctions_as_noun_and_as_verb(text, expected):
    assert {k for k in keys(text) if k[1] == "SANCTION"} == {expected}


def test_companies_hit_with_sanctions_impose_none():
    got = keys("Also hit with the new sanctions are shipping firms from Armenia, Serbia and Kyrgyzstan.")
    assert not {k for k in got if k[1] == "SANCTION"}


def test_not_only_but_also_coordinates_the_subjects():
    assert {k for k in keys("Not only China but also Iran has supported Russia.") if k[1] == "SUPPORT"} == {
        ("CHN", "SUPPORT", "RUS", "pos"), ("IRN", "SUPPORT", "RUS", "pos")}


@pytest.mark.parametrize("text, expected", [
    ("Uzbekistan has refrained from supporting Russia.", ("UZB", "SUPPORT", "RUS", "neg")),
    # "the X people" names the country
    ("Moscow will keep sending humanitarian aid to the Syrian people.", ("RUS", "SUPPORT", "SYR", "pos")),
])
def test_refraining_and_aid_to_a_people(text, expected):
    assert {k for k in keys(text) if k[1] == "SUPPORT"} == {expected}


def test_troops_fighting_alongside_a_countrys_forces_are_deployed_to_it():
    assert ("PRK", "DEPLOY_FORCES", "RUS", "pos") in keys(
        "North Korean troops are fighting alongside Russian forces in Kursk.")


def test_officials_say_at_the_end_makes_the_claim_reported():
    c = one("China has not supplied weapons to Russia so far, officials say.")
    assert (c.subject, c.relation, c.object, c.polarity, c.modality) == ("CHN", "SUPPLY", "RUS", "neg", "reported")
    assert one("China supplied drones to Russia.").modality == "asserted"


@pytest.mark.parametrize("text, expected", [
    # "to" before a verb is no preposition of the name after it
    ("Kazakhstan refused to recognize the Donetsk and Luhansk republics.",
     {("KAZ", "RECOGNIZE", "DPR", "neg"), ("KAZ", "RECOGNIZE", "LPR", "neg")}),
    ("Russia cut gas supplies to Finland.", {("RUS", "SUPPLY", "FIN", "neg")}),
    ("Moscow has pledged to defend Belarus.", {("RUS", "GUARANTEE", "BLR", "pos")}),
    # a suspended hyphen makes the name part of a compound: the US is no BRICS member
    ("The BRICS includes Brazil, Russia, India and China and opposes a US- and European-led world order.",
     {("BRA", "MEMBER_OF", "BRICS", "pos"), ("RUS", "MEMBER_OF", "BRICS", "pos"),
      ("IND", "MEMBER_OF", "BRICS", "pos"), ("CHN", "MEMBER_OF", "BRICS", "pos")}),
])
def test_infinitive_to_cutting_supplies_pledges_to_defend_and_suspended_hyphens(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Azerbaijan condemned the delivery of French weapons to Armenia.", ("AZE", "CRITICIZE", "FRA", "pos")),
    ("Ukraine condemned the deliveries of Iranian drones to Russia.", ("UKR", "CRITICIZE", "IRN", "pos")),
    ("Turkey condemned the annexation of Crimea by Russia.", ("TUR", "CRITICIZE", "RUS", "pos")),
])
def test_criticism_of_a_delivery_or_annexation_judges_its_actor(text, expected):
    assert {k for k in keys(text) if k[1] == "CRITICIZE"} == {expected}


@pytest.mark.parametrize("text, expected", [
    ("Turkey, a NATO member, bought Russian S-400 missiles.",
     {("TUR", "MEMBER_OF", "NATO", "pos"), ("RUS", "SUPPLY", "TUR", "pos")}),
    ("Belarus, a close ally of Moscow, hosts Russian troops.",
     {("BLR", "ALIGN", "RUS", "pos"), ("RUS", "DEPLOY_FORCES", "BLR", "pos")}),
])
def test_appositions_keep_the_clause_subject(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize("text, expected", [
    # freezing a membership is no exit (ONTOLOGY: LEFT is leaving); it turns away from the bloc
    ("Armenia froze its participation in the CSTO.", {("ARM", "DISTANCE", "CSTO", "pos")}),
    ("Mali broke off ties with France.", {("MLI", "DISTANCE", "FRA", "pos")}),
    ("The United States suspended its security partnership with Niger after the coup.", {("USA", "DISTANCE", "NER", "pos")}),
])
def test_suspended_ties_and_frozen_memberships_are_distance(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "help" before a bare verb helps with a task; "support militias" are no act of support
    ("Iran's membership in the SCO will help implement infrastructure projects.", set()),
    ("Turkey and its support militias launched operations against Syria.", set()),
    ("The US helped Ukraine defend itself.", {("USA", "SUPPORT", "UKR", "pos")}),
    # the gerund's subject is the one called out for its role
    ("NATO called out Belarus for its role in propping up the Kremlin's war against Ukraine.", {("BLR", "SUPPORT", "RUS", "pos")}),
])
def test_help_with_a_task_support_nouns_and_gerunds(text, expected):
    assert {k for k in keys(text) if k[1] == "SUPPORT"} == expected


def test_calling_out_a_country_criticises_it():
    assert ("NATO", "CRITICIZE", "BLR", "pos") in keys("NATO called out Belarus for its role in the conflict.")


def test_a_relative_clause_on_the_bloc_lists_members_after_articles():
    got = keys("Iran is an observer of the SCO, which also includes India and the UK.")
    assert {k for k in got if k[1] == "MEMBER_OF"} == {("IND", "MEMBER_OF", "SCO", "pos"), ("GBR", "MEMBER_OF", "SCO", "pos")}


@pytest.mark.parametrize("text, expected", [
    # a relative clause's missing nominative is its antecedent, whatever governs it
    ("Talks stalled over Minsk, which has drawn criticism from Vilnius.", {("LTU", "CRITICIZE", "BLR", "pos")}),
    ("Moscow delivered jets to Minsk, which receives weapons from Russia.", {("RUS", "SUPPLY", "BLR", "pos")}),
    # a clause that starts with a verb continues the subject's series
    ("Ankara stayed neutral, called for a ceasefire and has not condemned Iran's attack.",
     {("TUR", "CRITICIZE", "IRN", "neg")}),
])
def test_relative_antecedents_and_verb_series(text, expected):
    assert {k for k in keys(text) if k[1] in ("CRITICIZE", "SUPPLY")} == expected


def test_a_passive_agent_in_an_inserted_clause_is_not_the_main_verbs_subject():
    got = keys("China, backed by Russia, criticized the United States.")
    assert ("CHN", "CRITICIZE", "USA", "pos") in got
    assert ("RUS", "CRITICIZE", "USA", "pos") not in got


@pytest.mark.parametrize("text, expected", [
    ("The Kremlin rejected Armenia's accusations.", {("ARM", "CRITICIZE", "RUS", "pos")}),
    ("Moscow dismissed the criticism from Kyiv.", {("UKR", "CRITICIZE", "RUS", "pos")}),
    ("Moscow denied the allegations.", set()),
])
def test_rejected_accusations_criticise_the_rejecter(text, expected):
    assert {k for k in keys(text) if k[1] == "CRITICIZE"} == expected


@pytest.mark.parametrize("text, expected", [
    # a clause that starts with a verb (or a participle) carries on the sentence's subject
    ("Iran, facing sanctions, sold drones to Russia.", ("IRN", "SUPPLY", "RUS", "pos")),
    ("Russia stepped up ties with Africa, deploying advisors to Mali.", ("RUS", "DEPLOY_FORCES", "MLI", "pos")),
])
def test_participle_phrases_keep_the_subject(text, expected):
    assert expected in keys(text)


def test_a_clause_with_its_own_subject_keeps_it():
    got = keys("China criticized the US, the EU imposed sanctions on Russia.")
    assert ("EU", "SANCTION", "RUS", "pos") in got and ("CHN", "SANCTION", "RUS", "pos") not in got


@pytest.mark.parametrize("text, expected", [
    # "its purchase": the owner of the pronoun is the buyer
    ("Washington sanctioned Egypt over its purchase of Russian Su-35 fighters.", ("RUS", "SUPPLY", "EGY", "pos")),
    ("India defended its imports of Russian oil.", ("RUS", "SUPPLY", "IND", "pos")),
    # the maker may stand far behind the receiving verb
    ("Algeria will receive the first shipment of the latest generation of Russian combat aircraft.", ("RUS", "SUPPLY", "DZA", "pos")),
])
def test_possessive_buyers_and_long_goods_phrases(text, expected):
    assert {k for k in keys(text) if k[1] == "SUPPLY"} == {expected}


@pytest.mark.parametrize("text, expected", [
    # two names joined by a hyphen or dash qualify the noun after them
    ("Wang Yi said the Russia-China partnership will endure.", ("CHN", "ALIGN", "RUS", "pos")),
    ("Wang Yi said the Russia\u2013China partnership will endure.", ("CHN", "ALIGN", "RUS", "pos")),
])
def test_name_pairs_before_a_noun(text, expected):
    assert {k for k in keys(text) if k[1] == "ALIGN"} == {expected}


def test_a_trade_war_is_no_armed_conflict():
    assert keys("The US-China trade war escalated.") == set()


def test_a_blocs_partner_is_aligned_not_a_member_and_an_invitation_to_a_summit_asks_no_help():
    got = keys("Japan, a NATO partner, condemned North Korea.")
    assert ("JPN", "ALIGN", "NATO", "pos") in got and ("JPN", "MEMBER_OF", "NATO", "pos") not in got
    assert not {k for k in keys("Mirziyoyev arrived in Bishkek at the invitation of President Japarov to take part in the summit.")
                if k[1] == "REQUEST_AID"}
    assert ("KAZ", "REQUEST_AID", "RUS", "pos") in keys("Russian troops arrived at the invitation of President Tokayev.")


@pytest.mark.parametrize("text, expected", [
    # firms placed by a country's name stand for it in the phrase they head
    ("Canada has imposed sanctions on firms based in Iran.", {("CAN", "SANCTION", "IRN", "pos")}),
    ("The US sanctioned firms from Turkey and the UAE.", {("USA", "SANCTION", "TUR", "pos"), ("USA", "SANCTION", "ARE", "pos")}),
    ("The EU imposed sanctions against the Russian economy.", {("EU", "SANCTION", "RUS", "pos")}),
])
def test_sanctions_on_a_countrys_firms_or_economy(text, expected):
    assert keys(text) == expected


def test_firms_from_a_country_act_for_it():
    assert ("CHN", "SUPPLY", "RUS", "pos") in keys("Firms from China supplied drones to Russia.")


@pytest.mark.parametrize("text, expected", [
    # "when" opens a clause of its own: the attacker is its subject, not the main clause's
    ("The CSTO did not intervene when Azerbaijan attacked Armenia.", ("ARM", "CONFLICT", "AZE", "pos")),
    ("Armenia plans to leave the CSTO.", ("ARM", "LEFT", "CSTO", "pos")),
    ("Uzbekistan has refused to join the CSTO again.", ("UZB", "MEMBER_OF", "CSTO", "neg")),
    ("Moscow welcomed Tehran's decision to join BRICS.", ("IRN", "MEMBER_OF", "BRICS", "pos")),
])
def test_when_clauses_leaving_and_joining(text, expected):
    assert expected in keys(text)
    assert not {k for k in keys(text) if k[0] == "CSTO" and k[1] == "CONFLICT"}


def test_summoning_an_ambassador_is_a_protest():
    assert keys("Azerbaijan summoned the Russian ambassador.") == {("AZE", "CRITICIZE", "RUS", "pos")}


@pytest.mark.parametrize("text, expected", [
    # a decision's owner does what its infinitive says; the decision is what is condemned
    ("Ankara condemns the US decision to impose sanctions on Turkey.",
     {("TUR", "CRITICIZE", "USA", "pos"), ("USA", "SANCTION", "TUR", "pos")}),
    ("Moscow criticized the EU's decision to send observers.", {("RUS", "CRITICIZE", "EU", "pos")}),
    ("Turkey condemned the Russian invasion of Ukraine.", {("TUR", "CRITICIZE", "RUS", "pos"), ("RUS", "CONFLICT", "UKR", "pos")}),
])
def test_decisions_and_their_owners(text, expected):
    assert keys(text) == expected


def test_a_that_clause_has_its_own_subject_and_a_gerund_backs_the_wars_owner():
    assert keys("Azerbaijan's spokesperson said that the transfer of equipment to Armenia bolsters Armenia's army.") == set()
    got = keys("NATO singled out Belarus for its part in propping up Russia's war on Ukraine.")
    assert ("BLR", "SUPPORT", "RUS", "pos") in got and ("BLR", "SUPPORT", "UKR", "pos") not in got


@pytest.mark.parametrize("text, expected", [
    # a bloc named in another role is not a second membership
    ("Canada is a member of the G7, which also includes France and Italy, and is a NATO partner.",
     {("CAN", "MEMBER_OF", "G7", "pos"), ("FRA", "MEMBER_OF", "G7", "pos"), ("ITA", "MEMBER_OF", "G7", "pos")}),
    # agreements on military cooperation are military, not economic
    ("Armenia and India signed agreements on cooperation in the military field.", {("ARM", "COOPERATE_MILITARY", "IND", "pos")}),
    # talks with someone who is no actor are no meeting with another actor of the sentence
    ("After talks with Smith in Ankara, Putin urged Kyiv to negotiate.", set()),
])
def test_memberships_agreements_and_unlinked_partners(text, expected):
    assert {k for k in keys(text) if k[1] in ("MEMBER_OF", "COOPERATE_MILITARY", "COOPERATE_ECONOMIC", "MEET")} == expected


@pytest.mark.parametrize("text, expected", [
    # the relative pronoun is the subject: its antecedent acts, or no actor does
    ("Yerevan criticised Moscow, which helped Baku.", {("RUS", "SUPPORT", "AZE", "pos")}),
    ("Yerevan criticised the bloc, whose members helped Baku prepare for the war.", set()),
    ("Yerevan criticised the bloc, which helped Baku prepare for the war.", set()),
])
def test_the_doer_of_a_relative_clause_is_its_antecedent(text, expected):
    assert {k for k in keys(text) if k[1] == "SUPPORT"} == expected


def test_a_pronoun_in_the_relative_clause_is_its_subject():
    got = keys("Armenia criticised Russia, which it accuses of helping Azerbaijan.")
    assert ("RUS", "CRITICIZE", "AZE", "pos") not in got
    assert ("ARM", "CRITICIZE", "RUS", "pos") in got


@pytest.mark.parametrize("text, expected", [
    ("Russia has been backing Syria.", {("RUS", "SUPPORT", "SYR", "pos")}),
    ("Moscow keeps backing the Moldovan government.", {("RUS", "SUPPORT", "MDA", "pos")}),
    # a breakaway region is not its state
    ("Moscow keeps backing the breakaway Moldovan region.", set()),
])
def test_backing_as_a_verb_and_breakaway_regions(text, expected):
    assert {k for k in keys(text) if k[1] == "SUPPORT"} == expected


@pytest.mark.parametrize("text, expected", [
    ("Russia opposes NATO enlargement.", {("RUS", "CRITICIZE", "NATO", "pos")}),
    ("China opposes the expansion of NATO.", {("CHN", "CRITICIZE", "NATO", "pos")}),
    ("Russia opposes sanctions against Iran.", set()),
])
def test_opposing_a_blocs_enlargement_criticises_the_bloc(text, expected):
    assert {k for k in keys(text) if k[1] == "CRITICIZE"} == expected


def test_a_warning_that_opens_a_clause_of_its_own():
    # the aid is China's, not the warner's
    got = keys("The US warned that China was considering sending lethal aid to Russia.")
    assert {k for k in got if k[1] == "SUPPORT"} == {("CHN", "SUPPORT", "RUS", "pos")}


@pytest.mark.parametrize("text, expected", [
    ("India described the tariffs by the US as unjustified.", {("IND", "CRITICIZE", "USA", "pos")}),
    ("The EU called Iran a key enabler of the war.", {("EU", "CRITICIZE", "IRN", "pos")}),
    ("Russia called the move by Finland a provocation.", {("RUS", "CRITICIZE", "FIN", "pos")}),
    ("Putin called Xi a dear friend.", set()),
])
def test_a_named_judgement_criticises(text, expected):
    assert {k for k in keys(text) if k[1] == "CRITICIZE"} == expected


@pytest.mark.parametrize("text, expected", [
    # an apposition with a clause word inside ("since") still sits inside its clause
    ("Russia, an ally of Venezuela since 2006, sent bombers.", {("RUS", "ALIGN", "VEN", "pos")}),
    ("Mali and Niger turned to Russia.", {("MLI", "ALIGN", "RUS", "pos"), ("NER", "ALIGN", "RUS", "pos")}),
    ("Iran and Russia coordinated their positions on Syria.", {("IRN", "ALIGN", "RUS", "pos")}),
])
def test_alignment_in_appositions_groups_and_coordination(text, expected):
    assert {k for k in keys(text) if k[1] == "ALIGN"} == expected


def test_support_sought_is_no_support_given():
    assert not {k for k in keys("Mali pivoted toward Russia for support.") if k[1] == "SUPPORT"}


@pytest.mark.parametrize("text, expected", [
    ("Uzbekistan has avoided joining the CSTO.", {("UZB", "MEMBER_OF", "CSTO", "neg")}),
    ("Moldova has EU candidate status.", {("MDA", "MEMBER_OF", "EU", "pos")}),
    # a short definite apposition sits inside its clause: Sweden is the one that joins
    ("Sweden, the Nordic country, wants to join NATO.", {("SWE", "MEMBER_OF", "NATO", "pos")}),
])
def test_membership_avoided_candidates_and_definite_appositions(text, expected):
    assert {k for k in keys(text) if k[1] == "MEMBER_OF"} == expected


@pytest.mark.parametrize("text, expected", [
    # a sanctions noun without its sanctioner takes the one the sentences before named
    ("Japan imposed sanctions on Russia. A firm in the United Arab Emirates has also been hit by an asset freeze.",
     {("JPN", "SANCTION", "RUS", "pos"), ("JPN", "SANCTION", "ARE", "pos")}),
    ("The US imposed sanctions on Chinese firms. Also hit by the sanctions are firms from Turkey and Kazakhstan.",
     {("USA", "SANCTION", "CHN", "pos"), ("USA", "SANCTION", "TUR", "pos"), ("USA", "SANCTION", "KAZ", "pos")}),
    # the critic of sanctions is not their target
    ("The EU imposed sanctions on Iran. Turkey criticised the sanctions.", {("EU", "SANCTION", "IRN", "pos")}),
    ("Japan's trade restrictions include firms in India.", {("JPN", "SANCTION", "IND", "pos")}),
])
def test_sanctions_whose_sanctioner_was_named_before(text, expected):
    assert {k for k in keys(text) if k[1] == "SANCTION"} == expected


def test_criticised_sanctions_judge_their_owner_and_trade_restrictions_are_no_trade():
    got = keys("Turkey criticised the EU sanctions against Iran.")
    assert ("TUR", "CRITICIZE", "EU", "pos") in got and ("TUR", "CRITICIZE", "IRN", "pos") not in got
    assert not {k for k in keys("Japan's trade restrictions include firms in India.") if k[1] == "COOPERATE_ECONOMIC"}


@pytest.mark.parametrize("text, expected", [
    ("Pashinyan announced the suspension of Yerevan's participation in the CSTO.", {("ARM", "DISTANCE", "CSTO", "pos")}),
    ("Kazakhstan seeks greater independence from Moscow.", {("KAZ", "DISTANCE", "RUS", "pos")}),
])
def test_distance_taken(text, expected):
    assert {k for k in keys(text) if k[1] == "DISTANCE"} == expected


@pytest.mark.parametrize("text, expected", [
    ("Trump vowed to impose an extra tariff on the BRICS group.", {("USA", "THREATEN", "BRICS", "pos")}),
    ("Ankara will retaliate against the United States.", {("TUR", "THREATEN", "USA", "pos")}),
    ("The US warned India of consequences if it buys more Russian oil.", {("USA", "THREATEN", "IND", "pos")}),
    # a retaliation done is the act, not a threat
    ("The listing prompted China to retaliate with bans on Lithuanian banks.", set()),
])
def test_consequences_announced_threaten(text, expected):
    assert {k for k in keys(text) if k[1] == "THREATEN"} == expected


def test_if_opens_a_clause():
    # the warner is not the buyer of the conditional clause
    assert not {k for k in keys("The US warned India of consequences if it buys more Russian oil.") if k[1] == "SUPPLY"}


@pytest.mark.parametrize("text, expected", [
    ("Iran and Hezbollah have been fighting alongside Assad's forces.",
     {("IRN", "COOPERATE_MILITARY", "SYR", "pos"), ("HEZBOLLAH", "COOPERATE_MILITARY", "SYR", "pos")}),
    ("Russian instructors train the army of the Central African Republic.", {("CAF", "COOPERATE_MILITARY", "RUS", "pos")}),
    ("In 2021, Uzbekistan signed a memorandum with Pakistan on military-technical cooperation.",
     {("PAK", "COOPERATE_MILITARY", "UZB", "pos")}),
    ("Armenia will not host any CSTO drills next year.", {("ARM", "COOPERATE_MILITARY", "CSTO", "neg")}),
])
def test_military_cooperation_in_fighting_training_and_hosting(text, expected):
    assert {k for k in keys(text) if k[1] == "COOPERATE_MILITARY"} == expected


def test_fertiliser_is_a_good():
    assert {k for k in keys("Russia is a leading supplier of fertilizers to India.") if k[1] == "SUPPLY"} == {
        ("RUS", "SUPPLY", "IND", "pos")}


@pytest.mark.parametrize("text, expected", [
    ("China and Russia have a growing economic relationship.", {("CHN", "COOPERATE_ECONOMIC", "RUS", "pos")}),
    ("Moscow and Caracas are working on joint initiatives in energy and transport.", {("RUS", "COOPERATE_ECONOMIC", "VEN", "pos")}),
    ("Turkish exports to Russia nearly doubled.", {("RUS", "COOPERATE_ECONOMIC", "TUR", "pos")}),
    # "is building" is no passive (the phrase's verb comes first in English)
    ("Russia is building a nuclear power plant in Turkey.", {("RUS", "COOPERATE_ECONOMIC", "TUR", "pos")}),
])
def test_economic_cooperation_named_as_relationship_projects_and_exports(text, expected):
    assert {k for k in keys(text) if k[1] == "COOPERATE_ECONOMIC"} == expected


def test_an_adjective_in_nt_is_no_participle():
    assert {k for k in keys("Armenia was heavily reliant on Russia for gas.") if k[1] == "DEPEND_ON"} == {
        ("ARM", "DEPEND_ON", "RUS", "pos")}


@pytest.mark.parametrize("text, expected", [
    ("The US pledged to defend Taiwan.", {("USA", "GUARANTEE", "TWN", "pos")}),
    # protecting or defending without a commitment, or against an attacker, is no guarantee
    ("Biden allowed Ukraine to use US missiles to hit targets inside Russia and protect Sumy.", set()),
    ("Zelensky said his forces defend against Russian advances.", set()),
])
def test_a_guarantee_is_a_commitment(text, expected):
    assert {k for k in keys(text) if k[1] == "GUARANTEE"} == expected


@pytest.mark.parametrize("text, expected", [
    ("Britain left the EU in 2020.", {("GBR", "LEFT", "EU", "pos")}),
    # leaving a place is no exit from a bloc
    ("After consultations with member states, the CSTO mission left the country.", set()),
])
def test_leaving_names_the_organisation_after_the_verb(text, expected):
    assert {k for k in keys(text) if k[1] == "LEFT"} == expected


def test_an_attack_as_a_noun_is_no_verb():
    assert not {k for k in keys("The US will defend Taiwan against any attack.") if k[1] == "CONFLICT"}


@pytest.mark.parametrize("text, expected", [
    ("Modi arrived in Moscow to meet Putin.", {("IND", "MEET", "RUS", "pos")}),
    ("After their mutiny, Wagner mercenaries arrived in neighbouring Belarus.", set()),
])
def test_arrivals_that_are_no_visits(text, expected):
    assert {k for k in keys(text) if k[1] == "MEET"} == expected


@pytest.mark.parametrize("text, expected", [
    # the speaker's pronoun in what it says; a quoted cue still finds its object
    ("China's Foreign Ministry said on Monday that it “firmly condemned” U.S. strikes on Venezuela.",
     {("CHN", "CRITICIZE", "USA", "pos")}),
    ("China said it opposes the expansion of NATO.", {("CHN", "CRITICIZE", "NATO", "pos")}),
])
def test_the_speakers_pronoun(text, expected):
    assert {k for k in keys(text) if k[1] == "CRITICIZE"} == expected


@pytest.mark.parametrize("text, expected", [
    ("Moscow keeps troops in Abkhazia.", {("RUS", "DEPLOY_FORCES", "GEO", "pos")}),
    # a region in a list is no party
    ("Kazakhstan does not recognize Kosovo or Abkhazia.", {("KAZ", "RECOGNIZE", "XKX", "neg")}),
])
def test_a_region_is_a_place(text, expected):
    assert {k for k in keys(text) if k[1] in ("DEPLOY_FORCES", "RECOGNIZE")} == expected


@pytest.mark.parametrize("text, expected", [
    ("Russia's military action in Ukraine worried Kazakhstan.", {("RUS", "CONFLICT", "UKR", "pos")}),
    ("Azerbaijan shot down a Russian military helicopter.", {("AZE", "CONFLICT", "RUS", "pos")}),
])
def test_military_action_and_aircraft_shot_down(text, expected):
    assert {k for k in keys(text) if k[1] == "CONFLICT"} == expected


@pytest.mark.parametrize("text, expected", [
    ("Hungary opposes Ukraine's membership bid.", {("HUN", "SUPPORT", "UKR", "neg")}),
    ("Russia granted Belarus a 1.5 billion dollar loan.", {("RUS", "SUPPORT", "BLR", "pos")}),
])
def test_money_lent_and_accession_opposed(text, expected):
    assert {k for k in keys(text) if k[1] == "SUPPORT"} == expected


@pytest.mark.parametrize("text, expected", [
    # "whose" opens a relative clause without a comma too; its noun, not the main subject, acts
    ("Pashinyan denounced the CSTO as a paper alliance whose members helped Azerbaijan arm for the war.", set()),
    ("Ukraine, whose foreign minister visited Turkey on Monday, asked for help.", {("TUR", "MEET", "UKR", "pos")}),
    # a warning opens a clause even with a time phrase between ("warned last month that")
    ("London warned last week that Iran was preparing to send lethal support to Russia.", {("IRN", "SUPPORT", "RUS", "pos")}),
])
def test_whose_clauses_and_warnings_with_a_time_phrase(text, expected):
    assert {k for k in keys(text) if k[1] in ("SUPPORT", "MEET")} == expected


@pytest.mark.parametrize("text, expected", [
    # a reaction met with, talks called for, and a compass direction are no meeting
    ("Beijing's peace efforts have been met with skepticism in Moscow.", set()),
    ("Beijing keeps calling for peace talks between Kyiv and Moscow.", set()),
    ("China hosted the leaders of Kazakhstan in Xian, where the ancient Silk Road once led to the west.",
     {("CHN", "MEET", "KAZ", "pos")}),
    ("Russia held talks with China.", {("CHN", "MEET", "RUS", "pos")}),
])
def test_what_is_no_meeting(text, expected):
    assert {k for k in keys(text) if k[1] == "MEET"} == expected


@pytest.mark.parametrize("text, relation", [
    ("The EU warned Turkey against helping Russia avoid sanctions over the war.", "SANCTION"),
    ("Russia plans two pipelines to Europe bypassing Ukraine.", "COOPERATE_ECONOMIC"),
])
def test_avoided_sanctions_and_bypassed_states_state_nothing(text, relation):
    assert not {k for k in keys(text) if k[1] == relation}


@pytest.mark.parametrize("text, expected", [
    ("Niger broke off ties with France and pivoted toward Russia for security and economic support.",
     {("NER", "ALIGN", "RUS", "pos"), ("NER", "DISTANCE", "FRA", "pos")}),
    ("Armenia received support from France.", {("FRA", "SUPPORT", "ARM", "pos")}),
    ("Russia will support Syria.", {("RUS", "SUPPORT", "SYR", "pos")}),
])
def test_support_as_noun_and_verb_and_the_partner_turned_to(text, expected):
    assert {k for k in keys(text) if k[1] in ("SUPPORT", "ALIGN", "DISTANCE")} == expected


@pytest.mark.parametrize("text, expected", [
    ("Poland blasted Russia over the drone incursion.", {("POL", "CRITICIZE", "RUS", "pos")}),
    ("The EU took aim at China for its trade with Iran.", {("EU", "CRITICIZE", "CHN", "pos")}),
    ("Kyiv held Moscow responsible for the attack.", {("UKR", "CRITICIZE", "RUS", "pos")}),
    ("India voiced displeasure with the United States.", {("IND", "CRITICIZE", "USA", "pos")}),
    ("A blast hit the Russian embassy.", set()),
])
def test_blame_and_outrage(text, expected):
    assert {k for k in keys(text) if k[1] == "CRITICIZE"} == expected


def test_hitting_back_is_no_backing():
    assert not {k for k in keys("Ankara hit back at the United States.") if k[1] == "SUPPORT"}


@pytest.mark.parametrize("text, expected", [
    ("Russian oil flows to India.", {("RUS", "SUPPLY", "IND", "pos")}),
    ("Belarus gets cheap gas from Russia.", {("RUS", "SUPPLY", "BLR", "pos")}),
    ("Iranian drones reached Russia in 2022.", {("IRN", "SUPPLY", "RUS", "pos")}),
    ("Russia reached an agreement with China on gas.", set()),
])
def test_goods_that_flow_arrive_or_are_got(text, expected):
    assert {k for k in keys(text) if k[1] == "SUPPLY"} == expected


@pytest.mark.parametrize("text, expected", [
    # a resolution condemns, not the one who votes on it; abstaining or voting against withholds criticism
    ("China abstained in the vote on the resolution condemning Russia.", {("CHN", "CRITICIZE", "RUS", "neg")}),
    ("India voted against a UN resolution condemning Russia's annexation.", {("IND", "CRITICIZE", "RUS", "neg")}),
    ("The UN resolution condemning Russia passed.", set()),
])
def test_votes_on_resolutions(text, expected):
    assert {k for k in keys(text) if k[1] == "CRITICIZE"} == expected


def test_a_security_pact_is_a_mutual_guarantee():
    assert {k for k in keys("Russia and Belarus signed a security pact.") if k[1] == "GUARANTEE"} == {
        ("BLR", "GUARANTEE", "RUS", "pos"), ("RUS", "GUARANTEE", "BLR", "pos")}


def test_a_time_named_by_what_befell_a_state_makes_it_no_party():
    got = keys("Kazakhstan has received weapons since the collapse of the Soviet Union.")
    assert not [k for k in got if "SUN" in (k[0], k[2])]
    assert ("RUS", "SUPPLY", "SRB", "pos") in keys("Since the breakup of Yugoslavia, Serbia has received weapons from Russia.")


def test_an_event_condemned_in_the_passive_names_its_owner_as_the_object():
    assert keys("The Russian invasion was strongly condemned by the EU and Japan.") >= {
        ("EU", "CRITICIZE", "RUS", "pos"), ("JPN", "CRITICIZE", "RUS", "pos")}
    assert not [k for k in keys("Iranian support was welcomed by Russia.") if k[0] == "RUS"]


def test_an_english_adjective_after_the_article_keeps_the_preposition():
    assert ("RUS", "SUPPORT", "BLR", "pos") in keys("Russia provides aid to the brotherly Belarusian people.")
