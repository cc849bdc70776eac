"""Quote speakers over the attribution patterns of wire-style English news (AP, Reuters, AFP, BBC, Guardian).

The sentences are invented, with invented people where a known official
would be resolved by the lexicon instead of by the sentence, so the table
tests how news attributes a quote, not how one article happened to word it.
Each group holds near misses: a person quoted or merely mentioned, a country,
a reporter, an object of "told", is not the speaker.
"""
import pytest

from lib.extract.quotes import find_quotes
from lib.text import sentences


def found(text):
    return [(r.quote, r.speaker) for r in find_quotes("x", text, sentences=list(sentences(text)))]


def xfail(text, expected, reason):
    return pytest.param(text, expected, marks=pytest.mark.xfail(strict=True, reason=reason))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“The count must be public,” Ana Torres said.", [("The count must be public,", "Ana Torres")]),
        ("“The count must be public,” said Ana Torres.", [("The count must be public,", "Ana Torres")]),
        (
            "“We reject these results,” said Jean Dupont, the foreign minister of France.",
            [("We reject these results,", "Jean Dupont")],
        ),
        (
            "“The vote was stolen,” said Pedro Álvarez, a spokesman for the Democratic Unitary Platform.",
            [("The vote was stolen,", "Pedro Álvarez")],
        ),
        ("“We will keep fighting,” Ana Torres added.", [("We will keep fighting,", "Ana Torres")]),
        ("“We will keep fighting,” Torres, 56, told Reuters.", [("We will keep fighting,", "Torres")]),
        (
            "“Nobody believes these numbers,” Ana Torres, the opposition leader, told reporters on Monday.",
            [("Nobody believes these numbers,", "Ana Torres")],
        ),
        (
            "“The world is watching,” Torres wrote on X, formerly Twitter, late on Sunday.",
            [("The world is watching,", "Torres")],
        ),
        (
            "“We need the tally sheets,” Kremlin spokesman Dmitry Peskov told reporters.",
            [("We need the tally sheets,", "Dmitry Peskov")],
        ),
        (
            "“This is a dark day,” said Luis Herrera, who heads the electoral monitoring group.",
            [("This is a dark day,", "Luis Herrera")],
        ),
        # Near misses: the person after "told" is the listener; a name inside the quote never speaks.
        ("“Karl Weber was wrong,” Ana Torres told Karl Weber.", [("Karl Weber was wrong,", "Ana Torres")]),
        ("“Ana Torres must go,” Karl Weber said.", [("Ana Torres must go,", "Karl Weber")]),
    ],
)
def test_attribution_after_the_quote(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ('Ana Torres said: "The count must be public."', [("The count must be public.", "Ana Torres")]),
        ("Ana Torres said that “the count was rigged from the start.”", [("the count was rigged from the start.", "Ana Torres")]),
        (
            "Karl Weber told reporters in Berlin that the result was “not credible in any way.”",
            [("not credible in any way.", "Karl Weber")],
        ),
        ("Karl Weber told Reuters: “We need the tally sheets now.”", [("We need the tally sheets now.", "Karl Weber")]),
        (
            "Sofia Lindqvist told the BBC that the election “lacked any transparency.”",
            [("lacked any transparency.", "Sofia Lindqvist")],
        ),
        (
            "In a post on X, formerly Twitter, Luis Herrera wrote: “Venezuela deserves the truth.”",
            [("Venezuela deserves the truth.", "Luis Herrera")],
        ),
        (
            "Writing on X, Luis Herrera said the council had “lost all credibility.”",
            [("lost all credibility.", "Luis Herrera")],
        ),
        (
            "Speaking to reporters in Geneva, Sofia Lindqvist said the crackdown was “deeply alarming.”",
            [("deeply alarming.", "Sofia Lindqvist")],
        ),
        ("Karl Weber called the vote “a fraud against the people.”", [("a fraud against the people.", "Karl Weber")]),
        (
            "Karl Weber described the arrests as “a grave violation of rights.”",
            [("a grave violation of rights.", "Karl Weber")],
        ),
        (
            "Karl Weber, who leads the European observer mission, said the vote “fell short of standards.”",
            [("fell short of standards.", "Karl Weber")],
        ),
        (
            "Ana Torres, whose party won most seats, said the result was “a turning point.”",
            [("a turning point.", "Ana Torres")],
        ),
        (
            "Ana Torres, speaking at a news conference in Caracas, said: “We will not back down.”",
            [("We will not back down.", "Ana Torres")],
        ),
        # Near misses: the person the speaker talks about, or to, is not the speaker.
        ("Karl Weber said Ana Torres had “won the vote clearly.”", [("won the vote clearly.", "Karl Weber")]),
        ("Ana Torres told Karl Weber that the vote was “clean and fair.”", [("clean and fair.", "Ana Torres")]),
    ],
)
def test_attribution_before_the_quote(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("According to Marta Ruiz, “the count was rigged from the start.”", [("the count was rigged from the start.", "Marta Ruiz")]),
        (
            "According to the Electoral Observation Mission, the process was “opaque from start to finish.”",
            [("opaque from start to finish.", "Electoral Observation Mission")],
        ),
        (
            "The sheets were “clearly forged,” according to Marta Ruiz, a lawyer for the campaign.",
            [("clearly forged,", "Marta Ruiz")],
        ),
        # Near miss: "according to" a document of a body is the body's.
        (
            "According to a statement from the Peruvian foreign ministry, the vote was “a sham.”",
            [("a sham.", "Peruvian foreign ministry")],
        ),
    ],
)
def test_according_to(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "he said" / "she added": the last named person who acted, past people merely mentioned.
        (
            "Opposition lawmaker Ana Torres spoke in Caracas on Monday. “We will keep fighting,” she said.",
            [("We will keep fighting,", "Ana Torres")],
        ),
        (
            "Karl Weber said the vote was flawed and urged Luis Herrera to publish the sheets. “We need the data,” he said.",
            [("We need the data,", "Karl Weber")],
        ),
        (
            "Karl Weber spoke to reporters in Geneva. The talks had been requested by Luis Herrera. “We will not be silent,” he said.",
            [("We will not be silent,", "Karl Weber")],
        ),
        (
            "“We won,” Ana Torres said. Brazil and Colombia have asked for the sheets. “The proof is public,” she added.",
            [("We won,", "Ana Torres"), ("The proof is public,", "Ana Torres")],
        ),
        (
            "Ana Torres said Luis Herrera “stole the vote.” “He knows he lost,” she said.",
            [("stole the vote.", "Ana Torres"), ("He knows he lost,", "Ana Torres")],
        ),
        (
            "Karl Weber, speaking after a meeting with Ana Torres, said the vote was flawed. “This cannot stand,” he added.",
            [("This cannot stand,", "Karl Weber")],
        ),
        # Near miss: a person quoted inside the speaker's words is not "he".
        (
            "Karl Weber said: “Luis Herrera told me the vote was fair.” He added that “nobody believes it.”",
            [("Luis Herrera told me the vote was fair.", "Karl Weber"), ("nobody believes it.", "Karl Weber")],
        ),
    ],
)
def test_a_pronoun_is_the_last_person_who_spoke_or_acted(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Foreign Minister Karl Weber arrived in Caracas on Monday. “We came to listen,” the minister said.",
            [("We came to listen,", "Karl Weber")],
        ),
        (
            "Foreign Minister Karl Weber met President Luis Herrera. “We came to listen,” the foreign minister said.",
            [("We came to listen,", "Karl Weber")],
        ),
        (
            "President Luis Herrera spoke on television. “We will win again,” President Herrera said.",
            [("We will win again,", "Luis Herrera")],
        ),
        (
            "Foreign Minister Karl Weber met the press. Mr. Weber said the vote was “deeply flawed.”",
            [("deeply flawed.", "Karl Weber")],
        ),
        (
            "Opposition leader Ana Torres toured the state. “The people have spoken,” Ms. Torres said.",
            [("The people have spoken,", "Ana Torres")],
        ),
        (
            "Foreign Minister Karl Weber landed in Lima. “The results are not credible,” Foreign Minister Weber said.",
            [("The results are not credible,", "Karl Weber")],
        ),
        # Spanish double surnames: the fullest spelling, from either surname.
        (
            "Carlos Alberto Ruiz Mendoza heads the council. “The count is final,” Ruiz Mendoza said.",
            [("The count is final,", "Carlos Alberto Ruiz Mendoza")],
        ),
        (
            "Council president Carlos Ruiz Mendoza spoke late. “The count is final,” Ruiz said.",
            [("The count is final,", "Carlos Ruiz Mendoza")],
        ),
        (
            "“There will be no recount,” said Carlos Ruiz Mendoza, the council president.",
            [("There will be no recount,", "Carlos Ruiz Mendoza")],
        ),
    ],
)
def test_titles_and_surnames_collapse_to_the_full_name(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The Foreign Ministry of Peru issued a statement on Monday. “Peru does not recognise the results,” the statement said.",
            [("Peru does not recognise the results,", "Foreign Ministry of Peru")],
        ),
        (
            "The Organization of American States released a communique. “The members reject the fraud,” the communique read.",
            [("The members reject the fraud,", "Organization of American States")],
        ),
        (
            "Brazil’s foreign ministry said in a statement that the result “must be verified.”",
            [("must be verified.", "Brazilian foreign ministry")],
        ),
        (
            "The French foreign ministry summoned the envoy. “France condemns the arrests,” the ministry said in a statement.",
            [("France condemns the arrests,", "French foreign ministry")],
        ),
        (
            "In a statement, the Foreign Ministry said: “Venezuela rejects this interference.”",
            [("Venezuela rejects this interference.", "Foreign Ministry")],
        ),
        (
            "The Carter Center published its report. “The election did not meet standards,” it said.",
            [("The election did not meet standards,", "Carter Center")],
        ),
        (
            "The opposition said in a statement that the count was “a fraud.”",
            [("a fraud.", "opposition")],
        ),
        # Near miss: the body a statement is about is not the body that issued it.
        (
            "The Carter Center said the statement about the National Electoral Council was “inaccurate.” It said nothing more.",
            [],
        ),
    ],
)
def test_documents_and_bodies_speak(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“We are watching closely,” a spokesperson for the State Department said.", [("We are watching closely,", "State Department spokesperson")]),
        ("A State Department spokesperson said the vote was “deeply flawed.”", [("deeply flawed.", "State Department spokesperson")]),
        ("“The decision is final,” a senior official said on condition of anonymity.", [("The decision is final,", "senior official")]),
        (
            "“We are watching closely,” said Luis Herrera, a spokesman for the State Department.",
            [("We are watching closely,", "Luis Herrera")],
        ),
        (
            "A spokesman for Ana Torres, Luis Herrera, said the campaign had “all the sheets.”",
            [("all the sheets.", "Luis Herrera")],
        ),
    ],
)
def test_spokespeople(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A block quote after its lead-in paragraph.
        (
            "Sofia Lindqvist wrote on social media:\n\nThe people of Venezuela deserve to know the truth.\n",
            [("The people of Venezuela deserve to know the truth.", "Sofia Lindqvist")],
        ),
        # A quote over several paragraphs: only the first names the speaker.
        (
            "Ana Torres said: “We will not accept these results.\n“The people voted for change and the world saw it.\n“We will defend every vote.”",
            [
                ("We will not accept these results.", "Ana Torres"),
                ("The people voted for change and the world saw it.", "Ana Torres"),
                ("We will defend every vote.", "Ana Torres"),
            ],
        ),
        # A new paragraph's bare quote goes on with the latest speaker.
        (
            "Ana Torres spoke at a rally.\n“We will defend every vote,” she said.\n“No one can take this away from us.”",
            [("We will defend every vote,", "Ana Torres"), ("No one can take this away from us.", "Ana Torres")],
        ),
        # Near miss: a lead-in colon that introduces a list names no speaker.
        ("The mission listed three problems:\n\nMissing sheets, late results and no audit.\n", []),
    ],
)
def test_block_and_multi_paragraph_quotes(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Torres says Venezuela vote was “a fraud”\nCARACAS (Reuters) - The opposition leader spoke.", [("a fraud", "Torres")]),
        ("EU says Venezuela vote results “cannot be verified”", [("cannot be verified", "EU")]),
        ("Venezuela’s Torres vows to “defend every vote”", [("defend every vote", "Torres")]),
    ],
)
def test_quotes_in_headlines(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "After meeting Ana Torres on Monday, Karl Weber said the talks were “very productive.”",
            [("very productive.", "Karl Weber")],
        ),
        (
            "In a call with Ana Torres, Karl Weber said the sheets were “the only proof that counts.”",
            [("the only proof that counts.", "Karl Weber")],
        ),
        (
            "Asked about Luis Herrera, Ana Torres said: “He lost and he knows it.”",
            [("He lost and he knows it.", "Ana Torres")],
        ),
        (
            "Responding to Luis Herrera’s claims, Ana Torres said they were “pure fiction.”",
            [("pure fiction.", "Ana Torres")],
        ),
        # Near miss: "X and Y said" are both the speakers.
        (
            "Ana Torres and Karl Weber said the vote was “a fraud.”",
            [("a fraud.", "Ana Torres and Karl Weber")],
        ),
    ],
)
def test_the_subject_is_the_name_before_the_verb(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Karl Weber’s office said the minister would “travel to Caracas soon.”",
            [("travel to Caracas soon.", "Karl Weber’s office")],
        ),
        (
            "Ana Torres’ campaign said in a statement that the count was “a fraud.”",
            [("a fraud.", "Ana Torres’ campaign")],
        ),
        ("The prosecutor’s office said Ana Torres was “wanted for conspiracy.”", [("wanted for conspiracy.", "prosecutor’s office")]),
        # Near miss: a possessive before a named person leaves the person the speaker.
        (
            "Ana Torres’s adviser Luis Herrera said the sheets were “all there.”",
            [("all there.", "Luis Herrera")],
        ),
    ],
)
def test_a_persons_office_speaks(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # An attribution between two halves of one quote speaks for both.
        (
            "“We won,” Ana Torres said, “and we will prove it in every state.”",
            [("We won,", "Ana Torres"), ("and we will prove it in every state.", "Ana Torres")],
        ),
        (
            "“We won,” Ana Torres told CNN on Monday, adding: “The sheets are online.”",
            [("We won,", "Ana Torres"), ("The sheets are online.", "Ana Torres")],
        ),
        (
            "“The vote was clean,” said Luis Herrera, adding that critics were “sore losers.”",
            [("The vote was clean,", "Luis Herrera"), ("sore losers.", "Luis Herrera")],
        ),
        # A described person: the role the article gave them.
        (
            "Former lawmaker Ana Torres was barred from running. “They fear us,” the former lawmaker said.",
            [("They fear us,", "Ana Torres")],
        ),
        (
            "Ana Torres, 56, was barred from running. “They fear us,” the 56-year-old said.",
            [("They fear us,", "Ana Torres")],
        ),
        # The next speaker takes the pronoun, not the one quoted before.
        (
            "“We won,” Ana Torres said. Luis Herrera disagreed. “The council has spoken,” he said.",
            [("We won,", "Ana Torres"), ("The council has spoken,", "Luis Herrera")],
        ),
        (
            "“We won,” Ana Torres said on Monday, speaking alongside Luis Herrera at a rally in Caracas.",
            [("We won,", "Ana Torres")],
        ),
        # A body a person leads does not take the person's quote.
        (
            "Luis Herrera, the head of the National Electoral Council, said the result was “final and irreversible.”",
            [("final and irreversible.", "Luis Herrera")],
        ),
        (
            "“The result is irreversible,” National Electoral Council president Luis Herrera said on state television.",
            [("The result is irreversible,", "Luis Herrera")],
        ),
        # Initials and abbreviations in the speaker's title.
        (
            "U.S. Secretary of State Karl Weber said the evidence was “simply overwhelming.”",
            [("simply overwhelming.", "Karl Weber")],
        ),
        (
            "The U.N. human rights office said the arrests were “deeply worrying.”",
            [("deeply worrying.", "U.N. human rights office")],
        ),
        # A country's government, named by the country.
        (
            "Venezuela’s government said in a statement that the sanctions were “illegal and criminal.”",
            [("illegal and criminal.", "Venezuelan government")],
        ),
        (
            "The United States said the results were “not credible.”",
            [("not credible.", "United States")],
        ),
    ],
)
def test_harder_wire_patterns(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Verbs that frame a mixed quote name its speaker as "said" does (quote_cues.csv).
        ("Ana Torres hailed the ruling as “a historic victory.”", [("a historic victory.", "Ana Torres")]),
        ("Karl Weber branded the vote “a sham election.”", [("a sham election.", "Karl Weber")]),
        ("Karl Weber labelled the council “a puppet body.”", [("a puppet body.", "Karl Weber")]),
        ("Ana Torres welcomed the “brave decision of the court.”", [("brave decision of the court.", "Ana Torres")]),
        ("Karl Weber praised the “courage of the voters.”", [("courage of the voters.", "Karl Weber")]),
        ("Ana Torres lamented the “lack of transparency.”", [("lack of transparency.", "Ana Torres")]),
        ("Karl Weber decried the “brutal repression of protesters.”", [("brutal repression of protesters.", "Karl Weber")]),
        ("The Carter Center highlighted “serious irregularities in the count.”", [("serious irregularities in the count.", "Carter Center")]),
        ("Karl Weber pointed out that “no sheets were published.”", [("no sheets were published.", "Karl Weber")]),
        ("Ana Torres reaffirmed that “the vote was stolen.”", [("the vote was stolen.", "Ana Torres")]),
        ("Karl Weber alleges that the council has “hidden the sheets.”", [("hidden the sheets.", "Karl Weber")]),
        ("Ana Torres vows to “defend every vote” in the capital", [("defend every vote", "Ana Torres")]),
        ("“We will win this,” Ana Torres quipped.", [("We will win this,", "Ana Torres")]),
        ("“We will not rest,” Ana Torres cautioned.", [("We will not rest,", "Ana Torres")]),
        # Near miss: a verb that reports no speech leaves the quote to the sentence's subject, not to a later name.
        ("Ana Torres carried a banner reading “Free all the prisoners” past Luis Herrera.", [("Free all the prisoners", "Ana Torres")]),
    ],
)
def test_verbs_of_speech_and_of_framing(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A verb form after a determiner is an adjective: it reports nothing, so the quote keeps the speaker before it.
        (
            "Ana Torres spoke first. The detailed report by Luis Herrera came later. “We have the proof,” she said.",
            [("We have the proof,", "Ana Torres")],
        ),
        (
            "Ana Torres said the count was over. Luis Herrera and his promised reforms were mocked. “We will free him.”",
            [("We will free him.", "Ana Torres")],
        ),
        # Near miss: the same verb with a subject reports.
        ("Luis Herrera detailed the “missing sheets in every state.”", [("missing sheets in every state.", "Luis Herrera")]),
    ],
)
def test_a_verb_form_after_a_determiner_is_no_report(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Every name of a list that ends right before the verb speaks.
        (
            "Argentina, Chile, Costa Rica and Peru said in a joint statement that the vote was “not credible at all.”",
            [("not credible at all.", "Argentina and Chile and Costa Rica and Peru")],
        ),
        (
            "Argentina, Chile, Costa Rica, and Peru said the vote was “not credible at all.”",
            [("not credible at all.", "Argentina and Chile and Costa Rica and Peru")],
        ),
        (
            "Ana Torres, Luis Herrera and Karl Weber said the vote was “a fraud.”",
            [("a fraud.", "Ana Torres and Luis Herrera and Karl Weber")],
        ),
        # Near misses: a country before a person's name is no list; a list of another kind ends the list.
        ("Venezuela, Ana Torres said, was “a country in chains.”", [("a country in chains.", "Ana Torres")]),
        ("In Venezuela, Chile and Peru, Ana Torres said the vote was “a fraud.”", [("a fraud.", "Ana Torres")]),
    ],
)
def test_a_list_of_speakers(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A name set off by an apposition right before the verb is its subject.
        ("Herrera, 60, said the vote was “a plain fraud.”", [("a plain fraud.", "Herrera")]),
        ("Herrera, a retired judge, said the vote was “a plain fraud.”", [("a plain fraud.", "Herrera")]),
        # Near miss: a capitalised word before a clause that has its own subject is no speaker.
        ("Thousands, police said, marched for “free and fair elections.”", [("free and fair elections.", "")]),
        # "it": a body that opened a sentence just before, unless a body spoke after it.
        (
            "The Carter Center published its report. The OAS said the vote was “not credible.” “We agree with the report,” it said.",
            [("not credible.", "OAS"), ("We agree with the report,", "OAS")],
        ),
        # A body's unnamed role speaks as that role of the body; near miss: a name after the role is the speaker.
        ("A Kremlin spokesman told reporters the vote was “an internal matter.”", [("an internal matter.", "Kremlin spokesman")]),
        ("State Department spokesperson Luis Herrera said the vote was “deeply flawed.”", [("deeply flawed.", "Luis Herrera")]),
    ],
)
def test_appositions_bodies_and_their_roles(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Near misses for "it": "they" after people who spoke jointly stays theirs; a body inside the subject
        # ("a member of the platform (PUD)") does not open the sentence.
        (
            "Ana Torres and Luis Herrera said the count was “a fraud.” The platform (PUD) met. “We are united,” they said.",
            [("a fraud.", "Ana Torres and Luis Herrera"), ("We are united,", "Ana Torres and Luis Herrera")],
        ),
        (
            "The OAS said the vote was “not credible.” A member of the Unitary Platform (PUD) spoke. “We agree,” it said.",
            [("not credible.", "OAS"), ("We agree,", "OAS")],
        ),
    ],
)
def test_it_and_they_refer_back(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "the ministry" after a country's other body is that country's ministry.
        (
            "The Venezuelan government rejected the remarks. “This is interference,” the foreign ministry said in a communique.",
            [("This is interference,", "Venezuelan foreign ministry")],
        ),
        (
            "The Colombian government spoke first. Then the ministry said the border was “open to all.”",
            [("open to all.", "Colombian ministry")],
        ),
        # Near misses: the same body keeps its name; a document is the body's own.
        (
            "The Venezuelan government rejected the remarks. “This is interference,” the government said.",
            [("This is interference,", "Venezuelan government")],
        ),
        (
            "The Venezuelan foreign ministry rejected the remarks. “This is interference,” the statement said.",
            [("This is interference,", "Venezuelan foreign ministry")],
        ),
    ],
)
def test_a_body_of_the_country_named_before(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "The two leaders": as many people as it counts, the latest named.
        (
            "Ana Torres met Karl Weber in Madrid. The two leaders said the vote was “a clear fraud.”",
            [("a clear fraud.", "Ana Torres and Karl Weber")],
        ),
        (
            "Ana Torres met Karl Weber and Luis Herrera in Madrid. The three leaders said the vote was “a clear fraud.”",
            [("a clear fraud.", "Ana Torres and Karl Weber and Luis Herrera")],
        ),
        (
            "Ana Torres met Karl Weber in Madrid. Both foreign ministers said the vote was “a clear fraud.”",
            [("a clear fraud.", "Ana Torres and Karl Weber")],
        ),
        # Near miss: a counted group that is not the verb's subject.
        (
            "Ana Torres met Karl Weber in Madrid. The two leaders later met Luis Herrera, who said the vote was “a clear fraud.”",
            [("a clear fraud.", "Luis Herrera")],
        ),
    ],
)
def test_a_counted_group_of_people(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Role nouns and titles of news beyond politics (quote_cues.csv role and title rows).
        (
            "Pope Francis spoke on Sunday. “The will of the people must be respected,” the pope said.",
            [("The will of the people must be respected,", "Francis")],
        ),
        ("Judge Luis Herrera issued the ruling. “The case is closed,” the judge said.", [("The case is closed,", "Luis Herrera")]),
        ("Lawmaker Ana Torres filed a complaint. “The case is not closed,” the lawmaker said.", [("The case is not closed,", "Ana Torres")]),
        ("“We need calm in the streets,” an analyst said.", [("We need calm in the streets,", "analyst")]),
        # Near miss: a role the article gave someone else is not the latest speaker's.
        (
            "Judge Luis Herrera issued the ruling. “It is a fraud,” Ana Torres said. “The case is closed,” the judge said.",
            [("It is a fraud,", "Ana Torres"), ("The case is closed,", "Luis Herrera")],
        ),
    ],
)
def test_more_roles_and_titles(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A name in apposition right before the verb is who the words before it describe.
        (
            "UN Secretary-General Antonio Guterres’ spokesman, Stephane Dujarric, told reporters the UN was “closely following” events.",
            [("closely following", "Stéphane Dujarric")],
        ),
        ("Maduro’s son, Nicolás Maduro Guerra, said the vote was “a clean win.”", [("a clean win.", "Nicolás Maduro Guerra")]),
        # A document speaks for whoever signed or issued it.
        (
            "The statement, signed by the foreign ministers of Argentina and Chile, said the vote was “deeply flawed.”",
            [("deeply flawed.", "Argentina and Chile")],
        ),
        ("A letter signed by Ana Torres said the vote was “deeply flawed.”", [("deeply flawed.", "Ana Torres")]),
        ("A statement issued by the Carter Center said the vote was “deeply flawed.”", [("deeply flawed.", "Carter Center")]),
        # Near miss: a name after a comma that is not set off before the verb is no apposition.
        ("Ana Torres met voters in Maracaibo, Luis Herrera said, calling it “a huge crowd.”", [("a huge crowd.", "Luis Herrera")]),
    ],
)
def test_appositions_and_signatories(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A name and a colon right before the quote, as headlines and live blogs set a speaker.
        ("Karl Weber spoke first. Torres: “We have won this election.”", [("We have won this election.", "Torres")]),
        # A possessive of words said, and a sentence that gives someone's view, name the speaker.
        (
            "Karl Weber spoke first. In Torres’ words, the vote was “a fraud against the people.”",
            [("a fraud against the people.", "Torres")],
        ),
        (
            "Karl Weber spoke first. For Ana Torres, the vote was “a fraud against the people.”",
            [("a fraud against the people.", "Ana Torres")],
        ),
        (
            "Karl Weber spoke first. Ana Torres’s message was clear: “We have won this election.”",
            [("We have won this election.", "Ana Torres")],
        ),
        ("Karl Weber said the vote was flawed. Torres’ response: “It was a fraud.”", [("It was a fraud.", "Torres")]),
        # Near misses: a possessive of anything else, and a place before a colon, name no speaker.
        (
            "Karl Weber said the vote was flawed. Ana Torres’s car was stopped at the border: “It was a fraud.”",
            [("It was a fraud.", "Karl Weber")],
        ),
        ("Karl Weber said the vote was flawed. The scene in Caracas: “It was a fraud.”", [("It was a fraud.", "Karl Weber")]),
    ],
)
def test_colons_possessives_and_views(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # An unattributed quote goes to the latest speaker. Preferring a person who opened a sentence since
        # lost 3 right speakers of 27 on each tune half, so the rule stays and this case is a known failure.
        xfail(
            "Karl Weber said the vote was flawed. Ana Torres was more direct. “It was a fraud.”",
            [("It was a fraud.", "Ana Torres")],
            "an unattributed quote takes the latest speaker, not a person who opened a sentence since",
        ),
        # Near miss that the rule gets right: the person opening the sentence since is not speaking.
        (
            "Ana Torres said the count was over. Luis Herrera was arrested on Monday. “We will free him.”",
            [("We will free him.", "Ana Torres")],
        ),
    ],
)
def test_an_unattributed_quote_takes_the_latest_speaker(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A country's body named by what it does, in lower case.
        ("Venezuela’s electoral authority said the results were “irreversible and final.”", [("irreversible and final.", "Venezuelan electoral authority")]),
        ("The Brazilian electoral court said the vote was “clean and fair.”", [("clean and fair.", "Brazilian electoral court")]),
        # Near misses: a conjunction does not join a country to a body; a noun after a quantifier reports nothing.
        ("Venezuela and the ministry said the vote was “clean and fair.”", [("clean and fair.", "")]),
        (
            "Panama’s civil aviation authority will apply a “retaliation measure,” a cabinet spokesperson said without giving further details.",
            [("retaliation measure,", "cabinet spokesperson")],
        ),
    ],
)
def test_bodies_named_by_what_they_do(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # People nobody names, placed by a country, speak under that description.
        ("Karl Weber said the vote was over. US officials described the result as “a fraud.”", [("a fraud.", "US officials")]),
        (
            "Karl Weber said the vote was over. Officials in the United States described the result as “a fraud.”",
            [("a fraud.", "officials in the United States")],
        ),
        ("Karl Weber said the vote was over. Brazilian diplomats told Reuters the vote was “a fraud.”", [("a fraud.", "Brazilian diplomats")]),
        # The group word in any case, and in a text that lower-casing would misread ("aſked": the long s is an s to
        # IGNORECASE), where the clause is read for a group without the lower-cased look-up.
        ("Karl Weber said the vote was over. US OFFICIALS described the result as “a fraud.”", [("a fraud.", "US OFFICIALS")]),
        ("Karl Weber was aſked about the vote. US officials described the result as “a fraud.”", [("a fraud.", "US officials")]),
        # Near miss: a bare group may be one the article names elsewhere, so it is not made a speaker.
        ("Karl Weber said the vote was over. Former presidents criticised the “wave of repression.”", [("wave of repression.", "Karl Weber")]),
        # A capitalised verb form inside a name reports nothing ("the United States"); a title-case headline's does.
        (
            "Karl Weber said the vote was over. The opposition, backed by the United States, called the result “a fraud.”",
            [("a fraud.", "opposition")],
        ),
        ("Carter Center Says Venezuela Vote Was “not democratic at all”", [("not democratic at all", "Carter Center")]),
    ],
)
def test_unnamed_groups_and_verbs_inside_names(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # State media speak under their description, with the country that owns them.
        ("The decision, according to state-run TV, was “final and binding.”", [("final and binding.", "state-run TV")]),
        ("Venezuela’s state broadcaster said the protesters were “fascist groups.”", [("fascist groups.", "Venezuelan state broadcaster")]),
        ("State television VTV said the protesters were “fascist groups.”", [("fascist groups.", "VTV")]),
        # Near miss: "state" as a verb's object is no medium.
        ("Ana Torres visited the state of Zulia and said it was “full of hope.”", [("full of hope.", "Ana Torres")]),
    ],
)
def test_state_media(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Photographers and reporters named in credits never speak, so "she" passes over them.
        (
            "Ana Torres spoke to supporters in Caracas on Monday.\n\nJuan Barreto/AFP via Getty Images\n\n“We will keep fighting,” she said.",
            [("We will keep fighting,", "Ana Torres")],
        ),
        (
            "Ana Torres spoke to supporters in Caracas on Monday. REUTERS/Leonardo Fernandez\n\n“We will keep fighting,” she said.",
            [("We will keep fighting,", "Ana Torres")],
        ),
        (
            "Ana Torres spoke on Monday.\n\nLuis Herrera contributed reporting from Bogotá.\n\n“We will keep fighting.”",
            [("We will keep fighting.", "Ana Torres")],
        ),
        (
            "Ana Torres spoke on Monday.\n\nReporting by Luis Herrera; Editing by Karl Weber\n\n“We will keep fighting.”",
            [("We will keep fighting.", "Ana Torres")],
        ),
        # Near miss: a name in a sentence of the story, not a credit, is still the speaker.
        (
            "Ana Torres spoke on Monday.\n\nLuis Herrera, who reported the count, disagreed.\n\n“We will keep fighting,” he said.",
            [("We will keep fighting,", "Luis Herrera")],
        ),
    ],
)
def test_credits_name_no_speaker(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # After an inverted verb: role words before a lone surname, or the name in apposition to a role.
        ("“We won this election,” declared a jubilant Torres.", [("We won this election,", "Torres")]),
        ("“We won this election,” said the Venezuelan opposition leader, Ana Torres.", [("We won this election,", "Ana Torres")]),
        # Near miss: words that start a new clause are no role, so the name after them is not the speaker.
        ("“We won this election,” said on Monday that Pedro Soto had left.", [("We won this election,", "")]),
    ],
)
def test_inverted_speakers_after_role_words(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A middle initial is part of the name; a lone surname in apposition speaks as a full name does.
        ("Luis E. Herrera said the vote was “a plain fraud.”", [("a plain fraud.", "Luis E. Herrera")]),
        ("Torres’ ally, Herrera, said the vote was “a plain fraud.”", [("a plain fraud.", "Herrera")]),
        # Near miss: initials of a country stay out of a body's name.
        ("The U.S. State Department said the vote was “a plain fraud.”", [("a plain fraud.", "State Department")]),
        ("“We won this election,” said Juan M. Santos, a former president.", [("We won this election,", "Juan M. Santos")]),
    ],
)
def test_initials_and_lone_surnames(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # People of a body speak as that body's group, whether "of", "from" or "at" it.
        ("Officials at the National Electoral Council said the count was “final and binding.”", [("final and binding.", "National Electoral Council officials")]),
        ("Foreign ministers of the G7 said the vote was “deeply flawed.”", [("deeply flawed.", "G7 foreign ministers")]),
        # Near miss: a group at a place that is no body is not that body's.
        ("Ana Torres spoke. Officials at the rally said the crowd was “very large indeed.”", [("very large indeed.", "Ana Torres")]),
    ],
)
def test_people_of_a_body(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A country that issues, releases or signs a statement speaks through it, as its government.
        (
            "Colombia issued a statement saying “the tally sheets must be published.”",
            [("the tally sheets must be published.", "Colombia")],
        ),
        ("Peru released a statement that said “the fraud is evident.”", [("the fraud is evident.", "Peru")]),
        (
            "Colombia and Brazil issued a joint statement calling for “the publication of disaggregated data.”",
            [("the publication of disaggregated data.", "Colombia and Brazil")],
        ),
        # "The body of <country>" is that country's body, named as "<country>'s body" is.
        ("The government of Chile said it “cannot recognise these results.”", [("cannot recognise these results.", "Chilean government")]),
        ("The foreign ministry of Ecuador said it “rejects the announced results.”", [("rejects the announced results.", "Ecuadorian foreign ministry")]),
        (
            "The Organization of American States said the vote was “a manipulation of the results.”",
            [("a manipulation of the results.", "Organization of American States")],
        ),
        # Near misses: a region's adjective is no person; a country named after the statement's verb did not issue it;
        # a statement about a country is not the country's.
        ("The United States and 10 Latin American countries said they “reject the TSJ ruling.”", [("reject the TSJ ruling.", "")]),
        (
            "Ana Torres issued a statement about Peru saying “the fraud is evident.”",
            [("the fraud is evident.", "Ana Torres")],
        ),
        ("The report on the government of Chile described “a climate of fear.”", [("a climate of fear.", "")]),
    ],
)
def test_states_and_their_bodies_issue_statements(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A report whose subject names no one still puts its speaker before the verb: never the name after it.
        ("The U.S. Secretary of State said Karl Weber had won “by an insurmountable margin.”", [("by an insurmountable margin.", "")]),
        (
            "Ana Torres met reporters. The minister said Karl Weber had won “by an insurmountable margin.”",
            [("by an insurmountable margin.", "Ana Torres")],
        ),
        ("The foreign minister told Karl Weber the count was “a fraud.”", [("a fraud.", "")]),
        # Near miss: with no report before it, an unattributed quote still takes the latest speaker.
        (
            "“We won,” Ana Torres said. Karl Weber was not convinced. The count was “a fraud.”",
            [("We won,", "Ana Torres"), ("a fraud.", "Ana Torres")],
        ),
    ],
)
def test_a_report_of_no_one_named_keeps_the_names_after_its_verb(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # After an inverted verb, a document speaks for whoever issued it.
        ("“We reject the fraud,” said the statement from Peru's foreign ministry.", [("We reject the fraud,", "Peruvian foreign ministry")]),
        ("“We stand with Venezuela,” read a joint communiqué issued by Cuba and Bolivia.", [("We stand with Venezuela,", "Cuba and Bolivia")]),
        ("“We stand with Venezuela,” said a statement released by the Chilean government.", [("We stand with Venezuela,", "Chilean government")]),
        # Near misses: a statement that names no issuer, and one that names its subject, not its issuer.
        ("“We stand with Venezuela,” said the statement, without naming anyone.", [("We stand with Venezuela,", "")]),
        ("“We stand with Venezuela,” said a statement about Cuba.", [("We stand with Venezuela,", "")]),
    ],
)
def test_an_inverted_document_speaks_for_its_issuer(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A sentence opening on a capital or a country gives "the foreign ministry" its country.
        (
            "Venezuela expelled the diplomats. In Buenos Aires, the foreign ministry said the decision was “an unacceptable breach.”",
            [("an unacceptable breach.", "Argentine foreign ministry")],
        ),
        (
            "Venezuela expelled the diplomats. In Peru, the government said it would “respond in kind.”",
            [("respond in kind.", "Peruvian government")],
        ),
        ("In Moscow, the foreign ministry called the vote “transparent and fair.”", [("transparent and fair.", "Russian foreign ministry")]),
        # Near misses: a sentence opening on something other than a place keeps the country the article showed acting.
        (
            "Venezuela expelled the diplomats. In talks with Peru, the foreign ministry said it would “respond in kind.”",
            [("respond in kind.", "Venezuelan foreign ministry")],
        ),
        (
            "Venezuela expelled the diplomats. In a statement, the foreign ministry said it would “respond in kind.”",
            [("respond in kind.", "Venezuelan foreign ministry")],
        ),
    ],
)
def test_a_body_of_the_place_a_sentence_opens_in(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "she" and "he" refer back to the latest speaker or sentence subject whose given name fits (given_names.csv).
        (
            "Ana Torres said the count was over. Luis Herrera called her a traitor. “We will not give up,” she said.",
            [("We will not give up,", "Ana Torres")],
        ),
        (
            "Luis Herrera thanked supporters. Ana Torres spoke after him. “He won by a landslide,” she said. “We have the proof,” he added.",
            [("He won by a landslide,", "Ana Torres"), ("We have the proof,", "Luis Herrera")],
        ),
        (
            "Claudia Vega said the country would wait for the tally sheets. Pedro Álvarez agreed. “We must respect the vote,” she said.",
            [("We must respect the vote,", "Claudia Vega")],
        ),
        # A name the list does not know fits either pronoun.
        (
            "Ana Torres said the count was over. Karl Weber spoke next. “We will not give up,” he said.",
            [("We will not give up,", "Karl Weber")],
        ),
        # Near miss: when no speaker or subject fits, the pronoun still takes the latest one (translations from
        # Spanish often write "he" for a woman), not a person merely mentioned.
        (
            "Ana Torres met the press about Luis Herrera’s ceremony. “There are still no invitations,” he declared.",
            [("There are still no invitations,", "Ana Torres")],
        ),
    ],
)
def test_she_and_he_refer_to_a_person_they_fit(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A document speaks for every country that signed or issued it, listed after "by", before or after the verb.
        ("“This is a fraud,” said the statement, signed by Argentina, Chile and Peru.", [("This is a fraud,", "Argentina and Chile and Peru")]),
        (
            "The statement, signed by Argentina, Chile and Peru, said the countries “reject the announced results.”",
            [("reject the announced results.", "Argentina and Chile and Peru")],
        ),
        (
            "The statement, signed by the foreign ministers of Argentina and Chile, said the vote was “a fraud.”",
            [("a fraud.", "Argentina and Chile")],
        ),
        # Near miss: a country named after the list has ended is no signatory.
        ("“This is a fraud,” said the statement, signed by Argentina on Monday, and welcomed by Peru.", [("This is a fraud,", "Argentina")]),
    ],
)
def test_a_document_speaks_for_the_list_that_signed_it(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "it" after a list that opened a sentence is that list's statement; "they" is the list.
        (
            "Argentina and Chile issued a joint statement on Monday. “We call for the release of all prisoners,” it said.",
            [("We call for the release of all prisoners,", "Argentina and Chile")],
        ),
        ("Argentina, Chile and Peru issued a joint statement on Monday. “We reject the results,” they said.", [("We reject the results,", "Argentina and Chile and Peru")]),
        ("The Carter Center published its report. “The election did not meet standards,” it said.", [("The election did not meet standards,", "Carter Center")]),
        # Near miss: "they" is no single body.
        ("The Carter Center published its report. “The election did not meet standards,” they said.", [("The election did not meet standards,", "")]),
    ],
)
def test_it_and_they_after_a_list_of_bodies(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # People of the countries listed after "of" speak for those countries.
        ("The foreign ministers of Argentina and Chile said the results “lack democratic legitimacy.”", [("lack democratic legitimacy.", "Argentina and Chile")]),
        ("The presidents of Brazil and Colombia said they were “following the count closely.”", [("following the count closely.", "Brazil and Colombia")]),
        ("Leaders of Peru, Panama and Chile said the vote was “a fraud.”", [("a fraud.", "Peru and Panama and Chile")]),
        # Near misses: a body of a country is that body; a number opening a sentence is no first name.
        ("The Foreign Ministry of Peru said it “will not accept” the results.", [("will not accept", "Foreign Ministry of Peru")]),
        ("Nine Latin American countries said in a statement that they “reject the results.”", [("reject the results.", "")]),
    ],
)
def test_people_of_listed_countries_speak_for_them(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A country's document speaks under the country's adjective, as its bodies do.
        ("A Turkish readout of the call said Erdogan had “congratulated Maduro.”", [("congratulated Maduro.", "Turkish readout")]),
        ("Chile’s statement called the results “difficult to believe.”", [("difficult to believe.", "Chilean statement")]),
        # "the text" of a resolution speaks for the body that adopted it.
        (
            "The Organization of American States adopted a resolution on Venezuela. The text calls on the authorities “to respect the will of its people.”",
            [("to respect the will of its people.", "Organization of American States")],
        ),
        # Near miss: a country after a document's "of" is what the document is about, not who issued it.
        ("A report of the situation in Venezuela said the vote was “deeply flawed.”", [("deeply flawed.", "")]),
    ],
)
def test_a_country_s_document_and_a_resolution_s_text(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A dash right after the closing mark, or on the next line, signs the quote (an embedded post, an epigraph).
        ("Argentina reacted.\n\n“Dictator Maduro, out!”\n\n— Luis Herrera (@lherrera) July 29, 2024", [("Dictator Maduro, out!", "Luis Herrera")]),
        ("Ana Torres spoke. “We won this election.” — Luis Herrera (@lherrera) July 29, 2024", [("We won this election.", "Luis Herrera")]),
        ("“The count must be public.” – Democratic Unitary Platform", [("The count must be public.", "Democratic Unitary Platform")]),
        # Near miss: a dash before a lower-case aside signs nothing.
        ("“We won this election,” – a claim the government denies.", [("We won this election,", "")]),
    ],
)
def test_a_dash_under_a_quote_signs_it(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # With no person speaking or opening a sentence, "he" after a body's report is that body (translated text);
        # a sentence opening on "the organization" does not make the name later in it a subject.
        ("The Carter Center said the vote failed. Later, he added that “the results cannot be verified.”", [("the results cannot be verified.", "Carter Center")]),
        (
            "The Electoral Observation Mission (MOE) reviewed the records. In its exercise, the organization pointed out that, after "
            "reviewing the records, Luis Herrera obtained 67%. In this regard, he explained, “that 23% of the votes are missing.”",
            [("that 23% of the votes are missing.", "Electoral Observation Mission")],
        ),
        # A body's capitalised head alone is the body named so before it.
        (
            "The Electoral Observation Mission (MOE) reviewed the records. The Mission stated that “the votes are not sufficient.”",
            [("the votes are not sufficient.", "Electoral Observation Mission")],
        ),
        ("The Mission stated that “the votes are not sufficient.”", [("the votes are not sufficient.", "Mission")]),
        # Near misses: a person who spoke or opened a sentence is "he", before or after the body's report.
        ("The Carter Center said the vote failed. Luis Herrera spoke next. “The results cannot be verified,” he added.", [("The results cannot be verified,", "Luis Herrera")]),
        ("Luis Herrera said the vote failed. The Carter Center published its report. “The results cannot be verified,” he added.", [("The results cannot be verified,", "Luis Herrera")]),
    ],
)
def test_he_after_a_body_s_report_with_no_person_speaking(text, expected):
    assert found(text) == expected
