//! Text shown on a terminal: display width and escaping of user-controlled characters.
//! Pure; shared by every layer that prints user text.

use std::fmt::Write as _;

/// Makes user text (titles, notes, owners) safe to print, so a plan or ledger cannot move
/// the cursor or recolour the terminal that shows it: control characters (C0, DEL, C1), Unicode line and
/// paragraph separators and bidirectional embedding/override/isolate controls are replaced by
/// their Rust escape, as `char::escape_default` would write them: `\t`, `\n`, `\r`, else
/// `\u{1b}` style. Everything else, including backslashes, passes through unchanged.
#[must_use]
pub fn escape_control(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let unsafe_char = c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if unsafe_char {
            match c {
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                _ => {
                    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Levenshtein distance in characters, for "did you mean" hints.
#[must_use]
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The candidate closest to `target`, when it is close enough to be a likely typo.
pub fn nearest<'a>(target: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = target.chars().count();
    let limit = (len / 2).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(target, c), c))
        .filter(|&(d, _)| d <= limit && d < len)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}
