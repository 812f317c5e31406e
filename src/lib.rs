//! chunjiang: track a plan of numbered steps, owners and deadlines, with completion kept
//! in an append-only JSON Lines ledger beside the plan.
//!
//! Layers, one way down: `cli` (clap only) → `commands` (reads the clock, prints, decides
//! what to read and write) → `report` (pure: values in, rows and strings out) → `plan`,
//! `ledger`, `state`, `weeks`, `dates`, `calendar` (the domain), `text` (display helpers). The domain
//! is pure except two edges, each kept in one place: `plan::load` reads the plan file, and
//! `ledger::file` implements the ledger's locked read and write protocol (DESIGN §2), which
//! cannot be separated from the file it protects. Nothing below `commands` reads the clock,
//! the environment or stdout.

// The docs are built with `--document-private-items` (.ci/run): module docs name the
// private rooms they are made of.
#![allow(rustdoc::private_intra_doc_links)]

pub mod calendar;
pub mod cli;
pub mod commands;
pub mod dates;
pub mod error;
pub mod help;
pub mod import;
pub mod lang;
pub mod ledger;
pub mod manual;
pub mod message;
pub mod plan;
pub mod report;
pub mod state;
pub mod text;
pub mod weeks;
