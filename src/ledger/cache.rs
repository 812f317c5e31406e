//! A cache of what a read-only scan of the ledger found, so that a large ledger is not
//! parsed again while it has not changed. Never the source of truth, and provably never
//! stale: an entry is used only when the xxh3-128 hash of the ledger's first `len` bytes,
//! computed from the bytes on every use, equals the one it was built from (the same
//! length and mtime with a changed byte is therefore a miss), and only for the same
//! caller state (`context`: the plan's text, year and the days asked). Because the ledger
//! is append-only, an entry for a prefix is extended by scanning only what follows it.
//!
//! Owns the cache files: one per ledger (named by a hash of its canonical path) and mode,
//! written to a temporary name and renamed. Every failure to read, decode or write one is
//! ignored: the scan is then done in full, exactly as without a cache. Readers only; the
//! writers' checks need the whole id table, which an entry does not load.

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::os::unix::fs::FileExt as _;
use std::path::{Path, PathBuf};

use chrono::{Datelike as _, NaiveDate};
use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_128};

use super::read::{Problem, ProblemKind};
use super::scan::{At, Id, Order, Scanned, Sink, scan, scan_from};

/// Changes with the format, so an older binary's file is simply a miss.
const MAGIC: &[u8; 8] = b"CJCACHE1";
/// A longer new part is scanned with the rest: checking each of its ids against the
/// entry's on disk would cost more than the scan it saves.
const MAX_TAIL_EVENTS: usize = 100_000;
const CHUNK: usize = 1 << 20;

/// Where entries go, and what else the state they hold depends on.
pub struct Spec<'a> {
    /// The cache directory (`$XDG_CACHE_HOME/chunjiang`).
    pub dir: &'a Path,
    /// A short name for the kind of state (one entry per ledger and mode).
    pub mode: &'a str,
    /// A hash of everything besides the ledger that the sink's state depends on.
    pub context: u128,
    /// Smaller ledgers are scanned without the cache: their scan costs less than the
    /// cache's own file operations.
    pub min_len: u64,
}

/// A sink whose state can be saved and rebuilt: what it kept, as (item, order, done, on).
/// Restoring those changes must give the state that the events did (the sink keeps a
/// pruned set that does not depend on arrival order), so that new events can follow.
pub trait Replay: Sink {
    fn dump(&self, out: &mut dyn FnMut(u32, &Order, bool, NaiveDate));
    fn restore(&mut self, item: u32, order: Order, done: bool, on: NaiveDate);
}

/// [`scan`] of the locked `file` through the cache. `None` exactly when [`scan`] says so
/// (ids that only the full reader can judge). The `Scanned` has no id table (`may_hold`
/// is false): writers do not use this.
pub fn scan_cached<S: Replay>(
    path: &Path,
    file: &File,
    spec: &Spec<'_>,
    fresh: impl Fn() -> S,
) -> io::Result<Option<(Scanned, S)>> {
    let name = entry_path(path, spec);
    let len = file.metadata()?.len();
    if let Some(name) = &name
        && let Some(entry) = load(name, spec.context)
        && entry.len <= len
    {
        let mut hasher = Xxh3::new();
        hash_range(file, &mut hasher, 0, entry.len)?;
        if hasher.digest128() == entry.hash
            && let Some(found) = extend(file, name, &entry, hasher, spec, &fresh)?
        {
            return Ok(Some(found));
        }
    }
    let mut sink = fresh();
    let Some(mut scanned) = scan(file, &mut sink)? else {
        return Ok(None);
    };
    if let Some(name) = &name {
        let mut hasher = Xxh3::new();
        hash_range(file, &mut hasher, 0, scanned.complete)?;
        save(name, spec.context, &scanned, hasher.digest128(), &sink);
    }
    scanned.ids = Vec::new();
    Ok(Some((scanned, sink)))
}

/// The entry's state, and a scan of what follows it; `None` when the new part repeats an
/// id of the old one (only a full scan judges that) or is too long.
fn extend<S: Replay>(
    file: &File,
    name: &Path,
    entry: &Entry,
    mut hasher: Xxh3,
    spec: &Spec<'_>,
    fresh: &impl Fn() -> S,
) -> io::Result<Option<(Scanned, S)>> {
    let mut sink = fresh();
    restore(&entry.state, &mut sink);
    let Some(tail) = scan_from(file, &mut sink, entry.len, entry.lines)? else {
        return Ok(None);
    };
    if tail.events > MAX_TAIL_EVENTS {
        return Ok(None);
    }
    let old_ids = IdsOnDisk::open(name, entry);
    let mut seen_before = false;
    for &id in &tail.ids {
        match old_ids.as_ref().map(|ids| ids.contains(id)) {
            Some(Ok(false)) => {}
            _ => seen_before = true,
        }
    }
    if seen_before {
        return Ok(None);
    }
    let mut scanned = Scanned {
        problems: entry.problems.clone(),
        duplicates: entry.duplicates + tail.duplicates,
        events: entry.events + tail.events,
        last: entry.last.clone().max(tail.last),
        len: tail.len,
        lines: tail.lines,
        complete: tail.complete,
        ids: Vec::new(),
    };
    scanned.problems.extend(tail.problems);
    if tail.complete > entry.len {
        hash_range(file, &mut hasher, entry.len, tail.complete)?;
        let old = old_ids.and_then(|ids| ids.all().ok());
        if let Some(old) = old {
            let mut ids = merge(&old, &tail.ids);
            std::mem::swap(&mut scanned.ids, &mut ids);
            save(name, spec.context, &scanned, hasher.digest128(), &sink);
            scanned.ids = Vec::new();
        }
    }
    Ok(Some((scanned, sink)))
}

fn merge(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    out.extend_from_slice(a);
    out.extend_from_slice(b);
    out.sort_unstable();
    out.dedup();
    out
}

/// `<dir>/<hash of the ledger's canonical path>-<mode>.bin`.
fn entry_path(ledger: &Path, spec: &Spec<'_>) -> Option<PathBuf> {
    let canonical = fs::canonicalize(ledger).ok()?;
    let key = xxh3_64(canonical.as_os_str().as_encoded_bytes());
    Some(spec.dir.join(format!("{key:016x}-{}.bin", spec.mode)))
}

fn hash_range(file: &File, hasher: &mut Xxh3, from: u64, to: u64) -> io::Result<()> {
    let mut buf = vec![0u8; CHUNK];
    let mut at = from;
    while at < to {
        let want = usize::try_from(to - at).unwrap_or(CHUNK).min(CHUNK);
        let n = file.read_at(&mut buf[..want], at)?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the ledger got shorter while it was read",
            ));
        }
        hasher.update(&buf[..n]);
        at += n as u64;
    }
    Ok(())
}

/// A decoded entry, without its id table (left on disk).
struct Entry {
    len: u64,
    hash: u128,
    lines: usize,
    duplicates: usize,
    events: usize,
    last: Option<Order>,
    problems: Vec<Problem>,
    /// The sink's state, still encoded: decoded straight into the sink by [`restore`].
    state: Vec<u8>,
    /// Where the sorted id hashes start in the file, how many, and their checksum.
    ids_at: u64,
    ids_count: u64,
    ids_sum: u64,
}

/// File layout: MAGIC, body length (u64), body checksum (u128), id count (u64), id
/// checksum (u64), the body, then the ids (u64 each, sorted). All little-endian.
const HEAD: usize = 8 + 8 + 16 + 8 + 8;

fn load(name: &Path, context: u128) -> Option<Entry> {
    let file = File::open(name).ok()?;
    let mut head = [0u8; HEAD];
    file.read_exact_at(&mut head, 0).ok()?;
    let mut r = Reader(&head);
    if r.take(8)? != MAGIC {
        return None;
    }
    let body_len = usize::try_from(r.u64()?).ok()?;
    let body_sum = r.u128()?;
    let ids_count = r.u64()?;
    let ids_sum = r.u64()?;
    // A damaged length must not make us allocate wildly: the file says how long it is.
    if body_len as u64 > file.metadata().ok()?.len() {
        return None;
    }
    let mut body = vec![0u8; body_len];
    file.read_exact_at(&mut body, HEAD as u64).ok()?;
    if xxh3_128(&body) != body_sum {
        return None;
    }
    let mut r = Reader(&body);
    if r.u128()? != context {
        return None;
    }
    let mut entry = Entry {
        len: r.u64()?,
        hash: r.u128()?,
        lines: usize::try_from(r.u64()?).ok()?,
        duplicates: usize::try_from(r.u64()?).ok()?,
        events: usize::try_from(r.u64()?).ok()?,
        last: match r.u8()? {
            0 => None,
            _ => Some(r.order()?),
        },
        problems: Vec::new(),
        state: Vec::new(),
        ids_at: (HEAD + body_len) as u64,
        ids_count,
        ids_sum,
    };
    for _ in 0..r.u64()? {
        let line = usize::try_from(r.u64()?).ok()?;
        let kind = match r.u8()? {
            0 => ProblemKind::Malformed(r.text()?.to_owned()),
            1 => ProblemKind::ConflictMarker,
            _ => return None,
        };
        entry.problems.push(Problem { line, kind });
    }
    let count = r.u64()?;
    entry.state = r.0.to_vec();
    // Check the whole state decodes before anything is restored from it.
    let mut check = Reader(&entry.state);
    for _ in 0..count {
        check.change()?;
    }
    check.0.is_empty().then_some(entry)
}

/// Feeds an entry's state to a fresh sink (already checked by [`load`]).
fn restore<S: Replay>(state: &[u8], sink: &mut S) {
    let mut r = Reader(state);
    while let Some((item, order, done, on)) = r.change() {
        sink.restore(item, order, done, on);
    }
}

/// Writes an entry for `scanned` (its problems, counts, ids) and the sink's state; any
/// failure leaves no entry (or the previous one) behind and is otherwise ignored.
fn save<S: Replay>(name: &Path, context: u128, scanned: &Scanned, hash: u128, sink: &S) {
    let mut body = Writer(Vec::new());
    body.u128(context);
    body.u64(scanned.complete);
    body.u128(hash);
    body.u64(scanned.lines as u64);
    body.u64(scanned.duplicates as u64);
    body.u64(scanned.events as u64);
    match &scanned.last {
        None => body.u8(0),
        Some(o) => {
            body.u8(1);
            body.order(o);
        }
    }
    // A torn tail lies past `complete`: the next use scans it again.
    let problems: Vec<&Problem> = scanned
        .problems
        .iter()
        .filter(|p| !matches!(p.kind, ProblemKind::TornTail { .. }))
        .collect();
    body.u64(problems.len() as u64);
    for p in problems {
        body.u64(p.line as u64);
        match &p.kind {
            ProblemKind::Malformed(reason) => {
                body.u8(0);
                body.text(reason);
            }
            ProblemKind::ConflictMarker => body.u8(1),
            // Never in a scan's answer (see `scan`); refuse to write rather than guess.
            ProblemKind::TornTail { .. } | ProblemKind::ConflictingId { .. } => return,
        }
    }
    let mut state = Writer(Vec::new());
    let mut count = 0u64;
    sink.dump(&mut |item, order, done, on| {
        count += 1;
        state.u32(item);
        state.order(order);
        state.u8(u8::from(done));
        state.i32(on.num_days_from_ce());
    });
    body.u64(count);
    body.0.extend_from_slice(&state.0);
    // The ids go out in pieces, never as one more copy of the table.
    let id_bytes = || {
        scanned.ids.chunks(8192).map(|c| {
            c.iter()
                .flat_map(|id| id.to_le_bytes())
                .collect::<Vec<u8>>()
        })
    };
    let mut ids_sum = Xxh3::new();
    id_bytes().for_each(|b| ids_sum.update(&b));
    let mut head = Writer(Vec::with_capacity(HEAD));
    head.0.extend_from_slice(MAGIC);
    head.u64(body.0.len() as u64);
    head.u128(xxh3_128(&body.0));
    head.u64(scanned.ids.len() as u64);
    head.u64(ids_sum.digest());
    let _ = write_atomically(name, |f| {
        f.write_all(&head.0)?;
        f.write_all(&body.0)?;
        id_bytes().try_for_each(|b| f.write_all(&b))
    });
}

fn write_atomically(
    name: &Path,
    write: impl FnOnce(&mut io::BufWriter<File>) -> io::Result<()>,
) -> io::Result<()> {
    if let Some(dir) = name.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut temp = name.as_os_str().to_owned();
    temp.push(format!(".tmp-{}", std::process::id()));
    let temp = PathBuf::from(temp);
    let written = File::create(&temp).and_then(|f| {
        let mut f = io::BufWriter::new(f);
        write(&mut f)?;
        f.flush()
    });
    match written.and_then(|()| fs::rename(&temp, name)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// An entry's sorted id hashes, searched where they lie.
struct IdsOnDisk {
    file: File,
    at: u64,
    count: u64,
}

impl IdsOnDisk {
    /// The table, once its checksum is verified (read in chunks, not held).
    fn open(name: &Path, entry: &Entry) -> Option<IdsOnDisk> {
        let file = File::open(name).ok()?;
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut buf = vec![0u8; CHUNK];
        let end = entry.ids_at.checked_add(entry.ids_count.checked_mul(8)?)?;
        let mut at = entry.ids_at;
        while at < end {
            let want = usize::try_from(end - at).unwrap_or(CHUNK).min(CHUNK);
            file.read_exact_at(&mut buf[..want], at).ok()?;
            hasher.update(&buf[..want]);
            at += want as u64;
        }
        (hasher.digest() == entry.ids_sum).then_some(IdsOnDisk {
            file,
            at: entry.ids_at,
            count: entry.ids_count,
        })
    }

    fn get(&self, i: u64) -> io::Result<u64> {
        let mut b = [0u8; 8];
        self.file.read_exact_at(&mut b, self.at + i * 8)?;
        Ok(u64::from_le_bytes(b))
    }

    fn contains(&self, id: u64) -> io::Result<bool> {
        let (mut lo, mut hi) = (0, self.count);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.get(mid)?.cmp(&id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(true),
            }
        }
        Ok(false)
    }

    fn all(&self) -> io::Result<Vec<u64>> {
        let mut bytes = vec![0u8; usize::try_from(self.count * 8).unwrap_or(0)];
        self.file.read_exact_at(&mut bytes, self.at)?;
        Ok(bytes
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()))
            .collect())
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn i32(&mut self, v: i32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u128(&mut self, v: u128) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn text(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn order(&mut self, o: &Order) {
        self.0.extend_from_slice(&o.at.secs.to_le_bytes());
        self.u32(o.at.nanos);
        match &o.id {
            Id::Hex(n) => {
                self.u8(0);
                self.u128(*n);
            }
            Id::Text(t) => {
                self.u8(1);
                self.text(t);
            }
        }
    }
}

/// Reads what `Writer` wrote; `None` at the first thing that does not fit.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }
    fn i32(&mut self) -> Option<i32> {
        self.array().map(i32::from_le_bytes)
    }
    fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }
    fn u128(&mut self) -> Option<u128> {
        self.array().map(u128::from_le_bytes)
    }
    fn text(&mut self) -> Option<&'a str> {
        let n = usize::try_from(self.u64()?).ok()?;
        std::str::from_utf8(self.take(n)?).ok()
    }
    fn change(&mut self) -> Option<(u32, Order, bool, NaiveDate)> {
        let item = self.u32()?;
        let order = self.order()?;
        let done = self.u8()? != 0;
        let on = NaiveDate::from_num_days_from_ce_opt(self.i32()?)?;
        Some((item, order, done, on))
    }

    fn order(&mut self) -> Option<Order> {
        let secs = self.array().map(i64::from_le_bytes)?;
        let nanos = self.u32()?;
        let id = match self.u8()? {
            0 => Id::Hex(self.u128()?),
            1 => Id::Text(self.text()?.into()),
            _ => return None,
        };
        Some(Order {
            at: At { secs, nanos },
            id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::EventKind;

    /// Keeps the latest change per step index 0..9 and counts what it was sent.
    #[derive(Default)]
    struct Count {
        events: usize,
        kept: Vec<(u32, Order, bool, NaiveDate)>,
    }

    impl Sink for Count {
        fn event(&mut self, step: &str, order: &Order, kind: &EventKind, on: Option<NaiveDate>) {
            self.events += 1;
            if let (Ok(item), Some(on)) = (step.parse(), on) {
                self.restore(item, order.clone(), *kind == EventKind::Done, on);
            }
        }
    }

    impl Replay for Count {
        fn dump(&self, out: &mut dyn FnMut(u32, &Order, bool, NaiveDate)) {
            for (i, o, d, on) in &self.kept {
                out(*i, o, *d, *on);
            }
        }

        fn restore(&mut self, item: u32, order: Order, done: bool, on: NaiveDate) {
            match self.kept.iter_mut().find(|k| k.0 == item) {
                Some(k) if k.1 < order => *k = (item, order, done, on),
                Some(_) => {}
                None => self.kept.push((item, order, done, on)),
            }
        }
    }

    fn line(n: u32) -> String {
        format!(
            "{{\"v\":1,\"id\":\"{n:032x}\",\"at\":\"2014-06-16T09:30:{:02}+08:00\",\"event\":\"done\",\"step\":\"{}\",\"on\":\"2014-06-16\"}}\n",
            n % 60,
            n % 3
        )
    }

    #[test]
    fn a_hit_reads_no_event_and_an_append_only_the_new_ones() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("l.jsonl");
        let text: String = (1..=5).map(line).collect();
        fs::write(&ledger, &text).unwrap();
        let spec = Spec {
            dir: &dir.path().join("cache"),
            mode: "t",
            context: 7,
            min_len: 0,
        };
        let run = || {
            let file = File::open(&ledger).unwrap();
            scan_cached(&ledger, &file, &spec, Count::default)
                .unwrap()
                .unwrap()
        };
        let (first, sink) = run();
        assert_eq!((first.events, sink.events), (5, 5));
        let (again, sink) = run();
        assert_eq!((again.events, sink.events, sink.kept.len()), (5, 0, 3));
        fs::write(&ledger, text + &line(6) + &line(7)).unwrap();
        let (more, sink) = run();
        assert_eq!((more.events, more.lines, sink.events), (7, 7, 2));
        let (_, sink) = run();
        assert_eq!(sink.events, 0);
        // Another context (another plan, other days) is a miss.
        let other = Spec { context: 8, ..spec };
        let file = File::open(&ledger).unwrap();
        let (_, sink) = scan_cached(&ledger, &file, &other, Count::default)
            .unwrap()
            .unwrap();
        assert_eq!(sink.events, 7);
    }
}
