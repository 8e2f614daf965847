//! Relations read from party tags: a lawmaker's name followed by a party's
//! tag ("Rep. Ann Lee, D-N.Y.", "Sen. Mark Kelly (D-Ariz.)") makes the person
//! a member of the party (`gazetteers/party_tags.tsv`), and a malformed party
//! tags list is an error naming its file and line.

use gazette::{Analysis, Extractor, Kind, ListKind, RelationKind};

/// A `member_of` relation as (person, party name, the party's entity name
/// when the relation has a target, the text of its evidence).
type Member = (String, String, Option<String>, String);

fn members(text: &str, a: &Analysis) -> Vec<Member> {
    a.relations
        .iter()
        .filter(|r| r.kind == RelationKind::MemberOf)
        .map(|r| {
            (
                a.entities[r.source].name.clone(),
                r.value.clone().unwrap_or_default(),
                r.target.map(|t| a.entities[t].name.clone()),
                r.evidence.map(|s| text[s.range()].to_string()).unwrap_or_default(),
            )
        })
        .collect()
}

const DEM: &str = "Democratic Party (United States)";
const GOP: &str = "Republican Party (United States)";

/// (text, [(person, party, target named in the text?, evidence)])
type Row<'a> = (&'a str, &'a [(&'a str, &'a str, bool, &'a str)]);

fn check(ex: &Extractor, table: &[Row<'_>]) {
    let mut failures = Vec::new();
    for (text, want) in table {
        let a = ex.extract(text);
        let got = members(text, &a);
        let want: Vec<Member> = want
            .iter()
            .map(|&(p, party, named, ev)| {
                (p.to_string(), party.to_string(), named.then(|| party.to_string()), ev.to_string())
            })
            .collect();
        if got != want {
            failures.push(format!("{text:?}\n   want {want:?}\n    got {got:?}"));
        }
        // The tag itself is no mention, and every person with a relation
        // carries the party as a `member_of` attribute.
        for r in a.relations.iter().filter(|r| r.kind == RelationKind::MemberOf) {
            let Some(ev) = r.evidence else { continue };
            if let Some(m) = a.mentions.iter().find(|m| m.span.start < ev.end && ev.start < m.span.end) {
                failures.push(format!("{text:?}: the tag {:?} is (in) a {:?} mention", m.text, m.kind));
            }
        }
        for (person, party, _, _) in &got {
            let has = a
                .entities
                .iter()
                .any(|e| &e.name == person && e.attributes.iter().any(|(k, v)| k == "member_of" && v == party));
            if !has {
                failures.push(format!("{text:?}: {person} lacks the attribute member_of = {party}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn party_tags_make_members() {
    let table: &[Row<'_>] = &[
        // The shapes: after a comma, in brackets, at the end of the sentence.
        ("Rep. Dana Whitfield, D-N.Y., said the bill was dead.", &[("Dana Whitfield", DEM, false, "D")]),
        ("Sen. Harlan Brooks (D-Ariz.) voted against the measure.", &[("Harlan Brooks", DEM, false, "D")]),
        ("The amendment was written by Rep. Carl Haskins, R-Ohio.", &[("Carl Haskins", GOP, false, "R")]),
        ("Rep. Carl Haskins, R–Texas, voted no.", &[("Carl Haskins", GOP, false, "R")]),
        ("Sen. Harlan Brooks (D) voted against the measure.", &[("Harlan Brooks", DEM, false, "D")]),
        // Two lawmakers; the party named in the text is the target.
        (
            "Rep. Carl Haskins, R-Ohio, and Rep. Dana Whitfield, D-Calif., met on Tuesday. \
             The Republicans left first.",
            &[("Carl Haskins", GOP, true, "R"), ("Dana Whitfield", DEM, false, "D")],
        ),
        (
            "Sen. Harlan Brooks (D-Ariz.) voted no. The Democrats welcomed the vote.",
            &[("Harlan Brooks", DEM, true, "D")],
        ),
        // "the Democratic Party" a rule reads is the list's entry of the
        // country the text speaks of (the US here, not Korea).
        (
            "Sen. Harlan Brooks (D-Ariz.) voted no. The Democratic Party in Ohio and Texas welcomed the vote.",
            &[("Harlan Brooks", DEM, true, "D")],
        ),
        // One relation per person and party, however often the tag is written.
        (
            "Rep. Dana Whitfield, D-N.Y., spoke first. Later Whitfield, D-N.Y., spoke again.",
            &[("Dana Whitfield", DEM, false, "D")],
        ),
        // An independent belongs to no party.
        ("Sen. Rowan Pike, I-Vt., said the talks had failed.", &[]),
        // Hyphenated words that are no tags, and a road.
        ("Walter Greer, D-Day veteran, said he was proud.", &[]),
        ("Trooper Nell Ashby, I-95 patrol chief, said the road was open.", &[]),
        ("Traffic on I-95 was slow, Nell Ashby said.", &[]),
        // The place after the hyphen must be in the country that uses the tag.
        ("Dana Whitfield, D-Berlin, said the talks had failed.", &[]),
        // No name before the tag.
        ("The vote, R-Ohio, was close.", &[]),
        ("The senator (D) voted no.", &[]),
    ];
    check(&Extractor::default(), table);
}

#[test]
fn user_party_tags() {
    // Another country's tags, added from memory: alone in brackets.
    let uk = "tag\tcountry\tgroup\nLab\tGB\tgroup/labour-party-uk\nCon\tGB\tgroup/conservative-party-uk\n";
    let ex = Extractor::builder().add_list(ListKind::PartyTags, "uk.tsv", uk).build().expect("the UK tags load");
    let lab = "Labour Party (United Kingdom)";
    let con = "Conservative Party (United Kingdom)";
    check(
        &ex,
        &[
            ("Priya Okafor (Lab) asked the minister to resign.", &[("Priya Okafor", lab, false, "Lab")]),
            ("Giles Hartley (Con) said the Tories would hold the seat.", &[("Giles Hartley", con, true, "Con")]),
            // The US tags are still there.
            ("Rep. Carl Haskins, R-Ohio, voted no.", &[("Carl Haskins", GOP, false, "R")]),
        ],
    );
    // A list that replaces the embedded one: "D" is no tag any more.
    let only_r = "tag\tcountry\tgroup\nR\tUS\tgroup/republican-party-us\n";
    let ex = Extractor::builder().replace_list(ListKind::PartyTags, "r.tsv", only_r).build().expect("loads");
    check(
        &ex,
        &[
            ("Rep. Dana Whitfield, D-N.Y., said so.", &[]),
            ("Rep. Carl Haskins, R-Ohio, voted no.", &[("Carl Haskins", GOP, false, "R")]),
        ],
    );
    // Without party tags, no memberships and no error.
    let ex =
        Extractor::builder().replace_list(ListKind::PartyTags, "none.tsv", "tag\tcountry\n").build().expect("loads");
    let a = ex.extract("Rep. Carl Haskins, R-Ohio, voted no.");
    assert!(a.relations.iter().all(|r| r.kind != RelationKind::MemberOf), "{:?}", a.relations);
    assert!(a.mentions.iter().any(|m| m.text == "Carl Haskins" && m.kind == Kind::Person));
}

#[test]
fn party_tags_list_errors() {
    // (list text, line, message)
    let table: &[(&str, usize, &str)] = &[
        ("tag\tgroup\nD\tgroup/democratic-party-us\n", 1, "header lacks the `country` column"),
        ("tag\tcountry\tgroup\nD-N\tUS\tgroup/democratic-party-us\n", 2, "tag `D-N` is not one word"),
        ("tag\tcountry\tgroup\nLab\tBritain\tgroup/labour-party-uk\n", 2, "country `Britain` is not an ISO 3166 code"),
        ("tag\tcountry\tgroup\nLab\tGB\tlabour-party-uk\n", 2, "group `labour-party-uk` is not `group/...`"),
        (
            "tag\tcountry\tgroup\n# a comment\nLab\tGB\tgroup/no-such-party\n",
            3,
            "group `group/no-such-party` is in no groups",
        ),
        // A person's id is no group.
        ("tag\tcountry\tgroup\nB\tUS\tperson/bernie-sanders\n", 2, "is not `group/...`"),
        (
            "tag\tcountry\tgroup\nLab\tGB\tgroup/labour-party-uk\nLab\tGB\t\n",
            3,
            "duplicate tag `Lab` for GB (first at user.tsv:2)",
        ),
        // The embedded list already has "D" for the US.
        ("tag\tcountry\tgroup\nD\tUS\tgroup/democratic-party-us\n", 2, "duplicate tag `D` for US"),
        ("tag\tcountry\tgroup\tparty\nD\tUS\t\tx\n", 1, "unknown column `party`"),
    ];
    for (text, line, msg) in table {
        let e = Extractor::builder()
            .add_list(ListKind::PartyTags, "user.tsv", text)
            .build()
            .err()
            .unwrap_or_else(|| panic!("{text:?} should be refused"));
        assert_eq!(e.source_name(), Some("user.tsv"), "{e}");
        assert_eq!(e.line(), Some(*line), "{e}");
        assert!(e.to_string().contains(msg), "{e} should say {msg:?}");
    }
    // The party's group may come from a user's groups list, in any order.
    let tags = "tag\tcountry\tgroup\nFP\tXK\tgroup/freedonian-people\n";
    let groups = "id\tname\ttype\tcountry\ngroup/freedonian-people\tFreedonian People's Union\tparty\tXK\n";
    let ex = Extractor::builder()
        .add_list(ListKind::PartyTags, "tags.tsv", tags)
        .add_list(ListKind::Groups, "groups.tsv", groups)
        .build()
        .expect("a tag may name a group of a later list");
    let text = "Arben Leka (FP) said the vote was rigged.";
    let a = ex.extract(text);
    assert_eq!(
        members(text, &a),
        [("Arben Leka".to_string(), "Freedonian People's Union".to_string(), None, "FP".to_string())]
    );
}
