//! Table-driven tests of mentions: one row per case, text in, mentions out.

mod common;

use common::check_mentions as check;
use gazette::Kind;

#[test]
fn people() {
    check(
        Kind::Person,
        &[
            // A title before the name; the title is not part of the span.
            ("Iraqi Prime Minister Mohammed Shia Al-Sudani met the envoy.", &["Mohammed Shia Al-Sudani"]),
            ("Russian President Vladimir Putin spoke by phone.", &["Vladimir Putin"]),
            ("Defence Minister Sara Lindqvist visited the base.", &["Sara Lindqvist"]),
            ("Later, Ms. Graham left the embassy.", &["Graham"]),
            // A known given name, with particles and kunyas.
            ("The report was signed by Fadi Al-Shammari on Monday.", &["Fadi Al-Shammari"]),
            ("Abu Hussein Al-Hamidawi made a statement.", &["Abu Hussein Al-Hamidawi"]),
            ("Officials met Ahmed bin Rashid in the capital.", &["Ahmed bin Rashid"]),
            ("Former president George W. Bush attended.", &["George W. Bush"]),
            // Short forms link anywhere, even before the full name.
            ("Lowcock briefed the council. Mark Lowcock then left for Geneva.", &["Lowcock", "Mark Lowcock"]),
            ("Yusuf Demir, the mayor, spoke first. Demir’s office confirmed it.", &["Yusuf Demir", "Demir"]),
            // An appositive role after a name no list knows.
            ("Torvald Quenby, a spokesman for the ministry, declined to comment.", &["Torvald Quenby"]),
            // A name read only after a cue does not spread to other names it opens.
            (
                "The border is closed, said Tessaro. Crowds gathered outside Tessaro Station, and Tessaro Bridge was shut.",
                &["Tessaro"],
            ),
            // A full name inside a longer name is part of that name.
            (
                "Marta Okonjo-Reyes was elected in 2019. The Marta Okonjo-Reyes Memorial Fund gave $5,000.",
                &["Marta Okonjo-Reyes"],
            ),
            // A contraction or a sentence adverb is no part of a name.
            ("And, I'm Ilse Varnholt, the host of the show.", &["Ilse Varnholt"]),
            ("Allegedly, Varnholt's sister pleaded for help.", &[]),
            // Not people.
            ("Turkey Enhances Positions in Northwest Syria after Talks with Russia", &[]),
            ("On Thursday the prime minister returned to Baghdad.", &[]),
            ("During the meeting, officials discussed the border.", &[]),
            ("The Ministry of Foreign Affairs issued a statement.", &[]),
            // A country is no given name; a month is no person without support.
            ("Will Iran Respond to the Strikes?", &[]),
            ("May Day rallies drew thousands in Paris.", &[]),
            ("Trump said the tariffs would stay.", &["Trump"]),
            // An appositive that names someone else describes that person.
            ("In a post on Telegram, the group's commander Samir Qadri accused the army.", &["Samir Qadri"]),
            // A listed name after a capitalised word and a hyphen is the second
            // half of a double-barrelled name, not the listed person.
            ("Coach Deontae Whitfield-Mbeki said the defence was poor.", &["Deontae Whitfield-Mbeki"]),
            // Alone, the whole double-barrelled name is the person.
            ("\"We lost,\" Whitfield-Mbeki said.", &["Whitfield-Mbeki"]),
            // "John Major" is a person, not the rank "Major".
            ("Former prime minister John Major said the deal was sound.", &["John Major"]),
            // Particles stay inside the name; "Mr." and labels stay outside.
            ("The preface was written by Jean d'Ormesson in 1990.", &["Jean d'Ormesson"]),
            ("Libertarian Gavin Stroud won 3 percent of the vote.", &["Gavin Stroud"]),
            // A club before a player's name is no part of it (sports report).
            (
                "Chelsea striker Delvin Harrowgate scored twice as the team won the league match.",
                &["Delvin Harrowgate"],
            ),
            // In a sports report a town that is a club's short form is cut
            // off a player's name written straight after it.
            (
                "Arsenal beat Spurs 2-0 in the league match on Sunday. Chelsea Delvin Harrowgate scored twice, and the goalkeeper saved a penalty.",
                &["Delvin Harrowgate"],
            ),
            // A regnal number is no surname, and a team's number is no name.
            ("King Charles III spoke first. Later a Prime Minister's XI played.", &["King Charles"]),
            // A caption line below a story is body text.
            (
                "Halden win again\n\nThe team won on Sunday.\n\nAna Lind of Halden Rovers celebrates after scoring in the second half",
                &["Ana Lind"],
            ),
            // A line of names and commas is a list, not a headline.
            (
                "The squad was named on Monday.\n\nTomas Vik, Ana Lind, Peter Orrell, Joss Kettering\n\nThe coach was pleased.",
                &["Tomas Vik", "Ana Lind", "Peter Orrell", "Joss Kettering"],
            ),
            // A full name a rule read, written again where no rule reads it.
            ("Aleksi Vartiainen-Oduya of Finland won. Results:\n\n1. Aleksi Vartiainen-Oduya (Finland) 2:07:11\n2. Tomas Rebane (Estonia) 2:07:40", &["Aleksi Vartiainen-Oduya", "Aleksi Vartiainen-Oduya", "Tomas Rebane"]),
        ],
    );
}

#[test]
fn countries() {
    check(
        Kind::Country,
        &[
            ("Turkey and Russia agreed on Idlib.", &["Turkey", "Russia"]),
            ("The U.S. and the UK imposed sanctions.", &["U.S.", "UK"]),
            ("Türkiye said it would not withdraw.", &["Türkiye"]),
            ("Israel’s threats are not new.", &["Israel"]),
            ("IRAQ AND SYRIA CLOSE BORDER", &["IRAQ", "SYRIA"]),
            // A demonym is a nationality, not a country.
            ("Iranian-backed factions attacked.", &[]),
            // Longer names win: a newspaper is not the country.
            ("The Times of Israel cited sources.", &[]),
            // Inside a word, nothing.
            ("Iranians protested in Tehran.", &[]),
            // Two names joined by a hyphen are both names.
            ("The Iran-Iraq war ended in 1988.", &["Iran", "Iraq"]),
            // The nations of the United Kingdom are countries.
            (
                "Voters in England, Scotland, Wales and Northern Ireland went to the polls.",
                &["England", "Scotland", "Wales", "Northern Ireland"],
            ),
        ],
    );
}

#[test]
fn places() {
    check(
        Kind::Place,
        &[
            // An ALL-CAPS word inside a sentence, and an ALL-CAPS dateline.
            ("Officials met in LONDON on Tuesday to discuss the plan.", &["LONDON"]),
            ("KYIV, Ukraine (AP) — Drones struck the city overnight.", &["KYIV"]),
            // A venue is a place, not the company it is named after.
            ("City won 3-1 at the Etihad Stadium on Tuesday.", &["Etihad Stadium"]),
            // "Manchester City" is a club: no place inside it.
            ("Manchester City beat Bayern Munich on Tuesday.", &[]),
        ],
    );
}

#[test]
fn nationalities() {
    check(
        Kind::Nationality,
        &[
            ("Iraqi and Emirati officials met Saudi envoys.", &["Iraqi", "Emirati", "Saudi"]),
            ("Iranian-backed factions attacked.", &["Iranian"]),
        ],
    );
}

#[test]
fn groups() {
    check(
        Kind::Group,
        &[
            ("Kata’ib Hezbollah said it would respond.", &["Kata’ib Hezbollah"]),
            // In a sports report a town before what a team does is the team.
            (
                "Arsenal beat Spurs 2-0 in the league match on Sunday, and Chelsea lost at home as the goalkeeper saved a penalty.",
                &["Arsenal", "Spurs", "Chelsea"],
            ),
            // A speaker's label in capitals opening its line is no group.
            ("SEN. OYELOWO: Did you pay?\nKOWAL: I did not. The NKV said so.", &["NKV"]),
            // A byline's agency; club forms; a country's XI; clubs of other
            // sports and a federation.
            ("By Halima Okonjo-Berg, Reuters\n\nThe talks ended on Friday.", &["Reuters"]),
            (
                "Torvik FC beat Halden United 2-1 on Saturday as the striker scored twice in the league match.",
                &["Torvik FC", "Halden United"],
            ),
            ("England XI beat the touring side by four wickets.", &["England XI"]),
            (
                "The Boston Celtics beat the Toronto Maple Leafs' neighbours, and the FA fined the club.",
                &["Boston Celtics", "Toronto Maple Leafs", "FA"],
            ),
            // Plural groups: religious orders.
            ("The Franciscans and the Jesuits ran the schools.", &["Franciscans", "Jesuits"]),
            ("Kata'ib Hezbollah said it would respond.", &["Kata'ib Hezbollah"]),
            ("A complaint was filed with the UN Security Council.", &["UN Security Council"]),
            ("The Times of Israel cited sources.", &["Times of Israel"]),
            // A listed group or an acronym before "and" is a name of its own;
            // a head word alone after "and" is part of the name.
            (
                "Kohl paid the FDP and Social Democratic Party of Germany in 1999.",
                &["FDP", "Social Democratic Party of Germany"],
            ),
            ("Shares of Eli Lilly and Co. rose.", &["Eli Lilly and Co."]),
            // The agency in a dateline.
            ("KYIV, Ukraine (AP) — Drones struck the city overnight.", &["AP"]),
            ("Manchester City beat Bayern Munich on Tuesday.", &["Manchester City", "Bayern Munich"]),
            ("A photo from the Russian Defense Ministry.", &["Russian Defense Ministry"]),
            ("Al Jazeera and Al-Jazeera are one channel.", &["Al Jazeera", "Al-Jazeera"]),
            ("UNICEF and the UN sent convoys.", &["UNICEF", "UN"]),
            // A listed name is matched without its article, also after a quote
            // mark; a one-word plural name ("The Greens") keeps it inside a sentence.
            ("Shortly after The Associated Press called the race, she spoke.", &["Associated Press"]),
            ("\"The Fed is patient,\" he said.", &["Fed"]),
            ("In Germany, The Greens won the vote.", &["The Greens"]),
            // A name ending in a country stops before "and" and a name without a
            // head word (a group of its own, by group/cause); a second place
            // after "and" stays in the name.
            (
                "The Progressive Party of Kenya and Young Patriots for Liberty held rallies.",
                &["Progressive Party of Kenya", "Young Patriots for Liberty"],
            ),
            (
                "The Charity Commission for England and Wales opened an inquiry.",
                &["Charity Commission for England and Wales"],
            ),
            // By form, for groups no list knows.
            ("The Ministry of Water Resources of Freedonia said so.", &["Ministry of Water Resources of Freedonia"]),
            ("The Freedonian Liberty Party won the vote.", &["Freedonian Liberty Party"]),
            (
                "The Syrian Northern Liberation Forces (SNLF) shelled the town. Later the SNLF withdrew.",
                &["Syrian Northern Liberation Forces", "SNLF", "SNLF"],
            ),
        ],
    );
}
