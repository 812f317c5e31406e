//! End-to-end tests: the real binary, run in a temporary directory with the plan and
//! ledger written there and `CHUNJIANG_TODAY` always set. stdout, stderr and the exit
//! code are asserted together.

// Not every test module uses every helper of the harness.
mod export;
#[allow(dead_code)]
mod harness;
mod init;
mod seed;
mod team;
