//! A sorted list of token indices (the tokens outside quotes, for
//! attribution) that finds where a token would go without a binary search
//! over the whole list: an index of one `u32` per [`BLOCK`] tokens keeps the
//! search inside a block, so a long text costs no cache miss per lookup.

use crate::doc::Tok;

/// Tokens a block of the index covers.
const BLOCK: usize = 64;

/// Token indices in increasing order, with a block index.
#[derive(Debug, Default)]
pub(crate) struct TokList {
    toks: Vec<Tok>,
    /// For every [`BLOCK`] token indices, how many entries are below it.
    block: Vec<u32>,
}

impl From<Vec<Tok>> for TokList {
    /// `toks` must be in increasing order.
    fn from(toks: Vec<Tok>) -> TokList {
        let end = toks.last().map_or(0, |t| t.ix() + 1);
        let mut block = Vec::with_capacity(end / BLOCK + 2);
        for (i, t) in toks.iter().enumerate() {
            while block.len() * BLOCK <= t.ix() {
                block.push(i as u32);
            }
        }
        while block.len() * BLOCK <= end {
            block.push(toks.len() as u32);
        }
        TokList { toks, block }
    }
}

impl FromIterator<Tok> for TokList {
    fn from_iter<I: IntoIterator<Item = Tok>>(iter: I) -> TokList {
        TokList::from(iter.into_iter().collect::<Vec<Tok>>())
    }
}

impl TokList {
    /// How many entries are below token `t`.
    fn rank(&self, t: Tok) -> usize {
        let k = t.ix() / BLOCK;
        let n = self.toks.len();
        let lo = self.block.get(k).map_or(n, |&x| x as usize);
        let hi = self.block.get(k + 1).map_or(n, |&x| x as usize).max(lo);
        // A block that holds every token of its range: the rank is a sum.
        let r = if hi - lo == BLOCK {
            lo + (t.ix() - k * BLOCK)
        } else {
            lo + self.toks[lo..hi].partition_point(|&x| x < t)
        };
        debug_assert_eq!(r, self.toks.partition_point(|&x| x < t));
        r
    }

    /// Where the entries from token `a` up to (not including) token `b` sit
    /// in the list (see [`slice`](Self::slice)).
    pub(crate) fn range(&self, a: Tok, b: Tok) -> (usize, usize) {
        let (from, to) = (self.rank(a), self.rank(b));
        (from, to.max(from))
    }

    /// The entries at `range` (from [`range`](Self::range)).
    pub(crate) fn slice(&self, range: (usize, usize)) -> &[Tok] {
        self.toks.get(range.0..range.1).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_as_a_binary_search_finds() {
        // Every third token of 1,000, and none.
        let lists: [Vec<usize>; 5] = [
            (0..1000).step_by(3).collect(),
            Vec::new(),
            vec![5, 200, 201, 999],
            // Whole blocks, and whole blocks but for a few tokens.
            (0..1000).collect(),
            (0..1000).filter(|i| !matches!(i, 70 | 500..=520)).collect(),
        ];
        for list in lists {
            let t = TokList::from(list.iter().map(|&i| Tok::new(i)).collect::<Vec<_>>());
            for (a, b) in [(0, 1000), (10, 20), (64, 128), (500, 499), (998, 2000), (3000, 4000)] {
                let want: Vec<usize> = list.iter().copied().filter(|&i| i >= a && i < b).collect();
                let got: Vec<usize> = t.slice(t.range(Tok::new(a), Tok::new(b))).iter().map(|t| t.ix()).collect();
                assert_eq!(got, want, "{a}..{b} in {} entries", list.len());
            }
        }
    }
}
