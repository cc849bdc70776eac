"""Quote speakers by cue family: each a table of "text in, (quote, speaker) out", with a near miss.

Role phrases resolve to the person the article introduced in that role;
unnamed roles speak under their description; role words may stand between an
inverted verb and the name; a body after "of" is not who speaks; a quote whose
closing mark is missing takes the speaker of the attribution inside it;
speakers come out under one canonical name (``people.csv``, ``officials.csv``);
institutions speak under the names a reader uses ("Venezuelan foreign ministry",
"G7 foreign ministers"); a passive names its speaker after "by"; a description
the press gives a named person ("the challenger") is that person.
"""
import pytest

from lib.extract.quotes import canonical_speaker, find_quotes
from lib.text import sentences


def found(text):
    return [(r.quote, r.speaker) for r in find_quotes("x", text, sentences=list(sentences(text)))]


@pytest.mark.parametrize(
    "text, expected",
    [
        # A role phrase is the person the article introduced in that role, not the last name seen.
        (
            "Opposition leader Ana Pérez met voters. Then Juan Soto spoke. The opposition leader said “we will win the count.”",
            [("we will win the count.", "Ana Pérez")],
        ),
        (
            "Brazilian President Lula called Mexican President Claudia Sheinbaum. The Brazilian president said “the sheets must be published.”",
            [("the sheets must be published.", "Luiz Inácio Lula da Silva")],
        ),
        (
            "Foreign minister Yván Gil met Carlos Ruiz. The foreign minister warned that “no one will interfere.”",
            [("no one will interfere.", "Yván Gil")],
        ),
        # Near miss: "the Syrian leader" is not "Venezuelan leader Maduro"; the latest speaker stays.
        (
            "Syrian President Bashar Assad wrote to Venezuelan leader Nicolas Maduro. “We are friends,” Assad said. The Syrian leader noted that “ties will grow stronger.”",
            [("We are friends,", "Bashar Assad"), ("ties will grow stronger.", "Bashar Assad")],
        ),
    ],
)
def test_a_role_phrase_is_the_person_introduced_in_it(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Nobody named: the description speaks.
        ("Flights were halted, a cabinet spokesperson said, calling it a “retaliation measure.”", [("retaliation measure.", "cabinet spokesperson")]),
        ("“The decision is final,” an official said on Tuesday.", [("The decision is final,", "official")]),
        # Role words between an inverted verb and the name.
        ("“We will not give up,” said Venezuelan opposition leader María Corina Machado.", [("We will not give up,", "María Corina Machado")]),
        ("“Count every vote,” said former foreign minister Jorge Arreaza.", [("Count every vote,", "Jorge Arreaza")]),
        # Near miss: "on Monday that" is no role: the name after it is not the speaker.
        ("“The count is over,” said on Monday that Pedro Soto had left.", [("The count is over,", "")]),
    ],
)
def test_unnamed_roles_and_role_words_before_an_inverted_name(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # The body after "of" right before the verb is not its subject.
        (
            "The G7 said it was alarmed. The ministers of Canada and the High Representative of the European Union said “the vote lacked legitimacy.”",
            [("the vote lacked legitimacy.", "G7")],
        ),
        ("The president of the Carter Center said “the vote was flawed.”", [("the vote was flawed.", "")]),
        # Near miss: a body that is the subject still speaks.
        ("The European Union said “the vote lacked legitimacy.”", [("the vote lacked legitimacy.", "European Union")]),
    ],
)
def test_the_object_of_a_preposition_is_not_the_speaker(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A quote left open with the reporter's attribution inside ends with that sentence and takes its speaker.
        (
            "“The results are irreversible, said Elvis Amoroso, the head of the CNE. The council met later.",
            [("The results are irreversible, said Elvis Amoroso, the head of the CNE.", "Elvis Amoroso")],
        ),
        (
            "“We won by a landslide, Edmundo González told reporters. The CNE disagreed.",
            [("We won by a landslide, Edmundo González told reporters.", "Edmundo González Urrutia")],
        ),
        (
            "Machado spoke first. “We have the tally sheets, she said. Others were silent.",
            [("We have the tally sheets, she said.", "María Corina Machado")],
        ),
        # Near miss: an open quote without an attribution runs on to the end of its paragraph.
        ("Machado said: “We have the tally sheets. We will publish them.", [("We have the tally sheets. We will publish them.", "María Corina Machado")]),
    ],
)
def test_an_open_quote_ends_with_the_attribution_inside_it(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "speaker, canonical",
    [
        ("Nicolas Maduro", "Nicolás Maduro"),
        ("Maduro", "Nicolás Maduro"),
        ("Edmundo Gonzalez", "Edmundo González Urrutia"),
        ("Maria Corina Machado", "María Corina Machado"),
        ("Edmundo González and Maria Corina Machado", "Edmundo González Urrutia and María Corina Machado"),
        # An official's spellings (officials.csv) are one name too.
        ("Yvan Gil", "Yván Gil"),
        ("Antonio Guterres", "António Guterres"),
        # A surname that is one person in this story (people.csv) is that person's name.
        ("Petro", "Gustavo Petro"),
        ("Sheinbaum", "Claudia Sheinbaum"),
        # Near misses: another González, an official's bare surname (it may be someone else's), and a body, stay as they are.
        ("Javier González-Olaechea", "Javier González-Olaechea"),
        ("Gil", "Gil"),
        ("Carter Center", "Carter Center"),
    ],
)
def test_one_person_one_speaker_name(speaker, canonical):
    assert canonical_speaker(speaker) == canonical


@pytest.mark.parametrize(
    "text, expected",
    [
        # A country right before a reporting verb speaks, as its government.
        ("The United States said “it is clear” that Maduro lost.", [("it is clear", "United States")]),
        ("Brazil has also called for “the publication of the tally sheets.”", [("the publication of the tally sheets.", "Brazil")]),
        ("“We reject the interference,” Venezuela said on Monday.", [("We reject the interference,", "Venezuela")]),
        # Near miss: a country that does not speak is no speaker ("in Venezuela said" has no subject).
        ("Protests in Venezuela grew. Observers there said “the count was opaque.”", [("the count was opaque.", "")]),
    ],
)
def test_a_country_that_speaks_is_the_speaker(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A paragraph without marks after a lead-in line is a block quote, its speaker the lead-in's.
        (
            "Secretary of State Antony Blinken said:\n\nGiven the evidence, it is clear that González won.\n\nThe CNE disagreed.",
            [("Given the evidence, it is clear that González won.", "Antony Blinken")],
        ),
        (
            "In a statement, the Carter Center said:\n\nThe election did not meet international standards.\n",
            [("The election did not meet international standards.", "Carter Center")],
        ),
        (
            "The Foreign Ministry issued the following statement:\n\nVenezuela rejects this interference in its affairs.\n",
            [("Venezuela rejects this interference in its affairs.", "Foreign Ministry")],
        ),
        # Near miss: a colon that introduces no speech ("the following areas:") makes no block quote.
        ("The prize covers the following areas:\n\nHuman rights, democracy and the rule of law.\n", []),
    ],
)
def test_a_block_quote_after_a_lead_in_line(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A quoted title of a work is not speech.
        ("Machado wrote an op-ed titled “I Can Prove Maduro Got Trounced” for the Journal.", []),
        ("The report “Venezuela: Crimes Against Humanity” was published on Monday.", []),
        ("He read from the book “The Bolivarian Revolution Betrayed” on air.", []),
        # Near miss: a capitalised sentence that ends in punctuation is speech.
        ("“We Won This Election,” Machado said.", [("We Won This Election,", "María Corina Machado")]),
    ],
)
def test_a_quoted_title_is_not_a_quote(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A quoted term is a name for a thing, not speech: after "so-called", a count, or a possessive before a capital.
        ("Armed “colectivo groups”, so-called “motorcycle gangs”, patrolled Caracas.", [("colectivo groups", "")]),
        ("Foro Penal has counted 1,581 “political prisoners” since the vote.", []),
        ("His “Bolivarian revolution” promised prosperity.", []),
        # Near misses: words of a speaker after a verb, and a lower-case phrase after a possessive, stay quotes.
        ("Canada said it was “deeply concerned” by the arrests.", [("deeply concerned", "Canada")]),
        ("Lula called for respect for their “sovereign decision” on Monday.", [("sovereign decision", "Luiz Inácio Lula da Silva")]),
    ],
)
def test_a_quoted_term_is_not_a_quote(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A document speaks for the body that issued it.
        ("The OAS met in Washington. “The results must be verified,” the resolution said.", [("The results must be verified,", "OAS")]),
        ("The Foreign Ministry spoke late. “We reject this step,” the communiqué said.", [("We reject this step,", "Foreign Ministry")]),
        ("The Carter Center issued a report. “The vote was flawed,” the declaration said.", [("The vote was flawed,", "Carter Center")]),
        # Near misses: a byline names the reporter and a time zone names no one, so neither speaks.
        ("By Ana Reyes\n\nPublished 22:17 UTC\n\n“We reject this step,” the statement said.", [("We reject this step,", "")]),
    ],
)
def test_a_document_speaks_for_its_body_and_a_byline_for_nobody(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A country's body is named as a reader names it, with the country's adjective.
        (
            "Venezuela's foreign ministry said in a statement that “the decision violates international law.”",
            [("the decision violates international law.", "Venezuelan foreign ministry")],
        ),
        (
            "“The decision violates international law,” according to a statement from the Brazilian foreign ministry.",
            [("The decision violates international law,", "Brazilian foreign ministry")],
        ),
        # A country shown acting speaks through its statement as its government.
        (
            "Argentina broke relations on Monday. “We will not accept this fraud,” the statement read.",
            [("We will not accept this fraud,", "Argentine government")],
        ),
        # An unnamed spokesperson speaks for the body named after it.
        ("“We reject the results,” said a spokesperson for the Colombian government.", [("We reject the results,", "Colombian government spokesperson")]),
        # A collective speaks under its own name, and so does a body named by a name ("the Maduro government").
        ("The opposition said the count was a “massive fraud by the regime.”", [("massive fraud by the regime.", "opposition")]),
        ("Talks stalled. The Maduro government said the sanctions were “economic terrorism.”", [("economic terrorism.", "Maduro government")]),
        (
            "Venezuela said on Monday it would expel diplomats. The government said the decision was “a sovereign act.”",
            [("a sovereign act.", "Venezuelan government")],
        ),
        # Near misses: a body followed by a role word is a person's title; a country that only
        # stands in a sentence is no body; "the government" is no NGO named before.
        ("Venezuelan opposition leader María Corina Machado said “we won the count.”", [("we won the count.", "María Corina Machado")]),
        ("Protests spread across Argentina. “We will not accept this fraud,” the statement read.", [("We will not accept this fraud,", "")]),
        ("The Carter Center spoke first. “The count is opaque,” the government said.", [("The count is opaque,", "")]),
    ],
)
def test_institutions_speak_under_the_names_a_reader_uses(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # The attribution that ends the sentence, not a report inside a clause before it.
        (
            "Police are committing “grave violations” after elections the opposition says were stolen, Human Rights Watch (HRW) said Tuesday.",
            [("grave violations", "Human Rights Watch")],
        ),
        (
            "Troops fired on “unarmed protesters” in towns where Machado says she won, the Carter Center said.",
            [("unarmed protesters", "Carter Center")],
        ),
        # Near miss: with no attribution at the end, the first report after the quote speaks.
        (
            "Police used “excessive force,” Amnesty International said on Monday after a long inquiry in the capital.",
            [("excessive force,", "Amnesty International")],
        ),
    ],
)
def test_a_sentence_final_attribution_speaks(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A description the press gives a person named earlier (officials.csv described_as) is that person,
        # not the last name seen; it does not run over a sentence end ("this position. The ... challenger").
        (
            "Edmundo González left for Spain, a path once taken by Juan Guaidó. The party held this position.\n"
            "The 75-year-old challenger recorded a video. “We want to live in freedom,” he said.",
            [("We want to live in freedom,", "Edmundo González Urrutia")],
        ),
        (
            "Kamala Harris wrote to Edmundo González and María Corina Machado, who thanked her. "
            "The Democratic presidential candidate urged the army to stop “political threats and attacks.”",
            [("political threats and attacks.", "Kamala Harris")],
        ),
        (
            "Nicolás Maduro met Gustavo Petro in Caracas. The incumbent said “the people have spoken.”",
            [("the people have spoken.", "Nicolás Maduro")],
        ),
        # Near miss: a description of someone the article never named falls back to the latest speaker.
        (
            "“We will win,” Gustavo Petro said. The challenger said “the count is a fraud.”",
            [("We will win,", "Gustavo Petro"), ("the count is a fraud.", "Gustavo Petro")],
        ),
    ],
)
def test_a_description_is_the_person_the_press_describes_so(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A passive report names its speaker after "by".
        (
            "Few would stay, in a result described as “monstrous, scandalous” by Meganalisis President Ruben Chirinos.",
            [("monstrous, scandalous", "Ruben Chirinos")],
        ),
        (
            "Teenagers were held after the re-election of Mr. Maduro denounced by the opposition as a “massive fraud” of the regime.",
            [("massive fraud", "opposition")],
        ),
        ("The count was described as “a total fraud” by the Carter Center.", [("a total fraud", "Carter Center")]),
        # Near misses: "by" before no name ("by phone") leaves the subject as the speaker; a report with its
        # subject earlier in the clause governs a passive that only qualifies its object.
        ("Machado called by phone on Monday and said “we have the tally sheets.”", [("we have the tally sheets.", "María Corina Machado")]),
        (
            "Antony Blinken described the results announced by the CNE as “deeply flawed.”",
            [("deeply flawed.", "Antony Blinken")],
        ),
    ],
)
def test_a_passive_report_names_its_speaker_after_by(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Two countries that speak together both speak; an institution speaks for its country.
        (
            "Brazil and Colombia said in a joint statement that they “await the publication of the tally sheets.”",
            [("await the publication of the tally sheets.", "Brazil and Colombia", "BRA")],
        ),
        ("The Kremlin said the result was “the will of the people.”", [("the will of the people.", "Kremlin", "RUS")]),
        ("“We reject the interference,” Venezuela said on Monday.", [("We reject the interference,", "Venezuela", "VEN")]),
        # The people of a body opening the clause speak as that body's group.
        (
            "Foreign ministers of the G7 said in a statement that they “reject the result.”",
            [("reject the result.", "G7 foreign ministers", "G7")],
        ),
        # An office named earlier with its holder is that person.
        (
            "UN Secretary-General António Guterres called for calm. The Secretary-General said “transparency is essential.”",
            [("transparency is essential.", "António Guterres", "UN")],
        ),
        # Near misses: a body after "of" in mid-clause is not who speaks; an office whose holder the article never named stays the office.
        (
            "The G7 said it was alarmed. The ministers of Canada and the High Representative of the European Union said “the vote lacked legitimacy.”",
            [("the vote lacked legitimacy.", "G7", "G7")],
        ),
        ("The UN Secretary-General said “transparency is essential.”", [("transparency is essential.", "UN Secretary-General", "UN")]),
    ],
)
def test_groups_countries_and_offices_as_speakers(text, expected):
    assert [(r.quote, r.speaker, r.speaker_country) for r in find_quotes("x", text, sentences=list(sentences(text)))] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Countries' adjectives and a plural role are those countries' officials the article named (officials.csv);
        # an epithet ("Far-right") is not a first name.
        (
            "Giorgia Meloni spoke. Far-right Meloni met Javier Milei. The Italian and Argentine leaders -- both fans of US President-elect "
            "Donald Trump -- vowed to build “a special relationship.”",
            [("a special relationship.", "Giorgia Meloni and Javier Milei")],
        ),
        (
            "Lula spoke with Gustavo Petro. The Brazilian and Colombian presidents said they “await the tally sheets.”",
            [("await the tally sheets.", "Luiz Inácio Lula da Silva and Gustavo Petro")],
        ),
        # A lower-case source after "according to" speaks under its description.
        ("The CNE was silent. According to state media, it cited a “cybernetic attack on the system.”", [("cybernetic attack on the system.", "state media")]),
        # Near miss: a country with no official named in the article leaves the group to the other rules.
        (
            "“We are worried,” Gustavo Petro said. The Brazilian and Colombian presidents met on Monday. “Nothing was agreed.”",
            [("We are worried,", "Gustavo Petro"), ("Nothing was agreed.", "Gustavo Petro")],
        ),
    ],
)
def test_leaders_named_by_their_countries(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "the bloc", "the alliance", "the party" refer back to the body named before.
        (
            "The Bolivarian Alliance for the Peoples of Our America (ALBA-TCP) issued a statement. “We congratulate President Maduro,” the bloc said.",
            [("We congratulate President Maduro,", "ALBA-TCP")],
        ),
        ("The PSUV met in Caracas. “We will defend the revolution,” the party said.", [("We will defend the revolution,", "PSUV")]),
        # A country's institution (country_aliases.csv) speaks as itself.
        (
            "Canada imposed sanctions. In a statement, Global Affairs Canada said the officials “undermined democracy.”",
            [("undermined democracy.", "Global Affairs Canada")],
        ),
        # Near miss: "the bloc" with no body named before names no one.
        ("Voters waited for hours. “We will not accept this,” the bloc said.", [("We will not accept this,", "")]),
    ],
)
def test_a_body_referred_back_to_and_a_country_institution(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # The body a document is from speaks, in a clause or in a lead-in line; a body "of" a country speaks for it.
        ("A statement from the Foreign Ministry said “the results are not credible.”", [("the results are not credible.", "Foreign Ministry")]),
        (
            "Read the full statement by the Carter Center below:\n\n“The election did not meet international standards.”",
            [("The election did not meet international standards.", "Carter Center")],
        ),
        (
            "Statement from the Foreign Ministry of Peru:\n\nPeru rejects the proclamation of Nicolás Maduro.\n",
            [("Peru rejects the proclamation of Nicolás Maduro.", "Foreign Ministry of Peru")],
        ),
        ("The Ministry of Foreign Affairs said the vote was “a farce and a fraud.”", [("a farce and a fraud.", "Ministry of Foreign Affairs")]),
        # Near misses: a body after "of" that no document names is not who speaks.
        ("The president of the Carter Center said “the vote was flawed.”", [("the vote was flawed.", "")]),
    ],
)
def test_the_body_a_document_is_from_speaks(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A role naming a country is the official of that country named before (officials.csv), not the latest person.
        ("Lula met Petro on Thursday. “We want the records,” the Colombian president said.", [("We want the records,", "Gustavo Petro")]),
        ("Petro met Lula on Thursday. “We want the records,” the Brazilian leader said.", [("We want the records,", "Luiz Inácio Lula da Silva")]),
        # With no such official named, a demonym's role speaks under its description.
        ("Lula met Petro on Thursday. “We want the records,” the Mexican president said.", [("We want the records,", "Mexican president")]),
        ("Lula met Petro on Thursday. “We want the records,” the Colombian foreign minister said.", [("We want the records,", "Colombian foreign minister")]),
        # The fullest description wins over the latest person: an opposition leader is not the president.
        ("María Corina Machado spoke, then Maduro. “We won,” the Venezuelan opposition leader said.", [("We won,", "María Corina Machado")]),
        # A country's office named with a possessive is that role too.
        ("Sheinbaum spoke on Monday. Mexico’s president said she would “wait for the electoral tribunal.”", [("wait for the electoral tribunal.", "Claudia Sheinbaum")]),
        ("Mexico’s president said on Monday that he would “wait for the electoral tribunal.”", [("wait for the electoral tribunal.", "Mexican president")]),
        ("“We reject the results,” the OAS General Secretariat said in a statement.", [("We reject the results,", "OAS")]),
        # Near misses: the role fits the latest person, who stays the speaker.
        ("Maduro spoke, then Machado. “We won,” the Venezuelan leader said.", [("We won,", "Nicolás Maduro")]),
        ("Maduro spoke, then González. “We won,” the Venezuelan president said.", [("We won,", "Nicolás Maduro")]),
    ],
)
def test_a_role_naming_a_country_is_that_country_s_official(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # One body named by a list of words before its organisation word (seen: "Development Office", d23).
        (
            "The Foreign, Commonwealth and Development Office said those sanctioned were responsible for “undermining democracy”.",
            [("undermining democracy", "Foreign, Commonwealth and Development Office")],
        ),
        (
            "The Democracy, Human Rights and Labor Office warned of “a wave of repression”.",
            [("a wave of repression", "Democracy, Human Rights and Labor Office")],
        ),
        # After a singular body noun, with no organisation word (seen: "Encuentro y Perdón", f16).
        (
            "The report comes amid what the organization Justicia, Encuentro y Perdón described as a “progressive worsening” of rights.",
            [("progressive worsening", "Justicia, Encuentro y Perdón")],
        ),
        # Near misses: countries listed are several speakers; bodies without one "the" before them, or after a
        # plural, are several bodies.
        ("The groups Provea, Cofavic and Foro Penal said the arrests were “arbitrary and unlawful”.", [("arbitrary and unlawful", "Foro Penal")]),
        ("Argentina, Chile and Peru said the result was “not credible at all”.", [("not credible at all", "Argentina and Chile and Peru")]),
        (
            "The Netherlands, Belgium and Luxembourg Office said the vote was “not transparent at all”.",
            [("not transparent at all", "Netherlands and Belgium and Luxembourg Office")],
        ),
        ("Brazil, Colombia and the Carter Center said the vote “lacked transparency”.", [("lacked transparency", "Carter Center")]),
    ],
)
def test_a_body_named_by_a_list_of_words_is_one_speaker(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A hyphenated word of capitals is part of a body's name (seen: "Mission" for the Fact-Finding Mission, d17).
        ("The Fact-Finding Mission said the abuses were “part of a coordinated plan”.", [("part of a coordinated plan", "Fact-Finding Mission")]),
        # Near misses: one ending in a lower-case word is an epithet before the name.
        ("The Atlanta-based Carter Center said the vote “cannot be considered democratic”.", [("cannot be considered democratic", "Carter Center")]),
        ("The U.S.-based Carter Center said the vote “cannot be considered democratic”.", [("cannot be considered democratic", "Carter Center")]),
    ],
)
def test_a_hyphenated_name_keeps_its_first_word(text, expected):
    assert found(text) == expected
