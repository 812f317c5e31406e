//! The append-only JSON Lines ledger: the official record of what was done (DESIGN.md §2).
//!
//! Owns the line format (`event`), reading a ledger into events and problems (`read`,
//! `scan`), and the locked, all-or-nothing write path (`file`). It must never lose, rewrite
//! or silently drop an entry; it does not replay events into step state and does not print.

mod event;
mod file;
mod read;
mod scan;

pub use event::{Event, EventKind, new_id};
pub use file::{Appended, append, read_file, scan_file};
pub use read::{Ledger, Problem, ProblemKind, parse};
pub use scan::{At, Id, Order, ReadAt, Scanned, Sink, replay_events, scan};
