//! Table-driven tests of entity resolution: one entity per real-world thing,
//! the attributes and relations read from the text, and readings of
//! ambiguous names decided by their context.

mod common;

use common::analyse;
use gazette::{Analysis, Gender, Kind, RelationKind};

/// Each mention of `kind` as (text, entity name), in order.
fn linked(a: &Analysis, kind: Kind) -> Vec<(String, String)> {
    a.mentions
        .iter()
        .filter(|m| m.kind == kind)
        .map(|m| (m.text.clone(), m.entity.map_or_else(|| "?".to_string(), |e| a.entities[e].name.clone())))
        .collect()
}

fn check_links(kind: Kind, table: &[(&str, &[(&str, &str)])]) {
    let mut failures = Vec::new();
    for (text, want) in table {
        let got = linked(&analyse(text), kind);
        let want: Vec<(String, String)> = want.iter().map(|(m, e)| (m.to_string(), e.to_string())).collect();
        if got != want {
            failures.push(format!("{text:?}\n   want {want:?}\n    got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn one_person_one_entity() {
    check_links(
        Kind::Person,
        &[
            // A surname written first ("Choi Min-seo") is the short form.
            (
                "Trade Minister Choi Min-seo arrived. Choi said the talks would resume.",
                &[("Choi Min-seo", "Choi Min-seo"), ("Choi", "Choi Min-seo")],
            ),
            // Full name, surname, surname without its article, title + surname.
            (
                "Defence Minister Leila Al-Khatib spoke first. Khatib later met reporters, and Al-Khatib’s aides followed.",
                &[("Leila Al-Khatib", "Leila Al-Khatib"), ("Khatib", "Leila Al-Khatib"), ("Al-Khatib", "Leila Al-Khatib")],
            ),
            (
                "Gen. Tomas Reyes inspected the troops. Reyes said the army was ready, and Gen. Reyes left.",
                &[("Tomas Reyes", "Tomas Reyes"), ("Reyes", "Tomas Reyes"), ("Reyes", "Tomas Reyes")],
            ),
            // A known person: the list's name for every form.
            (
                "Russian President Vladimir Putin called. Mr. Putin said he was ready.",
                &[("Vladimir Putin", "Vladimir Putin"), ("Putin", "Vladimir Putin")],
            ),
            (
                "Iraqi Prime Minister Mohammed Shia Al-Sudani met the envoy. Sudani said Al-Sudani’s office would reply.",
                &[
                    ("Mohammed Shia Al-Sudani", "Mohammed Shia al-Sudani"),
                    ("Sudani", "Mohammed Shia al-Sudani"),
                    ("Al-Sudani", "Mohammed Shia al-Sudani"),
                ],
            ),
            // The surname before the full name is the same person.
            (
                "Sokolova arrived late. Mrs. Elena Sokolova said she was tired.",
                &[("Sokolova", "Elena Sokolova"), ("Elena Sokolova", "Elena Sokolova")],
            ),
            // A son named after a listed father is not the father.
            ("Ahmad Shah Massoud Jr. spoke in Kabul.", &[("Ahmad Shah Massoud Jr.", "Ahmad Shah Massoud Jr.")]),
            // Two people who share a surname stay two.
            (
                "Karim Nassar met his cousin Walid Nassar in Beirut. Walid Nassar said the talks went well.",
                &[("Karim Nassar", "Karim Nassar"), ("Walid Nassar", "Walid Nassar"), ("Walid Nassar", "Walid Nassar")],
            ),
            // A month is no surname: "May" the month and May the person.
            (
                "In May 2019 the party split. Theresa May resigned, and May later said she was proud.",
                &[("Theresa May", "Theresa May"), ("May", "Theresa May")],
            ),
        ],
    );
}

#[test]
fn one_group_one_entity() {
    check_links(
        Kind::Group,
        &[
            // An acronym and its full name.
            (
                "The United Nations warned of famine, and the UN asked for funds.",
                &[("United Nations", "United Nations"), ("UN", "United Nations")],
            ),
            (
                "The Union of Free Traders (UFT) called a strike. Later the UFT ended it.",
                &[
                    ("Union of Free Traders", "Union of Free Traders"),
                    ("UFT", "Union of Free Traders"),
                    ("UFT", "Union of Free Traders"),
                ],
            ),
            // Gazetteer aliases.
            (
                "Kata'ib Hezbollah and Kataib Hezbollah are one faction.",
                &[("Kata'ib Hezbollah", "Kata'ib Hezbollah"), ("Kataib Hezbollah", "Kata'ib Hezbollah")],
            ),
            // A name that holds a listed group's name is that group only with
            // its own country before it.
            (
                "The Iraqi National Security Council met.",
                &[("Iraqi National Security Council", "National Security Council (Iraq)")],
            ),
            ("The Freedonian Labour Party met.", &[("Freedonian Labour Party", "Freedonian Labour Party")]),
        ],
    );
}

/// (entity name, attribute key, value) that must be on the entity.
fn has_attr(a: &Analysis, name: &str, key: &str, value: &str) -> bool {
    a.entities.iter().any(|e| e.name == name && e.attributes.iter().any(|(k, v)| k == key && v == value))
}

/// Relations as (kind, source name, target name or value).
fn relations(a: &Analysis) -> Vec<(RelationKind, String, String)> {
    a.relations
        .iter()
        .filter(|r| r.kind != RelationKind::Said)
        .map(|r| {
            let target = match r.target {
                Some(t) => a.entities[t].name.clone(),
                None => r.value.clone().unwrap_or_default(),
            };
            (r.kind, a.entities[r.source].name.clone(), target)
        })
        .collect()
}

#[test]
fn attributes_and_relations_from_the_text() {
    type Row<'a> = (&'a str, &'a [(RelationKind, &'a str, &'a str)], &'a [(&'a str, &'a str, &'a str)]);
    let table: &[Row] = &[
        (
            "Kenyan Foreign Minister Wanjiru Kamau arrived in Nairobi.",
            &[
                (RelationKind::Role, "Wanjiru Kamau", "Foreign Minister"),
                (RelationKind::MemberOf, "Wanjiru Kamau", "Kenya"),
            ],
            &[("Wanjiru Kamau", "role", "Foreign Minister"), ("Wanjiru Kamau", "member_of", "Kenya")],
        ),
        (
            "Abu Karim Al-Zubaidi, Secretary-General of the Sabreen Brigades, issued a warning.",
            &[
                (RelationKind::Role, "Abu Karim Al-Zubaidi", "Secretary-General"),
                (RelationKind::MemberOf, "Abu Karim Al-Zubaidi", "Sabreen Brigades"),
            ],
            &[
                ("Abu Karim Al-Zubaidi", "role", "Secretary-General"),
                ("Abu Karim Al-Zubaidi", "member_of", "Sabreen Brigades"),
            ],
        ),
        (
            "Wanjiru Kamau arrived. Omar Nabulsi, a political advisor to Kamau, declined to comment.",
            &[
                (RelationKind::Role, "Omar Nabulsi", "political advisor"),
                (RelationKind::AffiliatedWith, "Omar Nabulsi", "Wanjiru Kamau"),
            ],
            &[("Omar Nabulsi", "role", "political advisor"), ("Omar Nabulsi", "affiliated_with", "Wanjiru Kamau")],
        ),
        (
            "United Nations Under-Secretary General for Humanitarian Affairs Ingrid Solberg visited the camp.",
            &[
                (RelationKind::Role, "Ingrid Solberg", "Under-Secretary General for Humanitarian Affairs"),
                (RelationKind::MemberOf, "Ingrid Solberg", "United Nations"),
            ],
            &[("Ingrid Solberg", "member_of", "United Nations")],
        ),
        // An honorific is no role.
        ("Mr. Tomas Reyes arrived.", &[], &[]),
    ];
    let mut failures = Vec::new();
    for (text, rels, attrs) in table {
        let a = analyse(text);
        let got = relations(&a);
        let want: Vec<(RelationKind, String, String)> =
            rels.iter().map(|(k, s, t)| (*k, s.to_string(), t.to_string())).collect();
        if got != want {
            failures.push(format!("{text:?}\n   want {want:?}\n    got {got:?}"));
        }
        for (name, key, value) in *attrs {
            if !has_attr(&a, name, key, value) {
                failures.push(format!("{text:?}: {name} lacks {key} = {value}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn gender_from_given_name_title_or_pronoun() {
    let table: &[(&str, &str, Option<Gender>)] = &[
        ("Wanjiru Kamau, a spokeswoman for the ministry, said so.", "Wanjiru Kamau", Some(Gender::Female)),
        ("Mrs. Aldana arrived on Monday.", "Aldana", Some(Gender::Female)),
        ("Fitzwalter was elected in 2015 and held his seat in 2019.", "Fitzwalter", Some(Gender::Male)),
        ("Tomas Reyes inspected the troops.", "Tomas Reyes", Some(Gender::Male)),
        ("Tarrowby, a spokesperson for the ministry, said the talks had failed.", "Tarrowby", None),
    ];
    let mut failures = Vec::new();
    for (text, name, want) in table {
        let a = analyse(text);
        let got = a.entities.iter().find(|e| e.name == *name).map(|e| e.gender);
        if got != Some(*want) {
            failures.push(format!("{text:?}: {name} want {want:?} got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

/// The kind and entity of every mention of `form`, in order.
fn readings(a: &Analysis, form: &str) -> Vec<(Kind, String)> {
    a.mentions
        .iter()
        .filter(|m| m.text == form)
        .map(|m| (m.kind, m.entity.map_or_else(String::new, |e| a.entities[e].name.clone())))
        .collect()
}

#[test]
fn ambiguous_names_by_context() {
    use Kind::{Country, Person, Place};
    type Row<'a> = (&'a str, &'a str, &'a [(Kind, &'a str)]);
    let table: &[Row] = &[
        // Jordan: the country, or a person the text tells.
        ("Jordan closed its border with Syria on Monday.", "Jordan", &[(Country, "Jordan")]),
        (
            "Michael Jordan arrived in Amman, and Jordan said the visit was private.",
            "Jordan",
            &[(Person, "Michael Jordan")],
        ),
        (
            "Jordan, a guard for the Bulls, injured his knee. Jordan will miss the game.",
            "Jordan",
            &[(Person, "Jordan"), (Person, "Jordan")],
        ),
        // Turkey: the country in capitals, the bird in lower case.
        ("Turkey and Greece agreed to talk.", "Turkey", &[(Country, "Turkey")]),
        ("The turkey was roasted for the holiday dinner.", "turkey", &[]),
        // Washington: the capital (and its government), or a person.
        ("Washington said it would impose sanctions on Iran.", "Washington", &[(Place, "Washington")]),
        (
            "George Washington crossed the river. Washington later wrote to his wife.",
            "Washington",
            &[(Person, "George Washington")],
        ),
        ("Washington, a spokesman for the club, said the deal was done.", "Washington", &[(Person, "Washington")]),
        // Chad: the country, or a given name.
        ("Chad's army attacked rebels near the border with Niger.", "Chad", &[(Country, "Chad")]),
        ("Chad Brennan, a spokesman for the club, declined to comment.", "Chad Brennan", &[(Person, "Chad Brennan")]),
        // Georgia: the country or the US state, by what else the text names.
        ("Georgia voted for Biden, and Atlanta was decisive.", "Georgia", &[(Place, "Georgia")]),
        ("Georgia's prime minister met the EU envoy in Tbilisi.", "Georgia", &[(Country, "Georgia")]),
    ];
    let mut failures = Vec::new();
    for (text, form, want) in table {
        let got = readings(&analyse(text), form);
        let want: Vec<(Kind, String)> = want.iter().map(|(k, n)| (*k, n.to_string())).collect();
        if got != want {
            failures.push(format!("{text:?} ({form})\n   want {want:?}\n    got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

/// A person the lists do not know, found by a given name, carries where
/// the given name is at home (the `origin` cell of the given-name lists),
/// also when a user's list adds names of a new origin.
#[test]
fn name_origin_from_the_given_name_lists() {
    let user = "name\tgender\torigin\nZorvanek\tm\tzz\n";
    let ex = gazette::Extractor::builder()
        .add_list(gazette::ListKind::GivenNames, "user.tsv", user)
        .build()
        .unwrap_or_else(|e| panic!("the user list builds: {e}"));
    let table: &[(&str, &str, Option<&str>)] = &[
        ("Hiroshi Tanabe spoke to reporters on Monday.", "Hiroshi Tanabe", Some("en|ja")),
        ("Kwame Boateng spoke to reporters on Monday.", "Kwame Boateng", Some("ak|en")),
        ("Zorvanek Tillborg spoke to reporters on Monday.", "Zorvanek Tillborg", Some("zz")),
        // A person of the lists is described by the lists instead.
        ("Vladimir Putin spoke to reporters on Monday.", "Vladimir Putin", None),
    ];
    for (text, name, origin) in table {
        let a = ex.extract(text);
        let Some(e) = a.entities.iter().find(|e| e.name == *name) else { panic!("{text:?}: no {name}") };
        assert_eq!(e.attribute("name_origin"), *origin, "{text:?}");
    }
}
