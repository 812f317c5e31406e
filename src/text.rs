//! Text shown on a terminal: display width and escaping of user-controlled characters.
//! Pure; shared by every layer that prints user text.

use std::fmt::Write as _;

/// Whether a character could move the cursor, recolour, retitle or reorder what a terminal
/// shows: control characters (C0, DEL, C1), Unicode line and paragraph separators, and
/// bidirectional embedding/override/isolate controls.
#[must_use]
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Writes `c` as its Rust escape, as `char::escape_default` would: `\t`, `\n`, `\r`, else
/// `\u{1b}` style.
fn push_escaped(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        _ => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

/// Makes user text (titles, notes, owners) safe to print, so a plan or ledger cannot move
/// the cursor or recolour the terminal that shows it: every [`is_unsafe`] character is
/// replaced by its Rust escape (`\t`, `\n`, `\r`, else `\u{1b}` style). Everything else,
/// including backslashes, passes through unchanged.
#[must_use]
pub fn escape_control(s: &str) -> String {
    escape_except(s, &[])
}

/// [`escape_control`] for a whole message the tool laid out itself: its own line breaks and
/// tabs stay, every other unsafe character is escaped. User text inside the message was
/// escaped where it was formatted (its line breaks too); this is the last line of defence
/// at the stderr boundary.
#[must_use]
pub fn escape_message(s: &str) -> String {
    escape_except(s, &['\n', '\t'])
}

fn escape_except(s: &str, keep: &[char]) -> String {
    if !s.chars().any(|c| is_unsafe(c) && !keep.contains(&c)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) && !keep.contains(&c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// JSON text made safe for a terminal as [`GuardMode::Json`] makes it: still valid JSON
/// with the same values.
#[must_use]
pub fn escape_json(s: &str) -> String {
    let mut g = Guard::new(Vec::new(), GuardMode::Json);
    let _ = std::io::Write::write_all(&mut g, s.as_bytes());
    g.finish()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

/// How [`Guard`] treats what passes through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuardMode {
    /// Text for people: line breaks (`\n`, `\r\n`) and tabs stay; with `colour`, so do
    /// the tool's own colour codes (`ESC [ digits ; … m`, nothing else); every other
    /// unsafe character is escaped as [`escape_control`] does.
    Human { colour: bool },
    /// JSON: serde already escapes C0 inside strings, but writes DEL, C1, separators and
    /// bidi controls raw; they become `\uXXXX` escapes, which keep the JSON valid and its
    /// values equal.
    Json,
}

/// The last line of defence on stdout: a writer that lets nothing unsafe through, however
/// the text above it was made. Holds back at most a few bytes between writes (a character
/// or colour code split across two writes, a `\r` waiting for its `\n`); `flush` lets them
/// go, escaped if they never completed.
pub struct Guard<W: std::io::Write> {
    inner: W,
    mode: GuardMode,
    pending: Vec<u8>,
}

/// A colour code longer than this is not one of ours.
const MAX_SGR: usize = 24;

impl<W: std::io::Write> Guard<W> {
    pub fn new(inner: W, mode: GuardMode) -> Guard<W> {
        Guard {
            inner,
            mode,
            pending: Vec::new(),
        }
    }

    /// The safe form of `text`, and how many of its bytes may wait for the next write
    /// (only when `more` may come).
    fn clean(&self, text: &str, more: bool) -> (String, usize) {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !is_unsafe(c) {
                out.push(c);
                continue;
            }
            match (self.mode, c) {
                (_, '\n' | '\t') => out.push(c),
                (GuardMode::Json, _) => {
                    let _ = write!(out, "\\u{:04x}", u32::from(c));
                }
                (GuardMode::Human { .. }, '\r') => match chars.peek() {
                    Some((_, '\n')) => out.push(c),
                    None if more => return (out, text.len() - i),
                    _ => push_escaped(&mut out, c),
                },
                (GuardMode::Human { colour: true }, '\u{1b}') => {
                    let rest = &text.as_bytes()[i + 1..];
                    match sgr_len(rest) {
                        Some(n) => {
                            out.push_str(&text[i..=i + n]);
                            for _ in 0..n {
                                chars.next();
                            }
                        }
                        None if more && rest.len() < MAX_SGR && sgr_prefix(rest) => {
                            return (out, text.len() - i);
                        }
                        None => push_escaped(&mut out, c),
                    }
                }
                (GuardMode::Human { .. }, _) => push_escaped(&mut out, c),
            }
        }
        (out, 0)
    }

    fn pass(&mut self, bytes: &[u8], more: bool) -> std::io::Result<()> {
        let mut buf = std::mem::take(&mut self.pending);
        buf.extend_from_slice(bytes);
        let mut rest: &[u8] = &buf;
        while !rest.is_empty() {
            let (valid, after) = match std::str::from_utf8(rest) {
                Ok(s) => (s, &[][..]),
                Err(e) => {
                    let (v, a) = rest.split_at(e.valid_up_to());
                    // Invariant: `valid_up_to` bytes are UTF-8.
                    (std::str::from_utf8(v).unwrap_or_default(), a)
                }
            };
            let last = after.is_empty();
            let (text, held) = self.clean(valid, more && last);
            self.inner.write_all(text.as_bytes())?;
            if held > 0 {
                self.pending = valid.as_bytes()[valid.len() - held..].to_vec();
                return Ok(());
            }
            if after.is_empty() {
                break;
            }
            // An incomplete character at the end waits; an invalid byte is shown escaped.
            match std::str::from_utf8(after) {
                Err(e) if e.error_len().is_none() && more && after.len() < 4 => {
                    self.pending = after.to_vec();
                    return Ok(());
                }
                _ => {
                    write!(self.inner, "\\x{:02x}", after[0])?;
                    rest = &after[1..];
                }
            }
        }
        Ok(())
    }

    /// Lets out what was held back and returns the writer.
    pub fn finish(mut self) -> std::io::Result<W> {
        std::io::Write::flush(&mut self)?;
        Ok(self.inner)
    }
}

/// The length of `[ digits ; … m` at the start of `rest`, the tail of a colour code.
fn sgr_len(rest: &[u8]) -> Option<usize> {
    let body = rest.strip_prefix(b"[")?;
    let n = body
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b';')
        .count();
    (body.get(n) == Some(&b'm') && n < MAX_SGR).then_some(n + 2)
}

/// Whether `rest` could still grow into the tail of a colour code.
fn sgr_prefix(rest: &[u8]) -> bool {
    match rest.split_first() {
        None => true,
        Some((b'[', body)) => body.iter().all(|b| b.is_ascii_digit() || *b == b';'),
        Some(_) => false,
    }
}

impl<W: std::io::Write> std::io::Write for Guard<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pass(buf, true)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            self.pass(&[], false)?;
        }
        self.inner.flush()
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

/// An id or number as typed on the command line, read as the plan writes it: full-width
/// digits (`６`) are digits, and `．` or `。` between two digits (a Chinese keyboard's
/// full stop, `５。１`) is the `.` of a task id; spaces around it (U+3000 too) go.
/// Anything else is kept as it is, so a title fragment still matches a title.
#[must_use]
pub fn typed_id(s: &str) -> String {
    let chars: Vec<char> = s
        .trim()
        .chars()
        .map(|c| match c {
            // The range guarantees the offset is 0..=9.
            '０'..='９' => char::from(b'0' + (u32::from(c) - u32::from('０')) as u8),
            c => c,
        })
        .collect();
    let digit = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(char::is_ascii_digit)
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| match c {
            '．' | '。' if digit(i.checked_sub(1)) && digit(Some(i + 1)) => '.',
            c => c,
        })
        .collect()
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

    /// What comes out of a guard fed `pieces` one write at a time.
    fn guarded(mode: GuardMode, pieces: &[&[u8]]) -> String {
        use std::io::Write as _;
        let mut g = Guard::new(Vec::new(), mode);
        for p in pieces {
            g.write_all(p).unwrap();
        }
        String::from_utf8(g.finish().unwrap()).unwrap()
    }

    #[test]
    fn messages_keep_their_layout_and_lose_controls() {
        assert_eq!(
            escape_message("a\n\tb\u{1b}]0;x\u{7}\u{9b}\r\u{2066}"),
            "a\n\tb\\u{1b}]0;x\\u{7}\\u{9b}\\r\\u{2066}"
        );
    }

    #[test]
    fn guard_lets_layout_through_and_escapes_the_rest() {
        let plain = GuardMode::Human { colour: false };
        assert_eq!(
            guarded(
                plain,
                &[b"a\tb\r\nc\n", "\u{1b}[2J\u{9b}\u{202e}".as_bytes()]
            ),
            "a\tb\r\nc\n\\u{1b}[2J\\u{9b}\\u{202e}"
        );
        assert_eq!(guarded(plain, &[b"a\rb", b"\r"]), "a\\rb\\r", "a bare CR");
        assert_eq!(
            guarded(plain, &[b"a\r", b"\nb"]),
            "a\r\nb",
            "CRLF split in two"
        );
        assert_eq!(
            guarded(plain, &[b"\x1b[31mred\x1b[0m"]),
            "\\u{1b}[31mred\\u{1b}[0m",
            "no colour asked, none let through"
        );
        let colour = GuardMode::Human { colour: true };
        assert_eq!(
            guarded(colour, &[b"\x1b[", b"1;35", b"mX\x1b[0m"]),
            "\x1b[1;35mX\x1b[0m",
            "our colour codes, even split across writes"
        );
        assert_eq!(
            guarded(colour, &[b"\x1b]0;title\x07\x1b[2J\x1b["]),
            "\\u{1b}]0;title\\u{7}\\u{1b}[2J\\u{1b}[",
            "anything else is escaped"
        );
        let csi = "\u{9b}".as_bytes();
        assert_eq!(
            guarded(plain, &[&csi[..1], &csi[1..], b"\xff"]),
            "\\u{9b}\\xff",
            "a character split across writes; an invalid byte"
        );
    }

    #[test]
    fn guard_keeps_json_valid_and_equal() {
        let text = serde_json::to_string(
            &serde_json::json!({ "t": "a\u{1b}\u{7f}\u{9b}\u{202e}\u{2069}b" }),
        )
        .unwrap();
        let out = guarded(GuardMode::Json, &[text.as_bytes()]);
        assert!(!out.chars().any(is_unsafe), "{out}");
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["t"], "a\u{1b}\u{7f}\u{9b}\u{202e}\u{2069}b");
    }

    proptest::proptest! {
        #[test]
        fn guard_never_lets_an_unsafe_character_through(
            pieces in proptest::collection::vec(proptest::collection::vec(proptest::prelude::any::<u8>(), 0..12), 0..8),
            colour in proptest::prelude::any::<bool>(),
        ) {
            let pieces: Vec<&[u8]> = pieces.iter().map(Vec::as_slice).collect();
            let out = guarded(GuardMode::Human { colour }, &pieces);
            let mut chars = out.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '\n' | '\t' => {}
                    '\r' => proptest::prop_assert_eq!(chars.peek(), Some(&'\n')),
                    '\u{1b}' => {
                        proptest::prop_assert!(colour);
                        proptest::prop_assert_eq!(chars.next(), Some('['));
                        let rest: String = chars.clone().take_while(|c| c.is_ascii_digit() || *c == ';').collect();
                        for _ in 0..rest.len() { chars.next(); }
                        proptest::prop_assert_eq!(chars.next(), Some('m'));
                    }
                    c => proptest::prop_assert!(!is_unsafe(c), "{:?} in {:?}", c, out),
                }
            }
        }
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

    #[test]
    fn ids_typed_on_a_chinese_keyboard_are_read() {
        assert_eq!(typed_id("６"), "6");
        assert_eq!(typed_id("５．１"), "5.1");
        assert_eq!(typed_id("５。１"), "5.1");
        assert_eq!(typed_id("１２.３"), "12.3");
        assert_eq!(typed_id("\u{3000}4.1 "), "4.1");
        // A full stop that ends a sentence is not a dot of an id.
        assert_eq!(typed_id("谈心。"), "谈心。");
        assert_eq!(typed_id("。1"), "。1");
        assert_eq!(typed_id("谈心谈话"), "谈心谈话");
    }

    proptest::proptest! {
        #[test]
        fn typed_ids_in_full_width_read_as_ascii(id in "[0-9]{1,3}(\\.[0-9]{1,3}){0,2}", stop in 0..2usize) {
            let wide: String = id
                .chars()
                .map(|c| match c {
                    '.' => ['．', '。'][stop],
                    c => char::from_u32(u32::from(c) - u32::from('0') + u32::from('０')).unwrap(),
                })
                .collect();
            proptest::prop_assert_eq!(typed_id(&wide), id.clone());
            proptest::prop_assert_eq!(typed_id(&id), id);
        }

        #[test]
        fn typed_id_never_panics_and_keeps_other_text(s in "\\PC{0,20}") {
            let out = typed_id(&s);
            proptest::prop_assert!(out.chars().count() <= s.chars().count());
        }
    }
}
