//! A deterministic news-style corpus for the benches: templates written for
//! gazette, filled from small lists of names, places and cues with a fixed
//! pseudo-random sequence, so every run measures the same text.

const PEOPLE: &[(&str, &str)] = &[
    ("Foreign Minister", "Amal Haddad"),
    ("Defence Minister", "Kemal Arslan"),
    ("Prime Minister", "Carlos Medina"),
    ("President", "Ivan Petrov"),
    ("Chancellor", "Maria Weber"),
    ("Colonel", "Ibrahim Musa"),
    ("Mayor", "Ana Costa"),
    ("Health Minister", "Rania Aboud"),
    ("opposition leader", "Daniel Moreau"),
    ("Ambassador", "Linda Graham"),
];
const COUNTRIES: &[&str] = &[
    "Iraq",
    "Syria",
    "Turkey",
    "Lebanon",
    "Jordan",
    "Egypt",
    "Iran",
    "Israel",
    "Russia",
    "Ukraine",
    "the United States",
    "France",
    "Germany",
    "Sudan",
    "Yemen",
    "Libya",
    "Saudi Arabia",
    "Qatar",
    "Kenya",
    "Ethiopia",
];
const CITIES: &[&str] = &[
    "Baghdad", "Ankara", "Beirut", "Amman", "Cairo", "Tehran", "Moscow", "Kyiv", "Paris", "Berlin", "Khartoum", "Doha",
];
const GROUPS: &[&str] = &[
    "the UN Security Council",
    "Hezbollah",
    "the World Health Organization",
    "NATO",
    "the European Union",
    "Hamas",
    "the Red Crescent",
    "the African Union",
    "the Arab League",
    "Reuters",
    "the International Monetary Fund",
];
const CUES: &[&str] = &["said", "told reporters", "stressed", "warned", "added", "noted"];
const NATIONALITIES: &[&str] = &["Iraqi", "Turkish", "Syrian", "Lebanese", "Egyptian", "Iranian", "Russian", "French"];

struct Lcg(u64);

impl Lcg {
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        &xs[(self.0 >> 33) as usize % xs.len()]
    }
}

/// One story of the generated corpus: five paragraphs.
fn story(r: &mut Lcg) -> String {
    let (title, name) = *r.pick(PEOPLE);
    let surname = name.rsplit(' ').next().unwrap_or(name);
    let (c1, c2, city, g, cue, nat) =
        (r.pick(COUNTRIES), r.pick(COUNTRIES), r.pick(CITIES), r.pick(GROUPS), r.pick(CUES), r.pick(NATIONALITIES));
    format!(
        "{t} {n} arrived in {city} on Tuesday for talks on the crisis between {c1} and {c2}.\n\n\
         “We will not accept any delay in the delivery of aid,” {s} {cue} after meeting officials from {g}.\n\
         The {nat} government has repeatedly called on {g} to act, and {s} stressed that the situation \
         “cannot continue for another winter.” According to {g}, more than 20,000 people have fled the area since March.\n\
         “There is no agreement yet,” a senior {nat} diplomat familiar with the talks told Reuters. \
         “Nobody expects a deal before the summit.”\n\
         Officials in {c1} described the proposal as “a first step,” while critics in {c2} said it ignored the \
         border dispute. {s}’s office said on Wednesday that a second round would take place in {city}.\n\n",
        t = title,
        n = name,
        s = surname,
        city = city,
        c1 = c1,
        c2 = c2,
        g = g,
        cue = cue,
        nat = nat,
    )
}

/// About `bytes` bytes of news-style text, as one text.
pub fn corpus(bytes: usize) -> String {
    let mut r = Lcg(42);
    let mut out = String::with_capacity(bytes + 4096);
    while out.len() < bytes {
        out.push_str(&story(&mut r));
    }
    out
}

/// About `bytes` bytes of news-style text, as documents of three stories.
pub fn generated_docs(bytes: usize) -> Vec<String> {
    let mut r = Lcg(42);
    let mut docs = Vec::new();
    let mut n = 0;
    while n < bytes {
        let doc: String = (0..3).map(|_| story(&mut r)).collect();
        n += doc.len();
        docs.push(doc);
    }
    docs
}

/// The texts of the project's own development sets, `eval/wire_dev.jsonl`
/// (wire copy: politics, business, sports pages) and
/// `eval/attribution_dev.jsonl` (short passages of reported speech), in
/// file order: news written for gazette in the shapes real news has.
pub fn wire_docs() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../eval");
    let mut docs = Vec::new();
    for name in ["wire_dev.jsonl", "attribution_dev.jsonl"] {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                docs.push(t.to_string());
            }
        }
    }
    docs
}

/// The bench corpus: the development sets' texts and as many bytes of
/// generated stories, interleaved (a story after every real document).
pub fn mixed_docs() -> Vec<String> {
    let wire = wire_docs();
    let bytes: usize = wire.iter().map(String::len).sum();
    let generated = generated_docs(bytes);
    let mut out = Vec::with_capacity(wire.len() + generated.len());
    let mut g = generated.into_iter();
    for w in wire {
        out.push(w);
        out.extend(g.next());
    }
    out.extend(g);
    out
}
