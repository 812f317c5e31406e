//! `chunjiang completions SHELL`: the line that registers completion with the shell. At
//! each Tab the shell asks `chunjiang` itself (`CHUNJIANG_COMPLETE=SHELL chunjiang -- …`,
//! answered in `main` before anything else by `clap_complete`'s dynamic engine), so commands
//! and flags never fall behind, and ids and owners come from the plan found as every
//! command finds it ([`ids`], [`owners`]).

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::Shells;

use super::Exit;
use crate::plan::Plan;

/// The variable the registration sets when it asks for completions.
pub const VAR: &str = "CHUNJIANG_COMPLETE";

pub fn run(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<Exit> {
    let name = shell.to_string();
    let shells = Shells::builtins();
    let Some(completer) = shells.completer(&name) else {
        // Every `Shell` clap offers has its completer; a new one would land here.
        anyhow::bail!("no completion for {name}");
    };
    // Written into memory first, so a closed pipe ends quietly.
    let mut script = Vec::new();
    completer.write_registration(VAR, "chunjiang", "chunjiang", "chunjiang", &mut script)?;
    out.write_all(&script)?;
    Ok(Exit::Ok)
}

/// Every step and task id, with its title as the help the shell shows beside it.
#[must_use]
pub fn ids() -> Vec<CompletionCandidate> {
    let Some(plan) = plan() else {
        return Vec::new();
    };
    plan.items
        .iter()
        .filter(|i| plain(&i.id))
        .map(|i| {
            let help = crate::text::escape_control(&i.title);
            CompletionCandidate::new(&i.id).help(Some(help.into()))
        })
        .collect()
}

/// Every owner the plan names, roster first.
#[must_use]
pub fn owners() -> Vec<CompletionCandidate> {
    let Some(plan) = plan() else {
        return Vec::new();
    };
    plan.owners()
        .into_iter()
        .filter(|o| plain(o))
        .map(CompletionCandidate::new)
        .collect()
}

/// A value the shell may insert as it is: no control characters (which would reach the
/// terminal) and no whitespace (which would split it).
fn plain(s: &str) -> bool {
    !s.is_empty() && !s.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// The plan the command being completed would read: `--plan` on the line so far, else
/// `CHUNJIANG_PLAN`, else `./plan.toml` or the nearest one above. Read leniently; any
/// problem means no candidates, never an error in the middle of a command line.
fn plan() -> Option<Plan> {
    let path = plan_on_line(std::env::args_os())
        .or_else(|| {
            std::env::var_os("CHUNJIANG_PLAN")
                .filter(|p| !p.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| super::find_plan(&std::env::current_dir().ok()?))
        .unwrap_or_else(|| PathBuf::from("plan.toml"));
    // Ids and owners do not depend on the year a plan without one falls in.
    crate::plan::load_lenient(&path, &|| 2000)
        .ok()
        .map(|(plan, _)| plan)
}

/// `--plan FILE` or `--plan=FILE` among the words being completed.
fn plan_on_line(args: impl IntoIterator<Item = OsString>) -> Option<PathBuf> {
    let mut words = args.into_iter();
    let mut found = None;
    while let Some(w) = words.next() {
        if w == "--plan" {
            found = words.next().map(PathBuf::from);
        } else if let Some(p) = w.to_str().and_then(|w| w.strip_prefix("--plan=")) {
            found = Some(PathBuf::from(p));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_on_the_line_is_found_in_either_form() {
        let words = |w: &[&str]| w.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            plan_on_line(words(&[
                "chunjiang",
                "--",
                "chunjiang",
                "--plan",
                "a.toml",
                "done"
            ])),
            Some(PathBuf::from("a.toml"))
        );
        assert_eq!(
            plan_on_line(words(&["chunjiang", "--plan=b.toml", "show"])),
            Some(PathBuf::from("b.toml"))
        );
        assert_eq!(plan_on_line(words(&["chunjiang", "done", "--plan"])), None);
    }

    #[test]
    fn only_plain_values_are_offered() {
        assert!(plain("5.1") && plain("唐健"));
        assert!(!plain("a b") && !plain("\u{1b}[31m") && !plain(""));
    }
}
