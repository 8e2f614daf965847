//! Hashing for the maps: a fast hash for those keyed by list data, and a
//! map that hashes each key of the text once ([`TextMap`]).

use std::collections::HashMap;

/// FNV-1a: a fast hash for the lexicon maps, whose keys come from the lists.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A hash map keyed by list data.
pub(crate) type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// A set of bytes, a bit each: the first bytes of some words or prefixes.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FirstBytes([u64; 4]);

impl FirstBytes {
    /// Adds byte `b`.
    pub(crate) fn insert(&mut self, b: u8) {
        self.0[b as usize / 64] |= 1 << (b % 64);
    }

    /// Whether byte `b` is in the set.
    #[inline]
    pub(crate) fn has(&self, b: u8) -> bool {
        self.0[b as usize / 64] >> (b % 64) & 1 == 1
    }

    /// Adds the first byte of prefix `p`; an empty prefix starts every word,
    /// so it adds every byte.
    pub(crate) fn add_prefix(&mut self, p: &str) {
        match p.as_bytes().first() {
            Some(&b) => self.insert(b),
            None => self.0 = [u64::MAX; 4],
        }
    }
}

/// A sketch of a set of words: their first bytes and their lengths (all
/// lengths of 63 bytes or more as one). A word it says no to is not in the
/// set.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Sketch {
    firsts: FirstBytes,
    lens: u64,
}

impl Sketch {
    /// Adds `w` to the set.
    pub(crate) fn add(&mut self, w: &str) {
        self.firsts.insert(w.as_bytes().first().copied().unwrap_or(0));
        self.lens |= 1 << w.len().min(63);
    }

    /// Whether `w` may be in the set: false means it is not.
    #[inline]
    pub(crate) fn may_hold(&self, w: &str) -> bool {
        self.firsts.has(w.as_bytes().first().copied().unwrap_or(0)) && self.lens >> w.len().min(63) & 1 == 1
    }
}

/// A map keyed by what the text holds (names, forms): each key is hashed
/// once, with std's randomly keyed hash, and kept with its hash in one
/// vector in the order of insertion; the table that finds them holds
/// 32-bit places only. As the map grows the table is made again from the
/// stored hashes, without reading a key: with many distinct names in a
/// long text, each such read was a cache miss, and the growth of a std
/// map cost more than linear time. Found with a borrowed form of the key
/// (a `&str` for a `String`), as std's maps are.
#[derive(Debug)]
pub(crate) struct TextMap<K, V> {
    /// 0 for an empty place, else 1 + an index of `entries`; a power of two
    /// long, at most 7/8 full.
    table: Vec<u32>,
    entries: Vec<(u64, K, V)>,
    state: std::collections::hash_map::RandomState,
}

impl<K, V> Default for TextMap<K, V> {
    fn default() -> TextMap<K, V> {
        TextMap { table: Vec::new(), entries: Vec::new(), state: std::collections::hash_map::RandomState::new() }
    }
}

impl<K: std::hash::Hash + Eq, V> TextMap<K, V> {
    fn hash<Q: std::hash::Hash + ?Sized>(&self, key: &Q) -> u64 {
        use std::hash::BuildHasher;
        self.state.hash_one(key)
    }

    /// The place of `hash` to start from.
    fn start(&self, hash: u64) -> usize {
        // The high bits: the low ones of a hash may be weaker.
        (hash >> 32) as usize & (self.table.len().wrapping_sub(1))
    }

    /// The index in `entries` of the key `key` with hash `hash`.
    fn index<Q>(&self, hash: u64, key: &Q) -> Option<usize>
    where
        K: std::borrow::Borrow<Q>,
        Q: Eq + ?Sized,
    {
        if self.table.is_empty() {
            return None;
        }
        let mask = self.table.len() - 1;
        let mut at = self.start(hash);
        loop {
            let slot = *self.table.get(at)?;
            let e = self.entries.get((slot as usize).checked_sub(1)?)?;
            if e.0 == hash && e.1.borrow() == key {
                return Some(slot as usize - 1);
            }
            at = (at + 1) & mask;
        }
    }

    /// Puts entry `i`, whose hash is `hash`, in the first empty place from
    /// the place of its hash.
    fn place(&mut self, hash: u64, i: usize) {
        let mask = self.table.len() - 1;
        let mut at = self.start(hash);
        while self.table[at] != 0 {
            at = (at + 1) & mask;
        }
        self.table[at] = i as u32 + 1;
    }

    /// Makes the table again, twice as long (or first), from the stored
    /// hashes.
    fn grow(&mut self) {
        // The entries grow with the table, to as many as it may hold: a
        // text's map of a few dozen names takes two allocations, not ten.
        let n = (self.table.len() * 2).max(64);
        self.table = vec![0; n];
        self.entries.reserve_exact((n / 8 * 7).saturating_sub(self.entries.len()));
        for i in 0..self.entries.len() {
            let hash = self.entries[i].0;
            self.place(hash, i);
        }
    }

    /// The value of `key`, if any.
    pub(crate) fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        let i = self.index(self.hash(key), key)?;
        self.entries.get(i).map(|e| &e.2)
    }

    /// The value of `key`, made by `make` if there is none yet.
    pub(crate) fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        let hash = self.hash(&key);
        let i = match self.index(hash, &key) {
            Some(i) => i,
            None => {
                if (self.entries.len() + 1) * 8 > self.table.len() * 7 {
                    self.grow();
                }
                let i = self.entries.len();
                self.entries.push((hash, key, make()));
                self.place(hash, i);
                i
            }
        };
        &mut self.entries[i].2
    }

    /// Whether the map is empty.
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::TextMap;

    #[test]
    fn a_text_map_finds_what_it_holds() {
        // Enough keys to grow the map many times over.
        let mut m: TextMap<String, usize> = TextMap::default();
        assert_eq!(m.get("name 0"), None);
        for i in 0..5000 {
            assert_eq!(*m.get_or_insert_with(format!("name {i}"), || i), i);
        }
        for i in 0..5000 {
            assert_eq!(m.get(format!("name {i}").as_str()), Some(&i));
        }
        assert_eq!(m.get("name 5000"), None);
        *m.get_or_insert_with("name 7".to_string(), || 0) += 1;
        assert_eq!(m.get("name 7"), Some(&8));
        let mut s: TextMap<&str, u8> = TextMap::default();
        assert!(s.is_empty());
        s.get_or_insert_with("Haddad", || 1);
        assert_eq!(s.get("Haddad"), Some(&1));
        assert_eq!(s.get("Hadad"), None);
    }
}
