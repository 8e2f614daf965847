//! The party tags list (`party_tags.tsv`): the tags news writes after a
//! lawmaker's name to give the party ("D" in "Rep. Ann Lee, D-N.Y."), each
//! tied to the country that uses it and to the party's entry in the groups
//! list. The rows are read with the other lists; the group ids are looked up
//! when the lists are compiled, so a party tag may come before its group.

use super::{iso_code, Gazetteer, Limits, ListKind, Lists, Table};
use crate::kind::Kind;
use crate::Error;

/// One row of the party tags list.
#[derive(Clone, Debug)]
pub(crate) struct PartyTag {
    /// The tag as written: "D".
    pub(crate) tag: String,
    /// The ISO 3166 code of the country that uses the tag: "US".
    pub(crate) country: String,
    /// The party's entry (an index of `Lists::entries`) once the lists are
    /// compiled; `None` for a tag that names no party (an independent).
    pub(crate) group: Option<u32>,
    /// The party's id as the row writes it ("" for none).
    group_id: String,
    /// Where the row is: its source (an index of `Lists::sources`) and line.
    at: (u32, usize),
}

impl PartyTag {
    /// The tag of lists appended after `sources` labels of others.
    pub(super) fn moved(mut self, sources: u32) -> PartyTag {
        self.at.0 += sources;
        self
    }
}

impl Lists {
    /// Adds the rows of a party tags list, checking each cell.
    pub(super) fn add_party_tags(&mut self, t: &Table<'_>, limits: &Limits) -> Result<(), Error> {
        // The columns in the order the list kind names them: tag, country, group.
        let (required, optional) = ListKind::PartyTags.columns();
        let cols: Vec<Option<usize>> = required.split('\t').chain(optional.split('\t')).map(|c| t.col(c)).collect();
        let col = |i: usize| cols.get(i).copied().flatten();
        let (tag_c, country_c, group_c) = (col(0), col(1), col(2));
        let prefix = ListKind::Groups.id_prefix().unwrap_or_default();
        for (line, cells) in t.rows() {
            let bad = |msg: String| Error::data(&t.source, line, msg);
            let tag = Table::cell(cells, tag_c);
            if tag.len() > limits.max_form_len {
                return Err(bad(format!("a tag of {} bytes (the limit is {})", tag.len(), limits.max_form_len)));
            }
            if !tag.chars().all(char::is_alphanumeric) {
                return Err(bad(format!("tag `{}` is not one word of letters and digits", tag)));
            }
            let country = Table::cell(cells, country_c);
            if !iso_code(country) {
                return Err(bad(format!("country `{}` is not an ISO 3166 code", country)));
            }
            let group = Table::cell(cells, group_c);
            if !group.is_empty() && (!group.starts_with(prefix) || group.len() == prefix.len()) {
                return Err(bad(format!("group `{}` is not `{}...`", group, prefix)));
            }
            let source = self.source_id(&t.source);
            self.party_tags.push(PartyTag {
                tag: tag.to_string(),
                country: country.to_string(),
                group: None,
                group_id: group.to_string(),
                at: (source, line),
            });
        }
        Ok(())
    }

    /// Ties every party tag to its group's entry and sorts the tags by tag:
    /// run once every list is read, while the entry ids are still at hand.
    /// A group id no list holds, and a tag given twice for one country, are
    /// errors at the row.
    pub(super) fn link_party_tags(&mut self) -> Result<(), Error> {
        let mut tags = std::mem::take(&mut self.party_tags);
        for p in tags.iter_mut().filter(|p| !p.group_id.is_empty()) {
            let entry = self
                .entry_with_key(&p.group_id)
                .filter(|&i| self.entries.get(i).is_some_and(|e| e.kind == Kind::Group))
                .and_then(|i| u32::try_from(i).ok());
            match entry {
                Some(e) => p.group = Some(e),
                None => {
                    return Err(Error::data(
                        self.source_name(p.at.0),
                        p.at.1,
                        format!("group `{}` is in no groups list", p.group_id),
                    ));
                }
            }
        }
        tags.sort_by(|a, b| (&a.tag, &a.country, a.at).cmp(&(&b.tag, &b.country, b.at)));
        for w in tags.windows(2) {
            if let [a, b] = w {
                if a.tag == b.tag && a.country == b.country {
                    return Err(Error::data(
                        self.source_name(b.at.0),
                        b.at.1,
                        format!(
                            "duplicate tag `{}` for {} (first at {}:{})",
                            b.tag,
                            b.country,
                            self.source_name(a.at.0),
                            a.at.1
                        ),
                    ));
                }
            }
        }
        self.party_tags = tags;
        Ok(())
    }

    /// The label of source `i`, for errors.
    fn source_name(&self, i: u32) -> &str {
        self.sources.get(i as usize).map_or("", String::as_str)
    }
}

impl Gazetteer {
    /// The party tags written `tag` (exact case), one per country.
    pub(crate) fn party_tags(&self, tag: &str) -> &[PartyTag] {
        let tags = &self.lists.party_tags;
        let a = tags.partition_point(|p| p.tag.as_str() < tag);
        let n = tags[a..].partition_point(|p| p.tag == tag);
        &tags[a..a + n]
    }
}
