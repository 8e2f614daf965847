//! The matcher of the lists: one trie of every pattern (folded, ASCII
//! lower-cased), walked from each place where a name may start.
//!
//! A list form only counts on word boundaries, so the text is not scanned
//! byte by byte with an automaton: the trie is walked from every char that
//! does not follow a letter or digit, as long as the text follows one of its
//! branches. Every pattern that starts there is found, shortest first: the
//! same matches an overlapping Aho-Corasick search finds, less those that
//! start inside a word. Building it is one sort and one pass per depth.
//!
//! Nodes are numbered breadth first, so the children of a node are
//! consecutive: node `n`'s children are `first..first + kids`, each with
//! the byte on its edge in `label`, in byte order. A node with many
//! children (near the root) also has a row of `dense`, one entry per byte
//! class: the step is one load there instead of a search.

use std::fmt;

/// No node, no pattern.
const NONE: u32 = u32::MAX;

/// ASCII lower case, other bytes as they are: the text is matched as if
/// lower-cased, without a lower-case copy.
const LOWER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).to_ascii_lowercase();
        i += 1;
    }
    t
};

/// Children searched one by one; more have a dense row.
const SPARSE: usize = 6;

/// A node of the trie. Its children end where the next node's begin (a
/// last node holds the end).
#[derive(Clone, Copy, Debug)]
struct Node {
    /// The first child.
    first: u32,
    /// The pattern that ends here, or `NONE`.
    pattern: u32,
    /// Where its row of `dense` starts, or `NONE`.
    dense: u32,
}

/// A trie of byte strings.
pub(crate) struct Trie {
    nodes: Vec<Node>,
    /// Per node: the byte on the edge into it.
    label: Vec<u8>,
    /// The class of each (lower-case) byte: 0 for bytes no pattern has.
    class: [u8; 256],
    /// Rows of children by class (`NONE` for none), for wide nodes.
    dense: Vec<u32>,
}

impl fmt::Debug for Trie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Trie").field("nodes", &self.nodes.len()).finish_non_exhaustive()
    }
}

impl Trie {
    /// A trie of `patterns` in ASCII lower case: non-empty, distinct in
    /// lower case. Pattern `i` is reported as `i`.
    pub(crate) fn new(patterns: &[&[u8]]) -> Trie {
        let low = |b: u8| LOWER[b as usize];
        // Sorted by their first eight bytes as a number, then by the rest
        // (patterns hold no NUL byte, so zero padding sorts a shorter one
        // first): one integer compare for most pairs.
        let prefix = |p: &[u8]| {
            let mut b = [0u8; 8];
            for (x, &y) in b.iter_mut().zip(p) {
                *x = low(y);
            }
            u64::from_be_bytes(b)
        };
        let mut keyed: Vec<(u64, u32)> = patterns.iter().enumerate().map(|(i, p)| (prefix(p), i as u32)).collect();
        keyed.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0).then_with(|| {
                let (pa, pb) = (patterns[a.1 as usize], patterns[b.1 as usize]);
                let (ra, rb) = (pa.get(8..).unwrap_or_default(), pb.get(8..).unwrap_or_default());
                ra.iter().map(|&b| low(b)).cmp(rb.iter().map(|&b| low(b)))
            })
        });
        let order: Vec<u32> = keyed.into_iter().map(|(_, i)| i).collect();
        // The patterns copied in sorted order and lower case into one
        // buffer: each level of the walk below reads it front to back (the
        // patterns themselves lie all over the heap, and reading them level
        // by level missed the cache at every step).
        let mut buf: Vec<u8> = Vec::with_capacity(patterns.iter().map(|p| p.len()).sum());
        let mut ends: Vec<u32> = Vec::with_capacity(order.len() + 1);
        ends.push(0);
        for &i in &order {
            buf.extend(patterns[i as usize].iter().map(|&b| low(b)));
            ends.push(buf.len() as u32);
        }
        let pat = |j: u32| &buf[ends[j as usize] as usize..ends[j as usize + 1] as usize];
        let at = |j: u32, d: usize| buf[ends[j as usize] as usize + d];
        // Breadth first: each node is the range of sorted patterns that
        // share its path, and its depth. A node is at most one byte of a
        // pattern.
        let bytes: usize = patterns.iter().map(|p| p.len()).sum::<usize>() + 1;
        let mut nodes: Vec<(u32, u32, u32)> = Vec::with_capacity(bytes);
        nodes.push((0, order.len() as u32, 0));
        let mut first: Vec<u32> = Vec::with_capacity(bytes + 1);
        let mut label: Vec<u8> = Vec::with_capacity(bytes);
        label.push(0);
        let mut pattern: Vec<u32> = Vec::with_capacity(bytes);
        pattern.push(NONE);
        let mut i = 0;
        while let Some(&(lo, hi, depth)) = nodes.get(i) {
            first.push(nodes.len() as u32);
            let d = depth as usize;
            let mut j = lo;
            // The pattern that is this node's path sorts before the longer ones.
            while j < hi && pat(j).len() == d {
                pattern[i] = order[j as usize];
                j += 1;
            }
            while j < hi {
                let b = at(j, d);
                let mut k = j + 1;
                while k < hi && at(k, d) == b {
                    k += 1;
                }
                nodes.push((j, k, depth + 1));
                label.push(b);
                pattern.push(NONE);
                j = k;
            }
            i += 1;
        }
        first.push(nodes.len() as u32);
        // Byte classes: one for each byte some pattern has (patterns are
        // UTF-8, which never holds 0xC0, 0xC1 or 0xF5 to 0xFF: there are
        // fewer than 256).
        let mut class = [0u8; 256];
        let mut seen = [false; 256];
        for &b in &label[1..] {
            seen[b as usize] = true;
        }
        let mut classes = 1;
        for b in 0..256 {
            if seen[b] && classes < 256 {
                class[b] = classes as u8;
                classes += 1;
            }
        }
        let mut dense = Vec::new();
        let mut out = Vec::with_capacity(nodes.len() + 1);
        for n in 0..nodes.len() {
            let (a, z) = (first[n], first[n + 1]);
            let mut node = Node { first: a, pattern: pattern[n], dense: NONE };
            // The root always: every start reads it.
            if n == 0 || (z - a) as usize > SPARSE {
                node.dense = dense.len() as u32;
                dense.resize(dense.len() + classes, NONE);
                for k in a..z {
                    dense[node.dense as usize + class[label[k as usize] as usize] as usize] = k;
                }
            }
            out.push(node);
        }
        // The end of the last node's children.
        out.push(Node { first: nodes.len() as u32, pattern: NONE, dense: NONE });
        label.shrink_to_fit();
        Trie { nodes: out, label, class, dense }
    }

    /// The child of node `n` on byte `b` (lower-cased), or `NONE`.
    #[inline(always)]
    fn step(&self, n: usize, b: u8) -> u32 {
        let node = self.nodes[n];
        if node.dense != NONE {
            return self.dense[node.dense as usize + self.class[b as usize] as usize];
        }
        let a = node.first as usize;
        let z = self.nodes.get(n + 1).map_or(a, |next| next.first as usize);
        let kids = &self.label[a..z];
        kids.iter().position(|&x| x == b).map_or(NONE, |k| (a + k) as u32)
    }

    /// Whether some pattern starts with byte `b` (in any ASCII case).
    #[inline]
    pub(crate) fn starts(&self, b: u8) -> bool {
        self.step(0, LOWER[b as usize]) != NONE
    }

    /// Calls `found(end, pattern)` for every pattern that starts at byte
    /// `start` of `hay` (matched in ASCII lower case), shortest first.
    #[inline]
    pub(crate) fn matches_at(&self, hay: &[u8], start: usize, mut found: impl FnMut(usize, u32)) {
        let Some(&b) = hay.get(start) else { return };
        let mut n = self.step(0, LOWER[b as usize]);
        let mut end = start + 1;
        while n != NONE {
            let p = self.nodes[n as usize].pattern;
            if p != NONE {
                found(end, p);
            }
            let Some(&b) = hay.get(end) else { return };
            n = self.step(n as usize, LOWER[b as usize]);
            end += 1;
        }
    }

    /// The bytes the trie holds on the heap.
    #[cfg(test)]
    pub(crate) fn heap_bytes(&self) -> usize {
        self.nodes.capacity() * std::mem::size_of::<Node>() + self.label.capacity() + self.dense.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every (start, end, pattern) the trie finds from every position.
    fn all(patterns: &[&str], hay: &str) -> Vec<(usize, usize, u32)> {
        let ps: Vec<&[u8]> = patterns.iter().map(|p| p.as_bytes()).collect();
        let t = Trie::new(&ps);
        let mut out = Vec::new();
        for s in 0..hay.len() {
            t.matches_at(hay.as_bytes(), s, |e, p| out.push((s, e, p)));
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
    fn wide_nodes_step_by_dense_rows() {
        let words: Vec<String> = (b'a'..=b'z').map(|c| format!("q{}", c as char)).collect();
        let ps: Vec<&str> = words.iter().map(String::as_str).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(all(&ps, w), [(0, 2, i as u32)], "{w}");
        }
        assert!(Trie::new(&[b"ab".as_slice()]).heap_bytes() > 0);
    }
}
