//! Inputs the fuzzers (`fuzz/`) found crashing or breaking an invariant,
//! kept so the bugs stay fixed. Each is checked with the shared invariant
//! checker; see `fuzz/README.md` for how each was found and fixed.

#[path = "common/invariants.rs"]
mod invariants;

use gazette::Extractor;

fn run(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let a = Extractor::default().extract(&text);
    invariants::assert_ok(&text, &a);
}

/// `extract`, found in the first run (about 146,000 executions):
/// `index out of bounds: the len is 315 but the index is 315` in
/// `rules.rs` (`Ctx::cap_word` indexed the token list with `j + 2` past the
/// last token, when a common given name stood before an entity at the end
/// of the text). Fixed by `cap_word` looking the token up with `get`.
#[test]
fn extract_cap_word_past_the_last_token() {
    const INPUT: &[u8] = b"\
IR\xc9Qrder Crossings\n\nHe said: \xe2\x80\x9cThey told us \xe2\x80\x98go\xe2\x80\x99 anRAQ SAYS \
\xe2\x80\x98NO\xe2\x80\x99 TO TALKS\nBagcording to Kata\xe2\x8a\x99ib Hezbollah, Al-Sudani and Sudan\
ib HezbollaU.S.l-Sudani and Sudani met Ms. Graham. The U.S\x99 Strioec\n\nAccording to KaSudani met \
Ms. Graham\xef\xbb\xbfMohammed Shia Al-\xc2\xadSudani (\xd9\x85\xd8\xad\xd9\x85\xd8\xe2\x80\x9e\xaf \
\xd8\xb4\xd9\x8a\xd8\xa7\xd8\xb9 d Shia Al-\xc2\xadSuli\x00\x07 Iraq\rSyria\xc4\xc4\xc4\xc4\xc4\xc4\
\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4tomorrow\xc4\xc4\
\xc4\xc4 Forces (SDF)\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\x9fan agred \xc2\
\xab wait \xc2\xbb and \"stay\",\xe2\x80\x9d a[Jordanian Firaqoreign  see said: \xe2\x80\x9cThey \
\xe2\x80\x99toMinister Ayman Safadi met'snited Nations envoy GMinistry of  in Amman on Tuesday to di\
scuss$theT\xc3\xbcrkiye\xe2\x80\x99s Eld us \xe2\x80\x98go\xe2\x80\x99 and \xc2\xab wait \xc2us \xe2\
\x80\x98go\xe2\x80\x99 and \xc2\xab wait \xc2\xbb and \"stay\",\xe2\x80nior Jordanian official told \
Reuters.\n\n\xe2\x80\x9cNext part\n\n\xe2\x80\x9cAnd1more,\xe2\x80\x9d said Omar Khalil s a,pokesman\
\x20for the Syrian Democra\x00\x00\x00\x00\x00\x00\x00. ane T\xc3\xbcrkiye\xe2\x80\x99s Erdo\xc4\xc4\
\xc4\xc4\xc4\xc4A\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xbc\xc4\
\xcc\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4\xc4al-\xc4\xc4\xc4\xc4\xc4\xc4\xc4\x00\x00\x00\x00\xc4\
\xc4\xc4\xc4 P_\x00\x00\x00\x00\x00\x00\xe2\x80\x9cThey e said: \xe2\x80\x9cThey told us \xe2\x80\
\x98go\xe2\x80\x99 and \xc2\xab wait \xc2us \xe2\x80\x98go\xe2\x80\x99 and rt\xc2\xab wait \xc2\xbb \
acnd \"stay\",\xe2\x80\x9d a senior Joe Syrian ";
    assert_eq!(INPUT.len(), 986);
    run(INPUT);
}

/// `extract`, second run (about 188,000 executions): the checker failed with
/// "scored mentions overlap": `O'SDF` (an acronym defined in brackets after
/// "the Syrian Democratic Forces") was added over the gazetteer's `SDF`
/// inside it. Fixed in `resolve.rs`: `link_acronyms` (and `link_short_forms`)
/// add a mention only where no mention overlaps the token.
#[test]
fn extract_acronym_over_a_mention_inside_it() {
    const INPUT: &[u8] = b"\
He said: \xe2\x80\x9cThey told us \xe2\x80\x98go\xe2\x80\x99 and \xc2\xab waitTALKS\nBaghd\xa6d Urge\
s Washinior Jordanian official told R\xff\xffe,\xe2\x80\x9d raid Omar Khalil, a spokesman for\x95\
\x95\x95\x95\x95\x95\x95\x95\x95\x95\x95\x95\x95\x95\x95\x95\x95\x95\x95\x95\x95\x95\x95\x95\x95\x95\
\x95\x95\x95\x95\x95\x95\x95\x95\x95\x95 the Syrian Democratic Forces (O'SDF).";
    assert_eq!(INPUT.len(), 215);
    run(INPUT);
    // The same, by hand.
    let text = "Omar Khalil, a spokesman for the Syrian Democratic Forces (O'SDF), said so. O'SDF agreed.";
    let a = Extractor::default().extract(text);
    invariants::assert_ok(text, &a);
}
