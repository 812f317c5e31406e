//! chunjiang: track a plan of numbered steps, owners and deadlines, with completion kept
//! in an append-only JSON Lines ledger beside the plan.
//!
//! Layers, one way down: `cli` (clap only) → `commands` (the only layer that touches the
//! disk, the clock and stdout) → `report` (pure: values in, rows and strings out) →
//! `plan`, `ledger`, `state`, `dates`, `calendar` (pure domain), `text` (display helpers).

pub mod calendar;
pub mod cli;
pub mod commands;
pub mod dates;
pub mod ledger;
pub mod plan;
pub mod report;
pub mod state;
pub mod text;
