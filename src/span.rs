use core::ops::Range;

use serde::{Deserialize, Serialize};

/// A half-open range of UTF-8 byte offsets into the text given to
/// [`Extractor::extract`](crate::Extractor::extract).
///
/// Every span gazette returns starts and ends on a `char` boundary of the
/// caller's original text, so `&text[span.range()]` never panics.
///
/// ```
/// use gazette::Span;
///
/// let text = "Kata’ib Hezbollah said";
/// let span = Span::new(0, 19);
/// assert_eq!(&text[span.range()], "Kata’ib Hezbollah");
/// assert_eq!(span.char_range(text), 0..17);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// The byte offset of the first byte.
    pub start: usize,
    /// The byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// Creates a span from `start` to `end` (exclusive).
    #[inline]
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Returns the span as a range, ready to slice the text with.
    #[inline]
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Returns the length of the span in bytes.
    #[inline]
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Returns true when the span covers no bytes.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// Returns true when `other` lies entirely inside this span.
    #[inline]
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Returns true when the two spans share at least one byte.
    #[inline]
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Converts this byte span into a range of `char` offsets into `text`
    /// (Unicode scalar values, as Python counts them).
    ///
    /// A byte inside a char counts as that char's start, and any offset
    /// past the end of `text` as its length, as in [`Offsets::at`]. Each call counts
    /// the chars of `text` from its start: for many spans of one text, or
    /// for JavaScript's UTF-16 units, build an [`Offsets`] once.
    ///
    /// [`Offsets`]: crate::offsets::Offsets
    /// [`Offsets::at`]: crate::offsets::Offsets::at
    pub fn char_range(&self, text: &str) -> Range<usize> {
        let count = |b: usize| {
            let mut b = b.min(text.len());
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            text.get(..b).map_or(0, |t| t.chars().count())
        };
        count(self.start)..count(self.end)
    }
}

impl From<Range<usize>> for Span {
    #[inline]
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl From<Span> for Range<usize> {
    #[inline]
    fn from(s: Span) -> Range<usize> {
        s.range()
    }
}

/// An optional span in 8 bytes, not 24: the title or country read before a
/// candidate, kept for each of a text's many candidates and mentions.
/// Offsets fit in 32 bits, as tokens' do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct OptSpan {
    start: u32,
    end: u32,
}

impl OptSpan {
    /// No span: an end before the start, which no span has.
    pub(crate) const NONE: OptSpan = OptSpan { start: u32::MAX, end: 0 };

    /// The span, if there is one.
    #[inline]
    pub(crate) fn get(self) -> Option<Span> {
        (self.start <= self.end).then(|| Span::new(self.start as usize, self.end as usize))
    }

    /// Whether there is a span.
    #[inline]
    pub(crate) fn is_some(self) -> bool {
        self.start <= self.end
    }

    /// Whether there is none.
    #[inline]
    pub(crate) fn is_none(self) -> bool {
        !self.is_some()
    }
}

impl From<Option<Span>> for OptSpan {
    fn from(s: Option<Span>) -> OptSpan {
        match s {
            // Offsets past 4 GiB are never made: texts are read to 4 GiB.
            Some(s) => match (u32::try_from(s.start), u32::try_from(s.end)) {
                (Ok(start), Ok(end)) => OptSpan { start, end },
                _ => OptSpan::NONE,
            },
            None => OptSpan::NONE,
        }
    }
}

/// Distinct positions in increasing order (token starts, token indices),
/// as a bit set with a count per 64 positions: how many lie below a
/// position is a look-up and a population count, with no search (12 bytes
/// per 64 positions).
#[derive(Clone, Debug, Default)]
pub(crate) struct Ranks {
    /// For positions `64 * k ..`: which are set, and how many are set below
    /// `64 * k`.
    words: Vec<(u64, u32)>,
    /// How many are set.
    len: u32,
}

impl Ranks {
    /// The index of `positions`, strictly increasing, all below `end`.
    pub(crate) fn new(positions: impl Iterator<Item = usize>, end: usize) -> Ranks {
        let mut words: Vec<(u64, u32)> = vec![(0, 0); end.div_ceil(64)];
        for p in positions {
            if let Some(w) = words.get_mut(p / 64) {
                w.0 |= 1 << (p % 64);
            }
        }
        let mut below = 0u32;
        for w in &mut words {
            w.1 = below;
            below += w.0.count_ones();
        }
        Ranks { words, len: below }
    }

    /// How many positions lie below `p`.
    #[inline]
    pub(crate) fn below(&self, p: usize) -> usize {
        match self.words.get(p / 64) {
            Some(&(bits, below)) => below as usize + (bits & ((1u64 << (p % 64)) - 1)).count_ones() as usize,
            None => self.len as usize,
        }
    }
}

/// The bytes a block of a [`Blocks`] index covers.
pub(crate) const BLOCK: usize = 64;

/// Spare room (in bytes) worth a reallocation to give back.
pub(crate) const SPARE_BYTES: usize = 4096;

/// Gives back a vector's spare room when it is worth a reallocation: a
/// long text's vectors, which grew by doubling or were reserved by the
/// length of the text, are cut to size; a short text's few spare places are
/// kept, and cost no copy.
pub(crate) fn trim_spare<T>(v: &mut Vec<T>) {
    if (v.capacity() - v.len()).saturating_mul(std::mem::size_of::<T>()) > SPARE_BYTES {
        v.shrink_to_fit();
    }
}

/// Collects the items of a filter that clones nothing in two passes: the
/// first counts them, so that a long text's vector is made at its size,
/// not grown by doubling (each step a copy of all before it, in fresh
/// pages).
pub(crate) fn collect_counted<I: Iterator + Clone>(items: I) -> Vec<I::Item> {
    let mut v = Vec::with_capacity(items.clone().count());
    v.extend(items);
    v
}

/// Keeps, of items sorted by start, those that start at or after the end
/// of the last one kept (the first of overlapping ones stays), in place.
pub(crate) fn keep_apart<T>(items: &mut Vec<T>, span: impl Fn(&T) -> Span) {
    let mut end: Option<usize> = None;
    items.retain(|x| {
        let s = span(x);
        let keep = end.is_none_or(|e| e <= s.start);
        if keep {
            end = Some(s.end);
        }
        keep
    });
}

/// For every [`BLOCK`] bytes of a text, the first of some items (sorted
/// by start) that starts at or after the block's start: the items at a
/// byte are searched in its block only. The starts may be any increasing
/// positions. A few items (at most [`FEW`]) have no index: they are
/// searched whole, which costs no more.
#[derive(Clone, Debug, Default)]
pub(crate) struct Blocks(Vec<u32>);

/// The most items searched without an index.
const FEW: usize = 32;

impl Blocks {
    /// The index of items that start at `starts`, in a text of `len` bytes.
    pub(crate) fn new(starts: impl ExactSizeIterator<Item = usize>, len: usize) -> Blocks {
        if starts.len() <= FEW {
            return Blocks::default();
        }
        let mut blocks = Vec::with_capacity(len / BLOCK + 2);
        let mut n = 0;
        for (i, start) in starts.enumerate() {
            while blocks.len() * BLOCK <= start {
                blocks.push(i as u32);
            }
            n = i + 1;
        }
        while blocks.len() * BLOCK <= len {
            blocks.push(n as u32);
        }
        Blocks(blocks)
    }

    /// The index of the first of `items` (the items indexed) that starts at
    /// or after byte `b`.
    pub(crate) fn first_at<T>(&self, items: &[T], b: usize, start: impl Fn(&T) -> usize) -> usize {
        if self.0.is_empty() {
            return items.partition_point(|x| start(x) < b);
        }
        let n = items.len();
        let k = b / BLOCK;
        let lo = self.0.get(k).map_or(n, |&x| x as usize);
        let hi = self.0.get(k + 1).map_or(n, |&x| x as usize).max(lo);
        let i = lo + items.get(lo..hi).map_or(0, |s| s.partition_point(|x| start(x) < b));
        debug_assert_eq!(i, items.partition_point(|x| start(x) < b));
        i
    }
}

/// The index of the first of `items` that ends after byte `b`, given
/// `first`, the index of the first that starts at or after `b`: for items
/// sorted by start that do not overlap (tokens, hits of one kind, quotes,
/// mentions), of those that start before `b` only the last may end after it.
pub(crate) fn first_ending_after<T>(items: &[T], first: usize, b: usize, end: impl Fn(&T) -> usize) -> usize {
    let i = match first.checked_sub(1).and_then(|p| items.get(p)) {
        Some(x) if end(x) > b => first - 1,
        _ => first,
    };
    debug_assert_eq!(i, items.partition_point(|x| end(x) <= b));
    i
}

/// Sorts `xs` by `key`, keeping the order of equal keys, without the
/// scratch copy of half the items a stable sort takes (a long text's
/// mentions and statements are many and large): their places
/// are sorted as (key, 32-bit index) pairs, 8 bytes each for a `u32` key,
/// and the items moved along the cycles of that order.
pub(crate) fn sort_stable_by_key<T, K: Ord + Copy>(xs: &mut [T], key: impl Fn(&T) -> K) {
    if xs.is_sorted_by_key(&key) {
        return;
    }
    // A few items: std's stable sort, an insertion sort then, with no
    // scratch.
    if xs.len() <= 20 || xs.len() >= u32::MAX as usize {
        xs.sort_by_key(key);
        return;
    }
    let mut order: Vec<(K, u32)> = xs.iter().enumerate().map(|(i, x)| (key(x), i as u32)).collect();
    order.sort_unstable();
    // `order[k].1` is the item that goes to `k`; a placed `k` is marked
    // `u32::MAX`.
    for k in 0..order.len() {
        let mut x = k;
        while let Some(j) = order.get(x).map(|o| o.1).filter(|&j| j != u32::MAX) {
            if let Some(o) = order.get_mut(x) {
                o.1 = u32::MAX;
            }
            let j = j as usize;
            if j == k || j == x {
                break;
            }
            xs.swap(x, j);
            x = j;
        }
    }
}

#[cfg(test)]
mod sort_tests {
    #[test]
    fn sort_stable_by_key_keeps_the_order_of_equal_keys() {
        let table: &[&[(u64, char)]] = &[
            &[(5, 'a'), (1, 'b'), (5, 'c'), (0, 'd'), (1, 'e')],
            &[(2, 'a'), (1, 'b'), (0, 'c')],
            &[(0, 'a'), (0, 'b')],
            &[],
            &[(3, 'a'), (0, 'b'), (2, 'c'), (1, 'd'), (0, 'e'), (9, 'f'), (4, 'g')],
            &[(1, 'a'), (0, 'b'), (1, 'c'), (0, 'd'), (1, 'e'), (0, 'f')],
        ];
        // Past 20 items the places are sorted and the items moved along
        // cycles: many equal keys, reversed runs, one item out of place.
        let tags = |n: usize| (0..n).map(|i| char::from_u32(0x100 + i as u32).unwrap_or('?'));
        let long: Vec<Vec<(u64, char)>> = vec![
            tags(100).enumerate().map(|(i, c)| ((i * 37 % 11) as u64, c)).collect(),
            tags(64).enumerate().map(|(i, c)| ((64 - i) as u64 / 3, c)).collect(),
            tags(30).enumerate().map(|(i, c)| (if i == 29 { 0 } else { i as u64 }, c)).collect(),
        ];
        for row in table.iter().map(|r| r.to_vec()).chain(long) {
            let mut got = row.clone();
            super::sort_stable_by_key(&mut got, |x| x.0);
            let mut want = row.clone();
            want.sort_by_key(|x| x.0);
            assert_eq!(got, want, "{row:?}");
        }
    }

    #[test]
    fn ranks_count_what_a_scan_counts() {
        let table: &[(&[usize], usize)] =
            &[(&[], 0), (&[], 100), (&[0], 1), (&[0, 1, 2, 63, 64, 65, 127, 128], 130), (&[5, 200, 201, 999], 1000)];
        for &(set, end) in table {
            let r = super::Ranks::new(set.iter().copied(), end);
            for p in 0..end + 70 {
                assert_eq!(r.below(p), set.iter().filter(|&&x| x < p).count(), "{p} in {set:?}");
            }
        }
    }

    /// Indexed or not (a few items are searched whole), `first_at` finds
    /// the first item starting at or after each byte.
    #[test]
    fn blocks_find_the_first_item_at_or_after_a_byte() {
        let many: Vec<usize> = (0..40).map(|i| i * 7 + i % 3).collect();
        let table: &[(&[usize], usize)] = &[
            (&[], 10),
            (&[0], 5),
            (&[3, 3, 9, 200], 300),
            (&[64, 65, 128], 130),
            (&many, 400),
            (
                &[
                    0, 0, 0, 1, 1, 2, 70, 70, 71, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153,
                    154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 190,
                ],
                200,
            ),
        ];
        for &(starts, len) in table {
            let blocks = super::Blocks::new(starts.iter().copied(), len);
            assert_eq!(blocks.0.is_empty(), starts.len() <= super::FEW, "{starts:?}");
            for b in 0..=len {
                let want = starts.partition_point(|&s| s < b);
                assert_eq!(blocks.first_at(starts, b, |&s| s), want, "{b} in {starts:?}");
            }
        }
    }

    #[test]
    fn keep_apart_keeps_the_first_of_overlapping_spans() {
        // (spans sorted by start, spans kept)
        type Spans<'a> = &'a [(usize, usize)];
        let table: &[(Spans<'_>, Spans<'_>)] = &[
            (&[], &[]),
            (&[(0, 5), (5, 9), (9, 9), (9, 12)], &[(0, 5), (5, 9), (9, 9), (9, 12)]),
            (&[(0, 5), (2, 3), (4, 8), (5, 6)], &[(0, 5), (5, 6)]),
            (&[(0, 10), (3, 4), (10, 11)], &[(0, 10), (10, 11)]),
        ];
        for &(items, want) in table {
            let mut v: Vec<super::Span> = items.iter().map(|&(a, b)| super::Span::new(a, b)).collect();
            super::keep_apart(&mut v, |s| *s);
            let got: Vec<(usize, usize)> = v.iter().map(|s| (s.start, s.end)).collect();
            assert_eq!(got, want, "{items:?}");
        }
    }

    #[test]
    fn trim_spare_keeps_a_little_room_and_gives_back_much() {
        let mut small: Vec<u64> = Vec::with_capacity(100);
        small.push(1);
        super::trim_spare(&mut small);
        assert_eq!(small.capacity(), 100);
        let mut large: Vec<u64> = Vec::with_capacity(10_000);
        large.extend([1, 2, 3]);
        super::trim_spare(&mut large);
        assert!(large.capacity() < 10_000);
        assert_eq!(large, [1, 2, 3]);
    }
}
