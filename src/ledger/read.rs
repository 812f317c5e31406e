//! Turning ledger bytes into events and problems.
//!
//! Owns the rules for a whole ledger: line splitting, the torn last line, conflict markers,
//! de-duplication by id and the (`at`, `id`) order. It is pure — bytes in, values out — and
//! must never panic, touch the disk, or silently drop a line: every line is either an event,
//! an exact duplicate (counted), a blank line, or a reported problem.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use serde_json::Value;

use super::event::{Event, from_line};

/// What is wrong with one line.
#[derive(Debug, Clone)]
pub enum ProblemKind {
    /// Not an event; the reason reads like "not valid JSON: expected value at column 1".
    Malformed(String),
    /// A line left by a git merge that was not done with `merge=union`.
    ConflictMarker,
    /// The last line has no newline: a write was cut short. `len` is its length in bytes.
    TornTail { len: usize },
    /// The id was already used, on `first_line`, by a line with different content.
    ConflictingId { id: String, first_line: usize },
}

/// A line that is not (or not only) an event, with its 1-based line number.
#[derive(Debug, Clone)]
pub struct Problem {
    pub line: usize,
    pub kind: ProblemKind,
}

impl Problem {
    /// Whether a writer must refuse to append. A torn tail is the one problem a writer
    /// repairs itself (saving the bytes aside); everything else needs a person to look.
    #[must_use]
    pub fn blocks_writes(&self) -> bool {
        !matches!(self.kind, ProblemKind::TornTail { .. })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: ", self.line)?;
        match &self.kind {
            ProblemKind::Malformed(reason) => f.write_str(reason),
            ProblemKind::ConflictMarker => f.write_str(
                "git conflict markers (merge the ledger with `merge=union`, see README)",
            ),
            ProblemKind::TornTail { .. } => f.write_str(
                "last line is incomplete (a write was cut short); it is ignored and will be \
                 saved aside by the next write",
            ),
            ProblemKind::ConflictingId { id, first_line } => write!(
                f,
                "event id {} also on line {first_line} with different content",
                crate::text::escape_control(id)
            ),
        }
    }
}

/// A ledger as read.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    /// De-duplicated by id (the first line with an id wins), sorted by (`at`, `id`).
    pub events: Vec<Event>,
    /// In line order.
    pub problems: Vec<Problem>,
    /// Exact duplicate lines dropped (same id, same content), e.g. after a union merge.
    pub duplicates: usize,
}

/// Where the first line with an id is, so a later line with the same id can be compared
/// with it without keeping every line's text.
struct FirstSeen {
    line: usize,
    start: usize,
    end: usize,
}

/// The ids seen so far. Ids this tool writes (32 lowercase hex digits) are kept as numbers
/// with a cheap hash — they are random already, and with a million events hashing and
/// copying id strings was the largest cost of a read. Any other id falls back to a string.
#[derive(Default)]
struct SeenIds {
    canonical: HashMap<u128, FirstSeen, BuildHasherDefault<IdHasher>>,
    other: HashMap<String, FirstSeen>,
}

impl SeenIds {
    /// The first line with this id, or `None` after recording `here` as that line.
    fn first_or_insert(&mut self, id: &str, here: FirstSeen) -> Option<&FirstSeen> {
        match canonical_id(id) {
            Some(n) => match self.canonical.entry(n) {
                Entry::Occupied(slot) => Some(&*slot.into_mut()),
                Entry::Vacant(slot) => {
                    slot.insert(here);
                    None
                }
            },
            None => match self.other.entry(id.to_owned()) {
                Entry::Occupied(slot) => Some(&*slot.into_mut()),
                Entry::Vacant(slot) => {
                    slot.insert(here);
                    None
                }
            },
        }
    }
}

fn canonical_id(id: &str) -> Option<u128> {
    let hex = id.len() == 32
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if hex {
        u128::from_str_radix(id, 16).ok()
    } else {
        None
    }
}

/// Folds a u128 id to 64 bits and spreads it with a multiplication, so that even
/// hand-made sequential ids do not all land in one corner of the table.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Not used for u128 keys; a correct, simple fallback.
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u128(&mut self, n: u128) {
        let folded = (n as u64) ^ ((n >> 64) as u64);
        self.0 = folded.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Pure: bytes in, events and problems out. Never panics.
#[must_use]
pub fn parse(bytes: &[u8]) -> Ledger {
    let mut ledger = Ledger::default();
    let mut seen = SeenIds::default();
    let mut start = 0;
    let mut line_no = 0;
    while start < bytes.len() {
        line_no += 1;
        let rest = &bytes[start..];
        let Some(len) = rest.iter().position(|&b| b == b'\n') else {
            ledger.problems.push(Problem {
                line: line_no,
                kind: ProblemKind::TornTail { len: rest.len() },
            });
            break;
        };
        let end = start + len;
        let line = &bytes[start..end];
        let line_start = start;
        start = end + 1;

        if line.iter().all(u8::is_ascii_whitespace) {
            // A blank line (or a stray `\r`) carries nothing; hand edits leave them.
            continue;
        }
        if is_conflict_marker(line) {
            ledger.problems.push(Problem {
                line: line_no,
                kind: ProblemKind::ConflictMarker,
            });
            continue;
        }
        let event = match from_line(line) {
            Ok(event) => event,
            Err(reason) => {
                ledger.problems.push(Problem {
                    line: line_no,
                    kind: ProblemKind::Malformed(reason),
                });
                continue;
            }
        };
        let here = FirstSeen {
            line: line_no,
            start: line_start,
            end,
        };
        match seen.first_or_insert(&event.id, here) {
            None => ledger.events.push(event),
            Some(first) => {
                if same_content(&bytes[first.start..first.end], line) {
                    ledger.duplicates += 1;
                } else {
                    ledger.problems.push(Problem {
                        line: line_no,
                        kind: ProblemKind::ConflictingId {
                            id: event.id,
                            first_line: first.line,
                        },
                    });
                }
            }
        }
    }
    sort_events(&mut ledger.events);
    ledger
}

/// Git writes `<<<<<<< ours`, `|||||||` (diff3), `=======` and `>>>>>>> theirs`. No JSON
/// object starts with these characters, so matching the prefix alone cannot hide an event.
pub(crate) fn is_conflict_marker(line: &[u8]) -> bool {
    [b"<<<<<<<", b"|||||||", b"=======", b">>>>>>>"]
        .iter()
        .any(|marker| line.starts_with(*marker))
}

/// Content equality as parsed JSON, so key order or spacing alone never counts as a
/// conflict. Both lines already parsed as events, so both are valid JSON.
pub(crate) fn same_content(a: &[u8], b: &[u8]) -> bool {
    match (
        serde_json::from_slice::<Value>(a),
        serde_json::from_slice::<Value>(b),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Ledgers are appended in time order, so usually this is one pass that finds them sorted.
fn sort_events(events: &mut [Event]) {
    let in_order = |a: &Event, b: &Event| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id));
    if events.windows(2).any(|w| in_order(&w[0], &w[1]).is_gt()) {
        events.sort_by(in_order);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::event::EventKind;
    use chrono::{DateTime, NaiveDate};
    use proptest::prelude::*;

    fn line(id: &str, at: &str, step: &str) -> String {
        format!(
            r#"{{"v":1,"id":"{id}","at":"{at}","event":"done","step":"{step}","on":"2014-06-16"}}"#
        )
    }

    fn ids(l: &Ledger) -> Vec<&str> {
        l.events.iter().map(|e| e.id.as_str()).collect()
    }

    #[test]
    fn empty_input_is_an_empty_ledger() {
        let l = parse(b"");
        assert!(l.events.is_empty() && l.problems.is_empty() && l.duplicates == 0);
    }

    #[test]
    fn torn_tail_is_ignored_with_a_warning() {
        let text = format!(
            "{}\n{}",
            line("a", "2014-06-16T09:30:00+08:00", "1"),
            r#"{"v":1,"id":"b","at":"#
        );
        let l = parse(text.as_bytes());
        assert_eq!(ids(&l), ["a"]);
        assert_eq!(l.problems.len(), 1);
        let p = &l.problems[0];
        assert!(matches!(p.kind, ProblemKind::TornTail { len: 21 }));
        assert!(!p.blocks_writes());
        assert_eq!(
            p.to_string(),
            "line 2: last line is incomplete (a write was cut short); it is ignored and will \
             be saved aside by the next write"
        );
    }

    #[test]
    fn a_complete_event_without_newline_is_still_a_torn_tail() {
        // Writers always end a line with `\n`; without it we cannot know the write finished.
        let text = line("a", "2014-06-16T09:30:00+08:00", "1");
        let l = parse(text.as_bytes());
        assert!(l.events.is_empty());
        assert!(matches!(l.problems[0].kind, ProblemKind::TornTail { .. }));
    }

    #[test]
    fn malformed_middle_line_is_reported_and_the_rest_kept() {
        let text = format!(
            "{}\n\nnot json\n{}\n",
            line("a", "2014-06-16T09:30:00+08:00", "1"),
            line("b", "2014-06-16T09:31:00+08:00", "2"),
        );
        let l = parse(text.as_bytes());
        assert_eq!(ids(&l), ["a", "b"]);
        assert_eq!(l.problems.len(), 1);
        assert_eq!(l.problems[0].line, 3);
        assert!(l.problems[0].blocks_writes());
        assert_eq!(
            l.problems[0].to_string(),
            "line 3: not valid JSON: expected ident at column 2"
        );
    }

    #[test]
    fn conflict_markers_are_reported() {
        let text = format!(
            "<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> other\n",
            line("a", "2014-06-16T09:30:00+08:00", "1"),
            line("b", "2014-06-16T09:31:00+08:00", "2"),
        );
        let l = parse(text.as_bytes());
        assert_eq!(ids(&l), ["a", "b"]);
        let lines: Vec<usize> = l.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [1, 3, 5]);
        assert!(
            l.problems
                .iter()
                .all(|p| matches!(p.kind, ProblemKind::ConflictMarker))
        );
        assert_eq!(
            l.problems[1].to_string(),
            "line 3: git conflict markers (merge the ledger with `merge=union`, see README)"
        );
    }

    #[test]
    fn exact_duplicates_count_once() {
        let a = line("a", "2014-06-16T09:30:00+08:00", "1");
        // Same content, different key order and spacing: still the same event.
        let a2 = r#"{ "id":"a", "v":1, "at":"2014-06-16T09:30:00+08:00","event":"done","step":"1","on":"2014-06-16"}"#;
        let text = format!("{a}\n{a}\n{a2}\n");
        let l = parse(text.as_bytes());
        assert_eq!(ids(&l), ["a"]);
        assert!(l.problems.is_empty());
        assert_eq!(l.duplicates, 2);
    }

    #[test]
    fn same_id_different_content_is_a_problem_and_the_first_wins() {
        let text = format!(
            "{}\n{}\n{}\n",
            line("a", "2014-06-16T09:30:00+08:00", "1"),
            line("b", "2014-06-16T09:30:00+08:00", "1"),
            line("a", "2014-06-16T09:30:00+08:00", "2"),
        );
        let l = parse(text.as_bytes());
        assert_eq!(ids(&l), ["a", "b"]);
        assert_eq!(l.events[0].step, "1");
        assert_eq!(l.duplicates, 0);
        assert_eq!(l.problems.len(), 1);
        assert!(matches!(
            &l.problems[0].kind,
            ProblemKind::ConflictingId { id, first_line: 1 } if id == "a"
        ));
        assert_eq!(
            l.problems[0].to_string(),
            "line 3: event id a also on line 1 with different content"
        );
    }

    #[test]
    fn duplicates_are_found_for_generated_ids_too() {
        let id = "0190f6b3c2d14e7a9f3b5c6d7e8f9012";
        let upper = id.to_uppercase();
        let text = format!(
            "{}\n{}\n{}\n{}\n",
            line(id, "2014-06-16T09:30:00+08:00", "1"),
            line(id, "2014-06-16T09:30:00+08:00", "1"),
            line(id, "2014-06-16T09:30:00+08:00", "2"),
            // A different string, so a different id, even if the same number.
            line(&upper, "2014-06-16T09:30:00+08:00", "2"),
        );
        let l = parse(text.as_bytes());
        assert_eq!(ids(&l), [upper.as_str(), id]);
        assert_eq!(l.duplicates, 1);
        assert_eq!(l.problems.len(), 1);
        assert_eq!(l.problems[0].line, 3);
    }

    #[test]
    fn wrong_types_and_missing_fields_are_malformed() {
        let text = concat!(
            r#"{"v":1,"id":"a","at":"2014-06-16T09:30:00+08:00","event":"done","step":"1","on":5}"#,
            "\n",
            r#"{"v":1,"id":"b","at":"2014-06-16T09:30:00+08:00","event":"done","step":1,"on":"2014-06-16"}"#,
            "\n",
            r#"{"v":1,"at":"2014-06-16T09:30:00+08:00","event":"note","step":"1"}"#,
            "\n",
            "5\n",
        );
        let l = parse(text.as_bytes());
        assert!(l.events.is_empty());
        let got: Vec<String> = l.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "line 1: not a valid event: invalid type: integer `5`, expected a string at column 81",
                "line 2: not a valid event: invalid type: integer `1`, expected a string at column 72",
                "line 3: not a valid event: missing field `id`",
                "line 4: not a valid event: invalid type: integer `5`, expected a ledger event (a JSON object) at column 1",
            ]
        );
    }

    #[test]
    fn invalid_utf8_is_malformed() {
        let mut bytes = line("a", "2014-06-16T09:30:00+08:00", "1").into_bytes();
        bytes.push(b'\n');
        bytes.extend_from_slice(b"{\"v\":1,\"note\":\"\xe4\xb8\"}\n");
        let l = parse(&bytes);
        assert_eq!(ids(&l), ["a"]);
        assert_eq!(
            l.problems[0].to_string(),
            "line 2: not valid UTF-8 (bad byte at column 16)"
        );
    }

    #[test]
    fn unknown_kinds_and_extra_fields_are_events_not_problems() {
        let text = concat!(
            r#"{"v":1,"id":"a","at":"2014-06-16T09:30:00+08:00","event":"assign","step":"3","to":"王"}"#,
            "\n",
            r#"{"v":7,"id":"b","at":"2014-06-16T09:31:00+08:00","event":"done","step":"3","on":"2014-06-16","sig":{"k":1}}"#,
            "\n",
        );
        let l = parse(text.as_bytes());
        assert!(l.problems.is_empty());
        assert_eq!(l.events[0].event, EventKind::Other("assign".to_owned()));
        assert_eq!(l.events[0].extra["to"], "王");
        assert_eq!(l.events[1].v, 7);
        assert_eq!(l.events[1].extra["sig"]["k"], 1);
    }

    #[test]
    fn events_are_sorted_by_time_then_id() {
        let text = format!(
            "{}\n{}\n{}\n{}\n",
            line("c", "2014-06-16T09:30:00+08:00", "1"),
            // 01:29 UTC: earlier than 09:30+08:00 (01:30 UTC) despite the later wall time.
            line("z", "2014-06-16T03:29:00+02:00", "1"),
            line("b", "2014-06-16T09:30:00+08:00", "1"),
            line("a", "2014-06-16T10:00:00+08:00", "1"),
        );
        let l = parse(text.as_bytes());
        assert_eq!(ids(&l), ["z", "b", "c", "a"]);
        assert_eq!(
            l.events[0].at,
            DateTime::parse_from_rfc3339("2014-06-16T01:29:00Z").unwrap()
        );
        assert_eq!(l.events[0].on, NaiveDate::from_ymd_opt(2014, 6, 16));
    }

    #[test]
    fn crlf_and_whitespace_lines_are_fine() {
        let text = format!(
            "{}\r\n  \r\n\r\n",
            line("a", "2014-06-16T09:30:00+08:00", "1")
        );
        let l = parse(text.as_bytes());
        assert_eq!(ids(&l), ["a"]);
        assert!(l.problems.is_empty());
    }

    fn valid_line(i: usize, step: &str, note: &str) -> String {
        let at = DateTime::parse_from_rfc3339("2014-06-16T09:30:00+08:00").unwrap()
            + chrono::Duration::seconds(i as i64);
        let mut e = Event::new(EventKind::Note, step, at, None, None, Some(note.to_owned()));
        e.id = format!("{i:032x}");
        e.to_line()
    }

    /// Not a pass/fail test: how long a million-event ledger (about 170 MB) takes to read.
    #[test]
    #[ignore = "timing: cargo test --release --lib parse_a_million -- --ignored --nocapture"]
    fn parse_a_million() {
        let mut text = String::new();
        for i in 0..1_000_000 {
            text.push_str(&valid_line(
                i,
                &format!("{}.{}", i % 40, i % 7),
                "已报局活动办",
            ));
            text.push('\n');
        }
        let started = std::time::Instant::now();
        let l = parse(text.as_bytes());
        eprintln!(
            "{} MB, {} events: {:?}",
            text.len() / 1_000_000,
            l.events.len(),
            started.elapsed()
        );
        assert_eq!(l.events.len(), 1_000_000);
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let l = parse(&bytes);
            let lines = bytes.split(|&b| b == b'\n').count();
            prop_assert!(l.problems.iter().all(|p| p.line >= 1 && p.line <= lines));
        }

        #[test]
        fn valid_lines_survive_any_neighbours(
            lines in proptest::collection::vec(
                prop_oneof![
                    "[^\n]{0,40}".prop_map(|s| (false, s)),
                    ("[0-9.]{1,4}", "\\PC{0,20}").prop_map(|(step, note)| (true, format!("{step}\u{0}{note}"))),
                    proptest::collection::vec(any::<u8>(), 0..30).prop_map(|b| (false, String::from_utf8_lossy(&b).replace('\n', ""))),
                ],
                0..40,
            )
        ) {
            let mut text = String::new();
            let mut want = Vec::new();
            for (i, (valid, s)) in lines.iter().enumerate() {
                if *valid {
                    let (step, note) = s.split_once('\u{0}').unwrap();
                    let l = valid_line(i, step, note);
                    want.push(crate::ledger::event::from_line(l.as_bytes()).unwrap());
                    text.push_str(&l);
                } else {
                    text.push_str(s);
                }
                text.push('\n');
            }
            let l = parse(text.as_bytes());
            for e in &want {
                prop_assert!(l.events.contains(e), "lost {e:?}");
            }
        }
    }
}
