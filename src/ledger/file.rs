//! The ledger on disk: reading it, and the one write path (DESIGN.md §2).
//!
//! Owns locking, the check that the locked file is still the one the path names, torn-tail
//! repair and the all-or-nothing append. It must never rewrite or drop an existing line: the
//! only change to existing bytes is cutting off a torn last line after saving it aside, and a
//! failed append is cut back to the length it had. It must not decide what to record — the
//! caller's `decide` does that, under the lock — and must not print.

use std::ffi::OsString;
use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, ErrorKind, Write};
use std::os::unix::fs::{FileExt as _, MetadataExt};
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use chrono::{DateTime, FixedOffset};

use super::event::Event;
use super::read::{Ledger, ProblemKind, Scanned, Sink, parse, read, read_ledger};
use crate::message::{Kind, LedgerOp, SelfCheck};

/// The largest ledger read or written: about 1.5 million events. Larger is not a ledger
/// this tool wrote, and reading it would take memory without bound.
pub const LEDGER_MAX: u64 = 256 << 20;

/// How often to reopen when the path keeps naming a different file than the one locked
/// (an editor saving by rename, or another writer discarding a file it had just created).
const OPEN_ATTEMPTS: usize = 8;

/// What `append` did.
#[derive(Debug)]
pub struct Appended {
    /// The events now on disk, in the order written; empty when `decide` wanted nothing.
    pub written: Vec<Event>,
    /// Where an incomplete last line was saved before it was cut off, if there was one.
    pub torn_saved: Option<PathBuf>,
}

/// Opens the ledger at `path` for reading under a shared lock, or `None` when there is no
/// file (an empty ledger). Refuses non-regular files — checked before opening too, since
/// opening a FIFO for reading would block until someone writes. The shared lock waits out
/// a writer in the middle of its append, so a reader never mistakes a line being written
/// for a torn one.
fn open_for_reading(path: &Path) -> Result<Option<(File, fs::Metadata)>> {
    match fs::metadata(path) {
        Ok(meta) => check_regular(path, &meta)?,
        // A link to nothing is not "nothing done yet": the ledger is elsewhere or lost.
        Err(e) if e.kind() == ErrorKind::NotFound && path.is_symlink() => {
            return Err(fail(Kind::LedgerDanglingLink { path: shown(path) }));
        }
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error(path, LedgerOp::Read, &e)),
    }
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error(path, LedgerOp::Read, &e)),
    };
    let held = held_metadata(path, &file)?;
    check_regular(path, &held)?;
    file.lock_shared()
        .map_err(|e| io_error(path, LedgerOp::Lock, &e))?;
    Ok(Some((file, held)))
}

/// Reads the ledger at `path` whole; a missing file is an empty Ledger. Refuses
/// non-regular files.
pub fn read_file(path: &Path) -> Result<Ledger> {
    let Some((file, _)) = open_for_reading(path)? else {
        return Ok(Ledger::default());
    };
    read_ledger(&file).map_err(|e| io_error(path, LedgerOp::Read, &e))
}

/// Streams the ledger at `path` into a sink from `fresh` without holding its events (see
/// `read`). A missing file is an empty ledger.
pub fn scan_file<S: Sink>(path: &Path, fresh: impl Fn() -> S) -> Result<(Scanned, S)> {
    let Some((file, _)) = open_for_reading(path)? else {
        return Ok((Scanned::default(), fresh()));
    };
    scan_locked(path, &file, fresh)
}

fn scan_locked<S: Sink>(path: &Path, file: &File, fresh: impl Fn() -> S) -> Result<(Scanned, S)> {
    read(file, fresh).map_err(|e| io_error(path, LedgerOp::Read, &e))
}

/// The write protocol of DESIGN.md §2. `decide` runs under the lock with the ledger as read
/// through the locked handle, and returns the events to append; empty → nothing is written
/// and no file is left behind. Returns an error, and writes nothing, if the ledger has
/// blocking problems, if `decide` fails, or if an event would not read back as itself.
pub fn append<S, F>(
    path: &Path,
    now: DateTime<FixedOffset>,
    fresh: impl Fn() -> S,
    decide: F,
) -> Result<Appended>
where
    S: Sink,
    F: FnOnce(&Scanned, S) -> Result<Vec<Event>>,
{
    append_with_hook(path, now, fresh, decide, || {})
}

/// `append`, with `between_open_and_lock` run in the window where another program could
/// replace the file, so tests can do exactly that.
fn append_with_hook<S, F, H>(
    path: &Path,
    now: DateTime<FixedOffset>,
    fresh: impl Fn() -> S,
    decide: F,
    between_open_and_lock: H,
) -> Result<Appended>
where
    S: Sink,
    F: FnOnce(&Scanned, S) -> Result<Vec<Event>>,
    H: FnMut(),
{
    let (file, created) = open_locked(path, between_open_and_lock)?;
    let result = append_locked(path, &file, now, fresh, decide);
    let wrote = matches!(&result, Ok(appended) if !appended.written.is_empty());
    if created {
        if wrote {
            // The new directory entry must be durable too, or a crash could lose the file.
            sync_dir(path);
        } else {
            discard_created(path, &file);
        }
    }
    result
    // `file` drops here, releasing the lock only after the discard above.
}

/// Open the ledger read+append and lock it exclusively, retrying while the path names a
/// different file than the one locked. Returns whether this call created the file.
fn open_locked<H: FnMut()>(path: &Path, mut between_open_and_lock: H) -> Result<(File, bool)> {
    for _ in 0..OPEN_ATTEMPTS {
        let (file, created) = match fs::metadata(path) {
            Ok(meta) => {
                // Before opening: a directory fails confusingly, a FIFO could block.
                check_regular(path, &meta)?;
                match OpenOptions::new().read(true).append(true).open(path) {
                    Ok(file) => (file, false),
                    Err(e) if e.kind() == ErrorKind::NotFound => continue,
                    Err(e) => return Err(io_error(path, LedgerOp::Open, &e)),
                }
            }
            Err(e) if e.kind() == ErrorKind::NotFound => {
                // Only a link that is still there and still dangling: the plain file may
                // have been created by another writer since `metadata` looked.
                if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
                    && fs::metadata(path).is_err()
                {
                    return Err(fail(Kind::LedgerDanglingLink { path: shown(path) }));
                }
                // `create_new` tells us whether we made it, so we can remove it again if
                // nothing is written. Default mode: 0o666 minus the umask.
                match OpenOptions::new()
                    .read(true)
                    .append(true)
                    .create_new(true)
                    .open(path)
                {
                    Ok(file) => (file, true),
                    Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                    Err(e) => return Err(io_error(path, LedgerOp::Create, &e)),
                }
            }
            Err(e) => return Err(io_error(path, LedgerOp::Open, &e)),
        };
        between_open_and_lock();
        file.lock()
            .map_err(|e| io_error(path, LedgerOp::Lock, &e))?;
        let held = held_metadata(path, &file)?;
        check_regular(path, &held)?;
        match fs::metadata(path) {
            Ok(named) if same_file(&held, &named) => return Ok((file, created)),
            // Replaced or removed while we waited: what we hold is an orphan nobody reads.
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(io_error(path, LedgerOp::Open, &e)),
        }
    }
    Err(fail(Kind::LedgerReplaced {
        path: shown(path),
        tries: OPEN_ATTEMPTS,
    }))
}

/// Everything after the lock: read, validate, decide, repair, append, sync. The ledger is
/// streamed through the locked handle, so a writer holds the caller's sink and the
/// reader's id table, never the events.
fn append_locked<S, F>(
    path: &Path,
    file: &File,
    now: DateTime<FixedOffset>,
    fresh: impl Fn() -> S,
    decide: F,
) -> Result<Appended>
where
    S: Sink,
    F: FnOnce(&Scanned, S) -> Result<Vec<Event>>,
{
    let (scanned, sink) = scan_locked(path, file, fresh)?;
    let mut blocking = scanned.problems.iter().filter(|p| p.blocks_writes());
    if let Some(first) = blocking.next() {
        return Err(fail(Kind::LedgerRefused {
            path: shown(path),
            problem: first.clone(),
            more: blocking.count(),
        }));
    }
    let events = decide(&scanned, sink)?;
    if events.is_empty() {
        return Ok(Appended {
            written: events,
            torn_saved: None,
        });
    }
    let mut buffer = encode(path, &events, &scanned)?;
    if scanned.unterminated {
        // The last event lost its newline (an editor): it is whole, so it stays, ended.
        buffer.insert(0, b'\n');
    }

    let mut keep = scanned.len;
    let mut torn_saved = None;
    if let Some(len) = scanned.problems.iter().find_map(|p| match p.kind {
        ProblemKind::TornTail { len } => Some(len as u64),
        _ => None,
    }) {
        let cut = scanned.len.saturating_sub(len);
        let mut torn = vec![0u8; (scanned.len - cut) as usize];
        file.read_exact_at(&mut torn, cut)
            .map_err(|e| io_error(path, LedgerOp::Read, &e))?;
        torn_saved = Some(save_torn(path, now, &torn)?);
        keep = cut;
        file.set_len(keep)
            .and_then(|()| file.sync_data())
            .map_err(|e| {
                fail(Kind::LedgerTorn {
                    path: shown(path),
                    aside: shown(torn_saved.as_deref().unwrap_or(path)),
                    io: (&e).into(),
                })
            })?;
    }

    // Our lock excludes other writers of this tool; a different length means a program that
    // ignores the lock is writing, and appending now could interleave with it.
    let len = held_metadata(path, file)?.len();
    if len != keep {
        return Err(fail(Kind::LedgerChanged {
            path: shown(path),
            expected: keep,
            found: len,
        }));
    }

    // One buffer, one write_all: with O_APPEND and the lock, the lines land together or are
    // cut back below.
    let mut writer = file;
    if let Err(e) = writer.write_all(&buffer) {
        return Err(cut_back(path, file, len, &e, torn_saved.as_deref()));
    }
    if let Err(e) = file.sync_data() {
        // The bytes may or may not reach the disk; cutting back makes "not recorded" true.
        return Err(cut_back(path, file, len, &e, torn_saved.as_deref()));
    }
    Ok(Appended {
        written: events,
        torn_saved,
    })
}

/// Undo a failed append and build the error that says what happened. The torn tail, if one
/// was cut off first, stays cut off: its bytes are safe in `torn_saved`, which the error
/// names because the caller gets no `Appended` to learn it from.
fn cut_back(
    path: &Path,
    file: &File,
    len: u64,
    e: &io::Error,
    torn_saved: Option<&Path>,
) -> anyhow::Error {
    let undo = file
        .set_len(len)
        .and_then(|()| file.sync_data())
        .err()
        .map(|undo| (len, (&undo).into()));
    fail(Kind::LedgerWrite {
        path: shown(path),
        io: e.into(),
        undo,
        torn: torn_saved.map(shown),
    })
}

/// The lines to append as one buffer, after checking that a reader would accept each event
/// exactly as given and that no id is already in the ledger: a line readers reject would
/// block every later write, and a reused id would be a conflict.
fn encode(path: &Path, events: &[Event], scanned: &Scanned) -> Result<Vec<u8>> {
    let mut buffer = String::new();
    for event in events {
        buffer.push_str(&event.to_line());
        buffer.push('\n');
    }
    let check = parse(buffer.as_bytes());
    let refuse = |why| {
        fail(Kind::LedgerSelfCheck {
            path: shown(path),
            why,
        })
    };
    if let Some(problem) = check.problems.first() {
        return Err(refuse(SelfCheck::Unreadable(problem.clone())));
    }
    if check.duplicates > 0 || check.events.len() != events.len() {
        return Err(refuse(SelfCheck::SharedId));
    }
    if let Some(event) = events.iter().find(|e| !check.events.contains(e)) {
        let id = event.id.clone();
        return Err(refuse(SelfCheck::NotAsWritten { id }));
    }
    // `may_hold` compares 64-bit hashes: a false match (about one in 2^64 per event) only
    // refuses a write, never lets a reused id through.
    if let Some(old) = events.iter().find(|new| scanned.may_hold(&new.id)) {
        let id = old.id.clone();
        return Err(refuse(SelfCheck::IdInLedger { id }));
    }
    Ok(buffer.into_bytes())
}

/// Copy a torn last line to `<ledger>.torn-<timestamp>[-N]`, never overwriting, durably.
/// The bytes go to a hidden temporary name first, are synced, and only then get the
/// `.torn-` name (a hard link, which refuses to replace a file): a kill at any moment never
/// leaves an empty or partial `.torn-` file.
fn save_torn(path: &Path, now: DateTime<FixedOffset>, torn: &[u8]) -> Result<PathBuf> {
    save_torn_with_hook(path, now, torn, |_| {})
}

fn save_torn_with_hook(
    path: &Path,
    now: DateTime<FixedOffset>,
    torn: &[u8],
    mut before_write: impl FnMut(&Path),
) -> Result<PathBuf> {
    let Some(name) = path.file_name() else {
        bail!("ledger `{}` has no file name", path.display());
    };
    let failed = |aside: &Path, e: &io::Error| {
        fail(Kind::LedgerTorn {
            path: shown(path),
            aside: shown(aside),
            io: e.into(),
        })
    };
    let stamp = now.format("%Y%m%dT%H%M%S").to_string();
    let mut temp_name: OsString = ".".into();
    temp_name.push(name);
    temp_name.push(format!(".torn-{stamp}-{}.tmp", std::process::id()));
    let temp = path.with_file_name(temp_name);
    let mut out = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .map_err(|e| failed(&temp, &e))?;
    before_write(&temp);
    if let Err(e) = out.write_all(torn).and_then(|()| out.sync_all()) {
        let _ = fs::remove_file(&temp);
        return Err(failed(&temp, &e));
    }
    let result = (|| {
        for n in 0..1000 {
            let mut aside: OsString = name.to_owned();
            aside.push(".torn-");
            aside.push(&stamp);
            if n > 0 {
                aside.push(format!("-{n}"));
            }
            let aside = path.with_file_name(aside);
            match fs::hard_link(&temp, &aside) {
                Ok(()) => {
                    sync_dir(&aside);
                    return Ok(aside);
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
                Err(e) => return Err(failed(&aside, &e)),
            }
        }
        Err(failed(
            &path.with_file_name(format!(".torn-{stamp}")),
            &io::Error::from(ErrorKind::AlreadyExists),
        ))
    })();
    let _ = fs::remove_file(&temp);
    result
}

/// Remove a ledger this call created but did not write to, so that asking for nothing leaves
/// no file. Runs under the lock; others who opened the same file will see it gone and retry.
fn discard_created(path: &Path, file: &File) {
    let Ok(held) = file.metadata() else { return };
    let still_ours = fs::metadata(path).is_ok_and(|named| same_file(&held, &named));
    if held.len() == 0 && still_ours {
        // Best effort: an empty ledger left behind means the same as no ledger.
        let _ = fs::remove_file(path);
    }
}

/// Whether two metadata describe the same file (device and inode).
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    a.dev() == b.dev() && a.ino() == b.ino()
}

fn held_metadata(path: &Path, file: &File) -> Result<Metadata> {
    file.metadata()
        .map_err(|e| io_error(path, LedgerOp::Read, &e))
}

fn check_regular(path: &Path, meta: &Metadata) -> Result<()> {
    let kind = meta.file_type();
    if kind.is_file() {
        if meta.len() > LEDGER_MAX {
            return Err(fail(Kind::LedgerTooLarge {
                path: shown(path),
                limit_mib: LEDGER_MAX >> 20,
            }));
        }
        return Ok(());
    }
    let what = crate::plan::file_kind(meta).unwrap_or(("特殊文件", "something else"));
    Err(fail(Kind::LedgerNotAFile {
        path: shown(path),
        what,
    }))
}

/// A ledger error from the catalogue.
fn fail(kind: Kind) -> anyhow::Error {
    crate::error::Error::new(kind).into()
}

/// The ledger's path as messages name it.
fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// An I/O failure on the ledger, worded by the catalogue.
fn io_error(path: &Path, op: LedgerOp, e: &io::Error) -> anyhow::Error {
    fail(Kind::LedgerIo {
        path: shown(path),
        op,
        io: e.into(),
    })
}

/// Make a new directory entry durable. Best effort: some filesystems refuse to fsync a
/// directory, and the data itself is already synced.
fn sync_dir(path: &Path) {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::event::EventKind;
    use crate::ledger::order::Order;
    use chrono::NaiveDate;
    use std::os::unix::fs::PermissionsExt;
    use std::process::Command;
    use std::sync::Arc;

    /// What `decide` was shown, event by event.
    #[derive(Default)]
    struct Seen(Vec<(String, Order, EventKind)>);

    impl Sink for Seen {
        fn event(
            &mut self,
            step: &str,
            order: &Order,
            kind: &EventKind,
            _: Option<chrono::NaiveDate>,
        ) {
            self.0.push((step.to_owned(), order.clone(), kind.clone()));
        }
    }

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2014-06-16T09:30:00+08:00").unwrap()
    }

    fn done(step: &str) -> Event {
        Event::new(
            EventKind::Done,
            step,
            now(),
            NaiveDate::from_ymd_opt(2014, 6, 16),
            Some("徐燕娟".to_owned()),
            None,
        )
    }

    fn record(path: &Path, event: Event) -> Appended {
        append(path, now(), || (), |_, ()| Ok(vec![event])).unwrap()
    }

    fn lines(path: &Path) -> Vec<String> {
        fs::read_to_string(path)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    fn ledger_path(dir: &tempfile::TempDir) -> PathBuf {
        dir.path().join("plan.ledger.jsonl")
    }

    #[test]
    fn missing_file_reads_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let l = read_file(&ledger_path(&dir)).unwrap();
        assert!(l.events.is_empty() && l.problems.is_empty());
    }

    #[test]
    fn creates_with_normal_permissions_and_appends() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_path(&dir);
        let first = done("1");
        let appended = record(&path, first.clone());
        assert_eq!(appended.written, std::slice::from_ref(&first));
        assert!(appended.torn_saved.is_none());
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        // 0o666 minus the umask, not 0o600: group and others can read under umask 022.
        assert_ne!(mode & 0o044, 0, "mode {mode:o}");

        let second = done("2");
        let seen = std::cell::Cell::new(0);
        append(
            &path,
            now(),
            || (),
            |l, ()| {
                seen.set(l.events);
                Ok(vec![second.clone()])
            },
        )
        .unwrap();
        assert_eq!(seen.get(), 1);
        assert_eq!(lines(&path), [first.to_line(), second.to_line()]);
        assert!(fs::read(&path).unwrap().ends_with(b"\n"));
        let l = read_file(&path).unwrap();
        assert_eq!(l.events.len(), 2);
        assert!(l.events.contains(&first) && l.events.contains(&second));
    }

    #[test]
    fn several_events_go_in_one_append() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_path(&dir);
        let events = vec![done("1"), done("2"), done("5.1")];
        append(&path, now(), || (), |_, ()| Ok(events.clone())).unwrap();
        let want: Vec<String> = events.iter().map(Event::to_line).collect();
        assert_eq!(lines(&path), want);
    }

    #[test]
    fn refuses_paths_that_are_not_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(dir.path(), &link).unwrap();
        let mut paths = vec![dir.path().to_path_buf(), link, PathBuf::from("/dev/full")];
        if Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success())
        {
            paths.push(fifo);
        }
        for path in paths {
            let shown = format!("`{}`", path.display());
            let err = read_file(&path).unwrap_err().to_string();
            assert!(
                err.contains(&shown) && err.contains("not a regular file"),
                "{err}"
            );
            let err = append(&path, now(), || (), |_, ()| Ok(vec![done("1")]))
                .unwrap_err()
                .to_string();
            assert!(
                err.contains(&shown) && err.contains("not a regular file"),
                "{err}"
            );
        }
    }

    #[test]
    fn refuses_a_dangling_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_path(&dir);
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &path).unwrap();
        let err = append(&path, now(), || (), |_, ()| Ok(vec![done("1")])).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert!(!dir.path().join("nowhere").exists());
    }

    #[test]
    fn refuses_to_write_past_a_malformed_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_path(&dir);
        record(&path, done("1"));
        let mut bytes = fs::read(&path).unwrap();
        bytes.extend_from_slice(b"{\"v\":1,oops\n");
        bytes.extend_from_slice(format!("{}\n", done("2").to_line()).as_bytes());
        fs::write(&path, &bytes).unwrap();

        let called = std::cell::Cell::new(false);
        let err = append(
            &path,
            now(),
            || (),
            |_, ()| {
                called.set(true);
                Ok(vec![done("3")])
            },
        )
        .unwrap_err()
        .to_string();
        assert!(!called.get(), "decide must not run on a broken ledger");
        assert!(
            err.contains(&format!("`{}`", path.display()))
                && err.contains("line 2: not valid JSON"),
            "{err}"
        );
        assert!(err.contains("chunjiang check"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), bytes);
        // Readers still see both good events.
        assert_eq!(read_file(&path).unwrap().events.len(), 2);
    }

    #[test]
    fn refuses_a_conflicting_id() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_path(&dir);
        let first = done("1");
        record(&path, first.clone());
        let mut other = done("2");
        other.id.clone_from(&first.id);
        let before = fs::read(&path).unwrap();
        let err = append(&path, now(), || (), |_, ()| Ok(vec![other])).unwrap_err();
        assert!(err.to_string().contains("already in the ledger"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), before);
    }

    #[test]
    fn refuses_an_event_readers_would_reject() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_path(&dir);
        let mut no_date = done("1");
        no_date.on = None;
        let err = append(&path, now(), || (), |_, ()| Ok(vec![no_date])).unwrap_err();
        assert!(err.to_string().contains("needs `on`"), "{err}");
        let mut shadowed = done("1");
        shadowed.extra.insert("step".to_owned(), "2".into());
        let err = append(&path, now(), || (), |_, ()| Ok(vec![shadowed])).unwrap_err();
        assert!(err.to_string().contains("duplicate field `step`"), "{err}");
        let twins = vec![done("1"), done("2")];
        let mut twins2 = twins.clone();
        twins2[1].id.clone_from(&twins[0].id);
        assert!(append(&path, now(), || (), |_, ()| Ok(twins2)).is_err());
        assert!(!path.exists());
    }

    #[test]
    fn torn_tail_is_saved_aside_and_cut_off() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_path(&dir);
        let first = done("1");
        record(&path, first.clone());
        let good = fs::read(&path).unwrap();
        let torn = br#"{"v":1,"id":"abc","at":"2014-06-16T09:"#;
        let mut bytes = good.clone();
        bytes.extend_from_slice(torn);
        fs::write(&path, &bytes).unwrap();
        // Someone already saved a torn line at this second: never overwrite it.
        let taken = dir.path().join("plan.ledger.jsonl.torn-20140616T093000");
        fs::write(&taken, "earlier").unwrap();

        let l = read_file(&path).unwrap();
        assert_eq!(l.events, std::slice::from_ref(&first));
        assert!(!l.problems[0].blocks_writes());

        let second = done("2");
        let appended = record(&path, second.clone());
        let saved = appended.torn_saved.unwrap();
        assert_eq!(
            saved,
            dir.path().join("plan.ledger.jsonl.torn-20140616T093000-1")
        );
        assert_eq!(fs::read(&saved).unwrap(), torn);
        assert_eq!(fs::read_to_string(&taken).unwrap(), "earlier");
        let mut want = good;
        want.extend_from_slice(format!("{}\n", second.to_line()).as_bytes());
        assert_eq!(fs::read(&path).unwrap(), want);
        let l = read_file(&path).unwrap();
        assert!(l.problems.is_empty());
        assert_eq!(l.events.len(), 2);
        assert!(l.events.contains(&first) && l.events.contains(&second));
    }

    #[test]
    fn a_torn_copy_gets_its_name_only_when_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_path(&dir);
        let torn_names = || -> Vec<String> {
            fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with("plan.ledger.jsonl.torn-"))
                .collect()
        };
        // A kill while the copy is made: no `.torn-` file exists yet to be left empty.
        let saved = save_torn_with_hook(&path, now(), b"{\"v\":1", |temp| {
            assert!(torn_names().is_empty(), "{:?}", torn_names());
            assert!(temp.exists());
        })
        .unwrap();
        assert_eq!(fs::read(&saved).unwrap(), b"{\"v\":1");
        assert_eq!(torn_names().len(), 1);
        let all: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(all.len(), 1, "the temporary copy is gone");
    }

    #[test]
    fn a_complete_last_event_without_newline_stays_and_is_ended() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_path(&dir);
        let first = done("1");
        fs::write(&path, first.to_line()).unwrap();
        let l = read_file(&path).unwrap();
        assert_eq!(l.events, std::slice::from_ref(&first));
        assert!(l.problems.is_empty());
        let second = done("2");
        let appended = record(&path, second.clone());
        assert!(appended.torn_saved.is_none(), "a whole line is not torn");
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            format!("{}\n{}\n", first.to_line(), second.to_line())
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no .torn- file"
        );
    }

    #[test]
    fn torn_tail_is_left_alone_when_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_path(&dir);
        fs::write(&path, b"{\"v\":1").unwrap();
        let appended = append(&path, now(), || (), |_, ()| Ok(vec![])).unwrap();
        assert!(appended.torn_saved.is_none());
        assert_eq!(fs::read(&path).unwrap(), b"{\"v\":1");
    }

    #[test]
    fn nothing_to_write_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_path(&dir);
        let appended = append(&path, now(), Seen::default, |l, seen| {
            assert_eq!((l.events, seen.0.len()), (0, 0));
            Ok(vec![])
        })
        .unwrap();
        assert!(appended.written.is_empty());
        assert!(!path.exists());
        assert!(
            append(
                &path,
                now(),
                || (),
                |_, ()| Err(anyhow::anyhow!("step 9 is not in the plan"))
            )
            .is_err()
        );
        assert!(!path.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn decide_error_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_path(&dir);
        record(&path, done("1"));
        let before = fs::read(&path).unwrap();
        let err = append(
            &path,
            now(),
            || (),
            |_, ()| Err(anyhow::anyhow!("step 9 is not in the plan")),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "step 9 is not in the plan");
        assert_eq!(fs::read(&path).unwrap(), before);
    }

    #[test]
    fn concurrent_writers_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = Arc::new(ledger_path(&dir));
        let threads: Vec<_> = (0..8)
            .map(|t| {
                let path = Arc::clone(&path);
                std::thread::spawn(move || {
                    for i in 0..200 {
                        record(&path, done(&format!("{t}.{i}")));
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let bytes = fs::read(&*path).unwrap();
        assert!(bytes.ends_with(b"\n"));
        assert_eq!(bytes.split(|&b| b == b'\n').count(), 1601);
        let l = parse(&bytes);
        assert!(l.problems.is_empty(), "{:?}", l.problems);
        assert_eq!(l.duplicates, 0);
        assert_eq!(l.events.len(), 1600);
    }

    #[test]
    fn the_decision_is_made_under_the_lock() {
        for _ in 0..5 {
            let dir = tempfile::tempdir().unwrap();
            let path = Arc::new(ledger_path(&dir));
            let barrier = Arc::new(std::sync::Barrier::new(8));
            let threads: Vec<_> = (0..8)
                .map(|_| {
                    let path = Arc::clone(&path);
                    let barrier = Arc::clone(&barrier);
                    std::thread::spawn(move || {
                        barrier.wait();
                        append(&path, now(), Seen::default, |_, seen| {
                            let latest = seen.0.iter().filter(|e| e.0 == "3").max_by_key(|e| &e.1);
                            if latest.is_some_and(|e| e.2 == EventKind::Done) {
                                Ok(vec![])
                            } else {
                                Ok(vec![done("3")])
                            }
                        })
                        .unwrap()
                        .written
                        .len()
                    })
                })
                .collect();
            let written: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
            assert_eq!(written, 1);
            assert_eq!(lines(&path).len(), 1);
        }
    }

    #[test]
    fn a_file_replaced_before_the_lock_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_path(&dir);
        let (a, b, c) = (done("1"), done("2"), done("3"));
        record(&path, a.clone());
        let replacement = dir.path().join("saved-by-editor");
        fs::write(&replacement, format!("{}\n", b.to_line())).unwrap();
        let orphan = dir.path().join("orphan");
        let mut first = true;
        let appended = append_with_hook(
            &path,
            now(),
            Seen::default,
            |_, seen| {
                assert_eq!(
                    seen.0,
                    [(b.step.clone(), Order::new(&b.at, &b.id), b.event.clone())],
                    "decide must see the new file"
                );
                Ok(vec![c.clone()])
            },
            || {
                if first {
                    first = false;
                    // Keep a name for the file being replaced so we can look at it after.
                    fs::hard_link(&path, &orphan).unwrap();
                    fs::rename(&replacement, &path).unwrap();
                }
            },
        )
        .unwrap();
        assert_eq!(appended.written, std::slice::from_ref(&c));
        assert_eq!(lines(&path), [b.to_line(), c.to_line()]);
        assert_eq!(lines(&orphan), [a.to_line()]);
    }

    #[test]
    fn a_file_that_keeps_being_replaced_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_path(&dir);
        record(&path, done("1"));
        let spare = dir.path().join("spare");
        let err = append_with_hook(
            &path,
            now(),
            || (),
            |_, ()| Ok(vec![done("2")]),
            || {
                fs::copy(&path, &spare).unwrap();
                fs::rename(&spare, &path).unwrap();
            },
        )
        .unwrap_err();
        assert!(err.to_string().contains("replaced"), "{err}");
        assert_eq!(lines(&path).len(), 1);
    }

    #[test]
    fn same_file_compares_device_and_inode() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        fs::write(&a, "x").unwrap();
        fs::write(&b, "x").unwrap();
        let link = dir.path().join("link");
        fs::hard_link(&a, &link).unwrap();
        let meta = |p: &Path| fs::metadata(p).unwrap();
        assert!(same_file(&meta(&a), &meta(&link)));
        assert!(same_file(
            &meta(&a),
            &File::open(&a).unwrap().metadata().unwrap()
        ));
        assert!(!same_file(&meta(&a), &meta(&b)));
    }

    /// Set by `disk_full_leaves_the_ledger_as_it_was` for the child it starts.
    const DISK_FULL_CHILD: &str = "CHUNJIANG_TEST_DISK_FULL_LEDGER";

    /// The child half of the disk-full test. Without the variable (a plain `--ignored`
    /// run) it does nothing.
    #[test]
    #[ignore = "helper: run by disk_full_leaves_the_ledger_as_it_was under prlimit"]
    fn disk_full_child() {
        let Some(path) = std::env::var_os(DISK_FULL_CHILD) else {
            return;
        };
        let mut event = done("2");
        event.note = Some("已报局活动办".repeat(20));
        match append(Path::new(&path), now(), || (), |_, ()| Ok(vec![event])) {
            Ok(_) => println!("CHILD-RESULT: recorded"),
            Err(e) => println!("CHILD-RESULT: {e:#}"),
        }
    }

    /// A real short write: the append runs in a child process (this test binary again,
    /// running only `disk_full_child`) whose maximum file size is the ledger's length plus
    /// 10 bytes, so the kernel accepts 10 bytes and then fails the write with EFBIG — the
    /// same path as a full disk. SIGXFSZ would kill the child instead; `trap '' XFSZ` makes
    /// bash ignore it and an ignored signal stays ignored across `exec`, which std cannot
    /// arrange without `unsafe`. A tmpfs mount would need root and leave a mount behind.
    #[test]
    fn disk_full_leaves_the_ledger_as_it_was() {
        if Command::new("prlimit").arg("--version").output().is_err() {
            eprintln!("skipping disk_full_leaves_the_ledger_as_it_was: prlimit not found");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_path(&dir);

        // A new ledger: afterwards there is still none.
        let stdout = append_in_child_limited_to(&path, 10);
        assert!(stdout.contains(&disk_full_message(&path)), "{stdout}");
        assert!(!path.exists());

        // An existing ledger: afterwards it is byte-identical.
        record(&path, done("1"));
        let before = fs::read(&path).unwrap();
        let stdout = append_in_child_limited_to(&path, before.len() + 10);
        assert!(stdout.contains(&disk_full_message(&path)), "{stdout}");
        assert_eq!(fs::read(&path).unwrap(), before);
    }

    fn disk_full_message(path: &Path) -> String {
        format!(
            "CHILD-RESULT: failed to write ledger `{}`: File too large (os error 27)\n",
            path.display()
        )
    }

    /// Runs `disk_full_child` on `path` with files limited to `limit` bytes; its stdout.
    fn append_in_child_limited_to(path: &Path, limit: usize) -> String {
        let output = Command::new("bash")
            .arg("-c")
            .arg(r#"trap '' XFSZ; exec prlimit --fsize="$1" -- "$2" --exact ledger::file::tests::disk_full_child --ignored --nocapture --test-threads=1"#)
            .arg("bash")
            .arg(limit.to_string())
            .arg(std::env::current_exe().unwrap())
            .env(DISK_FULL_CHILD, path)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(
            output.status.success(),
            "child failed: {stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        stdout
    }
}
