//! `chunjiang export --format ics|csv|md|json|svg|html [--owner NAME] [-o FILE]`: the plan's state
//! for other programs. Gathers the values, lets `report::export` render them, and writes
//! the result to stdout or a file.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result, bail};
use chrono::{Days, Utc};

use super::{Exit, Session};
use crate::cli::ExportFormat;
use crate::report::{export, gantt, week};

pub fn run(
    s: &Session,
    format: ExportFormat,
    owner: Option<&str>,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<Exit> {
    let owner = s.owner(owner)?;
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
        ExportFormat::Csv => export::csv::render(plan, &statuses, owner),
        ExportFormat::Md => {
            let history = s.history_of(&ledger);
            let (from, _) = week::bounds(s.today, plan.week_start);
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
        ExportFormat::Svg | ExportFormat::Html => {
            let rows = gantt::rows(plan, owner);
            let Some((from, to)) = gantt::span(plan, &statuses, &rows) else {
                bail!(
                    "nothing to draw: no steps{}",
                    owner.map(|o| format!(" for {o}")).unwrap_or_default()
                );
            };
            let picture = export::svg::svg(plan, &statuses, &rows, from, to, s.today, s.out.lang);
            if format == ExportFormat::Svg {
                picture
            } else {
                export::svg::html(plan, &picture, s.today, s.out.lang)
            }
        }
        ExportFormat::Json => {
            let value = export::json(plan, s.today, &statuses, &ledger.events, owner);
            let mut text = serde_json::to_string_pretty(&value).context("failed to write JSON")?;
            text.push('\n');
            text
        }
    };
    match output {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            std::fs::write(path, &text)
                .with_context(|| format!("failed to write `{}`", path.display()))?;
            writeln!(out, "wrote {}", path.display())?;
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
        bail!(
            "cannot write `{}`: directory `{}` does not exist\nhint: create it first, or pick another -o FILE",
            path.display(),
            parent.display()
        );
    }
    if path.is_dir() {
        bail!(
            "cannot write `{}`: it is a directory\nhint: name a file, such as -o plan.ics",
            path.display()
        );
    }
    let same = |other: &Path| match (path.canonicalize(), other.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(&s.plan_path) || same(&s.ledger_path) {
        bail!(
            "refusing to write the export over `{}`, which is the plan or its ledger\nhint: pick another -o FILE",
            path.display()
        );
    }
    Ok(())
}
