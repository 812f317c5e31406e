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

/// The text of `.gitattributes`, empty when there is none. Only a regular file in the
/// plan's directory is read (and later appended to): a symbolic link leading out of the
/// directory is not followed, and a named pipe or device is not opened, so it cannot hang
/// `init` or make it write elsewhere.
fn read_attributes(path: &Path) -> Result<String> {
    check_attributes(path)?;
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
    // Again, just before writing: it may have changed since it was read.
    check_attributes(path)?;
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| f.write_all(addition.as_bytes()))
        .with_context(|| format!("failed to write `{}`", path.display()))
}

/// Refuses a `.gitattributes` that is not a regular file in its directory.
fn check_attributes(path: &Path) -> Result<()> {
    let refuse = |why: &str| {
        anyhow::anyhow!(
            "`{}` {why}; nothing was changed\nhint: make it a plain text file in this directory",
            crate::text::escape_control(&path.display().to_string())
        )
    };
    let Ok(link) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    if link.file_type().is_symlink() {
        let dir = path
            .parent()
            .map_or_else(|| Path::new(".").to_path_buf(), Path::to_path_buf);
        let inside = match (path.canonicalize(), dir.canonicalize()) {
            (Ok(target), Ok(dir)) => target.parent() == Some(dir.as_path()),
            _ => false,
        };
        if !inside {
            return Err(refuse("is a symbolic link leading out of its directory"));
        }
    }
    match std::fs::metadata(path) {
        Ok(meta) => match crate::plan::file_kind(&meta) {
            Some((_, what)) => Err(refuse(&format!("is not a regular file (it is {what})"))),
            None if meta.len() > 1 << 20 => Err(refuse("is larger than 1 MiB")),
            None => Ok(()),
        },
        Err(_) => Ok(()),
    }
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
