//! `chunjiang init [--blank]`: writes a starter plan dated from this week (never over an
//! existing plan, which is kept) and makes sure `.gitattributes` beside it merges ledgers
//! with `merge=union`, so a team sharing the plan through git can record in parallel.
//! There may be no plan yet, so no `Session`.

use std::fs::OpenOptions;
use std::io::{ErrorKind, Write};
use std::path::Path;

use anyhow::{Context as _, Result};
use chrono::{Datelike as _, Local};

use super::{Env, Exit, parse_day_arg};
use crate::cli::Global;
use crate::lang::Lang;

/// The line that lets git merge two clones' ledgers by keeping both sides' lines.
pub const UNION_LINE: &str = "*.ledger.jsonl merge=union";

pub fn run(g: &Global, env: &Env, blank: bool, out: &mut dyn Write) -> Result<Exit> {
    let local_today = env.now.with_timezone(&Local).date_naive();
    let today = match &g.today {
        Some(t) => parse_day_arg(t, local_today.year(), "--today")?,
        None => local_today,
    };
    let lang = env.lang.before_plan();
    let path = &g.plan;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // Read .gitattributes first: if it cannot be read, fail before anything is written.
    let attributes = dir.join(".gitattributes");
    let existing = read_attributes(&attributes)?;
    let text = crate::plan::starter(today, blank);
    // A plan already there (written by hand or imported) is kept: only what is missing
    // beside it is added.
    match OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(mut file) => {
            file.write_all(text.as_bytes())
                .and_then(|()| file.sync_all())
                .with_context(|| format!("failed to write plan `{}`", path.display()))?;
            writeln!(out, "wrote {}", path.display())?;
        }
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            let line = match lang {
                Lang::Zh => format!("{} 已存在，保留不动", path.display()),
                Lang::En => format!("{} already exists; kept as it is", path.display()),
            };
            writeln!(out, "{line}")?;
        }
        Err(e) => {
            return Err(e).with_context(|| format!("failed to create plan `{}`", path.display()));
        }
    }
    let verb = if has_union_line(&existing) {
        "already has"
    } else {
        add_union_line(&attributes, &existing)?;
        "added"
    };
    writeln!(out, "{}: {verb} `{UNION_LINE}`", attributes.display())?;
    writeln!(
        out,
        "next: edit {}, then run `chunjiang check`",
        path.display()
    )?;
    Ok(Exit::Ok)
}

/// The text of `.gitattributes`, empty when there is none.
fn read_attributes(path: &Path) -> Result<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(e).with_context(|| {
            format!(
                "failed to read `{}`; nothing was changed\nhint: it should be a text file of git attributes",
                path.display()
            )
        }),
    }
}

/// Appends the union line to `.gitattributes`, whose text is `existing`.
fn add_union_line(path: &Path, existing: &str) -> Result<()> {
    let mut addition = String::new();
    if !existing.is_empty() && !existing.ends_with('\n') {
        addition.push('\n');
    }
    addition.push_str(UNION_LINE);
    addition.push('\n');
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| f.write_all(addition.as_bytes()))
        .with_context(|| format!("failed to write `{}`", path.display()))
}

fn has_union_line(text: &str) -> bool {
    text.lines()
        .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["*.ledger.jsonl", "merge=union"])
}

#[cfg(test)]
mod tests {
    use super::has_union_line;

    #[test]
    fn the_union_line_is_found_whatever_the_spacing() {
        assert!(has_union_line(
            "*.png binary\n*.ledger.jsonl   merge=union\n"
        ));
        assert!(!has_union_line("# *.ledger.jsonl merge=union\n"));
        assert!(!has_union_line("*.ledger.jsonl -merge\n"));
        assert!(!has_union_line(""));
    }
}
