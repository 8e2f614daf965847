//! Table-driven tests of quotes and speakers: one row per construction.

mod common;

use common::{analyse, said};
use gazette::QuoteKind;

type Row<'a> = (&'a str, &'a [(&'a str, &'a str)]);

fn check(kind: QuoteKind, table: &[Row<'_>]) {
    let mut failures = Vec::new();
    for (text, want) in table {
        let got = said(&analyse(text), kind);
        let got: Vec<(&str, &str)> = got.iter().map(|(q, s)| (q.as_str(), s.as_str())).collect();
        if got != *want {
            failures.push(format!("{text:?}\n   want {want:?}\n    got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn direct() {
    check(
        QuoteKind::Direct,
        &[
            // “...,” X said.
            ("“The port will reopen,” Interior Minister Dalia Farouk said.", &[("The port will reopen,", "Dalia Farouk")]),
            // “...,” said X, a role.
            ("“Nothing is agreed,” said Karim Nassar, an aide to the president.", &[("Nothing is agreed,", "Karim Nassar")]),
            // X said: “...”
            ("Nadia Rahimi said: “The report is accurate.”", &[("The report is accurate.", "Nadia Rahimi")]),
            // X said that “...”
            ("Omar Saleh said that “the vote is final.”", &[("the vote is final.", "Omar Saleh")]),
            // According to X, “...”
            ("According to Samira Haddad, “the lines were cut.”", &[("the lines were cut.", "Samira Haddad")]),
            // “...,” X told Y.
            ("“We are ready,” Tariq Mansour told Reuters.", &[("We are ready,", "Tariq Mansour")]),
            // A pronoun after the quote, across a sentence.
            (
                "Colonel Daniel Okafor toured the camp. “The men are tired,” he said.",
                &[("The men are tired,", "Daniel Okafor")],
            ),
            // A pronoun resolved by gender across a paragraph.
            (
                "President Pavel Novak met Chancellor Eva Lindgren in Vienna.\n\n“We found common ground,” she said.",
                &[("We found common ground,", "Eva Lindgren")],
            ),
            // The subject of the sentence before, not the person met.
            (
                "Prime Minister Tomas Berg met President Ivan Sokolov on Monday. “We had a useful talk,” he said.",
                &[("We had a useful talk,", "Tomas Berg")],
            ),
            (
                "During talks with President Ivan Sokolov, Prime Minister Tomas Berg pressed for a deal. “Time is short,” he said.",
                &[("Time is short,", "Tomas Berg")],
            ),
            // A description as speaker.
            (
                "“The talks stalled,” a Western diplomat familiar with the file told AFP.",
                &[("The talks stalled,", "a Western diplomat familiar with the file")],
            ),
            ("“Roads are closed,” officials said.", &[("Roads are closed,", "officials")]),
            // A partial quote inside reported speech.
            (
                "Leila Karam warned that the cuts were “deeply dangerous” for the region.",
                &[("deeply dangerous", "Leila Karam")],
            ),
            // A capital standing for its government.
            ("Ankara said the plan was “unacceptable.”", &[("unacceptable.", "Ankara")]),
            // A split quote.
            (
                "Major Sami Aziz spoke on Monday. “The road,” he said, “is open again.”",
                &[("The road,", "Sami Aziz"), ("is open again.", "Sami Aziz")],
            ),
            // Two speakers in turn.
            (
                "“We want a ceasefire,” said Rami Haddad. “So do we,” replied Hana Yousef.",
                &[("We want a ceasefire,", "Rami Haddad"), ("So do we,", "Hana Yousef")],
            ),
            // A multi-paragraph quote and its continuation.
            (
                "“The dam is failing,” said Engineer Ali Rezaei.\n\n“The water rose all night. We moved the families.\n\n“Nobody slept,” he added.",
                &[
                    ("The dam is failing,", "Ali Rezaei"),
                    ("The water rose all night. We moved the families.", "Ali Rezaei"),
                    ("Nobody slept,", "Ali Rezaei"),
                ],
            ),
            // Straight marks and guillemets.
            ("\"We will rebuild,\" said Mayor Lucia Ferri.", &[("We will rebuild,", "Lucia Ferri")]),
            ("« Nous restons », the envoy Jean Morel said.", &[(" Nous restons ", "Jean Morel")]),
            // Nested single quotes stay inside the outer quote.
            (
                "“He said ‘go home’ and walked away,” the driver, Bilal Khan, said.",
                &[("He said ‘go home’ and walked away,", "Bilal Khan")],
            ),
            // Wrote on X.
            ("“A sad day,” opposition leader Marta Silva wrote on X.", &[("A sad day,", "Marta Silva")]),
            // A partial quote inside a reported clause belongs to the main cue.
            (
                "Deputy Minister Oleg Sorokin spoke to reporters. He added that Moscow would respond “in due course.”",
                &[("in due course.", "Oleg Sorokin")],
            ),
            // Naming cues: called, described ... as.
            ("The Arab League called the raid “a grave violation.”", &[("a grave violation.", "Arab League")]),
            // Passive cue phrases.
            ("“The siege will end,” Anwar Haidari was quoted as saying.", &[("The siege will end,", "Anwar Haidari")]),
            // A description with a complement, after an adverbial clause.
            ("Asked about the talks, the envoy replied: “Not this week.”", &[("Not this week.", "the envoy")]),
            (
                "Sources close to the negotiations told AFP that a deal was “within reach.”",
                &[("within reach.", "Sources close to the negotiations")],
            ),
            // "according to" after the quote.
            (
                "“The convoy was hit twice,” according to two officials in the region.",
                &[("The convoy was hit twice,", "two officials in the region")],
            ),
            // A participle's subject is that of its clause; a possessor is no speaker.
            (
                "The Arab League’s chief Karim Haddad called for calm, describing the fighting as “catastrophic.”",
                &[("catastrophic.", "Karim Haddad")],
            ),
            ("Egypt’s foreign ministry said the talks were “productive.”", &[("productive.", "Egypt’s foreign ministry")]),
            // A partial quote in mid-clause belongs to the words before it,
            // not to a later clause.
            (
                "Lena Brandt said allies must “step up” deliveries, while Oskar Lind pledged more funds.",
                &[("step up", "Lena Brandt")],
            ),
            // A partial quote in a clause without "that": the outer cue's
            // speaker, not the clause's subject.
            (
                "The Federation of Small Traders said members wanted “one set of rules, not four”.",
                &[("one set of rules, not four", "Federation of Small Traders")],
            ),
            // A cue joined by "and" after a partial quote shares its subject.
            (
                "Defender Lorenzo Bassi said the team had “given away” the winner and called the result “a punishment we deserved.”",
                &[("given away", "Lorenzo Bassi"), ("a punishment we deserved.", "Lorenzo Bassi")],
            ),
            // A title and a person before "of": the group starts after "of".
            (
                "Analyst Rafael Ortega of Crestline Partners wrote that the deal was “a small check with a big signal.”",
                &[("a small check with a big signal.", "Rafael Ortega")],
            ),
            // "the newspaper" after a named outlet is that outlet.
            (
                "The Washington Post obtained the memo. “It was never sent,” the newspaper wrote.",
                &[("It was never sent,", "The Washington Post")],
            ),
            // An outlet named after its noun is the outlet's group.
            ("“The deal is dead,” the daily Kommersant reported.", &[("The deal is dead,", "Kommersant")]),
            // A past participle in apposition does not cut the subject.
            (
                "Senator Ada Vick, asked about the deal, replied: “We will see.”",
                &[("We will see.", "Ada Vick")],
            ),
            // "it" for a group whose own name ends in a speaker noun.
            (
                "The Iraqi Foreign Ministry met envoys on Monday. “We reject the report,” it said.",
                &[("We reject the report,", "Ministry of Foreign Affairs (Iraq)")],
            ),
            // "it" after a group that issued a document in one sentence is
            // the group.
            (
                "Hamas issued a statement on Monday. “We reject the claims,” it said.",
                &[("We reject the claims,", "Hamas")],
            ),
            // Two quotes in a row, one attribution after both.
            (
                "“We are ready,” “We are willing,” the two foreign ministers said after the talks.",
                &[("We are ready,", "the two foreign ministers"), ("We are willing,", "the two foreign ministers")],
            ),
            // A quote that ends its sentence keeps the cue before it.
            (
                "Ines Varga called the levy “a tax on the poor.” “Bread is no luxury,” she said.",
                &[("a tax on the poor.", "Ines Varga"), ("Bread is no luxury,", "Ines Varga")],
            ),
            // A preposition inside a title does not hide the person after it.
            (
                "“Let me be clear,” US Secretary of State Dana Whitfield told senators.",
                &[("Let me be clear,", "Dana Whitfield")],
            ),
            // "they" for a plural description.
            (
                "The rebels issued a statement on Friday. “We hold the bridge,” they said.",
                &[("We hold the bridge,", "The rebels")],
            ),
            // A cue in a relative clause is not the main cue.
            (
                "A senior Libyan official, who asked not to be named because he was not allowed to speak to the press, said the port would stay shut “until further notice.”",
                &[("until further notice.", "A senior Libyan official")],
            ),
            // A paragraph of pure quote continues the speaker of the one before.
            (
                "“The wells are dry,” said Amina Farah, a farmer.\n\n“Our goats are dying one by one.”",
                &[("The wells are dry,", "Amina Farah"), ("Our goats are dying one by one.", "Amina Farah")],
            ),
            // A question or exclamation mark ends the quote, not the search.
            ("“Why now?” Ms. Hana Varga asked.", &[("Why now?", "Hana Varga")]),
            ("“Who pays for this?” the senator demanded.", &[("Who pays for this?", "the senator")]),
            // A nested quote closes with the outer one.
            (
                "“They called it ‘a joke,’” the union wrote in a statement.",
                &[("They called it ‘a joke,’", "the union")],
            ),
            // Documents and outlets speak.
            ("“The figures do not add up,” the report said.", &[("The figures do not add up,", "the report")]),
            ("“We will appeal,” the statement read.", &[("We will appeal,", "the statement")]),
            // Speech verbs beyond "say".
            ("“We are ready,” Tomas Halloran gushed.", &[("We are ready,", "Tomas Halloran")]),
            ("“It is a disgrace,” fumed Varga.", &[("It is a disgrace,", "Varga")]),
            // "X wrote:" and a paragraph that is all quote.
            (
                "Mayor Ines Calder wrote:\n\n“The bridge will reopen in May.”",
                &[("The bridge will reopen in May.", "Ines Calder")],
            ),
            // Two clauses, two speakers: the quote is the first one's.
            (
                "Lena Brandt called the plan “a disgrace,” while Oskar Lind said she was open to a deal.",
                &[("a disgrace,", "Lena Brandt")],
            ),
        ],
    );
}

#[test]
fn not_statements() {
    check(
        QuoteKind::Direct,
        &[
            // Apostrophes open nothing.
            ("The factions’ leaders met in Sana’a and Kata’ib fighters stayed.", &[]),
            ("Music from the ’90s and rock ’n’ roll filled the hall.", &[]),
            // A quoted word in a headline is no statement.
            ("Baghdad Urges Washington to Prevent ‘Imminent’ Strikes", &[]),
            // Scare quotes and titles without a cue.
            ("She appeared on “Saturday Night Live” last year.", &[]),
            ("The so-called “peace plan” was shelved.", &[]),
        ],
    );
    // ... they are kept as mentions.
    let a = analyse("She appeared on “Saturday Night Live” last year.");
    assert_eq!(a.quotes.len(), 1);
    assert_eq!(a.quotes[0].kind, QuoteKind::Mention);
    assert!(a.quotes[0].speaker.is_none());
}

#[test]
fn unbalanced_marks_stay_in_their_paragraph() {
    let text = "He called it “a disgrace and left.\n\nThe next paragraph has no quote.";
    let a = analyse(text);
    for q in &a.quotes {
        assert!(q.span.end <= text.find("\n\n").unwrap(), "{:?} runs past its paragraph", q.text);
    }
}

#[test]
fn indirect() {
    check(
        QuoteKind::Indirect,
        &[
            (
                "Finance Minister Rana Toufic said that inflation had peaked.",
                &[("inflation had peaked", "Rana Toufic")],
            ),
            // A participle after an inverted attribution: the speaker of the
            // statement before.
            (
                "The levy will stay, said Rep. Dale Okoro, R-Ohio, adding that the vote would be close.",
                &[("The levy will stay", "Dale Okoro"), ("the vote would be close", "Dale Okoro")],
            ),
            // "they" for a noun that is its own plural.
            ("Police gave few details. They said two men had been arrested.", &[("two men had been arrested", "Police")]),
            // A participle's "that" is the participle's, not the main verb's.
            (
                "Kestrel Bank posted a loss, warning that sales would fall.",
                &[("sales would fall", "Kestrel Bank")],
            ),
            // A partial quote opening a complement that goes on after it:
            // the whole complement is the statement too.
            (
                "The minister warned of “a famine” in the north.",
                &[("“a famine” in the north", "The minister")],
            ),
            (
                "The minister called for “an immediate ban” on trawling.",
                &[("“an immediate ban” on trawling", "The minister")],
            ),
            // Coordinated cues: the clause is the second cue's.
            (
                "Finance Minister Rana Toufic said and repeated that the levy would stay.",
                &[("the levy would stay", "Rana Toufic")],
            ),
            // A partial quote ends the first cue's complement; the second cue
            // shares the subject.
            (
                "Opposition leader Ines Varga accused the cabinet of “ruling by decree” and said she would call a vote.",
                &[("the cabinet of “ruling by decree”", "Ines Varga"), ("she would call a vote", "Ines Varga")],
            ),
            (
                "Health Minister Rana Toufic spoke on Monday. She added that more doses would arrive.",
                &[("more doses would arrive", "Rana Toufic")],
            ),
            (
                "According to the United Nations, 3,000 families fled the town.",
                &[("3,000 families fled the town", "United Nations")],
            ),
            ("Foreign Minister Kemal Ozturk called on both sides to stop.", &[("both sides to stop", "Kemal Ozturk")]),
            ("Army spokesman Hadi Jaber denied that troops had fired.", &[("troops had fired", "Hadi Jaber")]),
            ("Egypt asked that the crossing stay open.", &[("the crossing stay open", "Egypt")]),
            // A bare clause after a time phrase; a dateline dash is no part of the speaker.
            (
                "TRIPOLI (Reuters) - Libya's coast guard said on Monday it had stopped 300 migrants.",
                &[("it had stopped 300 migrants", "Libya's coast guard")],
            ),
            // A number or quantifier opens a bare clause.
            (
                "The Health Ministry said at least 12 people were killed.",
                &[("at least 12 people were killed", "Health Ministry")],
            ),
            // A trailing attribution reports the whole clause before it; the
            // named person's call inside it is hers, and the attribution is
            // no part of it.
            (
                "Chancellor Greta Lund urged all parties to show restraint, her office said.",
                &[
                    ("Chancellor Greta Lund urged all parties to show restraint", "her office"),
                    ("all parties to show restraint", "Greta Lund"),
                ],
            ),
            // Inside a clause read first, a country's or group's verb is no statement.
            (
                "Brazil will ask Congress to cap payroll spending, ministry officials said on Wednesday, as the president tries to reassure investors.",
                &[("Brazil will ask Congress to cap payroll spending", "ministry officials")],
            ),
            // The reported clause ends where another clause begins.
            (
                "The rebels say they are open to talks, but the army has refused to attend.",
                &[("they are open to talks", "The rebels")],
            ),
            // A bare clause whose verb is a past form: "said sales fell".
            ("The company said sales fell 4% in May.", &[("sales fell 4% in May", "The company")]),
            // A group named right after its description is the speaker.
            (
                "French engineering group Vernier SA said on Tuesday it would cut 1,800 jobs.",
                &[("it would cut 1,800 jobs", "Vernier SA")],
            ),
            ("She said goodbye to her friends.", &[]),
            // An appositive before an auxiliary and the cue; a hyphenated
            // word and a "think tank" in it are no cue and no break.
            (
                "Euroclear, the Brussels-based depository, has warned that Russia could seize holdings.",
                &[("Russia could seize holdings", "Euroclear")],
            ),
            (
                "The Mackinac Center, a free-market think tank, said that road costs rose.",
                &[("road costs rose", "Mackinac Center")],
            ),
            // Evidence as a source.
            ("Polls show voters are tired of the war.", &[("voters are tired of the war", "Polls")]),
            ("A report found the agency had ignored warnings.", &[("the agency had ignored warnings", "A report")]),
            // Thoughts and intentions.
            ("The mayor fears the river will flood.", &[("the river will flood", "The mayor")]),
            ("Investors expect rates to fall.", &[("rates to fall", "Investors")]),
            ("The governor promised to cut taxes.", &[("to cut taxes", "The governor")]),
            // Participles: "noting that", "warning that".
            ("The company posted a loss, warning that jobs would go.", &[("jobs would go", "The company")]),
            // A bare clause, then "and that" and a second clause: two statements.
            (
                "Undersecretary Paul Renninger said the licences carried strict conditions and that inspectors would visit.",
                &[("the licences carried strict conditions", "Paul Renninger"), ("inspectors would visit", "Paul Renninger")],
            ),
            // Two coordinated cues, two statements; the first ends at its last word.
            (
                "The minister said the vote was close and insisted the count was fair.",
                &[("the vote was close", "The minister"), ("the count was fair", "The minister")],
            ),
            // The complementiser is after the cue, not a later relative "that".
            (
                "The president said Senator Ilse Lind would veto any bill that cut aid.",
                &[("Senator Ilse Lind would veto any bill that cut aid", "The president")],
            ),
            // A partial quote inside a reported clause: the whole clause is reported.
            (
                "Anton Peskov told reporters that the strikes were a response to “terrorist attacks” by Kyiv.",
                &[("the strikes were a response to “terrorist attacks” by Kyiv", "Anton Peskov")],
            ),
            // The second of two clauses with two speakers.
            (
                "Lena Brandt called the plan “a disgrace,” while Oskar Lind said she was open to a deal.",
                &[("she was open to a deal", "Oskar Lind")],
            ),
            // A cue word as a noun, or a participle, reports nothing.
            ("The appeal comes amid reports suggesting that the border may close.", &[]),
            ("The talks were held in the United States.", &[]),
            ("The two sides held direct talks in Oman.", &[]),
            // No cue, no reported speech.
            ("The convoy reached the border that evening.", &[]),
        ],
    );
}

#[test]
fn descriptions_name_their_country_or_group() {
    let table: &[(&str, &str, Option<&str>)] = &[
        ("“No deal yet,” an Iraqi government official told Reuters.", "an Iraqi government official", Some("Iraq")),
        (
            "“We are ready,” a spokesman for the World Health Organization said.",
            "a spokesman for the World Health Organization",
            Some("World Health Organization"),
        ),
        ("“It is over,” a Western diplomat said.", "a Western diplomat", None),
    ];
    for (text, who, affiliation) in table {
        let a = analyse(text);
        let s = a.quotes[0].speaker.as_ref().expect("a speaker");
        assert_eq!(s.text, *who, "{text}");
        assert_eq!(s.entity, None, "{text}");
        let got = s.affiliation.map(|e| a.entities[e].name.as_str());
        assert_eq!(got, *affiliation, "{text}");
    }
}

#[test]
fn cue_classes_and_speaker_kinds() {
    use gazette::{CueClass, SpeakerKind};
    // (text, the first statement's cue class, its speaker's kind)
    let table: &[(&str, CueClass, SpeakerKind)] = &[
        ("“The figures do not add up,” the report said.", CueClass::Speech, SpeakerKind::Document),
        ("“Prices will rise,” the daily wrote.", CueClass::Speech, SpeakerKind::Outlet),
        // A document's noun written as a name is a newspaper.
        ("“The mayor must go,” wrote The Post.", CueClass::Speech, SpeakerKind::Outlet),
        ("“The mayor must go,” a post on his page read.", CueClass::Speech, SpeakerKind::Document),
        ("“We will appeal,” the ministry said.", CueClass::Speech, SpeakerKind::Group),
        ("Polls show voters are tired of the war.", CueClass::Evidence, SpeakerKind::Document),
        ("The mayor fears the river will flood.", CueClass::Thought, SpeakerKind::Person),
        ("Investors expect rates to fall.", CueClass::Thought, SpeakerKind::Person),
    ];
    let mut failures = Vec::new();
    for &(text, class, kind) in table {
        let a = common::analyse(text);
        let got = a.quotes.first().map(|q| (q.cue.as_ref().map(|c| c.class), q.speaker.as_ref().and_then(|s| s.kind)));
        if got != Some((Some(class), Some(kind))) {
            failures.push(format!("{text:?}: want {:?}, got {got:?}", (class, kind)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A pronoun whose antecedent is a description keeps its own span, near the
/// quote; the description becomes an entity of its own, with no mention.
#[test]
fn pronoun_for_a_description() {
    let table: &[(&str, &str, &str, gazette::Kind)] = &[
        ("Residents gathered outside. “We have no water,” they said.", "they", "Residents", gazette::Kind::Person),
        (
            "A spokeswoman for the agency arrived late. “The trucks are empty,” she said.",
            "she",
            "A spokeswoman",
            gazette::Kind::Person,
        ),
        (
            "The fire brigade arrived at noon. “Nobody was hurt,” it said.",
            "it",
            "The fire brigade",
            gazette::Kind::Group,
        ),
    ];
    let mut failures = Vec::new();
    for &(text, span, name, kind) in table {
        let a = analyse(text);
        let Some(s) = a.quotes.first().and_then(|q| q.speaker.as_ref()) else {
            failures.push(format!("{text:?}: no speaker"));
            continue;
        };
        let e = s.entity.and_then(|e| a.entities.get(e));
        let got = (s.text.as_str(), e.map(|e| e.name.as_str()), e.map(|e| e.kind), e.and_then(|e| e.attribute("type")));
        if got != (span, Some(name), Some(kind), Some("description")) {
            failures.push(format!("{text:?}: got {got:?}"));
        }
        if e.is_some_and(|e| a.mentions.iter().any(|m| m.entity == Some(e.id))) {
            failures.push(format!("{text:?}: the description entity has a mention"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
