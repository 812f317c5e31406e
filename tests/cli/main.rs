//! End-to-end tests: the real binary, run in a temporary directory with the plan and
//! ledger written there and `CHUNJIANG_TODAY` always set. stdout, stderr and the exit
//! code are asserted together.

mod chinese;
mod coordinator;
mod dates;
mod docs;
mod export;
// Not every test module uses every helper of the harness.
#[allow(dead_code)]
mod harness;
mod help;
mod hostile;
mod import;
mod init;
mod ledger;
mod markdown;
mod office;
mod plan;
mod seed;
mod team;
mod views;
mod workdays;
