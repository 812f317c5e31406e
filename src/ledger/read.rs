//! The one ledger reader: every line of a ledger, in one streaming pass, to a [`Sink`],
//! with the rules of DESIGN §2 for a whole ledger (torn last line, conflict markers,
//! de-duplication by id, the (`at`, `id`) order).
//!
//! Owns what a line is (blank, problem, or event: by the fast parser, else by serde) and
//! what repeats of an id mean. The pass keeps only each event's id hash (8 bytes); when a
//! hash repeats, a second pass finds those lines and compares them byte for byte, then as
//! JSON: exact copies are counted once, and a line with an id already used by a different
//! line is a reported problem that is dropped (the first line wins) — the sink is then
//! fed again without those lines. [`Ledger`] is the same pass with every event kept whole.
//! Pure apart from reading through [`ReadAt`]; never panics and never drops a line
//! silently: every line is an event, an exact duplicate (counted), blank, or a problem.

use std::fmt;
use std::io;

use chrono::NaiveDate;
use serde_json::Value;

use super::event::{Event, EventKind, from_line};
use super::fast::{Fast, PREFIX, fast_line};
use super::lines::{CHUNK, End, ReadAt, each_line, line_at};
use super::order::{Id, Order, hex_id};

/// What is wrong with one line.
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// Where the reader sends each event, in file order. Exact duplicates may arrive more
/// than once (a sink's state must not change by seeing one again); lines whose id
/// conflicts with an earlier line never arrive.
pub trait Sink {
    /// Whether the sink wants each event whole ([`Sink::whole`]): then every line is read
    /// by serde instead of the fast parser.
    fn wants_events(&self) -> bool {
        false
    }

    /// One event: what replay needs of it.
    fn event(&mut self, step: &str, order: &Order, kind: &EventKind, on: Option<NaiveDate>);

    /// One event read whole.
    fn whole(&mut self, order: Order, event: Event) {
        self.event(&event.step, &order, &event.event, event.on);
    }
}

/// For callers that need only what the reader itself finds.
impl Sink for () {
    fn event(&mut self, _: &str, _: &Order, _: &EventKind, _: Option<NaiveDate>) {}
}

/// Feeds events already read whole to a sink, as the reader would.
pub fn replay_events(events: &[Event], sink: &mut dyn Sink) {
    for e in events {
        sink.event(&e.step, &Order::new(&e.at, &e.id), &e.event, e.on);
    }
}

/// What a read found besides the events it sent.
#[derive(Debug, Clone, Default)]
pub struct Scanned {
    /// In line order.
    pub problems: Vec<Problem>,
    /// Exact duplicate lines (same id, same content).
    pub duplicates: usize,
    /// Distinct events.
    pub events: usize,
    /// The latest event in replay order.
    pub last: Option<Order>,
    /// Bytes read.
    pub len: u64,
    /// The last line is a complete event without its newline: a writer adds one first.
    pub unterminated: bool,
    /// The ids seen (hashes), sorted: a writer checks a new id against them.
    ids: Vec<u64>,
}

impl Scanned {
    /// Whether an event with this id may already be in the ledger (a hash match: the
    /// caller treats it as taken).
    #[must_use]
    pub fn may_hold(&self, id: &str) -> bool {
        self.ids.binary_search(&Id::new(id).hash()).is_ok()
    }
}

/// A ledger read whole.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    /// De-duplicated by id (the first line with an id wins), sorted by (`at`, `id`).
    pub events: Vec<Event>,
    /// In line order.
    pub problems: Vec<Problem>,
    /// Exact duplicate lines dropped (same id, same content), e.g. after a union merge.
    pub duplicates: usize,
}

/// Collects whole events for a [`Ledger`].
#[derive(Default)]
struct Events(Vec<(Order, Event)>);

impl Sink for Events {
    fn wants_events(&self) -> bool {
        true
    }

    fn event(&mut self, _: &str, _: &Order, _: &EventKind, _: Option<NaiveDate>) {}

    fn whole(&mut self, order: Order, event: Event) {
        self.0.push((order, event));
    }
}

/// Reads the ledger in `src` whole.
pub fn read_ledger<R: ReadAt + ?Sized>(src: &R) -> io::Result<Ledger> {
    let (scanned, Events(mut events)) = read(src, Events::default)?;
    // Ledgers are appended in time order, so usually this finds them sorted. Stable: of
    // exact duplicates (equal orders) the first line stays.
    if !events.is_sorted_by(|a, b| a.0 <= b.0) {
        events.sort_by(|a, b| a.0.cmp(&b.0));
    }
    events.dedup_by(|b, a| a.0 == b.0);
    Ok(Ledger {
        events: events.into_iter().map(|(_, e)| e).collect(),
        problems: scanned.problems,
        duplicates: scanned.duplicates,
    })
}

/// [`read_ledger`] of bytes in memory. Pure: bytes in, events and problems out.
#[must_use]
pub fn parse(bytes: &[u8]) -> Ledger {
    // Reading a slice cannot fail.
    read_ledger(bytes).unwrap_or_default()
}

/// Sends every event of the ledger in `src` to a sink from `fresh`, and returns what the
/// read found with the sink. A ledger with conflicting ids is read a second time into a
/// fresh sink, without the conflicting lines.
pub fn read<R: ReadAt + ?Sized, S: Sink>(
    src: &R,
    fresh: impl Fn() -> S,
) -> io::Result<(Scanned, S)> {
    read_chunked(src, CHUNK, fresh)
}

fn read_chunked<R: ReadAt + ?Sized, S: Sink>(
    src: &R,
    chunk: usize,
    fresh: impl Fn() -> S,
) -> io::Result<(Scanned, S)> {
    let mut out = Scanned::default();
    let mut sink = fresh();
    // Sized for the shortest event lines there can be (about 64 bytes): a table that grew
    // by doubling would briefly hold the old and the new copy, while capacity never
    // written to costs address space, not memory.
    let hint = src.len_hint().unwrap_or(0) / 64;
    let mut seen: Vec<u64> = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    let mut visit = |line: &[u8], line_no: usize, out: &mut Scanned| {
        if let Some(order) = one_line(line, line_no, &mut sink, &mut out.problems) {
            seen.push(order.id.hash());
            if out.last.as_ref().is_none_or(|last| order > *last) {
                out.last = Some(order);
            }
        }
    };
    let end = each_line(src, chunk, |line, _, line_no| {
        visit(line, line_no, &mut out);
    })?;
    // A last line without its newline is an event when it is a complete, valid one (an
    // editor dropped the newline; a writer adds it before appending), else torn.
    let tail = unterminated_event(src, &end)?;
    if let Some(line) = &tail {
        visit(line, end.lines + 1, &mut out);
        out.unterminated = true;
    } else if end.complete < end.len {
        out.problems.push(Problem {
            line: end.lines + 1,
            kind: ProblemKind::TornTail {
                len: usize::try_from(end.len - end.complete).unwrap_or(usize::MAX),
            },
        });
    }
    out.len = end.len;
    let tail_at = tail
        .as_deref()
        .map(|line| (line, end.complete, end.lines + 1));
    let conflicting = settle_repeats(src, chunk, tail_at, &mut seen, &mut out)?;
    if !conflicting.is_empty() {
        sink = fresh();
        out.last = None;
        let mut ignored = Vec::new();
        let mut again = |line: &[u8], line_no: usize| {
            if conflicting.binary_search(&line_no).is_err()
                && let Some(order) = one_line(line, line_no, &mut sink, &mut ignored)
                && out.last.as_ref().is_none_or(|last| order > *last)
            {
                out.last = Some(order);
            }
        };
        each_line(src, chunk, |line, _, line_no| again(line, line_no))?;
        if let Some(line) = &tail {
            again(line, end.lines + 1);
        }
    }
    seen.dedup();
    out.ids = seen;
    Ok((out, sink))
}

/// The last line, when it has no newline but is a complete, valid event.
fn unterminated_event<R: ReadAt + ?Sized>(src: &R, end: &End) -> io::Result<Option<Vec<u8>>> {
    if end.complete == end.len {
        return Ok(None);
    }
    let line = line_at(src, end.complete)?;
    Ok(from_line(&line).is_ok().then_some(line))
}

/// What a line is: nothing (blank), a problem, or an event.
enum Line<'a> {
    Blank,
    Problem(ProblemKind),
    Fast(Fast<'a>),
    Full(Event),
}

/// The longest line read as an event: a note of a few pages. A longer line is malformed,
/// so no view is asked to lay out megabytes of one note.
pub const LINE_MAX: usize = 64 << 10;

fn classify(line: &[u8], fast: bool) -> Line<'_> {
    if line.len() > LINE_MAX {
        return Line::Problem(ProblemKind::Malformed(format!(
            "line is {} KiB, longer than the {} KiB an event may be",
            line.len() >> 10,
            LINE_MAX >> 10
        )));
    }
    if line.iter().all(u8::is_ascii_whitespace) {
        // A blank line (or a stray `\r`) carries nothing; hand edits leave them.
        return Line::Blank;
    }
    if is_conflict_marker(line) {
        return Line::Problem(ProblemKind::ConflictMarker);
    }
    if fast && let Some(f) = fast_line(line) {
        return Line::Fast(f);
    }
    match from_line(line) {
        Ok(e) => Line::Full(e),
        Err(reason) => Line::Problem(ProblemKind::Malformed(reason)),
    }
}

/// Sends one line's event to the sink and returns its order, or records its problem.
fn one_line<S: Sink>(
    line: &[u8],
    line_no: usize,
    sink: &mut S,
    problems: &mut Vec<Problem>,
) -> Option<Order> {
    match classify(line, !sink.wants_events()) {
        Line::Blank => None,
        Line::Problem(kind) => {
            problems.push(Problem {
                line: line_no,
                kind,
            });
            None
        }
        Line::Fast(f) => {
            let order = Order {
                at: f.at,
                id: Id::Hex(f.id),
            };
            sink.event(f.step, &order, &f.kind, f.on);
            Some(order)
        }
        Line::Full(e) => {
            let order = Order::new(&e.at, &e.id);
            sink.whole(order.clone(), e);
            Some(order)
        }
    }
}

/// The id of a line the first pass read as an event.
fn line_id(line: &[u8]) -> Option<Id> {
    // A line that starts as canonical lines do and was read as an event was read (fast
    // or by serde, which refuses a second `id`) with exactly this id.
    if let Some(n) = line
        .strip_prefix(PREFIX)
        .filter(|rest| rest.get(32) == Some(&b'"'))
        .and_then(|rest| hex_id(&rest[..32]))
    {
        return Some(Id::Hex(n));
    }
    match classify(line, true) {
        Line::Blank | Line::Problem(_) => None,
        Line::Fast(f) => Some(Id::Hex(f.id)),
        Line::Full(e) => Some(Id::new(&e.id)),
    }
}

/// Sorts the id hashes, then judges the lines whose hashes repeat, found by a second pass
/// (which only ledgers with repeats pay for): a later line with the same id as an earlier
/// one is an exact duplicate when its bytes, or its JSON, are the first line's, and
/// otherwise a conflict, reported. Returns the conflicting lines' numbers, sorted.
fn settle_repeats<R: ReadAt + ?Sized>(
    src: &R,
    chunk: usize,
    tail: Option<(&[u8], u64, usize)>,
    seen: &mut [u64],
    out: &mut Scanned,
) -> io::Result<Vec<usize>> {
    seen.sort_unstable();
    out.events = seen.len();
    let mut repeated: Vec<u64> = seen
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    if repeated.is_empty() {
        return Ok(Vec::new());
    }
    repeated.dedup();
    let problem_lines: Vec<usize> = out.problems.iter().map(|p| p.line).collect();
    let mut at: Vec<(Id, usize, u64)> = Vec::new();
    let mut each = |line: &[u8], offset: u64, line_no: usize| {
        if problem_lines.binary_search(&line_no).is_err()
            && let Some(id) = line_id(line)
            && repeated.binary_search(&id.hash()).is_ok()
        {
            at.push((id, line_no, offset));
        }
    };
    each_line(src, chunk, &mut each)?;
    if let Some((line, offset, line_no)) = tail {
        each(line, offset, line_no);
    }
    // By id, then by line: two ids that only share a hash are two groups.
    at.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut conflicting = Vec::new();
    for group in at.chunk_by(|a, b| a.0 == b.0) {
        let (id, first_line, offset) = &group[0];
        let first = line_at(src, *offset)?;
        for (_, line_no, offset) in &group[1..] {
            let line = line_at(src, *offset)?;
            if line == first || same_content(&first, &line) {
                out.duplicates += 1;
            } else {
                conflicting.push(*line_no);
                out.problems.push(Problem {
                    line: *line_no,
                    kind: ProblemKind::ConflictingId {
                        id: id.to_string(),
                        first_line: *first_line,
                    },
                });
            }
        }
    }
    out.events -= out.duplicates + conflicting.len();
    out.problems.sort_by_key(|p| p.line);
    conflicting.sort_unstable();
    Ok(conflicting)
}

/// Git writes `<<<<<<< ours`, `|||||||` (diff3), `=======` and `>>>>>>> theirs`. No JSON
/// object starts with these characters, so matching the prefix alone cannot hide an event.
fn is_conflict_marker(line: &[u8]) -> bool {
    [b"<<<<<<<", b"|||||||", b"=======", b">>>>>>>"]
        .iter()
        .any(|marker| line.starts_with(*marker))
}

/// Content equality as parsed JSON, so key order or spacing alone never counts as a
/// conflict. Both lines already parsed as events, so both are valid JSON.
fn same_content(a: &[u8], b: &[u8]) -> bool {
    match (
        serde_json::from_slice::<Value>(a),
        serde_json::from_slice::<Value>(b),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::fast::tests::{LINE, piece};
    use crate::ledger::order::At;
    use chrono::DateTime;
    use proptest::prelude::*;

    fn line(id: &str, at: &str, step: &str) -> String {
        format!(
            r#"{{"v":1,"id":"{id}","at":"{at}","event":"done","step":"{step}","on":"2014-06-16"}}"#
        )
    }

    fn ids(l: &Ledger) -> Vec<&str> {
        l.events.iter().map(|e| e.id.as_str()).collect()
    }

    /// Records what a sink is sent, in order, as plain values.
    #[derive(Default)]
    struct Record(Vec<(String, Order, EventKind, Option<NaiveDate>)>);

    impl Sink for Record {
        fn event(&mut self, step: &str, order: &Order, kind: &EventKind, on: Option<NaiveDate>) {
            self.0
                .push((step.to_owned(), order.clone(), kind.clone(), on));
        }
    }

    #[test]
    fn exact_duplicates_are_counted_and_conflicts_never_reach_the_sink() {
        let other = LINE.replace("9012", "9013").replace("\"1\"", "\"2\"");
        let text = format!("{LINE}\n{other}\n{LINE}\n");
        let (s, sink) = read(text.as_bytes(), Record::default).unwrap();
        assert_eq!((s.events, s.duplicates, sink.0.len()), (2, 1, 3));
        assert!(s.may_hold("0190f6b3c2d14e7a9f3b5c6d7e8f9012"));
        assert!(!s.may_hold("0190f6b3c2d14e7a9f3b5c6d7e8f9014"));
        let later = LINE.replace("已报", "未报").replace("09:30", "10:30");
        let conflict = format!("{LINE}\n{later}\n{other}\n");
        let (s, sink) = read(conflict.as_bytes(), Record::default).unwrap();
        assert_eq!((s.events, s.duplicates), (2, 0));
        let problems: Vec<String> = s.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "line 2: event id 0190f6b3c2d14e7a9f3b5c6d7e8f9012 also on line 1 with different content"
            ]
        );
        let steps: Vec<&str> = sink.0.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(
            steps,
            ["1", "2"],
            "the later line of a conflicting id is dropped"
        );
        let first = from_line(LINE.as_bytes()).unwrap();
        assert_eq!(s.last.map(|o| o.at), Some(At::of(&first.at)));
    }

    /// The plain reference for a whole ledger: serde for every line, first lines by id in
    /// a map. Returns the events, the problems as printed and the duplicates.
    fn reference(bytes: &[u8]) -> (Vec<Event>, Vec<String>, usize) {
        let mut events = Vec::new();
        let mut problems = Vec::new();
        let mut duplicates = 0;
        let mut first: std::collections::HashMap<String, (usize, &[u8])> =
            std::collections::HashMap::new();
        let mut pieces: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
        let mut torn = pieces.pop().filter(|t| !t.is_empty());
        // A complete event without its newline is a line like the others.
        if let Some(t) = torn.take_if(|t| from_line(t).is_ok()) {
            pieces.push(t);
        }
        for (i, &line) in pieces.iter().enumerate() {
            let no = i + 1;
            let kind = if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            } else if is_conflict_marker(line) {
                ProblemKind::ConflictMarker
            } else {
                match from_line(line) {
                    Err(reason) => ProblemKind::Malformed(reason),
                    Ok(e) => match first.get(&e.id) {
                        None => {
                            first.insert(e.id.clone(), (no, line));
                            events.push(e);
                            continue;
                        }
                        Some(&(_, first_text)) if same_content(first_text, line) => {
                            duplicates += 1;
                            continue;
                        }
                        Some(&(first_line, _)) => ProblemKind::ConflictingId {
                            id: e.id,
                            first_line,
                        },
                    },
                }
            };
            problems.push(Problem { line: no, kind }.to_string());
        }
        if let Some(t) = torn {
            let kind = ProblemKind::TornTail { len: t.len() };
            problems.push(
                Problem {
                    line: pieces.len() + 1,
                    kind,
                }
                .to_string(),
            );
        }
        events.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        (events, problems, duplicates)
    }

    proptest! {
        /// The reader, at any chunk size and with either kind of sink, finds what the
        /// plain reference finds.
        #[test]
        fn the_reader_agrees_with_the_plain_reference(
            lines in proptest::collection::vec(piece(), 0..12),
            torn in any::<bool>(),
            tail in proptest::collection::vec(any::<u8>(), 0..3),
            chunk in 1usize..200,
        ) {
            let mut text = lines.join("\n");
            if !torn && !text.is_empty() {
                text.push('\n');
            }
            let mut bytes = text.into_bytes();
            if torn {
                bytes.extend(tail.iter().filter(|&&b| b != b'\n'));
            }
            let (events, problems, duplicates) = reference(&bytes);
            let l = parse(&bytes);
            prop_assert_eq!(&l.events, &events);
            prop_assert_eq!(l.problems.iter().map(ToString::to_string).collect::<Vec<_>>(), problems.clone());
            prop_assert_eq!(l.duplicates, duplicates);

            let (s, sink) = read_chunked(bytes.as_slice(), chunk, Record::default).unwrap();
            prop_assert_eq!(s.problems.iter().map(ToString::to_string).collect::<Vec<_>>(), problems);
            prop_assert_eq!((s.events, s.duplicates), (events.len(), duplicates));
            let orders: Vec<Order> = events.iter().map(|e| Order::new(&e.at, &e.id)).collect();
            prop_assert_eq!(s.last.as_ref(), orders.iter().max());
            // What replay takes from the sink: per step, the latest done/reopen.
            let mut want: Vec<_> = events
                .iter()
                .zip(&orders)
                .map(|(e, o)| (e.step.clone(), o.clone(), e.event.clone(), e.on))
                .collect();
            let mut got = sink.0;
            for list in [&mut want, &mut got] {
                list.retain(|e| matches!(e.2, EventKind::Done | EventKind::Reopen));
                list.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)));
                list.dedup_by(|b, a| a.0 == b.0);
            }
            prop_assert_eq!(got, want);
        }
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
    fn a_complete_event_without_newline_is_an_event() {
        // An editor dropped the final newline: the line is whole, so it counts (DESIGN §2).
        let text = format!(
            "{}\n{}",
            line("a", "2014-06-16T09:30:00+08:00", "1"),
            line("b", "2014-06-16T09:31:00+08:00", "2")
        );
        let l = parse(text.as_bytes());
        assert_eq!(ids(&l), ["a", "b"]);
        assert!(l.problems.is_empty(), "{:?}", l.problems);
        let (s, ()) = read(text.as_bytes(), || ()).unwrap();
        assert!(s.unterminated && s.problems.is_empty() && s.events == 2);
        let cut = &text[..text.len() - 1];
        let l = parse(cut.as_bytes());
        assert_eq!(ids(&l), ["a"], "one byte short, it is torn");
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
