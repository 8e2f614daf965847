//! One self-contained HTML page: no network, no fonts or scripts from
//! elsewhere. For each document: the text with its entities coloured by kind
//! (each a link to its entity), quotes underlined with a link to their
//! speaker, a who-said-what table and the list of who is in it; a legend on
//! top.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

use gazette::{Analysis, Entity, Kind, Quote, QuoteKind};

use super::Doc;

/// The page up to the first document.
pub const HEAD: &str = r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="gazette">
<title>gazette: who is in the news, who said what</title>
<style>
:root { --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --paper: #ffffff;
  --person: #ffd8a8; --country: #a5d8ff; --group: #b2f2bb; --nationality: #c3fae8;
  --place: #eebefa; --title: #e9ecef; --direct: #c92a2a; --reported: #1864ab; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f8fa; color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
header.top { background: #24292f; color: #fff; padding: 14px 28px; display: flex; flex-wrap: wrap;
  align-items: baseline; gap: 6px 24px; }
header.top h1 { font-size: 20px; margin: 0; letter-spacing: .02em; }
header.top p { margin: 0; color: #d0d7de; font-size: 14px; }
.legend { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; padding: 10px 28px;
  background: #fff; border-bottom: 1px solid var(--rule); font-size: 13px; color: var(--muted);
  position: sticky; top: 0; z-index: 2; }
.legend b { color: var(--ink); font-weight: 600; margin-right: 2px; }
main { max-width: 1240px; margin: 0 auto; padding: 20px 28px 48px; }
article.doc { background: var(--paper); border: 1px solid var(--rule); border-radius: 8px; margin: 0 0 28px;
  padding: 22px 28px 26px; }
article.doc > h2 { margin: 0 0 4px; font-size: 15px; color: var(--muted); font-weight: 600; word-break: break-all; }
.counts { margin: 0 0 16px; font-size: 13px; color: var(--muted); }
.cols { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 28px; }
@media (max-width: 900px) { .cols { grid-template-columns: 1fr; } }
.text { white-space: pre-wrap; overflow-wrap: anywhere;
  font: 18px/1.75 Georgia, "DejaVu Serif", "Liberation Serif", "Times New Roman", serif; }
a.m { color: inherit; text-decoration: none; border-radius: 3px; padding: 1px 2px; margin: 0 -1px;
  -webkit-box-decoration-break: clone; box-decoration-break: clone; }
a.m:hover, a.m:focus { outline: 2px solid #0969da; }
.person, .chip.person { background: var(--person); }
.country, .chip.country { background: var(--country); }
.group, .chip.group { background: var(--group); }
.nationality, .chip.nationality { background: var(--nationality); }
.place, .chip.place { background: var(--place); }
.title, .chip.title { background: var(--title); }
.q.direct { text-decoration: underline 2px var(--direct); text-underline-offset: 5px; background: #fff5f5; }
.q.indirect { text-decoration: underline dotted 2px var(--reported); text-underline-offset: 5px; }
.spk { border-bottom: 3px double #e8590c; }
a.who { font: 600 11px/1 system-ui, "DejaVu Sans", sans-serif; color: #fff; background: var(--direct);
  border-radius: 9px; padding: 2px 7px; margin-left: 3px; text-decoration: none; vertical-align: 3px;
  white-space: nowrap; }
a.who.indirect { background: var(--reported); }
a.who.none { background: #868e96; }
.chip { display: inline-block; border-radius: 3px; padding: 0 5px; color: var(--ink); }
.key { display: inline-block; width: 28px; height: 4px; vertical-align: middle; margin-right: 4px; }
.key.direct { border-bottom: 2px solid var(--direct); }
.key.indirect { border-bottom: 2px dotted var(--reported); }
.key.spk { border-bottom: 3px double #e8590c; }
aside h3, section.said h3 { font-size: 13px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted);
  margin: 0 0 8px; }
aside h4 { font-size: 13px; margin: 14px 0 6px; }
aside ul { list-style: none; margin: 0; padding: 0; font-size: 14px; }
aside li { padding: 3px 0; border-bottom: 1px solid #eaeef2; }
aside li:target { background: #fff8c5; }
aside .role { color: var(--muted); font-size: 13px; }
aside .n { color: var(--muted); font-size: 12px; float: right; }
section.said { margin-top: 26px; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--rule); padding: 6px 8px; }
td { vertical-align: top; border-bottom: 1px solid #eaeef2; padding: 7px 8px; }
td.stmt { font-family: Georgia, "DejaVu Serif", serif; }
td.stmt a { color: inherit; text-decoration: none; }
td.stmt a:hover { text-decoration: underline; }
td.kind span { font-size: 12px; border-radius: 9px; padding: 1px 8px; color: #fff; background: var(--direct); }
td.kind span.indirect { background: var(--reported); }
td .desc { color: var(--muted); font-size: 13px; }
.none { color: var(--muted); font-style: italic; }
:target { scroll-margin-top: 60px; }
</style>
</head>
<body>
<header class="top"><h1>gazette</h1><p>Who is in the news, and who said what. Hover a name for its entity; click to jump.</p></header>
<div class="legend" role="note" aria-label="legend"><b>Legend</b>
<span class="chip person">person</span><span class="chip country">country</span><span class="chip group">group</span>
<span class="chip nationality">nationality</span><span class="chip place">place</span><span class="chip title">title</span>
<span><span class="key direct"></span>direct quote</span><span><span class="key indirect"></span>reported speech</span>
<span><span class="key spk"></span>speaker</span></div>
<main>
"##;

/// The page after the last document.
pub const FOOT: &str = "</main>\n</body>\n</html>\n";

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn kind_name(k: Kind) -> &'static str {
    k.as_str()
}

/// The entity a quote's speaker belongs to: its own entity, else the
/// affiliation of a description.
fn speaker_label(a: &Analysis, q: &Quote) -> String {
    match (a.speaker_entity(q), &q.speaker) {
        (Some(e), _) => e.name.clone(),
        (None, Some(s)) => s.text.split_whitespace().collect::<Vec<_>>().join(" "),
        (None, None) => "unknown".to_string(),
    }
}

/// What the page looks up once per quote or entity, counted in one pass
/// over the analysis: a document with many quotes and entities is written in
/// time linear in its size, never one scan of every quote per entity.
struct Index {
    /// The target of each entity's first membership (its group or country).
    member_of: HashMap<usize, Option<usize>>,
    /// The first statement of each speaker span, whose index names the
    /// speaker's anchor.
    first_of_speaker: HashMap<(usize, usize), usize>,
    /// Per entity id: statements it says, and mentions of it.
    said: HashMap<usize, usize>,
    mentions: HashMap<usize, usize>,
}

impl Index {
    fn new(a: &Analysis) -> Index {
        let mut first_of_speaker = HashMap::new();
        let mut said = HashMap::new();
        for (i, q) in a.quotes.iter().enumerate().filter(|(_, q)| q.kind != QuoteKind::Mention) {
            if let Some(s) = &q.speaker {
                first_of_speaker.entry((s.span.start, s.span.end)).or_insert(i);
            }
            if let Some(e) = a.speaker_entity(q) {
                *said.entry(e.id).or_insert(0) += 1;
            }
        }
        let mut mentions = HashMap::new();
        for id in a.mentions.iter().filter_map(|m| m.entity) {
            *mentions.entry(id).or_insert(0) += 1;
        }
        Index { member_of: super::first_memberships(a), first_of_speaker, said, mentions }
    }

    /// A group or country the speaker of `q` speaks for: the affiliation of
    /// a description, else the speaker entity's first membership.
    fn affiliation<'a>(&self, a: &'a Analysis, q: &Quote) -> Option<&'a Entity> {
        let s = q.speaker.as_ref()?;
        if let Some(aff) = s.affiliation.and_then(|i| a.entities.get(i)) {
            return Some(aff);
        }
        self.member_of.get(&s.entity?).copied().flatten().and_then(|t| a.entities.get(t))
    }

    /// The first statement with the same speaker span as `q`.
    fn first_quote_of_speaker(&self, q: &Quote) -> Option<usize> {
        let s = q.speaker.as_ref()?.span;
        self.first_of_speaker.get(&(s.start, s.end)).copied()
    }
}

/// One document as an `<article>`.
pub fn document(doc: &Doc) -> String {
    let text = &doc.text;
    let a = &doc.analysis;
    let d = format!("d{}", doc.seq + 1);
    let mut out = String::with_capacity(text.len() * 3 + 4096);
    let statements: Vec<(usize, &Quote)> =
        a.quotes.iter().enumerate().filter(|(_, q)| q.kind != QuoteKind::Mention).collect();
    let _ = write!(out, "<article class=\"doc\" id=\"{}\">\n<h2>{}</h2>\n", d, esc(&doc.name));
    let count = |k: Kind| a.entities.iter().filter(|e| e.kind == k).count();
    let _ = writeln!(
        out,
        "<p class=\"counts\">{} people · {} countries · {} groups · {} places · {} statements</p>",
        count(Kind::Person),
        count(Kind::Country),
        count(Kind::Group),
        count(Kind::Place),
        statements.len()
    );
    let ix = Index::new(a);
    out.push_str("<div class=\"cols\">\n<div class=\"text\">");
    marked_text(&mut out, &d, text, a, &ix);
    out.push_str("</div>\n");
    entity_list(&mut out, &d, a, &ix);
    out.push_str("</div>\n");
    said_table(&mut out, &d, text, a, &ix, &statements);
    out.push_str("</article>\n");
    out
}

/// Closing marks a speaker badge goes after.
fn is_closing(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | '\'' | '»' | '›')
}

/// Spans (of quotes, speakers or mentions) swept over the text's cuts in
/// order: at each cut, the first span (lowest index) that holds the piece
/// starting there. Each span enters and leaves the live set once, so a
/// sweep over a long text with many spans takes linear time (times a
/// logarithm), not a scan of every span per piece.
struct Cover {
    spans: Vec<(usize, usize)>,
    by_start: Vec<usize>,
    by_end: Vec<usize>,
    next_start: usize,
    next_end: usize,
    live: BTreeSet<usize>,
}

impl Cover {
    fn new(spans: Vec<(usize, usize)>) -> Cover {
        let mut by_start: Vec<usize> = (0..spans.len()).collect();
        let mut by_end = by_start.clone();
        by_start.sort_by_key(|&k| spans[k].0);
        by_end.sort_by_key(|&k| spans[k].1);
        Cover { spans, by_start, by_end, next_start: 0, next_end: 0, live: BTreeSet::new() }
    }

    /// The first item that covers the piece starting at cut `s` (cuts come
    /// in increasing order, and every item's start and end is a cut).
    fn at(&mut self, s: usize) -> Option<usize> {
        while let Some(&k) = self.by_end.get(self.next_end).filter(|&&k| self.spans[k].1 <= s) {
            self.live.remove(&k);
            self.next_end += 1;
        }
        while let Some(&k) = self.by_start.get(self.next_start).filter(|&&k| self.spans[k].0 <= s) {
            if self.spans[k].1 > s {
                self.live.insert(k);
            }
            self.next_start += 1;
        }
        self.live.first().copied()
    }
}

/// The text, with mentions, quotes and speakers marked. The text is cut at
/// every span edge; each piece is wrapped in the quote, speaker and mention
/// that cover it, so tags always nest.
fn marked_text(out: &mut String, d: &str, text: &str, a: &Analysis, ix: &Index) {
    let len = text.len();
    let ok = |s: gazette::Span| {
        s.start < s.end && s.end <= len && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
    };
    let quotes: Vec<(usize, &Quote)> =
        a.quotes.iter().enumerate().filter(|(_, q)| q.kind != QuoteKind::Mention && ok(q.span)).collect();
    let mentions: Vec<(usize, &gazette::Mention)> = a.mentions.iter().enumerate().filter(|(_, m)| ok(m.span)).collect();
    // Speaker spans, each with the first quote that names it.
    let mut speakers: Vec<(gazette::Span, usize)> = Vec::new();
    let mut seen = HashSet::new();
    for (i, q) in &quotes {
        if let Some(s) = q.speaker.as_ref().filter(|s| ok(s.span)) {
            if seen.insert((s.span.start, s.span.end)) {
                speakers.push((s.span, *i));
            }
        }
    }
    // Where each quote's badge goes: after the closing mark, if any.
    let badge_at = |q: &Quote| {
        let mut end = q.span.end;
        for c in text[end..].chars().take(2) {
            if is_closing(c) {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        end
    };
    let mut cuts: Vec<usize> = vec![0, len];
    for (_, q) in &quotes {
        cuts.extend([q.span.start, q.span.end, badge_at(q)]);
    }
    for (_, m) in &mentions {
        cuts.extend([m.span.start, m.span.end]);
    }
    for (s, _) in &speakers {
        cuts.extend([s.start, s.end]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    // The badges by place, each place's in the order of the quotes.
    let mut badges: Vec<(usize, usize)> = quotes.iter().enumerate().map(|(k, (_, q))| (badge_at(q), k)).collect();
    badges.sort_unstable();
    let mut next_badge = 0;
    let mut quote_cover = Cover::new(quotes.iter().map(|(_, q)| (q.span.start, q.span.end)).collect());
    let mut speaker_cover = Cover::new(speakers.iter().map(|(s, _)| (s.start, s.end)).collect());
    let mut mention_cover = Cover::new(mentions.iter().map(|(_, m)| (m.span.start, m.span.end)).collect());
    let mut opened_q = vec![false; a.quotes.len()];
    let mut opened_m = vec![false; a.mentions.len()];
    let mut opened_s = vec![false; speakers.len()];
    let mut badges_at = |out: &mut String, at: usize| {
        while let Some(&(b, k)) = badges.get(next_badge).filter(|(b, _)| *b <= at) {
            if b == at && at > 0 {
                if let Some((i, q)) = quotes.get(k) {
                    badge(out, d, a, ix, *i, q);
                }
            }
            next_badge += 1;
        }
    };
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        // Badges of quotes whose closing mark ends here.
        badges_at(out, s);
        let piece = &text[s..e];
        let q = quote_cover.at(s).and_then(|k| quotes.get(k));
        let sp = speaker_cover.at(s);
        let m = mention_cover.at(s).and_then(|k| mentions.get(k));
        if let Some((i, q)) = q {
            let first = opened_q.get(*i).is_some_and(|o| !o);
            let id = if first { format!(" id=\"{}-q{}\"", d, i) } else { String::new() };
            if let Some(o) = opened_q.get_mut(*i) {
                *o = true;
            }
            let kind = if q.kind == QuoteKind::Direct { "direct" } else { "indirect" };
            let _ = write!(
                out,
                "<span class=\"q {}\"{} title=\"{}\">",
                kind,
                id,
                esc(&format!("said by {}", speaker_label(a, q)))
            );
        }
        if let Some(k) = sp {
            if opened_s.get(k).is_some_and(|o| !o) {
                opened_s[k] = true;
                let _ = write!(out, "<span class=\"spk\" id=\"{}-s{}\">", d, speakers[k].1);
            } else {
                out.push_str("<span class=\"spk\">");
            }
        }
        if let Some((mi, m)) = m {
            let ent = m.entity.and_then(|i| a.entities.get(i));
            let href = ent.map(|e| format!("#{}-e{}", d, e.id)).unwrap_or_default();
            let title = match ent {
                Some(e) if e.name != m.text => format!("{}: {}", kind_name(m.kind), e.name),
                _ => kind_name(m.kind).to_string(),
            };
            let id = if opened_m.get(*mi).is_some_and(|o| !o) {
                opened_m[*mi] = true;
                format!(" id=\"{}-m{}\"", d, mi)
            } else {
                String::new()
            };
            let _ =
                write!(out, "<a class=\"m {}\"{} href=\"{}\" title=\"{}\">", kind_name(m.kind), id, href, esc(&title));
        }
        out.push_str(&esc(piece));
        if m.is_some() {
            out.push_str("</a>");
        }
        if sp.is_some() {
            out.push_str("</span>");
        }
        if q.is_some() {
            out.push_str("</span>");
        }
    }
    badges_at(out, len);
}

/// The speaker badge after a quote: a link to the speaker's entity, or to
/// where the speaker is named.
fn badge(out: &mut String, d: &str, a: &Analysis, ix: &Index, i: usize, q: &Quote) {
    let kind = if q.kind == QuoteKind::Direct { "direct" } else { "indirect" };
    let (href, cls) = match (a.speaker_entity(q), &q.speaker) {
        (Some(e), _) => (format!("#{}-e{}", d, e.id), kind),
        (None, Some(_)) => (format!("#{}-s{}", d, ix.first_quote_of_speaker(q).unwrap_or(i)), kind),
        (None, None) => (format!("#{}-t{}", d, i), "none"),
    };
    let _ = write!(
        out,
        "<a class=\"who {}\" href=\"{}\" title=\"{}\">{}</a>",
        cls,
        href,
        esc(&format!("said by {}", speaker_label(a, q))),
        esc(&short(&speaker_label(a, q), 32))
    );
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let cut: String = s.chars().take(n - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The entities by kind, each with its role and count, as link targets.
fn entity_list(out: &mut String, d: &str, a: &Analysis, ix: &Index) {
    out.push_str("<aside class=\"entities\">\n<h3>Who is in it</h3>\n");
    let mut any = false;
    for (kind, label) in [
        (Kind::Person, "People"),
        (Kind::Country, "Countries"),
        (Kind::Group, "Groups"),
        (Kind::Place, "Places"),
        (Kind::Nationality, "Nationalities"),
        (Kind::Title, "Titles"),
    ] {
        let ents: Vec<&Entity> = a.entities.iter().filter(|e| e.kind == kind).collect();
        if ents.is_empty() {
            continue;
        }
        any = true;
        let _ = writeln!(out, "<h4>{}</h4>\n<ul>", label);
        for e in ents {
            let n = ix.mentions.get(&e.id).copied().unwrap_or(0);
            let s = ix.said.get(&e.id).copied().unwrap_or(0);
            let role =
                e.attribute("role").map(|r| format!(" <span class=\"role\">{}</span>", esc(r))).unwrap_or_default();
            let said = if s > 0 { format!(" · said {}", s) } else { String::new() };
            let _ = writeln!(
                out,
                "<li id=\"{}-e{}\" data-kind=\"{}\"><span class=\"chip {}\">{}</span>{} <span class=\"n\">{}×{}</span></li>",
                d,
                e.id,
                kind_name(kind),
                kind_name(kind),
                esc(&e.name),
                role,
                n,
                said
            );
        }
        out.push_str("</ul>\n");
    }
    if !any {
        out.push_str("<p class=\"none\">No one found.</p>\n");
    }
    out.push_str("</aside>\n");
}

/// Who said what: speaker, role, affiliation, statement, kind.
fn said_table(out: &mut String, d: &str, text: &str, a: &Analysis, ix: &Index, statements: &[(usize, &Quote)]) {
    out.push_str("<section class=\"said\">\n<h3>Who said what</h3>\n");
    if statements.is_empty() {
        out.push_str("<p class=\"none\">No statements found.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table>\n<thead><tr><th>Speaker</th><th>Role</th><th>Affiliation</th><th>Statement</th><th>Kind</th></tr></thead>\n<tbody>\n",
    );
    for (i, q) in statements {
        let ent = a.speaker_entity(q);
        let speaker = match (ent, &q.speaker) {
            (Some(e), Some(s)) if norm(&s.text) != norm(&e.name) => format!(
                "<a href=\"#{}-e{}\">{}</a><br><span class=\"desc\">as “{}”</span>",
                d,
                e.id,
                esc(&e.name),
                esc(&norm(&s.text))
            ),
            (Some(e), _) => format!("<a href=\"#{}-e{}\">{}</a>", d, e.id, esc(&e.name)),
            (None, Some(s)) => format!("<span class=\"desc\">{}</span>", esc(&norm(&s.text))),
            (None, None) => "<span class=\"none\">unknown</span>".to_string(),
        };
        let role = ent.and_then(|e| e.attribute("role")).map(esc).unwrap_or_default();
        let aff = ix
            .affiliation(a, q)
            .map(|e| format!("<a href=\"#{}-e{}\">{}</a>", d, e.id, esc(&e.name)))
            .unwrap_or_default();
        let body = norm(text.get(q.span.range()).unwrap_or(""));
        let body = if q.kind == QuoteKind::Direct { format!("“{}”", body) } else { body };
        let cue = q
            .cue
            .as_ref()
            .map(|c| format!("<br><span class=\"desc\">cue: {}</span>", esc(&c.text)))
            .unwrap_or_default();
        let (kind, label) = if q.kind == QuoteKind::Direct { ("direct", "direct") } else { ("indirect", "reported") };
        let _ = writeln!(
            out,
            "<tr id=\"{d}-t{i}\"><td>{speaker}</td><td>{role}</td><td>{aff}</td><td class=\"stmt\"><a href=\"#{d}-q{i}\">{}</a>{cue}</td><td class=\"kind\"><span class=\"{kind}\">{label}</span></td></tr>",
            esc(&body),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
