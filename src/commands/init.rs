//! `chunjiang init [--blank]`: writes a starter plan dated from this week (never over an
//! existing plan, which is kept) and makes sure `.gitattributes` beside it merges ledgers
//! with `merge=union`, so a team sharing the plan through git can record in parallel.
//! There may be no plan yet, so no `Session`.

use std::fs::OpenOptions;
use std::io::{ErrorKind, Write};
use std::path::Path;

use anyhow::Result;
use chrono::{Datelike as _, Local};

use super::{Env, Exit, parse_day_arg};
use crate::cli::Global;
use crate::error::{Error, Kind};
use crate::message::Note;

pub use crate::message::UNION_LINE;

pub fn run(g: &Global, env: &Env, blank: bool, out: &mut dyn Write) -> Result<Exit> {
    let local_today = env.now.with_timezone(&Local).date_naive();
    let today = match &g.today {
        Some(t) => parse_day_arg(t, local_today.year(), "--today")?,
        None => local_today,
    };
    let path = &g.plan;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // The user's language before any plan: a blank plan says `lang = "zh"` outright for a
    // Chinese user, so it stays Chinese whatever its titles become.
    let text = crate::plan::starter(today, blank, env.lang.before_plan());
    env.said.set(Some(env.lang.with_source(&text)));
    // Read .gitattributes first: if it cannot be read, fail before anything is written.
    let attributes = dir.join(".gitattributes");
    let existing = read_attributes(&attributes)?;
    let name = path.display().to_string();
    let failed = |e: &std::io::Error| {
        Error::new(Kind::OutputWrite {
            path: name.clone(),
            io: e.into(),
        })
    };
    // A plan already there (written by hand or imported) is kept: only what is missing
    // beside it is added. Init speaks the language of the plan it leaves.
    let lang = match OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(mut file) => {
            file.write_all(text.as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(|e| failed(&e))?;
            let lang = env.lang.with_source(&text);
            env.said.set(Some(lang));
            writeln!(out, "{}", Note::Wrote { path: name.clone() }.text(lang))?;
            lang
        }
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            let kept = std::fs::read(path).unwrap_or_default();
            let lang = env.lang.with_source(&String::from_utf8_lossy(&kept));
            env.said.set(Some(lang));
            writeln!(out, "{}", Note::PlanKept { path: name.clone() }.text(lang))?;
            lang
        }
        Err(e) => return Err(failed(&e).into()),
    };
    let added = !has_union_line(&existing);
    if added {
        add_union_line(&attributes, &existing)?;
    }
    let attributes = attributes.display().to_string();
    writeln!(
        out,
        "{}",
        Note::UnionLine {
            path: attributes,
            added
        }
        .text(lang)
    )?;
    writeln!(out, "{}", Note::InitNext { path: name }.text(lang))?;
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
        Err(e) => Err(Error::new(Kind::AttributesUnreadable {
            path: path.display().to_string(),
            io: (&e).into(),
        })
        .into()),
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
        .map_err(|e| {
            Error::new(Kind::OutputWrite {
                path: path.display().to_string(),
                io: (&e).into(),
            })
            .into()
        })
}

/// Refuses a `.gitattributes` that is not a regular file in its directory.
fn check_attributes(path: &Path) -> Result<()> {
    let refuse = |zh: String, en: String| -> anyhow::Error {
        Error::new(Kind::AttributesRefused {
            path: path.display().to_string(),
            what: (zh, en),
        })
        .into()
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
            return Err(refuse(
                "是指向目录之外的符号链接".to_string(),
                "is a symbolic link leading out of its directory".to_string(),
            ));
        }
    }
    match std::fs::metadata(path) {
        Ok(meta) => match crate::plan::file_kind(&meta) {
            Some((zh, en)) => Err(refuse(
                format!("不是普通文件（它是{zh}）"),
                format!("is not a regular file (it is {en})"),
            )),
            None if meta.len() > 1 << 20 => Err(refuse(
                "大于 1 兆字节".to_string(),
                "is larger than 1 MiB".to_string(),
            )),
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
