//! Enums whose variants are named in the data files.
//!
//! The lists under `gazetteers/` name lexicon classes, cue frames, rule ids
//! and the like by the variant's own name (`month`, `obj_to`,
//! `person/given-name`). [`named!`] writes the enum and its `name` /
//! `from_name` pair from one list of variants, so the names cannot drift from
//! the code and no English word is spelled out twice.

/// Whether a name written in data (`obj_to`, `person/given-name`, `Month`)
/// names the variant `variant` (`ObjTo`, `PersonGivenName`, `Month`): equal
/// when compared without case and without `_`, `-`, `.`, `/` and spaces.
pub(crate) fn same_name(variant: &str, data: &str) -> bool {
    fn squash(s: &str) -> impl Iterator<Item = u8> + '_ {
        s.bytes().filter(|b| !matches!(b, b'_' | b'-' | b'.' | b'/' | b' '))
    }
    let mut a = squash(variant);
    let mut b = squash(data);
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(&y) => {}
            _ => return false,
        }
    }
}

/// Declares a fieldless enum with `ALL`, `name()` (the variant's identifier)
/// and `from_name()` (the variant a data file names, see [`same_name`]).
macro_rules! named {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident { $( $(#[$vmeta:meta])* $var:ident ),* $(,)? }
    ) => {
        $(#[$meta])*
        $vis enum $name { $( $(#[$vmeta])* $var ),* }

        #[allow(dead_code)]
        impl $name {
            /// Every variant, in declaration order.
            pub(crate) const ALL: &'static [$name] = &[$($name::$var),*];

            /// The variant's name as the data files may write it.
            pub(crate) fn name(self) -> &'static str {
                match self { $($name::$var => stringify!($var)),* }
            }

            /// The variant a data file names, if any.
            pub(crate) fn from_name(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| $crate::named::same_name(v.name(), s))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::same_name;

    #[test]
    fn names() {
        let table = [
            ("ObjTo", "obj_to", true),
            ("PersonGivenName", "person/given-name", true),
            ("Month", "month", true),
            ("Month", "months", false),
            ("To", "obj_to", false),
            ("Quote", "quote/", true),
        ];
        for (variant, data, want) in table {
            assert_eq!(same_name(variant, data), want, "{variant} {data}");
        }
    }
}
