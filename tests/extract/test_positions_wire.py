"""Positions over the ways wire copy reports international reactions (AP, Reuters, AFP, BBC, Guardian, EFE,
and Spanish wire copy in translation).

The sentences are invented from news conventions, not from the errors of one article: people are invented
where a known official would be resolved by ``officials.csv`` instead of by the sentence; countries are real.
Each group holds near misses that must yield nothing or a weaker stance: a target is no holder (expelled
diplomats), a party or a parliament is not its state, a former official speaks for no one, another contest
is not this one, a condition or a negation is no stance.
"""
import pytest

from lib.extract import positions as module
from lib.extract.positions import find_positions
from lib.lexicon import needs_problems
from lib.text import sentences


def found(text):
    return {(r.actor_code, r.stance) for r in find_positions("x", text, sentences=list(sentences(text)))}


def xfail(text, expected, reason):
    return pytest.param(text, expected, marks=pytest.mark.xfail(strict=True, reason=reason))


def each(codes, stance):
    return {(code, stance) for code in codes.split()}


RG, RM, RR, DT = "recognizes_gonzalez", "recognizes_maduro", "rejects_result", "demands_transparency"

RECOGNITION = [
    ("Argentina recognises Edmundo González Urrutia as the president-elect of Venezuela, the foreign ministry in Buenos Aires said on Friday.",
     {("ARG", RG)}),
    ("Uruguay considers González the winner of the July 28 election.", {("URY", RG)}),
    ("Costa Rica regards Edmundo González as Venezuela's legitimate president-elect.", {("CRI", RG)}),
    ("Panama's foreign minister called González “the legitimate winner” of the vote.", {("PAN", RG)}),
    ("The United States said González won the election by a wide margin.", {("USA", RG)}),
    ("Ecuador's government said it considers Edmundo González to be the elected president.", {("ECU", RG)}),
    ("Peru was the first country to recognise González as president-elect.", {("PER", RG)}),
    ("Italy's government described González as the winner of the election.", {("ITA", RG)}),
    ("The Dominican Republic acknowledged González as the victor.", {("DOM", RG)}),
    ("Paraguay said Edmundo González is the real winner.", {("PRY", RG)}),
    ("Argentina said the real winner was González.", {("ARG", RG)}),
    ("Uruguay's president said Edmundo González Urrutia won the election.", {("URY", RG)}),
    ("Peru recognised the victory of Edmundo González.", {("PER", RG)}),
    ("Panama joined a growing list of countries that have recognised González as the winner.", {("PAN", RG)}),
    ("Countries such as Argentina, Peru and Uruguay have recognised González.", each("ARG PER URY", RG)),
    # Near misses: the candidate, his camp or a Venezuelan speaks; something of González's is recognised; another contest.
    ("González said he considers himself the president-elect.", set()),
    ("The opposition claims González won the election.", set()),
    ("Machado called González the president-elect.", set()),
    ("Argentina's foreign minister recognised the efforts of Edmundo González's campaign team.", set()),
    ("Spain recognised González's right to asylum.", set()),
    ("Panama said González won the opposition primary.", set()),
    ("Colombia said it would wait before calling anyone the winner.", set()),
]

SUPPORT_FOR_MADURO = [
    ("China congratulated Nicolás Maduro on his re-election, a foreign ministry spokesperson said in Beijing.", {("CHN", RM)}),
    ("Russian President Vladimir Putin sent a telegram congratulating Maduro on his victory.", {("RUS", RM)}),
    ("Honduras' President Xiomara Castro extended her congratulations to Maduro.", {("HND", RM)}),
    ("Bolivia's government expressed its solidarity with President Nicolás Maduro.", {("BOL", RM)}),
    ("Nicaragua's co-president Rosario Murillo hailed Maduro's triumph.", {("NIC", RM)}),
    ("Cuba recognises Maduro as the legitimate winner.", {("CUB", RM)}),
    ("Iran welcomed the re-election of Nicolás Maduro.", {("IRN", RM)}),
    ("Syria's government said it recognises Maduro's victory.", {("SYR", RM)}),
    ("Belarus sent a congratulatory message to Maduro.", {("BLR", RM)}),
    ("Beijing said it respects the choice of the Venezuelan people and congratulated Maduro.", {("CHN", RM)}),
    ("Moscow called Maduro the legitimate president of Venezuela.", {("RUS", RM)}),
    ("The Kremlin said that Maduro's victory was legitimate.", {("RUS", RM)}),
    ("Russia's foreign ministry warned against foreign interference and said Maduro had won a fair election.", {("RUS", RM)}),
    ("Cuba said Maduro won the election fairly.", {("CUB", RM)}),
    ("China said Maduro had won the presidential election.", {("CHN", RM)}),
    # Telling the loser to concede recognises the winner; the loser's own camp or Maduro saying so is no foreign stance.
    ("The Kremlin said the opposition should accept the results.", {("RUS", RM)}),
    ("Russia's Kremlin spokesman Dmitry Peskov said Moscow hoped the opposition would accept defeat.", {("RUS", RM)}),
    ("China urged the losers to accept the outcome.", {("CHN", RM)}),
    ("Colombia wants to see the records, Petro said, adding that the opposition should accept the results if they were verified.",
     {("COL", DT)}),
    ("Maduro said the opposition must accept the results.", set()),
    ("The opposition said it would never accept defeat.", set()),
    # Near misses: Maduro congratulates; a negated or declined congratulation; support for the people; a phone call;
    # a nationality; the rejection of criticism is no recognition.
    ("Cuba said Maduro's re-election was fair.", {("CUB", RM)}),
    ("The Cuban government hailed Maduro's victory.", {("CUB", RM)}),
    ("Moscow called Maduro the president.", set()),
    ("Peru called Maduro an illegitimate president.", {("PER", RR)}),
    ("Brazil questioned claims that Maduro won.", set()),
    ("Peru said Maduro's victory was not legitimate.", {("PER", RR)}),
    ("Maduro said he had won the election.", set()),
    ("Argentina said Maduro won only by fraud.", {("ARG", RR)}),
    ("Peru said Maduro won the 2018 election by fraud.", set()),
    ("Maduro congratulated his supporters on the victory.", set()),
    # Congratulating another actor is no recognition of Maduro (other elections, sport).
    ("Biden congratulated Claudia Sheinbaum on her election victory.", set()),
    ("Spain congratulated Argentina on winning the Copa América.", set()),
    ("Lula congratulated Mexico's president-elect.", set()),
    ("Putin congratulated President Maduro.", {("RUS", RM)}),
    ("Cuba congratulated the Venezuelan people on the election.", {("CUB", RM)}),
    ("Mexico did not congratulate Maduro.", set()),
    ("Lula said he had not yet congratulated Maduro.", set()),
    ("Brazil expressed support for the Venezuelan people.", set()),
    ("Turkey's Erdogan telephoned Maduro.", set()),
    ("Colombia declined to congratulate Maduro.", set()),
    ("The Cuban journalist congratulated Maduro.", set()),
    ("China rejected criticism of the election results.", set()),
    ("The Kremlin said that the election was not legitimate.", {("RUS", RR)}),
]

REJECTION = [
    ("Argentina rejected the results announced by the National Electoral Council.", {("ARG", RR)}),
    ("Panama said it would not recognise Maduro's re-election.", {("PAN", RR)}),
    ("Guatemala refuses to recognise the results proclaimed by the CNE.", {("GTM", RR)}),
    ("Uruguay does not recognise Maduro as the winner.", {("URY", RR)}),
    ("Costa Rica's president described the election as a “monumental fraud”.", {("CRI", RR)}),
    ("Peru's foreign ministry said the CNE's proclamation lacked any legitimacy.", {("PER", RR)}),
    ("Panama recalled its ambassador from Caracas in protest at the results.", {("PAN", RR)}),
    ("Chile withdrew its ambassador from Caracas over the disputed election.", {("CHL", RR)}),
    ("Argentina's government said the regime had stolen the election.", {("ARG", RR)}),
    ("Milei called Maduro a dictator and said the vote was rigged.", {("ARG", RR)}),
    ("Paraguay broke off diplomatic relations with Caracas.", {("PRY", RR)}),
    ("The EU said the results could not be accepted as legitimate.", {("EU", RR)}),
    ("Argentina, Chile and Uruguay expressed their rejection of the results.", each("ARG CHL URY", RR)),
    ("Ecuador denounced what it called a fraud.", {("ECU", RR)}),
    ("Argentina said it would not accept the results and called for an audit.", {("ARG", RR)}),
    ("The governments of Argentina, Costa Rica, Ecuador, Panama, Peru and Uruguay said in a joint statement that they do not "
     "recognise the results.", each("ARG CRI ECU PAN PER URY", RR)),
    ("Spain's foreign minister said Madrid would not recognise Maduro's victory until the tally sheets were published.", {("ESP", RR)}),
    ("Panama said Maduro stayed in power through fraud.", {("PAN", RR)}),
    ("Peru said the CNE had rigged the vote.", {("PER", RR)}),
    ("A spokesperson for the State Department said the results lacked credibility.", {("USA", DT)}),
    ("Canada, which rejected the 2018 election, rejected this year's results.", {("CAN", RR)}),
    ("The Dominican Republic, Panama and Peru suspended flights to Venezuela and recalled their ambassadors over the disputed vote.",
     each("DOM PAN PER", RR)),
    ("The UK said the results did not reflect the votes cast.", {("GBR", RR)}),
    # Near misses: the targets of an expulsion or of a break are no holders; Venezuela's own acts; other rejections.
    ("Venezuela expelled diplomats from seven Latin American countries, including Argentina and Peru.", set()),
    ("Maduro's government broke off relations with Argentina, Chile and Peru.", set()),
    ("Caracas suspended flights to Panama and the Dominican Republic.", set()),
    ("Venezuela recalled its ambassadors from Argentina, Chile and Peru.", set()),
    ("Russia rejected the US sanctions.", set()),
    ("Nicaragua suspended diplomatic relations with the Vatican.", set()),
    ("Peru broke off relations with the Venezuelan government.", {("PER", RR)}),
    ("Brazil rejected foreign interference in Venezuela.", set()),
    ("Venezuela recalled its ambassador from Lima over the statement.", set()),
    ("Russia said Washington was trying to steal the election.", set()),
    ("Chile has no doubt that the election was stolen.", {("CHL", RR)}),
    # An exception is left out of the list's stance, the rest of its list too.
    ("Most Latin American countries, with the exception of Cuba, Nicaragua and Bolivia, refused to recognise the results.", set()),
    ("Most Latin American countries, except Cuba, Nicaragua and Bolivia, refused to recognise the results.", set()),
    ("Unlike Argentina, Brazil has not rejected the results.", set()),
    ("The United States and most of Europe, apart from Hungary, rejected the results.", {("USA", RR)}),
    ("The Chancellery of Peru summoned its ambassador in Caracas for consultations after the proclamation of Maduro.", {("PER", RR)}),
    ("Argentina withdrew its diplomats from Caracas after Venezuela expelled them over the election.", set()),
    ("Chile recalled its ambassador after Maduro insulted Boric over his comments on the election.", set()),
    ("Venezuela summoned its ambassador in Lima over the proclamation.", set()),
    ("Peru recalled its ambassador for consultations on trade.", set()),
    ("Maduro said that the United States had tried to steal the election.", set()),
]

DEMANDS = [
    ("Brazil, Colombia and Mexico urged Venezuela's electoral authorities to publish the voting data broken down by polling station.",
     each("BRA COL MEX", DT)),
    ("The European Union demanded access to the original tally sheets.", {("EU", DT)}),
    ("The UN Secretary-General called for full transparency.", {("UN", DT)}),
    ("Spain asked the CNE to make the records public.", {("ESP", DT)}),
    ("Germany expressed concern about the lack of transparency in the count.", {("DEU", DT)}),
    ("Canada has serious doubts about the announced results.", {("CAN", DT)}),
    ("The OAS called for an independent audit of the vote.", {("OAS", DT)}),
    ("Portugal will wait for the verification of the minutes before taking a position.", {("PRT", DT)}),
    # Concern that the result may not reflect the vote is a demand, not a rejection.
    ("France is concerned that the announced result does not reflect the will of the voters.", {("FRA", DT)}),
    ("The Chilean government said the results were difficult to verify.", {("CHL", DT)}),
    ("Colombia's Petro asked for a transparent count.", {("COL", DT)}),
    ("Lula said Maduro owed the world an explanation and should present the records.", {("BRA", DT)}),
    ("The Netherlands insisted on the publication of all tally sheets.", {("NLD", DT)}),
    ("Japan urged the authorities to disclose the results of each polling station.", {("JPN", DT)}),
    ("Canada fears that the results do not reflect the will of the Venezuelan people.", {("CAN", DT)}),
    ("Spain is worried that the election was stolen.", {("ESP", DT)}),
    ("Lula's government has asked Maduro to present the tally sheets.", {("BRA", DT)}),
    ("Mexico's López Obrador said Mexico would wait for the tally sheets before taking a position.", {("MEX", DT)}),
    ("Brazil, Colombia and Mexico have avoided taking sides, instead calling for the release of detailed vote counts.",
     each("BRA COL MEX", DT)),
    ("Spain's foreign minister, José Manuel Albares, said Madrid wanted to see the tally sheets.", {("ESP", DT)}),
    ("The French foreign ministry said it wanted to see the detailed results.", {("FRA", DT)}),
    ("Germany said it expected the electoral council to publish the results of every polling station.", {("DEU", DT)}),
    ("The UK is concerned that the results did not reflect the votes cast.", {("GBR", DT)}),
    ("Brazil said it wanted to see the results soon.", set()),
    ("Analysts expect the CNE to publish the results.", set()),
    ("The Government chaired by Gabriel Boric made a call to the CNE to present the minutes.", {("CHL", DT)}),
    ("In this sense, the Mexican government insisted on the need to count vote by vote.", {("MEX", DT)}),
    ("The protest led by Machado called for the publication of the tally sheets.", set()),
    ("The mission, headed by a former Colombian president, called for the publication of the tally sheets.", set()),
    ("Mexico said the count went vote by vote.", set()),
    # Near misses: prisoners, arrests, calm; the opposition or the CNE publishing; observers; safety.
    ("Brazil called for the release of political prisoners.", set()),
    ("The UN expressed concern about arrests of protesters.", set()),
    ("Mexico urged calm.", set()),
    ("Panama asked for a recount of the votes.", {("PAN", DT)}),
    ("The opposition published the tally sheets online.", set()),
    ("The CNE said it would publish the detailed results soon.", set()),
    ("Carter Center observers called for the publication of the results.", set()),
    ("Spain asked Venezuela to guarantee González's safety.", set()),
    ("Japan urged the authorities to disclose the whereabouts of the detainees.", set()),
]

LISTS_AND_SIGNATORIES = [
    ("Nine Latin American governments issued a joint statement demanding a review of the results. The signatories were Argentina, "
     "Costa Rica, Ecuador, Guatemala, Panama, Paraguay, Peru, the Dominican Republic and Uruguay.",
     each("ARG CRI ECU GTM PAN PRY PER DOM URY", DT)),
    ("In a joint statement, Argentina, Costa Rica, Ecuador, Panama, Peru and Uruguay called for a full review of the results.",
     each("ARG CRI ECU PAN PER URY", DT)),
    ("A declaration signed by Spain, Portugal, Italy, France, Germany, the Netherlands and Poland urged the authorities to publish "
     "the tally sheets.", each("ESP PRT ITA FRA DEU NLD POL", DT)),
    ("Eleven countries refused to recognise the outcome. Among them were Argentina, Costa Rica and Peru.", each("ARG CRI PER", RR)),
    ("Argentina, Chile and Peru rejected the results. Mexico, Brazil and Colombia called for the tally sheets to be published.",
     each("ARG CHL PER", RR) | each("MEX BRA COL", DT)),
    ("The statement was also signed by Canada, Guatemala and Paraguay, which called for the publication of the actas.",
     each("CAN GTM PRY", DT)),
    ("Mexico, Brazil and Colombia, whose leaders are on the left, have called for the release of the voting records.",
     each("MEX BRA COL", DT)),
    ("The United States and a dozen Latin American countries have rejected the results.", {("USA", RR)}),
    ("The governments of Argentina, Costa Rica, Ecuador, Guatemala, Panama, Paraguay, Peru, the Dominican Republic and Uruguay signed "
     "the statement. “We demand a full review of the results with independent observers,” the document said.",
     each("ARG CRI ECU GTM PAN PRY PER DOM URY", DT)),
    ("“We demand a full review of the results,” the statement said.", set()),
    # An unnamed group holding the cue, named after a copula.
    ("Among those who congratulated Maduro were Cuba, Nicaragua and Honduras.", each("CUB NIC HND", RM)),
    ("Among the countries that have not recognised Maduro's victory are Argentina, Chile and Peru.", each("ARG CHL PER", RR)),
    ("The countries that rejected the results include Argentina and Chile.", each("ARG CHL", RR)),
    ("Among those who attended the inauguration were Cuba and Nicaragua.", set()),
    ("Among the observers who questioned the results were experts from the UN.", set()),
    ("A joint declaration called for the publication of the tally sheets. It was backed by Argentina, Canada, Chile and Peru.",
     each("ARG CAN CHL PER", DT)),
    ("The following governments signed the statement rejecting the results: Argentina, Costa Rica, Ecuador and Uruguay.",
     each("ARG CRI ECU URY", RR)),
    ("The European Parliament's resolution, which recognises González as president-elect, is not binding on the EU.", {("EP", RG)}),
    ("The statement rejected the results. It was backed by the opposition and by Venezuelan NGOs.", set()),
    ("Several governments called for the publication of the tally sheets: the deadline passed on Friday.", set()),
    # A possessive joins a country to its person inside a list.
    ("Ecuador's Noboa, Peru's Boluarte and Argentina's Milei signed a statement rejecting the results.", each("ECU PER ARG", RR)),
    ("Lula and Colombia's Petro have called for the tally sheets to be released.", each("BRA COL", DT)),
    ("Brazil's Lula and Mexico's Sheinbaum did not sign the statement.", set()),
    xfail("Officials from Brazil and Colombia said the results must be verified.", each("BRA COL", DT),
          "'from' after officials or diplomats names their origin here but a place or a target elsewhere "
          "('expelled diplomats from Peru', 'met officials from Brazil'): telling them apart needs the verb before"),
    # Near misses: a list of attendees, or of places, after a statement; a list of targets.
    ("A statement rejecting the results was issued in Panama City. Diplomats from Argentina, Chile and Peru attended the meeting.", set()),
    ("The United States called for the publication of the tally sheets. Its embassies in Argentina, Chile and Peru issued visas.",
     {("USA", DT)}),
    ("Venezuela rejected the joint statement. It also expelled the diplomats of Argentina, Chile, Peru and Uruguay.", set()),
]

ANAPHORA = [
    ("Argentina, Chile and Peru met in Lima. The three governments rejected the results.", each("ARG CHL PER", RR)),
    ("Argentina and Uruguay issued a joint communique. Both countries said Maduro had lost the election.", each("ARG URY", RR)),
    ("EU foreign ministers met in Brussels. The bloc said it would not recognise Maduro's victory.", {("EU", RR)}),
    ("Argentina, Costa Rica, Ecuador, Guatemala, Panama, Paraguay, Peru, the Dominican Republic and Uruguay met virtually. "
     "The nine governments called for an urgent review of the results.", each("ARG CRI ECU GTM PAN PRY PER DOM URY", DT)),
    ("Argentina, Costa Rica, Ecuador, Panama, Peru, the Dominican Republic and Uruguay signed a document. "
     "In the document, the signatory countries demand the publication of the records.", each("ARG CRI ECU PAN PER DOM URY", DT)),
    ("Mercosur foreign ministers met in Asunción. The bloc demanded the publication of the actas.", {("MERCOSUR", DT)}),
    ("EU foreign ministers met on Thursday. The 27-nation bloc said it would not recognise Maduro's victory.", {("EU", RR)}),
    ("Colombia and Brazil issued a joint statement. They called for the impartial verification of the results.", each("COL BRA", DT)),
    ("Brazil's Lula and Colombia's Petro spoke by phone. They called for the publication of the tally sheets.", each("BRA COL", DT)),
    # Near misses: no list before the anaphor; the group's members speak of something else.
    ("Both countries called for the publication of the tally sheets.", set()),
    ("Colombia and Brazil spoke by phone. Both leaders expressed concern about the detention of protesters.", set()),
    ("Venezuela expelled diplomats from Argentina, Chile and Peru. The three countries rejected the results.", set()),
]

BODIES_AND_MEMBERS = [
    ("The OAS Secretary General said the election was a fraud.", {("OAS", RR)}),
    ("MEPs voted to recognise Edmundo González as president-elect.", {("EP", RG)}),
    ("The European Parliament voted to recognise González as the legitimate president; the EU's foreign policy chief "
     "stopped short of doing so.", {("EP", RG)}),
    ("The EU's High Representative said the results could not be recognised.", {("EU", RR)}),
    ("G7 foreign ministers said in a joint statement that the election lacked democratic legitimacy.", {("G7", RR)}),
    ("The G7 (Canada, France, Germany, Italy, Japan, the UK and the US) called for the tally sheets to be published.",
     {("G7", DT)} | each("CAN FRA DEU ITA JPN GBR USA", DT)),
    ("The UN Human Rights Council adopted a resolution expressing concern about the integrity of the election.", {("UN", DT)}),
    # Near misses: an unlisted member; a mission of experts; a failed resolution.
    ("The G7 called for the publication of the tally sheets; Japan, which holds the rotating chair, hosted the talks.", {("G7", DT)}),
    ("The UN Fact-Finding Mission said the CNE lacked transparency.", set()),
    ("An EU electoral expert mission said the results could not be verified.", set()),
    ("The OAS Permanent Council failed to approve a resolution demanding the publication of the tally sheets.", set()),
]

HEADLINES = [
    ("Argentina, Uruguay reject Maduro's win", each("ARG URY", RR)),
    ("US recognises González as Venezuela election winner", {("USA", RG)}),
    ("China, Russia congratulate Maduro on disputed win", each("CHN RUS", RM)),
    ("Brazil, Colombia call for Venezuela to release voting data", each("BRA COL", DT)),
    ("Venezuela's Maduro rejects US recognition of González", {("USA", RG)}),
    ("Russia, China hail Maduro win as West cries foul", each("RUS CHN", RM)),
    ("US backs González claim of victory", {("USA", RG)}),
    ("Panama suspends ties with Venezuela over disputed vote", {("PAN", RR)}),
    ("Venezuela election: US recognises González as winner", {("USA", RG)}),
    # Near misses: the candidates claim and cry.
    ("Machado hails González win", set()),
    ("Spain's Congress urges government to recognise González", set()),
    ("Maduro wins re-election, CNE says, as opposition disputes result", set()),
    ("Maduro claims victory as opposition cries fraud", set()),
    ("Venezuela expels diplomats from seven countries", set()),
]

PASSIVES = [
    ("Edmundo González has been recognised as the winner by the United States, Argentina and Uruguay.", each("USA ARG URY", RG)),
    ("The result was rejected by Chile, Guatemala and Panama.", each("CHL GTM PAN", RR)),
    ("The CNE's figures were called into question by Colombia and Brazil.", each("COL BRA", DT)),
    ("Maduro's win has been recognised by Cuba, Nicaragua and Bolivia.", each("CUB NIC BOL", RM)),
    # Near misses: passers-by, Venezuela's own assembly, no agent.
    ("González was recognised by passers-by in Madrid.", set()),
    ("Maduro was recognised as president by the National Assembly.", set()),
    ("The results were rejected.", set()),
]

RELATIVE_CLAUSES = [
    ("Edmundo González, whom Washington recognises as the president-elect, arrived in Madrid.", {("USA", RG)}),
    ("Maduro, whom Beijing and Moscow regard as the legitimate winner, was sworn in on Friday.", each("CHN RUS", RM)),
    ("Panama, which recognises González as the winner, hosted the meeting.", {("PAN", RG)}),
    ("Argentina, which had rejected the results, saw its diplomats expelled.", {("ARG", RR)}),
    # Near misses: the relative clause is about something else.
    ("González, whom Spain flew to Madrid, thanked the government.", set()),
    ("Spain, where González lives in exile, has not taken a position.", set()),
]

QUOTES = [
    ("“What happened in Venezuela was a fraud,” said Peru's foreign minister, Elena Quispe.", {("PER", RR)}),
    ("Chilean President Gabriel Boric said: “The Maduro regime must understand that the results it published are hard to believe.”",
     {("CHL", DT)}),
    ("“We do not recognise this result,” the Guatemalan foreign ministry said in a statement.", {("GTM", RR)}),
    ("“The records must be published,” Spain's foreign minister told reporters in Brussels.", {("ESP", DT)}),
    ("“Edmundo González is the president-elect,” Argentina's foreign ministry wrote on X.", {("ARG", RG)}),
    ("“We reject these results,” said the foreign minister of Panama.", {("PAN", RR)}),
    # Near misses: the opposition leader, a protester, a former minister, a reporter.
    ("“This was a fraud,” said María Corina Machado.", set()),
    ("“This election was a fraud,” a protester told Reuters in Caracas.", set()),
    ("“The election was stolen,” said Juan Pérez, a former foreign minister of Colombia.", set()),
    ("“The results cannot be trusted,” a diplomat in Lima told AFP.", set()),
    ("“The election was stolen,” a Reuters reporter in Bogotá wrote.", set()),
]

FORMER_PARLIAMENTS_PARTIES = [
    ("Former Colombian President Iván Duque called the result a fraud.", set()),
    ("Former Spanish Prime Minister José Luis Rodríguez Zapatero said there was no evidence of fraud.", set()),
    ("Chile's Senate approved a resolution rejecting the results.", set()),
    ("Brazil's Workers' Party congratulated Maduro on his victory.", set()),
    ("The Communist Party of Cuba hailed Maduro's victory.", set()),
    ("Peru's Congress passed a motion recognising González as president-elect.", set()),
    ("Argentina's ruling party called the election a fraud.", set()),
    ("US senators from both parties called for the publication of the tally sheets.", set()),
    # The serving government beside its parliament keeps its own stance.
    ("Peru's Congress passed a motion recognising González; the government of Peru rejected the results.", {("PER", RR)}),
]

OTHER_CONTESTS = [
    ("Canada did not recognise Maduro's 2018 re-election either.", set()),
    ("In 2019, more than 50 countries recognised Juan Guaidó; this time, Argentina recognised González.", {("ARG", RG)}),
    ("Chile rejected the 2018 vote and now rejects the July 28 result.", {("CHL", RR)}),
    ("As it did after the 2018 election, Canada called the vote illegitimate.", set()),
]

CONDITIONALS = [
    ("Colombia said it would recognise the results once the tally sheets were verified.", {("COL", DT)}),
    ("Mexico would recognise Maduro if the Supreme Court confirmed his victory.", set()),
    ("Paraguay said it would recognise González if he were sworn in.", set()),
    ("Argentina would not recognise any result that is not verified by independent observers.", {("ARG", RR)}),
    ("Brazil said it would only accept the results after a full and verifiable count.", {("BRA", DT)}),
]

NEGATION = [
    ("India stopped short of congratulating Maduro.", set()),
    ("Brazil has so far refrained from recognising Maduro's victory.", set()),
    ("Mexico avoided recognising Maduro's win.", set()),
    ("Spain did not recognise González as president-elect.", set()),
    ("Not a single country in the EU has congratulated Maduro.", set()),
    ("Brazil has neither recognised nor rejected the results.", set()),
    ("Brazil called for a recount instead of recognising Maduro's victory.", {("BRA", DT)}),
    ("Colombia asked for more time rather than recognising the results.", set()),
    ("Brazil has not, so far, called for the publication of the tally sheets.", set()),
    ("Mexico abstained from recognising the results.", set()),
    ("Neither Brazil nor Colombia has recognised Maduro.", set()),
    ("Colombia did not call for the publication of the tally sheets.", set()),
    ("Turkey has not expressed concern about the results.", set()),
]

REPORTED_SPEECH = [
    ("Argentina's foreign ministry said that it does not recognise the results.", {("ARG", RR)}),
    ("Costa Rica's president said that González is the winner.", {("CRI", RG)}),
    ("Blinken said that Washington had overwhelming evidence that González won.", {("USA", RG)}),
    ("Peru's foreign minister, Ana Quispe, told reporters that her government considers the election a fraud.", {("PER", RR)}),
    ("Uruguay's president said on Monday that the tally sheets must be published.", {("URY", DT)}),
    ("According to Peru, the results are not credible.", {("PER", DT)}),
    ("According to the opposition, the results are not credible.", set()),
    # Near misses: nothing said of the result; a Venezuelan reporting others' stances gives them theirs, the opposition none.
    ("Japan said that it was closely monitoring the situation.", set()),
    ("Maduro said that Argentina and Chile had called the election a fraud.", each("ARG CHL", RR)),
    ("Argentina said that the opposition had won.", set()),
]

TRANSLATED_SPANISH = [
    ("Through a statement, the Ministry of Foreign Affairs of Peru expressed its rejection of the results announced by the CNE.",
     {("PER", RR)}),
    ("For its part, the Government of Mexico indicated that it will wait for the publication of the minutes.", {("MEX", DT)}),
    ("The Chancellery of Colombia, in a communiqué, requested the verification of the results by independent observers.", {("COL", DT)}),
    ("It was the president of Guatemala, Bernardo Arévalo, who first expressed doubts about the results.", {("GTM", DT)}),
    ("Also the Government of Spain called for the publication of the minutes.", {("ESP", DT)}),
    ("According to the Foreign Ministry of Ecuador, the results announced by the CNE are not credible.", {("ECU", DT)}),
    ("The Peruvian foreign minister, Juan Salas, reiterated that his country does not recognise the proclamation of Maduro.",
     {("PER", RR)}),
    ("The Venezuelan chancellor rejected the communiqué in which the Argentine government called for an audit of the results.",
     {("ARG", DT)}),
    xfail("Rejected the results the governments of Argentina and Uruguay, which announced the withdrawal of their diplomats.",
          each("ARG URY", RR), "verb before subject (Spanish order kept in translation): a cue's holder is looked for before it, "
          "and taking the actors after a sentence-opening verb would also take its objects"),
    ("The Foreign Ministry of Peru rejected in the most firm manner the results announced by the CNE.", {("PER", RR)}),
    ("Panama disowns the results announced by the National Electoral Council.", {("PAN", RR)}),
    ("The government of Paraguay expressed its non-recognition of the results.", {("PRY", RR)}),
    ("Costa Rica manifested its disagreement with the results proclaimed by the CNE.", {("CRI", RR)}),
    ("The Peruvian Foreign Ministry announced the withdrawal of its diplomatic personnel in Caracas in response to the proclamation.",
     {("PER", RR)}),
    ("Brazil's Itamaraty said that it awaits the publication by the CNE of disaggregated data by polling station.", {("BRA", DT)}),
    ("The Dominican government demanded the CNE the publication of the minutes.", {("DOM", DT)}),
    # Near misses: Venezuela's chancellor replies; a nationality.
    ("Venezuela expressed its non-recognition of the Lima statement.", set()),
    ("Chile expressed its disagreement with the arrests.", set()),
    ("The Mexican president, Andrés Manuel López Obrador, asked to wait for the electoral court.", set()),
    ("The Venezuelan chancellor, Yván Gil, described the statement of the Peruvian government as interference.", set()),
    ("The Argentine journalist questioned the results.", set()),
]


# "he", "she" or a surname in the next sentence: the person named in the sentence before, by office or by role of a country.
PRONOUNS = [
    ("Argentina's foreign minister spoke on Monday. She said the election was a fraud.", {("ARG", RR)}),
    ("Peru's foreign minister, Ana Quispe, spoke on Monday. “We will not recognise these results,” she said.", {("PER", RR)}),
    ("Peru's foreign minister, Ana Quispe, spoke on Monday. “We will not recognise these results,” Quispe said.", {("PER", RR)}),
    ("Mexico's president was asked about Venezuela. He said the tally sheets should be published.", {("MEX", DT)}),
    ("Uruguay's Lacalle Pou was blunt. “It is a fraud,” he wrote on X.", {("URY", RR)}),
    ("The president of Guatemala met reporters. “This was a fraud from the start,” he said.", {("GTM", RR)}),
    ("Guatemala's president, Bernardo Arévalo, wrote on social media that the results raised “serious doubts”.", {("GTM", DT)}),
    ("Peru was among the first to react. Its foreign ministry said it would not accept the results.", {("PER", RR)}),
    ("Argentina went further. The country's president called the election a fraud.", {("ARG", RR)}),
    # Near misses: a ministry is no "he"; "its" after Venezuela or a person; the first person named is Venezuelan; another name; doubts about arrests.
    ("Argentina's foreign ministry issued a statement. He said the election was a fraud.", set()),
    ("Machado met Argentina's ambassador. She said the election was stolen.", set()),
    ("Peru's foreign minister, Ana Quispe, spoke on Monday. “We will not recognise these results,” Torres said.", set()),
    ("Peru said the arrests raised serious doubts.", set()),
    ("Venezuela answered on Monday. Its foreign ministry rejected the results of the opposition count.", set()),
    ("The CNE proclaimed Maduro the winner. Its president rejected the results of the opposition count.", set()),
]

GROUPS = {
    "recognition": RECOGNITION, "support_for_maduro": SUPPORT_FOR_MADURO, "rejection": REJECTION, "demands": DEMANDS,
    "lists": LISTS_AND_SIGNATORIES, "anaphora": ANAPHORA, "bodies": BODIES_AND_MEMBERS, "headlines": HEADLINES,
    "passives": PASSIVES, "relative": RELATIVE_CLAUSES, "quotes": QUOTES, "former_parliaments_parties": FORMER_PARLIAMENTS_PARTIES,
    "other_contests": OTHER_CONTESTS, "conditionals": CONDITIONALS, "negation": NEGATION, "reported_speech": REPORTED_SPEECH,
    "translated_spanish": TRANSLATED_SPANISH, "pronouns": PRONOUNS,
}


def cases():
    """Every group's cases, with ids naming the group (an xfail keeps its mark)."""
    for name, group in GROUPS.items():
        for i, case in enumerate(group):
            values, marks = (case.values, case.marks) if hasattr(case, "marks") else (case, ())
            yield pytest.param(*values, marks=marks, id=f"{name}-{i}")


@pytest.mark.parametrize("text, expected", list(cases()))
def test_wire_positions(text, expected):
    assert found(text) == expected


def test_every_scanned_cue_states_needs_these_sentences_contain():
    """The prefilter runs a row only where one of its ``needs`` occurs: so every match in these sentences contains one."""
    texts = [s.text for case in cases() for s in sentences(case.values[0])]
    for kinds in (module.CUE_KINDS, module.NON_ACTOR, module.REVERSAL, module.SIGNATORIES):
        for row in module.cue_rows(kinds):
            assert needs_problems(row, texts) == []
