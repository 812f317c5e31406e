//! The append-only JSON Lines ledger: the official record of what was done (DESIGN.md §2).
//!
//! Owns the line format (`event`), the one reader (`read`: what a ledger's lines mean,
//! built on `lines`, which reads them in chunks, `fast`, which reads canonical lines
//! without serde, and `order`, the replay order and the id), and the locked,
//! all-or-nothing write path (`file`). It must never lose, rewrite or silently drop an
//! entry; it does not replay events into step state and does not print.

mod event;
mod fast;
mod file;
mod lines;
mod order;
mod read;

pub use event::{Event, EventKind, new_id};
pub use file::{Appended, append, read_file, scan_file};
pub use lines::ReadAt;
pub use order::{At, Id, Order};
pub use read::{
    Ledger, Problem, ProblemKind, Scanned, Sink, parse, read, read_ledger, replay_events,
};
