//! Loading lists: user lists extend or replace the embedded ones, and every
//! malformed list is an error naming its file (or label) and line.

use std::io::Write;

use gazette::{Extractor, Kind, ListKind};

fn build_err(kind: ListKind, text: &str) -> gazette::Error {
    Extractor::builder()
        .add_list(kind, "user.tsv", text)
        .build()
        .err()
        .unwrap_or_else(|| panic!("{text:?} should be refused"))
}

#[test]
fn errors_name_file_and_line() {
    let table: &[(ListKind, &str, usize, &str)] = &[
        (ListKind::People, "id\tname\n# a comment\nperson/a\tAnna Kowal\textra\n", 3, "3 cells, the header has 2"),
        (ListKind::People, "id\tname\nperson/a\tAnna Kowal\nperson/a\tAnna Nowak\n", 3, "duplicate id `person/a`"),
        (ListKind::People, "id\tname\nperson/a\t\n", 2, "empty `name`"),
        (ListKind::Groups, "name\taliases\n", 1, "header lacks the `id` column"),
        (ListKind::Groups, "id\tname\taliases\ngroup/x\tXeno Corps\t-\n", 2, "empty once normalised"),
        // A form claimed by two kinds must be marked ambiguous in both.
        (
            ListKind::People,
            "id\tname\taliases\nperson/i\tIrina Petrova\tIraq\n",
            2,
            "`Iraq` is a person here and a country",
        ),
        // A duplicate of an embedded id.
        (ListKind::Countries, "id\tname\nIQ\tIraq Again\n", 2, "duplicate id `IQ`"),
        (ListKind::Cues, "form\tframes\nsnapped\tshouting\n", 2, "unknown frame `shouting`"),
        (ListKind::People, "id\tname\nperson/a\tAn\0na\n", 2, "NUL byte"),
        (ListKind::People, "id\tname\tname\n", 1, "repeated column name `name`"),
        (ListKind::Places, "id\tname\ncountry\n", 2, "1 cells, the header has 2"),
        // An empty id, and empty names in the lexicon lists.
        (ListKind::Groups, "id\tname\n\tXeno Corps\n", 2, "empty `id`"),
        (ListKind::GivenNames, "name\tgender\n\tm\n", 2, "empty `name`"),
        (ListKind::Titles, "title\tgender\nEnvoy\t\n\tf\n", 3, "empty `title`"),
        (ListKind::SpeakerNouns, "noun\tplural\n\u{AD}\u{200D}\tx\n", 2, "empty once normalised"),
        // A byte-order mark, a comma-separated file, a padded cell, a column the list does not have.
        (ListKind::People, "\u{FEFF}id\tname\nperson/a\tAnna Kowal\n", 1, "byte order mark"),
        (ListKind::People, "id,name\nperson/a,Anna Kowal\n", 1, "separated by tabs, not commas"),
        (ListKind::People, "id\tname\nperson/a\tAnna Kowal \n", 2, "spaces"),
        (ListKind::People, "id\tname\nperson/a\t Anna Kowal\n", 2, "spaces"),
        (ListKind::People, "id\tname\nperson/a\tAnna Kowal\u{B}\n", 2, "spaces"),
        (ListKind::People, "id\tname\nperson/a\tAnna Kowal\u{A0}\n", 2, "spaces"),
        (ListKind::People, "id\tname\n# a note\nperson/a\t\u{2003}Anna\n", 3, "spaces"),
        // A NUL in a comment is no row's; one in a row is an error on its line.
        (ListKind::People, "# \0\nid\tname\nperson/a\tAnna\nperson/b\tAn\0na\n", 4, "NUL byte"),
        (ListKind::People, "id\tname\tnickname\nperson/a\tAnna Kowal\tAnia\n", 1, "unknown column `nickname`"),
        // Ids: the list's prefix, or an ISO 3166 code for countries.
        (ListKind::People, "id\tname\ngroup/a\tAnna Kowal\n", 2, "id `group/a` is not `person/...`"),
        (ListKind::Groups, "id\tname\ngroup/\tXeno Corps\n", 2, "id `group/` is not `group/...`"),
        (ListKind::Countries, "id\tname\nZembla\tZembla\n", 2, "id `Zembla` is not an ISO 3166 code"),
        (
            ListKind::People,
            "id\tname\tcountry\nperson/a\tAnna Kowal\tPoland\n",
            2,
            "country `Poland` is not an ISO 3166 code",
        ),
        // Cells with a closed set of values.
        (ListKind::People, "id\tname\tgender\nperson/a\tAnna Kowal\twoman\n", 2, "unknown gender `woman`"),
        (ListKind::Titles, "title\ttype\nEnvoy\tdiplomatic\n", 2, "unknown title type `diplomatic`"),
        // A name that is a common word of English would match everywhere.
        (ListKind::Groups, "id\tname\taliases\ngroup/w\tWest Alliance\tthe\n", 2, "`the` is a common function word"),
    ];
    for (kind, text, line, msg) in table {
        let e = build_err(*kind, text);
        assert_eq!(e.source_name(), Some("user.tsv"), "{e}");
        assert_eq!(e.line(), Some(*line), "{e}");
        assert!(e.to_string().contains(msg), "{e} should say {msg:?}");
        assert!(e.to_string().starts_with(&format!("user.tsv:{line}: ")), "{e}");
    }
}

#[test]
fn limits() {
    let long = format!("id\tname\nperson/x\t{}\n", "Ab ".repeat(200).trim_end());
    let e = build_err(ListKind::People, &long);
    assert!(e.to_string().contains("the limit is 256"), "{e}");
    let many = (0..50).fold(String::from("id\tname\n"), |s, i| s + &format!("group/g{i}\tGroup Number {i}\n"));
    let e = Extractor::builder().add_list(ListKind::Groups, "many.tsv", &many).max_entries(10).build().unwrap_err();
    assert_eq!(e.line(), Some(12), "{e}");
    assert!(e.to_string().starts_with("many.tsv:12: more than 10 entries (the limit)"), "{e}");
    // The length limit is configurable and holds for aliases too.
    let list = "id\tname\taliases\nperson/x\tAli Haddad\tAbu Ali|Ali Haddad the Younger\n";
    let e = Extractor::builder().add_list(ListKind::People, "x.tsv", list).max_name_len(12).build().unwrap_err();
    assert_eq!(e.to_string(), "x.tsv:2: a name of 22 bytes (the limit is 12)");
    assert!(Extractor::builder().add_list(ListKind::People, "x.tsv", list).max_name_len(22).build().is_ok());
}

/// Lists far over a limit are refused at the limit, without reading or
/// compiling the rest: no runaway build.
#[test]
fn limits_stop_runaway_lists() {
    let start = std::time::Instant::now();
    // 200,000 rows against a limit of 1,000.
    let many = (0..200_000).fold(String::from("id\tname\n"), |s, i| s + &format!("person/p{i}\tPerson Number {i}\n"));
    let e = Extractor::builder().add_list(ListKind::People, "many.tsv", &many).max_entries(1_000).build().unwrap_err();
    assert_eq!(e.line(), Some(1_002), "{e}");
    // A name of 10 MB.
    let long = format!("id\tname\nperson/x\t{}\n", "Ab".repeat(5_000_000));
    let e = build_err(ListKind::People, &long);
    assert_eq!(e.to_string(), "user.tsv:2: a name of 10000000 bytes (the limit is 256)");
    // Ten million empty-ish aliases that each fold to nothing.
    let dashes = format!("id\tname\taliases\nperson/x\tAli Haddad\t{}\n", "-|".repeat(1_000_000));
    let e = build_err(ListKind::People, &dashes);
    assert_eq!(e.line(), Some(2), "{e}");
    assert!(start.elapsed() < std::time::Duration::from_secs(60), "{:?}", start.elapsed());
}

#[test]
fn errors_name_the_other_list() {
    // The same id in two user lists: the error names both places.
    let a = "id\tname\nperson/a\tAnna Kowal\n";
    let b = "id\tname\n# second list\nperson/a\tAnna Nowak\n";
    let e = Extractor::builder()
        .add_list(ListKind::People, "a.tsv", a)
        .add_list(ListKind::People, "b.tsv", b)
        .build()
        .unwrap_err();
    assert_eq!(e.to_string(), "b.tsv:3: duplicate id `person/a` (first at a.tsv:2)");
    // A list with no header row at all names the list, with no line.
    let e = build_err(ListKind::Groups, "# nothing but a comment\n\n");
    assert_eq!((e.source_name(), e.line()), (Some("user.tsv"), None));
    assert_eq!(e.to_string(), "user.tsv: no header row");
}

#[test]
fn files_bad_utf8_and_missing() {
    let dir = std::env::temp_dir().join(format!("gazette-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.tsv");
    let mut f = std::fs::File::create(&bad).unwrap();
    f.write_all(b"id\tname\nperson/a\tAnna\nperson/b\tBo\xff\n").unwrap();
    drop(f);
    let e = Extractor::builder().add_file(ListKind::People, &bad).build().unwrap_err();
    assert_eq!(e.line(), Some(3), "{e}");
    assert_eq!(e.source_name(), bad.to_str());
    assert_eq!(e.to_string(), format!("{}:3: invalid UTF-8 at byte 33", bad.display()));
    // A bad row in a file names the file's path.
    let rows = dir.join("rows.tsv");
    std::fs::write(&rows, "id\tname\r\nperson/a\tAnna\r\nperson/b\r\n").unwrap();
    let e = Extractor::builder().add_file(ListKind::People, &rows).build().unwrap_err();
    assert_eq!(e.to_string(), format!("{}:3: 1 cells, the header has 2", rows.display()));
    // A directory is no list.
    let e = Extractor::builder().add_file(ListKind::People, &dir).build().unwrap_err();
    assert_eq!(e.source_name(), dir.to_str());
    assert!(std::error::Error::source(&e).is_some());

    let e = Extractor::builder().add_file(ListKind::People, dir.join("missing.tsv")).build().unwrap_err();
    assert!(e.to_string().contains("missing.tsv"), "{e}");
    assert!(std::error::Error::source(&e).is_some());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn user_lists_add_and_replace() {
    let people = "id\tname\taliases\tgender\nperson/odile-brandt\tOdile Brandt\tBrandt\tf\n";
    let ex = Extractor::builder().add_list(ListKind::People, "mine", people).build().unwrap();
    let a = ex.extract("Brandt met Iraqi officials in Baghdad.");
    let m = &a.mentions[0];
    assert_eq!((m.text.as_str(), m.kind), ("Brandt", Kind::Person));
    let e = &a.entities[m.entity.unwrap()];
    assert_eq!((e.name.as_str(), e.key.as_deref()), ("Odile Brandt", Some("person/odile-brandt")));
    // The embedded lists are still there.
    assert!(a.mentions.iter().any(|m| m.text == "Iraqi" && m.kind == Kind::Nationality));

    // Replacing the countries list: only the user's countries remain.
    let countries = "id\tname\taliases\nZZ\tZembla\t\n";
    let ex = Extractor::builder().replace_list(ListKind::Countries, "zembla", countries).build().unwrap();
    let a = ex.extract("Zembla and Iraq signed a deal.");
    let got: Vec<&str> = a.mentions.iter().filter(|m| m.kind == Kind::Country).map(|m| m.text.as_str()).collect();
    assert_eq!(got, ["Zembla"]);
}

#[test]
fn kinds_can_be_chosen() {
    let ex = Extractor::builder().kinds([Kind::Country]).build().unwrap();
    let a = ex.extract("Russian President Vladimir Putin visited Turkey.");
    let kinds: Vec<Kind> = a.mentions.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [Kind::Country]);
}

#[test]
fn one_entry_of_every_category() {
    let a = Extractor::default().extract(
        "Iraqi Prime Minister Mohammed Shia Al-Sudani met UNHCR officials in Erbil and \
         Hezbollah fighters near Tyre, Reuters reported.",
    );
    let find = |t: &str| a.mentions.iter().find(|m| m.text == t).map(|m| m.kind);
    assert_eq!(find("Iraqi"), Some(Kind::Nationality));
    assert_eq!(find("Prime Minister"), Some(Kind::Title));
    assert_eq!(find("Mohammed Shia Al-Sudani"), Some(Kind::Person));
    assert_eq!(find("UNHCR"), Some(Kind::Group));
    assert_eq!(find("Erbil"), Some(Kind::Place));
    assert_eq!(find("Hezbollah"), Some(Kind::Group));
    assert_eq!(find("Reuters"), Some(Kind::Group));
}

#[test]
fn towns_are_named_where_a_place_is_expected() {
    let towns = "id\tname\tcountry\ttype\tcontext\nplace/test-midland\tMidland\tUS\tcity\tplace\nplace/test-sturgis\tSturgis\tUS\tcity\tplace\n";
    let ex = Extractor::builder().add_list(ListKind::Places, "towns.tsv", towns).build().unwrap();
    let table: &[(&str, &[&str])] = &[
        ("A think tank in Midland said costs rose.", &["Midland"]),
        ("She grew up near Midland, Texas.", &["Midland", "Texas"]),
        ("Midland, Texas, voted early.", &["Midland", "Texas"]),
        ("MIDLAND, Texas (AP) — Oil prices fell.", &["MIDLAND", "Texas"]),
        ("Rep. Eldon Swartz, R-Sturgis, voted no.", &["Sturgis"]),
        ("A Midland-based driller cut jobs.", &["Midland"]),
        // No place is expected here: a surname, or a word in a name.
        ("Sarah Midland said the vote was close.", &[]),
        ("Midland said the vote was close.", &[]),
        ("The Sturgis rally drew bikers.", &[]),
    ];
    for (text, want) in table {
        let a = ex.extract(text);
        let got: Vec<&str> = a.mentions.iter().filter(|m| m.kind == Kind::Place).map(|m| m.text.as_str()).collect();
        assert_eq!(&got, want, "{text}");
    }
    let bad = "id\tname\tcontext\nplace/x\tXanadu\ttown\n";
    let e = build_err(ListKind::Places, bad);
    assert_eq!(e.to_string(), "user.tsv:2: unknown context `town` (place or empty)");
}

/// The rule table compiles beside the lists; a build with errors in both
/// still reports the lists' first, as one after the other would.
#[test]
fn a_list_error_comes_before_a_rule_table_error() {
    let people = "id\tname\taliases\nperson/i\tIrina Petrova\tIraq\n";
    let rules = "id\ttable\tconfidence\tdescription\nquote/odd\tnowhere\t0.5\tA rule of no table.\n";
    let both = Extractor::builder()
        .add_list(ListKind::People, "people.tsv", people)
        .add_list(ListKind::Rules, "rules.tsv", rules)
        .build()
        .expect_err("both lists are wrong");
    assert_eq!((both.source_name(), both.line()), (Some("people.tsv"), Some(2)), "{both}");
    let rules_only = build_err(ListKind::Rules, rules);
    assert!(rules_only.to_string().contains("unknown rule table `nowhere`"), "{rules_only}");
}
