//! The matcher of the lists: one Aho-Corasick automaton (the
//! `aho-corasick` crate's contiguous NFA) of every pattern in ASCII lower
//! case, run anchored from each place where a name may start.
//!
//! A list form only counts on word boundaries, so the automaton is not
//! run over the text as one unanchored search: it is started, anchored,
//! at every char that does not follow a letter or digit, and followed as
//! long as the text stays on one of its patterns' paths. Every pattern
//! that starts there is found, shortest first: the same matches an
//! overlapping unanchored search finds, less the ones that start inside a
//! word, with no lower-case copy of the text (each byte is lower-cased as
//! it is fed) and no sort of the matches afterwards.

use std::fmt;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

/// ASCII lower case, other bytes as they are.
const LOWER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).to_ascii_lowercase();
        i += 1;
    }
    t
};

/// Anchored Aho-Corasick automata of byte strings, matched in ASCII lower
/// case: one per group of first bytes, built side by side (a walk starts
/// in the one automaton that holds the patterns of its first byte, so the
/// split costs the search nothing).
///
/// The split also makes the build cheaper on one core: the crate's build
/// grows faster than the number of patterns (34,561 patterns take 45 ms
/// as one automaton and 26 ms of work as eight), so the patterns are cut
/// into parts of about [`PART_BYTES`] bytes whatever the number of cores.
pub(crate) struct Matcher {
    parts: Vec<Part>,
    /// The part that holds the patterns starting with a byte (lower
    /// case), or `NO_PART`.
    part_of: [u8; 256],
}

/// No pattern starts with this byte.
const NO_PART: u8 = u8::MAX;

/// The pattern bytes one automaton holds, about: small enough that the
/// build stays near linear, large enough that a part's fixed cost is
/// small.
const PART_BYTES: usize = 40_000;

/// The most automata (and threads building them).
const MAX_PARTS: usize = 16;

/// One automaton and the caller's number of each of its patterns.
struct Part {
    nfa: NFA,
    /// The anchored start state.
    start: StateID,
    /// The caller's pattern number of each of this automaton's patterns.
    ids: Vec<u32>,
}

impl fmt::Debug for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let patterns: usize = self.parts.iter().map(|p| p.ids.len()).sum();
        f.debug_struct("Matcher").field("patterns", &patterns).field("parts", &self.parts.len()).finish_non_exhaustive()
    }
}

impl Part {
    /// The automaton of `patterns[i]` for each `i` of `ids`, in ASCII lower
    /// case (lowered here, on the part's own thread, into one buffer).
    fn new(patterns: &[&[u8]], ids: Vec<u32>) -> Result<Part, String> {
        let mut lower = Vec::with_capacity(ids.iter().map(|&i| patterns[i as usize].len()).sum());
        let mut ranges = Vec::with_capacity(ids.len());
        for &i in &ids {
            let start = lower.len();
            lower.extend(patterns[i as usize].iter().map(|&b| LOWER[b as usize]));
            ranges.push(start..lower.len());
        }
        let nfa = NFA::builder()
            .match_kind(MatchKind::Standard)
            // Every search is anchored at a word start: no prefilter.
            .prefilter(false)
            .build(ranges.iter().map(|r| &lower[r.clone()]))
            .map_err(|e| e.to_string())?;
        let start = nfa.start_state(Anchored::Yes).map_err(|e| e.to_string())?;
        Ok(Part { nfa, start, ids })
    }
}

impl Matcher {
    /// An automaton of `patterns`: non-empty, distinct in ASCII lower case.
    /// Pattern `i` is reported as `i`. The patterns are split by first byte
    /// into automata of about [`PART_BYTES`] pattern bytes (at most
    /// [`MAX_PARTS`]), built on as many threads as there are cores. Fails
    /// only when an automaton would be too large for its state identifiers.
    pub(crate) fn new(patterns: &[&[u8]]) -> Result<Matcher, String> {
        // Patterns per first byte (in lower case), then runs of first bytes
        // of about equal weight (counted in bytes: the build is linear in
        // them).
        let mut weight = [0usize; 256];
        for p in patterns {
            if let Some(&b) = p.first() {
                weight[LOWER[b as usize] as usize] += p.len();
            }
        }
        let total: usize = weight.iter().sum();
        let n = total.div_ceil(PART_BYTES).clamp(1, MAX_PARTS);
        let mut part_of = [NO_PART; 256];
        let (mut part, mut acc) = (0usize, 0usize);
        for b in 0..256 {
            if weight[b] == 0 {
                continue;
            }
            if acc >= total * (part + 1) / n && part + 1 < n {
                part += 1;
            }
            part_of[b] = part as u8;
            acc += weight[b];
        }
        let mut ids: Vec<Vec<u32>> = vec![Vec::new(); part + 1];
        for (i, p) in patterns.iter().enumerate() {
            if let Some(&b) = p.first() {
                ids[part_of[LOWER[b as usize] as usize] as usize].push(i as u32);
            }
        }
        let parts = crate::par::map(ids, Vec::len, |ids| Part::new(patterns, ids));
        Ok(Matcher { parts: parts.into_iter().collect::<Result<_, _>>()?, part_of })
    }

    /// Whether some pattern starts with byte `b` (in any ASCII case).
    #[inline]
    pub(crate) fn starts(&self, b: u8) -> bool {
        self.part_of[LOWER[b as usize] as usize] != NO_PART
    }

    /// Calls `found(end, pattern)` for every pattern that starts at byte
    /// `start` of `hay` (matched in ASCII lower case), shortest first.
    #[inline]
    pub(crate) fn matches_at(&self, hay: &[u8], start: usize, mut found: impl FnMut(usize, u32)) {
        let Some(&b) = hay.get(start) else { return };
        let Some(part) = self.parts.get(self.part_of[LOWER[b as usize] as usize] as usize) else { return };
        let nfa = &part.nfa;
        let mut sid = part.start;
        for (end, &b) in hay.iter().enumerate().skip(start).map(|(i, b)| (i + 1, b)) {
            sid = nfa.next_state(Anchored::Yes, sid, LOWER[b as usize]);
            if nfa.is_dead(sid) {
                return;
            }
            if nfa.is_match(sid) {
                // A state also holds the patterns that are suffixes of its
                // path; only the one that starts at `start` is this walk's.
                for k in 0..nfa.match_len(sid) {
                    let p = nfa.match_pattern(sid, k);
                    if nfa.pattern_len(p) == end - start {
                        if let Some(&id) = part.ids.get(p.as_usize()) {
                            found(end, id);
                        }
                        break;
                    }
                }
            }
        }
    }

    /// The bytes the automaton holds on the heap.
    #[cfg(test)]
    pub(crate) fn heap_bytes(&self) -> usize {
        self.parts.iter().map(|p| p.nfa.memory_usage() + p.ids.capacity() * 4).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every (start, end, pattern) found from every position.
    fn all(patterns: &[&str], hay: &str) -> Vec<(usize, usize, u32)> {
        let ps: Vec<&[u8]> = patterns.iter().map(|p| p.as_bytes()).collect();
        let Ok(t) = Matcher::new(&ps) else { panic!("{patterns:?} builds") };
        let mut out = Vec::new();
        for s in 0..hay.len() {
            if hay.as_bytes().get(s).is_some_and(|&b| t.starts(b)) {
                t.matches_at(hay.as_bytes(), s, |e, p| out.push((s, e, p)));
            }
        }
        out
    }

    #[test]
    fn finds_every_pattern_at_every_start() {
        type Row<'a> = (&'a [&'a str], &'a str, &'a [(usize, usize, u32)]);
        let table: &[Row<'_>] = &[
            (
                &["al", "al al", "al al al"],
                "Al Al Al",
                &[(0, 2, 0), (0, 5, 1), (0, 8, 2), (3, 5, 0), (3, 8, 1), (6, 8, 0)],
            ),
            (&["iraq", "ira"], "IRAQI", &[(0, 3, 1), (0, 4, 0)]),
            // "b" is a suffix of "ab": found from its own start only.
            (&["b", "ab", "abc"], "xabc", &[(1, 3, 1), (1, 4, 2), (2, 3, 0)]),
            (&["é"], "Éé", &[(2, 4, 0)]),
            // Patterns in any case match in ASCII lower case.
            (&["Iraq", "IRA"], "iraqi", &[(0, 3, 1), (0, 4, 0)]),
            (&["x"], "", &[]),
        ];
        for (patterns, hay, want) in table {
            assert_eq!(all(patterns, hay), *want, "{patterns:?} in {hay:?}");
        }
    }

    #[test]
    fn many_patterns_share_a_first_byte() {
        let words: Vec<String> = (b'a'..=b'z').map(|c| format!("q{}", c as char)).collect();
        let ps: Vec<&str> = words.iter().map(String::as_str).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(all(&ps, w), [(0, 2, i as u32)], "{w}");
        }
        let Ok(m) = Matcher::new(&[b"ab".as_slice()]) else { panic!("builds") };
        assert!(m.heap_bytes() > 0);
    }
}
