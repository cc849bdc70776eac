"""Quote speakers under the variations a reporter's text shows: each family a table of sentences in, (quote,
speaker) out, with a near miss.

The families come from metamorphic testing on the tune texts (a meaning-preserving rewrite of a real article,
its quotes' speakers checked against the gold): guillemets in place of curly marks, a headline or subheading in
title case above the text, a surname in apposition to a role, a name set off by an apposition before its verb,
an inverted verb with role words and a comma before the name.
"""
import pytest

from lib.extract import extract_article


def found(text):
    return [(r.quote, r.speaker) for r in extract_article("x", text)["quotes"]]


@pytest.mark.parametrize(
    "text, expected",
    [
        # Guillemets end a sentence as curly marks do: the passive's agent in the sentence before is not the speaker.
        (
            "She dismissed claims of a hack (as claimed by President Maduro). «There is no proof at all,» says Lincoln.",
            [("There is no proof at all,", "Lincoln")],
        ),
        (
            "The count was denounced by the opposition. «We will not accept it,» said Yván Gil.",
            [("We will not accept it,", "Yván Gil")],
        ),
        (
            "The ruling was welcomed by Maduro. «The court has spoken,» Caryslia Rodríguez told reporters.",
            [("The court has spoken,", "Caryslia Rodríguez")],
        ),
        # Near miss: in one sentence the passive's agent before the quote still reports it, with either mark.
        (
            "The result was described by Ana Torres as «a fraud without precedent».",
            [("a fraud without precedent", "Ana Torres")],
        ),
    ],
)
def test_guillemets_split_sentences_as_curly_marks_do(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A title-case headline capitalises every word: "Crisis Deepens" is nobody a role phrase could stand for.
        (
            "Venezuela Crisis Deepens As Neighbours Weigh In\n\n“We need the tally sheets,” the opposition leader said.",
            [("We need the tally sheets,", "")],
        ),
        # "Support González" is not the fullest spelling of the "González" after it.
        (
            "Edmundo González met Mulino in Panama.\n\nWhy Does Panama Support González?\n\n“We won the election,” said González.",
            [("We won the election,", "Edmundo González Urrutia")],
        ),
        (
            "Nicolás Maduro spoke to the summit.\n\nRegional Bloc Backs Maduro Reelection\n\n“Fascism is on the rise,” said Maduro during his address.",
            [("Fascism is on the rise,", "Nicolás Maduro")],
        ),
        # A subheading names nobody: a role phrase below it is the person the text named before.
        (
            "Edmundo González spoke in Panama on Wednesday.\n\nWhat People Are Saying\n\n“The regime insists on clinging to power,” the former ambassador said.",
            [("The regime insists on clinging to power,", "Edmundo González Urrutia")],
        ),
        # A known name stays a person without the words the headline runs into it ("Thanks Allies").
        ("María Corina Machado Thanks Allies\n\n“Thank you for your support,” she said.", [("Thank you for your support,", "María Corina Machado")]),
        # Near miss: a line that is only a name, a given name first, is that name (a caption, a list).
        ("Juan Pablo Guanipa\n\n“We will not leave,” he said.", [("We will not leave,", "Juan Pablo Guanipa")]),
        # Near miss: a headline's words named nowhere else name nobody, whom "she" could stand for.
        ("Crisis Deepens Across Caracas\n\n“We are afraid,” she said.", [("We are afraid,", "")]),
    ],
)
def test_a_title_case_headline_names_only_known_people(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A surname in apposition to a role opens the sentence as that person: a full name further on is someone else.
        (
            (
                "Antony Blinken spoke on Monday, while Nicolás Maduro celebrated. The Secretary of State, Blinken, has confirmed"
                " that the count was flawed, while he has affirmed that the Venezuelan president, Nicolás Maduro, “has no evidence.”"
                " “The people have spoken,” he said."
            ),
            [("has no evidence.", "Antony Blinken"), ("The people have spoken,", "Antony Blinken")],
        ),
        (
            (
                "Lula met Petro. The Brazilian president, Lula, told reporters, after Colombia’s president, Gustavo Petro, left,"
                " that the count was “not transparent.” “We will wait,” he said."
            ),
            [("not transparent.", "Luiz Inácio Lula da Silva"), ("We will wait,", "Luiz Inácio Lula da Silva")],
        ),
        ("Yván Gil met Pedro Soto. The foreign minister, Gil, called the report “an insult to Venezuela.”", [("an insult to Venezuela.", "Yván Gil")]),
        # Near miss: a name inside a relative clause after the role is not in apposition to it.
        ("Chile’s president, who met Lula on Monday, said the count was “not transparent.”", [("not transparent.", "Chilean president")]),
    ],
)
def test_a_surname_in_apposition_to_a_role_is_that_person(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A name set off by an apposition right before the verb is its subject, past a name earlier in the clause.
        (
            "In an interview with the newspaper El País, mathematician Terence Tao, 61, said the chance was “one in 100 million.”",
            [("one in 100 million.", "Terence Tao")],
        ),
        (
            "At a meeting with the Carter Center, Ana Torres, a lawyer for Foro Penal, told reporters the arrests were “arbitrary and illegal.”",
            [("arbitrary and illegal.", "Ana Torres")],
        ),
        (
            "Speaking to Reuters in Madrid, Edmundo González, who left Venezuela in September, said he would return “to take office.”",
            [("to take office.", "Edmundo González Urrutia")],
        ),
        # Near miss: a name set off after a preposition is not the subject; the name before the verb is.
        (
            "In a letter to Ana Torres, a lawyer for Foro Penal, Yván Gil said the arrests were “lawful and necessary.”",
            [("lawful and necessary.", "Yván Gil")],
        ),
    ],
)
def test_a_name_set_off_before_its_verb_is_the_subject(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # After an inverted verb, a comma may set the name off from its role words.
        ("“We will not give up,” said the opposition leader, Ana Torres.", [("We will not give up,", "Ana Torres")]),
        ("“Count every vote,” said former foreign minister, Jorge Arreaza, on Monday.", [("Count every vote,", "Jorge Arreaza")]),
        (
            "“The regime insists on clinging to power,” said Venezuelan opposition leader, Edmundo Gonzalez.",
            [("The regime insists on clinging to power,", "Edmundo González Urrutia")],
        ),
        # Near miss: a clause after the comma is no name in apposition: the unnamed role speaks.
        (
            "“We lost the count,” said a government spokesman, adding Pedro Soto had resigned.",
            [("We lost the count,", "government spokesman")],
        ),
    ],
)
def test_an_inverted_verb_may_set_the_name_off_by_a_comma(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Reporting verbs a reporter uses for "said" (quote_cues.csv verb rows).
        (
            "Ana Torres, a lawyer for Foro Penal, met the press. Pedro Soto stayed home. She complained that the arrests were “arbitrary and cruel.”",
            [("arbitrary and cruel.", "Ana Torres")],
        ),
        ("Maduro spoke on Monday. “We were never given the tally sheets,” Machado retorted.", [("We were never given the tally sheets,", "María Corina Machado")]),
        ("“The count was not transparent,” Lula recounted in an interview.", [("The count was not transparent,", "Luiz Inácio Lula da Silva")]),
        ("Maduro spoke on Monday. Petro joked that Maduro “has more lives than a cat.”", [("has more lives than a cat.", "Gustavo Petro")]),
        ("Yván Gil contended the report was “an insult to Venezuela.”", [("an insult to Venezuela.", "Yván Gil")]),
        # Near miss: a verb form after a determiner is an adjective, no report of its own.
        (
            "Ana Torres spoke in Caracas. The reported figures were “not credible at all,” she said.",
            [("not credible at all,", "Ana Torres")],
        ),
    ],
)
def test_reporting_verbs_a_reporter_uses_for_said(text, expected):
    assert found(text) == expected


@pytest.mark.xfail(strict=True, reason="'alleged' and 'charged' are no verb rows: far more often an adjective ('the alleged fraud') or a passive ('charged with terrorism')")
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Maduro spoke on Monday. “The count was not transparent,” Lula charged.", [("The count was not transparent,", "Luiz Inácio Lula da Silva")]),
        ("Maduro spoke on Monday. “The count was rigged,” Machado alleged.", [("The count was rigged,", "María Corina Machado")]),
    ],
)
def test_known_verbs_left_out(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A country set off from its verb by a clause or a description still speaks, as its bare name does.
        (
            "Obert Mpofu spoke first. The United States of America, which has followed the crisis closely, said “it is clear” that Maduro lost.",
            [("it is clear", "United States of America")],
        ),
        (
            "Obert Mpofu spoke first. Brazil, which shares a long border with Venezuela, called for “the publication of the tally sheets.”",
            [("the publication of the tally sheets.", "Brazil")],
        ),
        (
            "Obert Mpofu spoke first. Peru, a vocal critic of Maduro, said the result was “a fraud without precedent.”",
            [("a fraud without precedent.", "Peru")],
        ),
        # Near miss: a place the sentence opens in is where it happens; the person named before the verb speaks.
        (
            "Obert Mpofu spoke first. In Peru, which recalled its envoy, Ana Torres said the result was “a fraud without precedent.”",
            [("a fraud without precedent.", "Ana Torres")],
        ),
    ],
)
def test_a_country_set_off_from_its_verb_speaks(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "Venezuelan opposition leaders González and Machado" are those people, not the body "Venezuelan opposition",
        # which "they" would then stand for.
        (
            (
                "Edmundo González Urrutia and María Corina Machado wrote to Harris.\n\nVenezuelan opposition leaders González and"
                " María Corina Machado thanked Harris on Friday for being a “defender of democratic values,” in response to a letter"
                " in which the American called for transparency.\n\nThe abandoned member of the platform and his main supporter"
                " published the same message on X, in which they say they feel moved by “the leaders of the democratic world.”"
            ),
            [
                ("defender of democratic values,", "Edmundo González Urrutia and María Corina Machado"),
                ("the leaders of the democratic world.", "Edmundo González Urrutia and María Corina Machado"),
            ],
        ),
        # Near miss: the plural role without a name after it is still the body's people.
        ("Venezuelan opposition leaders said on Friday that the count was “a fraud without precedent.”", [("a fraud without precedent.", "Venezuelan opposition leaders")]),
        ("Venezuelan opposition lawmakers on Friday called for “an independent audit.”", [("an independent audit.", "Venezuelan opposition")]),
    ],
)
def test_a_plural_role_before_names_is_those_people(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Names of other shapes than the lexicons': an Arabic surname with its article, in the middle of a name or alone.
        ("Ahmed al-Sharif met Lula in Brasília. “We will work together,” al-Sharif said.", [("We will work together,", "Ahmed al-Sharif")]),
        ("Ahmed al-Sharif met Lula in Brasília. Al-Sharif said the meeting was “a step towards peace.”", [("a step towards peace.", "Ahmed al-Sharif")]),
        ("Lula met Ahmed al-Sharif. “The region needs calm,” al-Sharif told reporters.", [("The region needs calm,", "Ahmed al-Sharif")]),
        # A middle initial's period between the quote and the verb ends no sentence.
        (
            (
                "President Donald Trump said strikes could begin “soon and hard.”\n\n“I demand an answer: what happened to my husband?”"
                " Díaz’s wife, Luis E. Herrera, wrote in a social media post."
            ),
            [("soon and hard.", "Donald Trump"), ("I demand an answer: what happened to my husband?", "Luis E. Herrera")],
        ),
        # An adverb opening the sentence is no first name ("Then Soto" is Soto).
        ("Ana Torres met Pedro Soto on Monday. Then Soto said the count was “a fraud without precedent.”", [("a fraud without precedent.", "Pedro Soto")]),
        ("Ana Torres met Pedro Soto on Monday. Yesterday Torres said the count was “a fraud without precedent.”", [("a fraud without precedent.", "Ana Torres")]),
        ("Ana Torres met Pedro Soto on Monday. Now Soto says the count was “a fraud without precedent.”", [("a fraud without precedent.", "Pedro Soto")]),
        # Near miss: a prefix joined to a word in lower case ("anti-Maduro") names nobody.
        ("Ahmed al-Sharif met Lula. The anti-Maduro march drew thousands. “We will not stop,” Lula said.", [("We will not stop,", "Luiz Inácio Lula da Silva")]),
        # Near miss: a sentence end between the quote and a later report still ends the quote's own attribution.
        (
            "Maduro spoke. “We were never told.” Ana Ruiz left. The next morning, Pedro Soto said the talks had failed badly and would not resume soon.",
            [("We were never told.", "Nicolás Maduro")],
        ),
    ],
)
def test_names_of_other_shapes(text, expected):
    assert found(text) == expected
