//! `chunjiang export --format ics|csv|md|json|svg|html|xlsx|docx [--owner NAME]
//! [--week DATE] [-o FILE]`: the plan's state for other programs. Gathers the values, lets
//! `report::export` render them, and writes the result to stdout or a file; the office
//! formats (xlsx, docx, html) are gathered in `office`.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result};
use chrono::{Days, Utc};

use super::{Exit, Session, office};
use crate::cli::ExportFormat;
use crate::error::{Error, Kind};
use crate::message::Note;
use crate::plan::Lang;
use crate::report::{export, week};

/// What `export` was asked for.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    pub format: ExportFormat,
    pub owner: Option<&'a str>,
    pub output: Option<&'a Path>,
    /// `--week DATE`: the week of a report.
    pub week: Option<&'a str>,
    /// Whether stdout is a terminal (binary formats are never written to one).
    pub terminal: bool,
}

pub fn run(s: &Session, a: Args, out: &mut dyn Write) -> Result<Exit> {
    let Args { format, output, .. } = a;
    let owner = s.owner(a.owner)?;
    office::check_args(s, &a)?;
    let day = super::week::day_in(s, a.week, "--week")?;
    if let Some(path) = output {
        check_output(s, path)?;
    }
    let ledger = s.ledger()?;
    let statuses = s.statuses(&s.history_of(&ledger));
    let plan = &s.plan;
    let text = match format {
        ExportFormat::Ics => export::ics::render(
            plan,
            &statuses,
            owner,
            s.out.lang,
            s.now.with_timezone(&Utc),
        ),
        ExportFormat::Csv => export::csv::render(plan, &statuses, owner, s.out.lang),
        ExportFormat::Md => {
            let history = s.history_of(&ledger);
            let (from, _) = week::bounds(day, plan.week_start);
            let this_week = week::summarize(plan, &history, from, s.today);
            let next_from = from + Days::new(7);
            export::md::render(&export::md::Input {
                plan,
                today: s.today,
                statuses: &statuses,
                week: &this_week,
                next_week: (next_from, next_from + Days::new(6)),
                events: &ledger.events,
                owner,
                lang: s.out.lang,
            })
        }
        ExportFormat::Svg => office::timeline(s, &statuses, owner).ok_or_else(|| {
            Error::new(Kind::NothingToDraw {
                owner: owner.map(str::to_string),
            })
        })?,
        ExportFormat::Html => {
            let bytes = office::html(s, owner, day, &ledger, &statuses);
            return emit(output, &bytes, s.out.lang, out);
        }
        ExportFormat::Docx => {
            let bytes = office::docx(s, owner, day, &ledger)?;
            return emit(output, &bytes, s.out.lang, out);
        }
        ExportFormat::Xlsx => {
            let bytes = office::xlsx(s, owner, &ledger, &statuses)?;
            return emit(output, &bytes, s.out.lang, out);
        }
        ExportFormat::Json => {
            let value = export::json(plan, s.today, &statuses, &ledger.events, owner);
            let mut text = serde_json::to_string_pretty(&value).context("failed to write JSON")?;
            text.push('\n');
            text
        }
    };
    emit(output, text.as_bytes(), s.out.lang, out)
}

/// Writes the export to stdout, or to the file `-o` names.
fn emit(output: Option<&Path>, bytes: &[u8], lang: Lang, out: &mut dyn Write) -> Result<Exit> {
    match output {
        None => out.write_all(bytes)?,
        Some(path) => {
            let name = path.display().to_string();
            std::fs::write(path, bytes).map_err(|e| {
                Error::new(Kind::OutputWrite {
                    path: name.clone(),
                    io: (&e).into(),
                })
            })?;
            writeln!(out, "{}", Note::Wrote { path: name }.text(lang))?;
        }
    }
    Ok(Exit::Ok)
}

/// An export may replace an earlier export, but never the plan or the ledger, and never
/// creates directories: a missing one is more likely a typo than a wish.
fn check_output(s: &Session, path: &Path) -> Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        return Err(Error::new(Kind::OutputNoDir {
            path: path.display().to_string(),
            dir: parent.display().to_string(),
        })
        .into());
    }
    if path.is_dir() {
        return Err(Error::new(Kind::OutputIsDir {
            path: path.display().to_string(),
        })
        .into());
    }
    // A symlink to a file not yet there could be the ledger's path, or anything else.
    if path.is_symlink() && !path.exists() {
        return Err(Error::new(Kind::OutputDanglingLink {
            path: path.display().to_string(),
        })
        .into());
    }
    let ledger_name = s
        .ledger_path
        .file_name()
        .is_some_and(|n| path.file_name() == Some(n) && same_dir(parent, s.ledger_path.parent()));
    let is_ledger_like = path.exists()
        && path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with(".ledger.jsonl"));
    if same_file(path, &s.plan_path)
        || same_file(path, &s.ledger_path)
        || ledger_name
        || is_ledger_like
    {
        return Err(Error::new(Kind::OutputOverPlan {
            path: path.display().to_string(),
        })
        .into());
    }
    Ok(())
}

/// Whether two paths name one existing file, whatever the names: the same device and inode
/// (a hard link or a symlink is the same file), or, where there are no inodes, the same
/// canonical path.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (a.canonicalize(), b.canonicalize()) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

/// Whether `dir` is the directory `other` (the ledger's, `None` or empty for the current one).
fn same_dir(dir: &Path, other: Option<&Path>) -> bool {
    let other = match other {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    same_file(dir, other)
}
