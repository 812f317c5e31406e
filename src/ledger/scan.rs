//! Reading a ledger without holding its events: for commands that only need each item's
//! changes, however long the ledger grows (DESIGN.md §2 semantics, in bounded memory).
//!
//! Owns the streaming pass: large chunks read at offsets, a fast path for lines in exactly
//! the form this tool writes (fields found by scanning bytes), and `from_line` (serde) for
//! every other line, so both agree on what a line means. Every event goes to a [`Sink`] in
//! file order with its replay [`Order`]; de-duplication is left to the sink's max, which
//! exact duplicates cannot change. Ids are kept as a compact table (an 8-byte hash an
//! event); when a hash repeats, a second pass finds those lines and compares them byte for
//! byte.
//! Anything but exact copies of canonical lines (a conflict, or a hand-written duplicate
//! that needs JSON comparison) makes [`scan`] answer `None`: the caller then reads the
//! ledger the full way ([`super::parse`]), which reports conflicts exactly. Pure apart from
//! reading through [`ReadAt`]; never panics and never drops a line silently.

use std::cmp::Ordering;
use std::io;

use chrono::{DateTime, Datelike as _, FixedOffset, NaiveDate, Utc};

use super::event::{Event, EventKind, from_line};
use super::read::{Problem, ProblemKind, is_conflict_marker, same_content};

/// Bytes read per call: large enough that a million-line ledger is a few hundred reads.
const CHUNK: usize = 1 << 20;

/// Positional reads, so a scan needs no seek and can re-read a line by its offset.
pub trait ReadAt {
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize>;

    /// The length, if known: only to size tables up front.
    fn len_hint(&self) -> Option<u64> {
        None
    }
}

impl ReadAt for std::fs::File {
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        std::os::unix::fs::FileExt::read_at(self, buf, offset)
    }

    fn len_hint(&self) -> Option<u64> {
        self.metadata().ok().map(|m| m.len())
    }
}

impl ReadAt for [u8] {
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        let start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.len());
        let n = buf.len().min(self.len() - start);
        buf[..n].copy_from_slice(&self[start..start + n]);
        Ok(n)
    }
}

/// An event id, ordered as its text: ids this tool writes (32 lowercase hex digits) are
/// kept as the number they spell, whose order is the same as their text's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Id {
    Hex(u128),
    Text(Box<str>),
}

impl Id {
    #[must_use]
    pub fn new(id: &str) -> Id {
        match canonical_hex(id.as_bytes()) {
            Some(n) => Id::Hex(n),
            None => Id::Text(id.into()),
        }
    }

    pub(super) fn hash(&self) -> u64 {
        match self {
            Id::Hex(n) => spread((*n as u64) ^ ((n >> 64) as u64)),
            Id::Text(s) => s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            }),
        }
    }
}

fn spread(x: u64) -> u64 {
    x.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29)
}

impl Ord for Id {
    fn cmp(&self, other: &Id) -> Ordering {
        match (self, other) {
            (Id::Hex(a), Id::Hex(b)) => a.cmp(b),
            (Id::Text(a), Id::Text(b)) => a.cmp(b),
            (Id::Hex(a), Id::Text(b)) => hex_text(*a).as_slice().cmp(b.as_bytes()),
            (Id::Text(a), Id::Hex(b)) => a.as_bytes().cmp(hex_text(*b).as_slice()),
        }
    }
}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Id) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn hex_text(n: u128) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = b"0123456789abcdef"[((n >> (4 * (31 - i))) & 0xf) as usize];
    }
    out
}

fn canonical_hex(id: &[u8]) -> Option<u128> {
    let id: &[u8; 32] = id.try_into().ok()?;
    // Eight digits at a time and without a branch per digit: random hex digits would
    // mispredict one in three.
    id.chunks_exact(8).try_fold(0u128, |n, word| {
        let word = u64::from_le_bytes(word.try_into().ok()?);
        Some((n << 32) | u128::from(hex_word(word)?))
    })
}

/// Eight lowercase hex digits (the first in the lowest byte) as the number they spell.
fn hex_word(w: u64) -> Option<u32> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if w & HIGH != 0 {
        return None;
    }
    // Per byte (each below 0x80, so no sum carries into the next): its high bit set when
    // the byte is at least `lo`, or more than `hi`.
    let at_least = |lo: u8| w.wrapping_add(ONES * u64::from(0x80 - lo)) & HIGH;
    let above = |hi: u8| w.wrapping_add(ONES * u64::from(0x7f - hi)) & HIGH;
    let digit = at_least(b'0') & !above(b'9');
    let lower = at_least(b'a') & !above(b'f');
    if digit | lower != HIGH {
        return None;
    }
    // '0'..'9' → 0..9, 'a'..'f' → 1..6 + 9.
    let v = (w & (ONES * 0x0f)) + (lower >> 7) * 9;
    let v = ((v & 0x0f00_0f00_0f00_0f00) >> 8) | ((v & 0x000f_000f_000f_000f) << 4);
    let v = ((v & 0x00ff_0000_00ff_0000) >> 16) | ((v & 0x0000_00ff_0000_00ff) << 8);
    let v = ((v & 0x0000_ffff_0000_0000) >> 32) | ((v & 0x0000_0000_0000_ffff) << 16);
    u32::try_from(v).ok()
}

/// An instant as UTC seconds and nanoseconds: ordered as `DateTime` orders instants (a
/// leap second's nanoseconds run past 10^9 in both), but plain integers to compare and copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct At {
    pub(super) secs: i64,
    pub(super) nanos: u32,
}

impl At {
    #[must_use]
    pub fn of(at: &DateTime<FixedOffset>) -> At {
        At {
            secs: at.timestamp(),
            nanos: at.timestamp_subsec_nanos(),
        }
    }

    /// The instant back as a `DateTime` (the earliest one if it is out of chrono's range,
    /// which no parsed `at` is).
    #[must_use]
    pub fn utc(self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.secs, self.nanos).unwrap_or(DateTime::<Utc>::MIN_UTC)
    }
}

/// The replay order of DESIGN §2: by `at` (the instant), then by `id`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Order {
    pub at: At,
    pub id: Id,
}

impl Order {
    #[must_use]
    pub fn new(at: &DateTime<FixedOffset>, id: &str) -> Order {
        Order {
            at: At::of(at),
            id: Id::new(id),
        }
    }
}

/// Where a scan sends each event, in file order (duplicates included).
pub trait Sink {
    fn event(&mut self, step: &str, order: &Order, kind: &EventKind, on: Option<NaiveDate>);
}

/// Feeds events already read in full (by `parse`) to a sink, as a scan would.
pub fn replay_events(events: &[Event], sink: &mut dyn Sink) {
    for e in events {
        sink.event(&e.step, &Order::new(&e.at, &e.id), &e.event, e.on);
    }
}

/// For callers that need only what the scan itself finds.
impl Sink for () {
    fn event(&mut self, _: &str, _: &Order, _: &EventKind, _: Option<NaiveDate>) {}
}

/// What a scan found besides the events it sent.
#[derive(Debug, Clone, Default)]
pub struct Scanned {
    /// In line order, as [`super::parse`] reports them.
    pub problems: Vec<Problem>,
    /// Exact duplicate lines (same id, same bytes).
    pub duplicates: usize,
    /// Distinct events.
    pub events: usize,
    /// The latest event in replay order.
    pub last: Option<Order>,
    /// Bytes read.
    pub len: u64,
    /// The ids seen (hashes), sorted: a writer checks a new id against them.
    pub(super) ids: Vec<u64>,
}

impl Scanned {
    /// The same facts from a ledger read the full way.
    pub(crate) fn from_full<'a>(
        ledger: &super::Ledger,
        ids: impl Iterator<Item = &'a str>,
        len: u64,
    ) -> Scanned {
        let mut ids: Vec<u64> = ids.map(|id| Id::new(id).hash()).collect();
        ids.sort_unstable();
        ids.dedup();
        Scanned {
            problems: ledger.problems.clone(),
            duplicates: ledger.duplicates,
            events: ledger.events.len(),
            last: ledger.events.last().map(|e| Order::new(&e.at, &e.id)),
            len,
            ids,
        }
    }

    /// Whether an event with this id may already be in the ledger (a hash match: the
    /// caller treats it as taken).
    #[must_use]
    pub fn may_hold(&self, id: &str) -> bool {
        self.ids.binary_search(&Id::new(id).hash()).is_ok()
    }
}

/// Sends every event of the ledger in `src` to `sink`. `None` when ids repeat in a way
/// only the full reader judges exactly (see the module comment); the sink has then seen
/// events that the full reader would drop, so the caller must start from a fresh one.
pub fn scan<R: ReadAt + ?Sized>(src: &R, sink: &mut dyn Sink) -> io::Result<Option<Scanned>> {
    scan_chunked(src, sink, CHUNK, 0, 0)
}

fn scan_chunked<R: ReadAt + ?Sized>(
    src: &R,
    sink: &mut dyn Sink,
    chunk: usize,
    start_at: u64,
    lines: usize,
) -> io::Result<Option<Scanned>> {
    let mut out = Scanned::default();
    // Each event's id hash, 8 bytes; which lines they came from is found again only for
    // hashes that repeat (`settle_repeats`). Sized for the shortest event lines there can
    // be (about 64 bytes): a table that grew by doubling would briefly hold the old and the
    // new copy, 1.5x the final size at best, while capacity never written to costs address
    // space, not memory.
    let hint = src.len_hint().unwrap_or(0).saturating_sub(start_at) / 64;
    let mut seen: Vec<u64> = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    let end = each_line(src, chunk, start_at, lines, |line, _, line_no| {
        one_line(line, line_no, sink, &mut out, &mut seen);
    })?;
    if end.complete < end.len {
        out.problems.push(Problem {
            line: end.lines + 1,
            kind: ProblemKind::TornTail {
                len: usize::try_from(end.len - end.complete).unwrap_or(usize::MAX),
            },
        });
    }
    out.len = end.len;
    if !settle_repeats(src, chunk, start_at, lines, &mut seen, &mut out)? {
        return Ok(None);
    }
    seen.dedup();
    out.ids = seen;
    Ok(Some(out))
}

/// Where a pass over the lines stopped.
struct End {
    /// Bytes read, lines ending in a newline (counting the `lines` before the start), and
    /// the offset after the last of them.
    len: u64,
    lines: usize,
    complete: u64,
}

/// Calls `each(line, offset, line number)` for every line from `start_at` that ends in a
/// newline (without it), reading `chunk` bytes at a time.
fn each_line<R: ReadAt + ?Sized>(
    src: &R,
    chunk: usize,
    start_at: u64,
    lines: usize,
    mut each: impl FnMut(&[u8], u64, usize),
) -> io::Result<End> {
    let mut buf = vec![0u8; chunk.max(1)];
    let mut filled = 0; // bytes in `buf` not yet split into lines
    let mut base = start_at; // file offset of buf[0]
    let mut line_no = lines;
    loop {
        if filled == buf.len() {
            // One line longer than the buffer: grow it rather than cut the line.
            buf.resize(buf.len() * 2, 0);
        }
        let n = read_full(src, &mut buf[filled..], base + filled as u64)?;
        let end = filled + n;
        let mut start = 0;
        for nl in memchr::memchr_iter(b'\n', &buf[..end]) {
            line_no += 1;
            each(&buf[start..nl], base + start as u64, line_no);
            start = nl + 1;
        }
        if n == 0 {
            return Ok(End {
                len: base + end as u64,
                lines: line_no,
                complete: base + start as u64,
            });
        }
        buf.copy_within(start..end, 0);
        filled = end - start;
        base += start as u64;
    }
}

fn read_full<R: ReadAt + ?Sized>(src: &R, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match src.read_at(&mut buf[n..], offset + n as u64) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// What a line is: nothing (blank), a problem, or an event.
enum Line<'a> {
    Blank,
    Problem(ProblemKind),
    Fast(Fast<'a>),
    Full(super::Event),
}

fn classify(line: &[u8]) -> Line<'_> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return Line::Blank;
    }
    if is_conflict_marker(line) {
        return Line::Problem(ProblemKind::ConflictMarker);
    }
    match fast_line(line) {
        Some(f) => Line::Fast(f),
        None => match from_line(line) {
            Ok(e) => Line::Full(e),
            Err(reason) => Line::Problem(ProblemKind::Malformed(reason)),
        },
    }
}

fn one_line(
    line: &[u8],
    line_no: usize,
    sink: &mut dyn Sink,
    out: &mut Scanned,
    seen: &mut Vec<u64>,
) {
    let order = match classify(line) {
        Line::Blank => return,
        Line::Problem(kind) => {
            out.problems.push(Problem {
                line: line_no,
                kind,
            });
            return;
        }
        Line::Fast(f) => {
            let order = Order {
                at: f.at,
                id: Id::Hex(f.id),
            };
            sink.event(f.step, &order, &f.kind, f.on);
            order
        }
        Line::Full(e) => {
            let order = Order::new(&e.at, &e.id);
            sink.event(&e.step, &order, &e.event, e.on);
            order
        }
    };
    seen.push(order.id.hash());
    if out.last.as_ref().is_none_or(|last| order > *last) {
        out.last = Some(order);
    }
}

/// The id hash `one_line` recorded for this line, if it recorded one; `problem` says
/// whether the scan reported the line as a problem.
fn recorded_hash(line: &[u8], problem: bool) -> Option<u64> {
    if problem {
        return None;
    }
    // A line that starts as canonical lines do and that the scan did not report was read
    // (fast or by serde, which refuses a second `id`) with exactly this id.
    if let Some(id) = line
        .strip_prefix(b"{\"v\":1,\"id\":\"")
        .filter(|rest| rest.get(32) == Some(&b'"'))
        .and_then(|rest| canonical_hex(&rest[..32]))
    {
        return Some(Id::Hex(id).hash());
    }
    match classify(line) {
        Line::Blank | Line::Problem(_) => None,
        Line::Fast(f) => Some(Id::Hex(f.id).hash()),
        Line::Full(e) => Some(Id::new(&e.id).hash()),
    }
}

/// Sorts the id hashes and counts exact duplicates among repeated ids (same bytes, or the
/// same JSON as the full reader compares them); `false` when a repeat has other content: a
/// conflict (or two ids sharing a hash), whose report (and which line wins) is left to the
/// full reader. The lines of repeated hashes are found by a second pass over the same
/// lines, which only the ledgers with repeats pay for.
fn settle_repeats<R: ReadAt + ?Sized>(
    src: &R,
    chunk: usize,
    start_at: u64,
    lines: usize,
    seen: &mut [u64],
    out: &mut Scanned,
) -> io::Result<bool> {
    seen.sort_unstable();
    out.events = seen.len();
    let mut repeated: Vec<u64> = seen
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    if repeated.is_empty() {
        return Ok(true);
    }
    repeated.dedup();
    let problem_lines: Vec<usize> = out.problems.iter().map(|p| p.line).collect();
    let mut at: Vec<(u64, u64)> = Vec::new();
    each_line(src, chunk, start_at, lines, |line, offset, line_no| {
        let problem = problem_lines.binary_search(&line_no).is_ok();
        if let Some(hash) = recorded_hash(line, problem)
            && repeated.binary_search(&hash).is_ok()
        {
            at.push((hash, offset));
        }
    })?;
    at.sort_unstable();
    let mut i = 0;
    while i < at.len() {
        let j = i + at[i..].iter().take_while(|s| s.0 == at[i].0).count();
        if j - i > 1 {
            let first = line_at(src, at[i].1)?;
            for s in &at[i + 1..j] {
                let line = line_at(src, s.1)?;
                if line != first && !same_content(&first, &line) {
                    return Ok(false);
                }
            }
            out.duplicates += j - i - 1;
            out.events -= j - i - 1;
        }
        i = j;
    }
    Ok(true)
}

/// The line starting at `offset`, without its newline.
fn line_at<R: ReadAt + ?Sized>(src: &R, offset: u64) -> io::Result<Vec<u8>> {
    let mut line = Vec::new();
    let mut chunk = [0u8; 512];
    loop {
        let n = read_full(src, &mut chunk, offset + line.len() as u64)?;
        if let Some(end) = chunk[..n].iter().position(|&b| b == b'\n') {
            line.extend_from_slice(&chunk[..end]);
            return Ok(line);
        }
        line.extend_from_slice(&chunk[..n]);
        if n < chunk.len() {
            return Ok(line);
        }
    }
}

/// A line in the form `Event::to_line` writes, read without serde.
struct Fast<'a> {
    id: u128,
    at: At,
    kind: EventKind,
    step: &'a str,
    on: Option<NaiveDate>,
}

/// The fast path: only lines `from_line` certainly reads the same way (fixed key order, no
/// spaces, no escapes but simple ones in `by` and `note`, valid dates), so any doubt is
/// `None` and serde decides. Every byte outside `step`, `by` and `note` is checked to be a
/// given ASCII byte, so those three being UTF-8 is the whole line being UTF-8, which
/// `from_line` requires.
fn fast_line(line: &[u8]) -> Option<Fast<'_>> {
    let mut c = Cursor { b: line, i: 0 };
    c.lit(b"{\"v\":1,\"id\":\"")?;
    let id = canonical_hex(c.take(32)?)?;
    c.lit(b"\",\"at\":\"")?;
    let at = c.until_quote().and_then(parse_at)?;
    c.lit(b",\"event\":\"")?;
    let kind = match c.until_quote()? {
        b"done" => EventKind::Done,
        b"reopen" => EventKind::Reopen,
        b"note" => EventKind::Note,
        _ => return None,
    };
    c.lit(b",\"step\":\"")?;
    let step = c.until_quote().filter(|s| !s.is_empty())?;
    let mut on = None;
    if c.lit(b",\"on\":\"").is_some() {
        on = Some(c.until_quote().and_then(parse_day)?);
    }
    if c.lit(b",\"by\":\"").is_some() {
        c.skip_string()?;
    }
    if c.lit(b",\"note\":\"").is_some() {
        c.skip_string()?;
    }
    c.lit(b"}")?;
    if c.i != line.len() || (on.is_none() && kind != EventKind::Note) {
        return None;
    }
    Some(Fast {
        id,
        at,
        kind,
        step: std::str::from_utf8(step).ok()?,
        on,
    })
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn lit(&mut self, s: &[u8]) -> Option<()> {
        if self.b[self.i..].starts_with(s) {
            self.i += s.len();
            Some(())
        } else {
            None
        }
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.i..self.i + n)?;
        self.i += n;
        Some(s)
    }

    /// A string's contents up to its closing quote (consumed), if it needs no unescaping.
    fn until_quote(&mut self) -> Option<&'a [u8]> {
        let rest = &self.b[self.i..];
        let end = rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        if rest[end] != b'"' {
            return None;
        }
        self.i += end + 1;
        Some(&rest[..end])
    }

    /// Past a string's closing quote, if it is UTF-8 with no control characters and no
    /// escapes but the one-character ones JSON has (`\uXXXX`, whose surrogates serde
    /// judges, is left to serde).
    fn skip_string(&mut self) -> Option<()> {
        let rest = &self.b[self.i..];
        let mut i = 0;
        loop {
            i += rest[i..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
            match rest[i] {
                b'"' => break,
                b'\\' => match rest.get(i + 1)? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i += 2,
                    _ => return None,
                },
                _ => return None,
            }
        }
        std::str::from_utf8(&rest[..i]).ok()?;
        self.i += i + 1;
        Some(())
    }
}

fn digits(s: &[u8]) -> Option<u32> {
    s.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// `YYYY-MM-DD`, as `NaiveDate::from_str` reads it.
fn parse_day(s: &[u8]) -> Option<NaiveDate> {
    if s.len() != 10 || s[4] != b'-' || s[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(&s[..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(&s[5..7])?, digits(&s[8..10])?)
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]±HH:MM`, the subset of RFC 3339 that
/// `DateTime::parse_from_rfc3339` certainly reads as the same instant.
fn parse_at(s: &[u8]) -> Option<At> {
    if s.len() < 25 || s[10] != b'T' || s[13] != b':' || s[16] != b':' {
        return None;
    }
    let day = parse_day(&s[..10])?;
    let (h, m, sec) = (
        digits(&s[11..13])?,
        digits(&s[14..16])?,
        digits(&s[17..19])?,
    );
    let mut rest = &s[19..];
    let mut nanos = 0;
    if rest[0] == b'.' {
        let n = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
        if !(1..=9).contains(&n) {
            return None;
        }
        nanos = digits(&rest[1..=n])? * 10u32.pow(9 - n as u32);
        rest = &rest[1 + n..];
    }
    if rest.len() != 6 || rest[3] != b':' || h > 23 || m > 59 || sec > 59 {
        return None;
    }
    let sign = match rest[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (oh, om) = (digits(&rest[1..3])?, digits(&rest[4..6])?);
    if oh > 23 || om > 59 {
        return None;
    }
    // Days from 0001-01-01 (day 1) to 1970-01-01.
    let days = i64::from(day.num_days_from_ce()) - 719_163;
    let local = days * 86_400 + i64::from(h * 3600 + m * 60 + sec);
    Some(At {
        secs: local - sign * i64::from(oh * 3600 + om * 60),
        nanos,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::read::parse;
    use proptest::prelude::*;

    /// Records what a sink is sent, in order, as plain values.
    #[derive(Default)]
    struct Record(Vec<(String, Order, EventKind, Option<NaiveDate>)>);

    impl Sink for Record {
        fn event(&mut self, step: &str, order: &Order, kind: &EventKind, on: Option<NaiveDate>) {
            self.0
                .push((step.to_owned(), order.clone(), kind.clone(), on));
        }
    }

    const LINE: &str = r#"{"v":1,"id":"0190f6b3c2d14e7a9f3b5c6d7e8f9012","at":"2014-06-16T09:30:00+08:00","event":"done","step":"1","on":"2014-06-16","by":"徐燕娟","note":"已报局活动办"}"#;

    #[test]
    fn the_design_example_takes_the_fast_path() {
        let f = fast_line(LINE.as_bytes()).expect("canonical");
        let e = from_line(LINE.as_bytes()).unwrap();
        assert_eq!(
            (f.at, f.step, f.on, f.kind),
            (At::of(&e.at), "1", e.on, e.event)
        );
    }

    #[test]
    fn lines_with_escapes_spaces_or_extra_fields_go_to_serde() {
        for line in [
            LINE.replace("已报", "\\u5df2报"),
            LINE.replace("\"1\"", "\"\\\"1\""),
            LINE.replace("\"v\":1,", "\"v\": 1,"),
            LINE.replace('}', ",\"x\":1}"),
            LINE.replace("done", "assign"),
            LINE.replace("+08:00", "Z"),
            LINE.replace(":00+", ":60+"),
        ] {
            assert!(fast_line(line.as_bytes()).is_none(), "{line}");
        }
    }

    #[test]
    fn one_character_escapes_in_by_and_note_take_the_fast_path() {
        let line = LINE.replace("已报", "\\\"已报\\\"\\\\\\n");
        let f = fast_line(line.as_bytes()).expect("canonical");
        let e = from_line(line.as_bytes()).unwrap();
        assert_eq!((f.at, f.step, f.on), (At::of(&e.at), "1", e.on));
        assert_eq!(e.note.as_deref(), Some("\"已报\"\\\n局活动办"));
    }

    #[test]
    fn exact_duplicates_are_counted_and_conflicts_need_the_full_reader() {
        let other = LINE.replace("9012", "9013").replace("\"1\"", "\"2\"");
        let text = format!("{LINE}\n{other}\n{LINE}\n");
        let mut sink = Record::default();
        let s = scan(text.as_bytes(), &mut sink).unwrap().unwrap();
        assert_eq!((s.events, s.duplicates), (2, 1));
        assert!(s.may_hold("0190f6b3c2d14e7a9f3b5c6d7e8f9012"));
        assert!(!s.may_hold("0190f6b3c2d14e7a9f3b5c6d7e8f9014"));
        let conflict = format!("{LINE}\n{}\n", LINE.replace("已报", "未报"));
        assert!(scan(conflict.as_bytes(), &mut sink).unwrap().is_none());
    }

    #[test]
    fn hex_ids_read_as_digit_by_digit() {
        fn reference(id: &[u8]) -> Option<u128> {
            id.iter().try_fold(0u128, |n, &b| {
                let d = HEX_DIGIT[usize::from(b)];
                (d & NOT_HEX == 0).then_some((n << 4) | u128::from(d))
            })
        }
        let base = *b"0190f6b3c2d14e7a9f3b5c6d7e8f9012";
        assert_eq!(canonical_hex(&base), reference(&base));
        for at in 0..32 {
            for b in 0..=255u8 {
                let mut id = base;
                id[at] = b;
                assert_eq!(canonical_hex(&id), reference(&id), "{at} {b}");
            }
        }
        assert_eq!(canonical_hex(&[b'f'; 32]), Some(u128::MAX));
        assert_eq!(canonical_hex(&base[..31]), None);
    }

    const NOT_HEX: u8 = 0x80;

    /// Each byte's value as a lowercase hex digit, or `NOT_HEX`.
    const HEX_DIGIT: [u8; 256] = {
        let mut t = [NOT_HEX; 256];
        let mut i = 0;
        while i < 10 {
            t[b'0' as usize + i] = i as u8;
            i += 1;
        }
        let mut i = 0;
        while i < 6 {
            t[b'a' as usize + i] = 10 + i as u8;
            i += 1;
        }
        t
    };

    #[test]
    fn id_order_is_text_order() {
        let hex = Id::new("0190f6b3c2d14e7a9f3b5c6d7e8f9012");
        assert!(matches!(hex, Id::Hex(_)));
        for other in ["0", "1", "0190F6", "0190f6b3c2d14e7a9f3b5c6d7e8f90123", "z"] {
            let want = "0190f6b3c2d14e7a9f3b5c6d7e8f9012".cmp(other);
            assert_eq!(hex.cmp(&Id::new(other)), want, "{other}");
        }
    }

    fn piece() -> impl Strategy<Value = String> {
        let ids = prop_oneof![
            prop::sample::select(vec![
                "0190f6b3c2d14e7a9f3b5c6d7e8f9012",
                "ffffffffffffffffffffffffffffffff",
                "a",
                "0190F6B3C2D14E7A9F3B5C6D7E8F9012",
            ])
            .prop_map(str::to_owned),
            "[0-9a-f]{32}",
        ];
        let ats = prop::sample::select(vec![
            "2014-06-16T09:30:00+08:00",
            "2014-06-16T01:30:00+00:00",
            "2014-06-16T01:30:00.5-00:00",
            "2014-06-16T09:30:00.123456789+08:00",
            "2014-06-16T09:30:00Z",
            "2014-02-30T09:30:00+08:00",
            "2014-06-16T24:00:00+08:00",
        ]);
        let kinds = prop::sample::select(vec!["done", "reopen", "note", "assign"]);
        let steps = prop::sample::select(vec!["1", "5.1", "", "\\u0035", "步"]);
        let ons = prop::sample::select(vec![
            "",
            r#","on":"2014-06-16""#,
            r#","on":"2014-6-16""#,
            r#","on":null"#,
        ]);
        let tails = prop::sample::select(vec![
            "",
            r#","by":"徐燕娟""#,
            r#","note":"“四风” \"纪要\" \u00e9""#,
            r#","by":"","note":"""#,
            r#","by":"徐\\燕","note":"a\"b\/c\n\t\b\f\r""#,
            r#","note":"bad \x""#,
            r#","x":[1,{"y":2}]"#,
            r#","by":5"#,
        ]);
        let good = (ids, ats, kinds, steps, ons, tails).prop_map(|(id, at, kind, step, on, tail)| {
            format!(r#"{{"v":1,"id":"{id}","at":"{at}","event":"{kind}","step":"{step}"{on}{tail}}}"#)
        });
        prop_oneof![
            8 => good,
            1 => good_spaced(),
            1 => prop::sample::select(vec![
                String::new(), "  ".to_owned(), "not json".to_owned(), "<<<<<<< HEAD".to_owned(),
                "=======".to_owned(), "{\"v\":1".to_owned(), "[1]".to_owned(), "\u{fffd}\u{1}".to_owned(),
            ]),
        ]
    }

    fn good_spaced() -> impl Strategy<Value = String> {
        Just(
            r#"{ "id":"0190f6b3c2d14e7a9f3b5c6d7e8f9012", "v":1, "at":"2014-06-16T09:30:00+08:00","event":"done","step":"1","on":"2014-06-16"}"#
                .to_owned(),
        )
    }

    /// Replays what a sink saw: per step, the latest done/reopen by replay order.
    fn latest(
        events: &[(String, Order, EventKind, Option<NaiveDate>)],
    ) -> Vec<(String, Order, EventKind, Option<NaiveDate>)> {
        let mut by_step: Vec<(String, Order, EventKind, Option<NaiveDate>)> = Vec::new();
        for e in events
            .iter()
            .filter(|e| matches!(e.2, EventKind::Done | EventKind::Reopen))
        {
            match by_step.iter_mut().find(|b| b.0 == e.0) {
                Some(b) if e.1 > b.1 => *b = e.clone(),
                Some(_) => {}
                None => by_step.push(e.clone()),
            }
        }
        by_step.sort_by(|a, b| a.0.cmp(&b.0));
        by_step
    }

    proptest! {
        #[test]
        fn scan_agrees_with_the_full_reader(
            lines in prop::collection::vec(piece(), 0..12),
            torn in any::<bool>(),
            chunk_bytes in prop::collection::vec(any::<u8>(), 0..3),
            chunk in 1usize..200,
        ) {
            let mut text = lines.join("\n");
            if !torn && !text.is_empty() {
                text.push('\n');
            }
            let mut bytes = text.into_bytes();
            if !chunk_bytes.is_empty() && torn {
                bytes.extend_from_slice(&chunk_bytes);
            }
            let full = parse(&bytes);
            let mut sink = Record::default();
            let Some(s) = scan_chunked(bytes.as_slice(), &mut sink, chunk, 0, 0).unwrap() else {
                // Only when an id repeats with other content.
                let conflict = full.problems.iter().any(|p| matches!(p.kind, ProblemKind::ConflictingId { .. }));
                prop_assert!(conflict);
                return Ok(());
            };
            let problems = |ps: &[Problem]| ps.iter().map(ToString::to_string).collect::<Vec<_>>();
            prop_assert_eq!(problems(&s.problems), problems(&full.problems));
            prop_assert_eq!(s.duplicates, full.duplicates);
            prop_assert_eq!(s.events, full.events.len());
            let want: Vec<_> = full
                .events
                .iter()
                .map(|e| (e.step.clone(), Order::new(&e.at, &e.id), e.event.clone(), e.on))
                .collect();
            prop_assert_eq!(s.last.as_ref(), want.iter().map(|w| &w.1).max());
            prop_assert_eq!(latest(&sink.0), latest(&want));
        }
    }
}
