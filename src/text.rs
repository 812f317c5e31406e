//! Text shown on a terminal: display width and escaping of user-controlled characters.
//! Pure; shared by every layer that prints user text.

use std::fmt::Write as _;

/// Control characters in user text (titles, notes, owners) are shown escaped, so a plan or
/// ledger cannot move the cursor or change colours of the terminal that prints it.
#[must_use]
pub fn escape_control(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape_control("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_control("春江\t"), "春江\\u{9}");
        assert_eq!(escape_control("plain 文字"), "plain 文字");
    }

    #[test]
    fn nearest_finds_typos_and_ignores_strangers() {
        assert_eq!(
            nearest("owenrs", ["owners", "title", "when"]),
            Some("owners")
        );
        assert_eq!(nearest("5.3", ["5.1", "6.1", "7"]), Some("5.1"));
        assert_eq!(nearest("zzzzzz", ["owners", "title"]), None);
        assert_eq!(edit_distance("春江", "春江小学"), 2);
    }
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
    let limit = (target.chars().count() / 2).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(target, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}
