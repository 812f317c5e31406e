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

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// The candidate closest to `target`, when it is close enough to be a likely typo.
pub fn nearest<'a>(target: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = target.chars().count();
    let limit = (len / 2).max(2);
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let near = candidates
        .iter()
        .map(|&c| (edit_distance(target, c), c))
        .filter(|&(d, _)| d <= limit && d < len)
        // Among equally near candidates, the one sharing the longest beginning: `5.3` is
        // more likely `5.1` than `4.3`.
        .min_by_key(|&(d, c)| (d, std::cmp::Reverse(common_prefix(target, c))))
        .map(|(_, c)| c);
    // A surname alone (`徐`) names the one person whose name starts with it.
    near.or_else(|| {
        let mut starting = candidates
            .iter()
            .filter(|c| !target.is_empty() && c.starts_with(target));
        match (starting.next(), starting.next()) {
            (Some(&only), None) => Some(only),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape_control("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_control("春江\t"), "春江\\t");
        assert_eq!(
            escape_control("a\u{202e}b"),
            "a\\u{202e}b",
            "bidi overrides too"
        );
        assert_eq!(escape_control("plain 文字"), "plain 文字");
    }

    #[test]
    fn nearest_finds_typos_and_ignores_strangers() {
        assert_eq!(
            nearest("owenrs", ["owners", "title", "when"]),
            Some("owners")
        );
        assert_eq!(nearest("5.3", ["5.1", "6.1", "7"]), Some("5.1"));
        assert_eq!(
            nearest("5.3", ["4.3", "5.1"]),
            Some("5.1"),
            "same distance: the shared beginning wins"
        );
        assert_eq!(nearest("zzzzzz", ["owners", "title"]), None);
        assert_eq!(
            nearest("9", ["1", "2"]),
            None,
            "one character is no typo of another"
        );
        assert_eq!(nearest("唐建", ["唐健", "韩海英"]), Some("唐健"));
        assert_eq!(
            nearest("徐", ["唐健", "徐燕娟"]),
            Some("徐燕娟"),
            "a unique beginning"
        );
        assert_eq!(
            nearest("徐", ["徐健", "徐燕娟"]),
            None,
            "two people start so"
        );
        assert_eq!(edit_distance("春江", "春江小学"), 2);
    }
}
