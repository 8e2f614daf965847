//! A sorted list of token indices (the tokens outside quotes, for
//! attribution) that finds where a token would go in constant time, with a
//! [`Ranks`] index over the token indices.

use crate::doc::Tok;
use crate::span::Ranks;

/// Token indices in increasing order, with a rank index.
#[derive(Debug, Default)]
pub(crate) struct TokList {
    toks: Vec<Tok>,
    ranks: Ranks,
}

impl From<Vec<Tok>> for TokList {
    /// `toks` must be in increasing order.
    fn from(toks: Vec<Tok>) -> TokList {
        let end = toks.last().map_or(0, |t| t.ix() + 1);
        let ranks = Ranks::new(toks.iter().map(|t| t.ix()), end);
        TokList { toks, ranks }
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
        self.ranks.below(t.ix())
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
