//! Hostile text shapes: inputs that stress one stage's cost each, as a
//! hostile user would write them. Every shape has a name and makes about
//! `n` bytes; `benches/hostile.rs` times each at three sizes.
//!
//! The shapes cover those of the shared generator (`../shared/hostile/gen.py
//! list`, same names) and those issue 12 names: a quote followed by a long
//! comma-free run, a known person then many ambiguous short forms, many
//! bearers of one surname, one long document.

/// A deterministic pseudo-random sequence (an LCG), so every run measures
/// the same text.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const SYLLABLES: &[&str] =
    &["ka", "ro", "mi", "tan", "vel", "dor", "ish", "ul", "bre", "zon", "pha", "qui", "len", "mar", "sto", "gri"];

/// A made-up capitalised surname of two to four syllables.
pub fn surname(r: &mut Rng) -> String {
    let n = 2 + r.below(3);
    let mut s: String = (0..n).map(|_| *r.pick(SYLLABLES)).collect();
    if let Some(c) = s.get(..1).map(str::to_ascii_uppercase) {
        s.replace_range(..1, &c);
    }
    s
}

/// The given names of `gazetteers/given_names.tsv` that are no common word.
pub fn given_names() -> Vec<String> {
    // Embedded, relative to this file: the benches and the crate's tests
    // both include it.
    let text = include_str!("../gazetteers/given_names.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("name\t"))
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            let ok = c.len() >= 4
                && c[3] != "1"
                && c[0].chars().all(char::is_alphabetic)
                && c[0].chars().next().is_some_and(char::is_uppercase);
            ok.then(|| c[0].to_string())
        })
        .collect()
}

/// Repeats `unit(i)` for i = 0, 1, ... until `n` bytes.
fn fill(n: usize, mut unit: impl FnMut(usize) -> String) -> String {
    let mut out = String::with_capacity(n + 256);
    let mut i = 0;
    while out.len() < n {
        out.push_str(&unit(i));
        i += 1;
    }
    out
}

/// `s` repeated to `n` bytes.
fn rep(n: usize, s: &str) -> String {
    s.repeat(n / s.len().max(1) + 1)
}

/// A shape: its name and its generator.
pub type Shape = (&'static str, fn(usize, &Ctx) -> String);

/// What some shapes read: the given names and the sample article.
pub struct Ctx {
    pub given: Vec<String>,
    pub sample: String,
}

impl Ctx {
    pub fn new() -> Ctx {
        Ctx { given: given_names(), sample: include_str!("../examples/sample.txt").to_string() }
    }

    /// The sample article repeated to about `bytes` in 1,000 documents.
    pub fn sample_documents(&self, bytes: usize) -> Vec<String> {
        let unit = format!("{}\n\n", self.sample);
        vec![unit.repeat((bytes / 1000) / unit.len() + 1); 1000]
    }
}

const MARKS: &[&str] = &["“", "\"", "‘", "«", "”", "'", "’", "»", "„"];

/// Every shape.
pub const SHAPES: &[Shape] = &[
    ("distinct_names", |n, c| {
        let mut r = Rng::new(1);
        fill(n, |_| format!("{} {} met officials on Monday. ", r.pick(&c.given), surname(&mut r)))
    }),
    ("distinct_names_said", |n, c| {
        let mut r = Rng::new(2);
        fill(n, |_| format!("“We will stay,” said {} {}. ", r.pick(&c.given), surname(&mut r)))
    }),
    ("same_surname", |n, _| format!("John Smith met officials. {}", rep(n, "Smith said. "))),
    ("shared_surname_many_bearers", |n, c| {
        let mut r = Rng::new(3);
        fill(n, |_| format!("{} Haddad arrived. Haddad said. ", r.pick(&c.given)))
    }),
    ("alt_quote_marks", |n, _| fill(n, |i| format!("{}word ", MARKS[i % MARKS.len()]))),
    ("alt_quote_marks_nowords", |n, _| fill(n, |i| MARKS[i % MARKS.len()].to_string())),
    ("openers_then_closers", |n, _| format!("{}{}", "“‘«".repeat(n / 16), "»’”".repeat(n / 16))),
    ("one_huge_quote", |n, _| format!("“{}” he said.", rep(n, "the talks will go on and on "))),
    ("multipara_quote", |n, _| {
        format!("Leila Nasser said:\n{}“End,” she said.", rep(n, "“The talks will go on and on.\n"))
    }),
    ("no_whitespace_lower", |n, _| "a".repeat(n)),
    ("no_whitespace_mixed", |n, _| {
        let al: Vec<char> = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,;:!?'\"“”‘’-–()".chars().collect();
        let mut r = Rng::new(4);
        fill(n, |_| r.pick(&al).to_string())
    }),
    ("no_whitespace_initials", |n, _| fill(n, |i| format!("{}.", (b'A' + (i % 26) as u8) as char))),
    ("no_ws_hyphen_caps", |n, _| rep(n, "Al-")),
    ("said_cues", |n, _| rep(n, "said ")),
    ("said_comma_cues", |n, _| rep(n, "he said, ")),
    ("capitalized_words", |n, _| {
        let mut r = Rng::new(5);
        fill(n, |_| surname(&mut r) + " ")
    }),
    ("capitalized_given", |n, c| {
        let mut r = Rng::new(6);
        fill(n, |_| format!("{} ", r.pick(&c.given)))
    }),
    ("titles_repeated", |n, _| format!("{}Ali Haddad said.", rep(n, "President "))),
    ("titles_mixed", |n, _| {
        let t = ["President ", "Prime Minister ", "Foreign Minister ", "Gen. ", "Dr. ", "Sheikh "];
        let mut r = Rng::new(7);
        format!("{}Haddad said.", fill(n, |_| r.pick(&t).to_string()))
    }),
    ("he_said_chain", |n, _| format!("Ali Haddad met Omar Khalil. {}", rep(n, "“Yes,” he said. "))),
    ("he_said_one_sentence", |n, _| format!("Ali Haddad met Omar Khalil {}", rep(n, "“yes” he said "))),
    ("para_quote_pronoun", |n, _| {
        format!("Ali Haddad arrived in Baghdad.\n{}", rep(n, "“We will stay here for a long time,” she said.\n"))
    }),
    ("para_quote_pronoun_noante", |n, _| {
        rep(n, "The weather was cold.\n“We will stay here for a long time,” he said.\n")
    }),
    ("long_list_said", |n, c| {
        let mut r = Rng::new(8);
        format!("{}and Ali Haddad said “we agree”.", fill(n, |_| format!("{} {}, ", r.pick(&c.given), surname(&mut r))))
    }),
    // "I" outside quotes looks for a byline's author: once a text, not once
    // an "I" (it scanned every mention for each, 24 s at 3 MB).
    ("first_person_said", |n, _| rep(n, "Anna Lind met Omar Haddad. I said: “We will talk again soon.”\n\n")),
    // Towns before a region and club forms in a sports report: each find
    // drops the person readings under it in one pass, not once a find.
    ("town_region_chain", |n, _| rep(n, "He grew up in Brackwell, Texas, and then in Halvorsen Falls, Oregon. ")),
    ("club_forms_chain", |n, _| {
        rep(n, "Real Torvik beat Halden United 2-1 in the league match as the striker scored. ")
    }),
    // A name in apposition after a comma, before a cue; a name ending in
    // a country before "and": each once read every cue, or every list hit,
    // of the text.
    ("apposition_before_cue", |n, _| rep(n, "The new minister, Ann Lee said the talks would go on. ")),
    ("party_of_country_and", |n, _| rep(n, "The Liberal Party of Canada and Young Americans for Liberty met. ")),
    ("long_list_countries", |n, _| {
        let cs = ["Iraq", "Syria", "Jordan", "Turkey", "Iran", "Egypt", "France", "Germany"];
        let mut r = Rng::new(9);
        format!("{}and Lebanon said “we agree”.", fill(n, |_| format!("{}, ", r.pick(&cs))))
    }),
    ("appositive_chain", |n, _| format!("Ali Haddad{}, said “no”.", rep(n, ", a spokesman for the ministry"))),
    ("according_to_chain", |n, _| format!("{}Ali Haddad, the talks failed.", rep(n, "according to "))),
    ("ministry_of_chain", |n, _| format!("{}Defence said.", rep(n, "Ministry of "))),
    ("party_chain", |n, _| format!("{}said.", rep(n, "Party "))),
    ("kataib_chain", |n, _| format!("{}Hezbollah said.", rep(n, "Kata’ib "))),
    ("groups_and_chain", |n, _| format!("{}Ministry of Interior said.", rep(n, "Ministry of Defence and "))),
    ("acronym_brackets", |n, _| {
        let mut r = Rng::new(10);
        format!("{}({})", fill(n, |_| surname(&mut r) + " "), "A".repeat(200))
    }),
    ("acronym_defs_many", |n, _| {
        let mut r = Rng::new(11);
        fill(n, |_| {
            let w: Vec<String> = (0..3).map(|_| surname(&mut r)).collect();
            let acr: String = w.iter().filter_map(|x| x.chars().next()).collect();
            format!("The {} ({acr}) said. {acr} agreed. ", w.join(" "))
        })
    }),
    ("nested_deep", |n, _| format!("{}x{}", "“‘".repeat(n / 12), "’”".repeat(n / 12))),
    ("hard_wrapped", |n, _| rep(n, "the talks went on and\n")),
    ("newlines_only", |n, _| "\n".repeat(n)),
    ("crlf_only", |n, _| "\r\n".repeat(n / 2)),
    ("spaces_only", |n, _| " ".repeat(n)),
    ("short_sentences", |n, _| fill(n, |i| format!("{}. ", (b'A' + (i % 26) as u8) as char))),
    ("headline_titlecase", |n, c| {
        let mut r = Rng::new(12);
        fill(n, |_| {
            let g = r.pick(&c.given).clone();
            format!("{} {} Meets {} Over Talks\n", g, surname(&mut r), surname(&mut r))
        })
    }),
    ("georgia_ambiguous", |n, _| {
        let w = ["Georgia ", "Tbilisi ", "Atlanta ", "Jordan ", "Washington ", "met "];
        let mut r = Rng::new(13);
        format!("{}.", fill(n, |_| r.pick(&w).to_string()))
    }),
    ("combining_marks", |n, _| format!("a{}", "\u{301}".repeat(n / 2))),
    ("combining_words", |n, _| rep(n, "Ha\u{301}\u{308}ddad ")),
    ("emoji_zwj", |n, _| "👨\u{200d}👩\u{200d}👧\u{200d}👦".repeat(n / 25)),
    ("zero_width", |n, _| rep(n, "Al\u{ad}\u{200b}-Su\u{200b}dani ")),
    ("caps_headline", |n, _| {
        let w = ["IRAQ ", "SYRIA ", "PRESIDENT ", "SAID ", "HADDAD "];
        let mut r = Rng::new(14);
        fill(n, |_| r.pick(&w).to_string())
    }),
    ("particles", |n, _| {
        let w = ["al-", "bin ", "de ", "van der ", "abu ", "ibn "];
        let mut r = Rng::new(15);
        format!("Ali {}Haddad said.", fill(n, |_| r.pick(&w).to_string()))
    }),
    ("apostrophe_names", |n, _| rep(n, "O’Neill O 'Neill McAllister Di Marco ")),
    ("sample_repeat", |n, c| rep(n, &format!("{}\n", c.sample))),
    ("reported_speech", |n, _| format!("{}.", rep(n, "he stressed that the talks "))),
    ("called_on_chain", |n, _| format!("{}stop.", rep(n, "Haddad called on Khalil to "))),
    ("who_relative", |n, _| format!("Ali Haddad{}, said “no”.", rep(n, ", who asked not to be named"))),
    ("speaker_nouns", |n, _| format!("{}said “no”.", rep(n, "a senior official familiar with the talks "))),
    ("the_chain", |n, _| format!("{}Ministry said.", rep(n, "The "))),
    ("digits", |n, _| rep(n, "1,234.5 ")),
    ("straight_quotes_words", |n, _| {
        let w = ["\"a\" ", "b\"c ", "\"", " \" ", "'x' ", "d'e "];
        let mut r = Rng::new(16);
        fill(n, |_| r.pick(&w).to_string())
    }),
    ("possessive_pronoun", |n, _| rep(n, "Jordan injured his knee. Washington said his ")),
    ("surname_bearers_titled", |n, _| {
        let mut r = Rng::new(17);
        fill(n, |_| format!("President {} Haddad arrived. Haddad said. ", surname(&mut r)))
    }),
    ("surname_bearers_then_bare", |n, _| {
        let mut r = Rng::new(18);
        let half = fill(n / 2, |_| format!("President {} Haddad arrived. ", surname(&mut r)));
        format!("{half}{}", rep(n / 2, "Haddad said. "))
    }),
    ("michael_jordan_replace", |n, _| format!("Michael Jordan arrived. {}", rep(n, "Jordan said. "))),
    ("ambiguous_surname_mix", |n, _| {
        let w = ["Jordan", "Washington", "Georgia", "Chad"];
        let mut r = Rng::new(19);
        fill(n, |_| format!("Michael {} arrived. {} said. ", r.pick(&w), r.pick(&w)))
    }),
    ("said_then_nouns", |n, _| format!("“We will stay here,” said{}.", rep(n, " with officials"))),
    ("according_nouns_quote", |n, _| format!("According to{} “we will stay here”.", rep(n, " with officials"))),
    ("said_then_nouns_multi", |n, _| {
        rep(n, &format!("“We will stay here,” said{} ", " with officials".repeat(200))) + "."
    }),
    ("said_then_plain_nouns", |n, _| format!("“We will stay here,” said{}.", rep(n, " officials"))),
    ("said_then_words", |n, _| format!("“We will stay here,” said{}.", rep(n, " with the"))),
    ("said_then_nouns_comma", |n, _| {
        format!(
            "“We will stay here,” said{}.",
            fill(n, |i| format!(" with officials{}", if i % 10 == 9 { "," } else { "" }))
        )
    }),
    ("realistic_runon", |n, _| {
        let w = [
            "the",
            "officials",
            "from",
            "ministry",
            "sources",
            "with",
            "of",
            "spokesman",
            "residents",
            "and",
            "in",
            "city",
        ];
        let mut r = Rng::new(20);
        format!("“We will stay here,” said{}.", fill(n, |_| format!(" {}", r.pick(&w))))
    }),
    // Issue 12's shapes beyond the shared generator's.
    ("quote_then_comma_free_run", |n, _| format!("“We will stay here,” said{}.", rep(n, " with officials"))),
    ("according_to_comma_free_run", |n, _| format!("According to{}, the talks failed.", rep(n, " with officials"))),
    ("known_person_then_short_forms", |n, _| format!("Michael Jordan arrived. {}", rep(n, "Jordan said. "))),
    ("one_long_document", |n, c| rep(n, &format!("{}\n\n", c.sample))),
    ("many_companies", |n, _| {
        let mut r = Rng::new(22);
        fill(n, |_| {
            let (a, b) = (surname(&mut r), surname(&mut r));
            format!("{a} {b} Inc. posted a loss. {a} {b} said sales fell. ")
        })
    }),
];
