//! The append-only JSON Lines ledger.
