//! `chunjiang completions SHELL`: the completion script `clap_complete` generates from the
//! command line's definition, so it never falls behind the flags.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory as _;

use super::Exit;
use crate::cli::Cli;

pub fn run(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<Exit> {
    // Generated into memory first: `clap_complete` panics on a failed write, and a closed
    // pipe (`chunjiang completions bash | head`) must end quietly instead.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "chunjiang", &mut script);
    out.write_all(&script)?;
    Ok(Exit::Ok)
}
