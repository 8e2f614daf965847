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

/// A key with its hash, computed once.
#[derive(Clone, Debug)]
pub(crate) struct Hashed<K> {
    hash: u64,
    key: K,
}

impl<K: PartialEq> PartialEq for Hashed<K> {
    fn eq(&self, other: &Hashed<K>) -> bool {
        self.hash == other.hash && self.key == other.key
    }
}

impl<K: Eq> Eq for Hashed<K> {}

impl<K> std::hash::Hash for Hashed<K> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        h.write_u64(self.hash);
    }
}

/// The hasher of [`Hashed`] keys: their hash as it is.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Stored(u64);

impl std::hash::Hasher for Stored {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is called, by `Hashed`; any other key is mixed in.
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

/// A map keyed by what the text holds (names, forms), hashed once per key
/// with std's randomly keyed hash: as the map grows its keys are moved by
/// their stored hash, not read and hashed again. With many distinct names
/// in a long text each such read was a cache miss, and the growth of the
/// map cost more than linear time.
#[derive(Debug)]
pub(crate) struct TextMap<K, V> {
    map: HashMap<Hashed<K>, V, std::hash::BuildHasherDefault<Stored>>,
    state: std::collections::hash_map::RandomState,
}

impl<K: std::hash::Hash + Eq, V> Default for TextMap<K, V> {
    fn default() -> TextMap<K, V> {
        TextMap { map: HashMap::default(), state: std::collections::hash_map::RandomState::new() }
    }
}

impl<K: std::hash::Hash + Eq, V> TextMap<K, V> {
    fn hashed(&self, key: K) -> Hashed<K> {
        use std::hash::BuildHasher;
        Hashed { hash: self.state.hash_one(&key), key }
    }

    /// The value of `key`, if any.
    pub(crate) fn get(&self, key: K) -> Option<&V> {
        self.map.get(&self.hashed(key))
    }

    /// The entry of `key`.
    pub(crate) fn entry(&mut self, key: K) -> std::collections::hash_map::Entry<'_, Hashed<K>, V> {
        let k = self.hashed(key);
        self.map.entry(k)
    }

    /// Whether the map is empty.
    pub(crate) fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::TextMap;

    #[test]
    fn a_text_map_finds_what_it_holds() {
        // Enough keys to grow the map many times over.
        let mut m: TextMap<String, usize> = TextMap::default();
        for i in 0..5000 {
            assert_eq!(*m.entry(format!("name {i}")).or_insert(i), i);
        }
        for i in 0..5000 {
            assert_eq!(m.get(format!("name {i}")), Some(&i));
        }
        assert_eq!(m.get("name 5000".to_string()), None);
        *m.entry("name 7".to_string()).or_insert(0) += 1;
        assert_eq!(m.get("name 7".to_string()), Some(&8));
        let mut s: TextMap<&str, u8> = TextMap::default();
        assert!(s.is_empty());
        s.entry("Haddad").or_insert(1);
        assert_eq!(s.get("Haddad"), Some(&1));
        assert_eq!(s.get("Hadad"), None);
    }
}
