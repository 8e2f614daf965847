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

/// About `bytes` bytes of news-style text.
pub fn corpus(bytes: usize) -> String {
    let mut r = Lcg(42);
    let mut out = String::with_capacity(bytes + 4096);
    while out.len() < bytes {
        let (title, name) = *r.pick(PEOPLE);
        let surname = name.rsplit(' ').next().unwrap_or(name);
        let (c1, c2, city, g, cue, nat) =
            (r.pick(COUNTRIES), r.pick(COUNTRIES), r.pick(CITIES), r.pick(GROUPS), r.pick(CUES), r.pick(NATIONALITIES));
        out.push_str(&format!(
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
        ));
    }
    out
}
