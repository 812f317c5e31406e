//! The office formats of `export`: the 台账 workbook (`xlsx`), the 周报 (`docx`) and the
//! report page (`html`). Gathers what they are made from — the week and the next, every
//! week's totals, the ledger, the timeline — and checks the arguments only they take.
//! Binary formats are never written to a terminal: they need `-o FILE` there (a pipe or
//! a redirect is fine).

use anyhow::{Context as _, Result};
use chrono::{Days, NaiveDate, Utc};

use super::Session;
use super::export::Args;
use crate::cli::ExportFormat;
use crate::error::{Error, Kind};
use crate::ledger::Ledger;
use crate::plan::Lang;
use crate::report::{export, gantt, week};
use crate::state::Status;

/// Refuses what cannot work before anything is read: a binary file for a terminal,
/// `--week` for a format without a week.
pub(super) fn check_args(s: &Session, a: &Args) -> Result<()> {
    let name = |f: ExportFormat| {
        clap::ValueEnum::to_possible_value(&f)
            .map_or_else(String::new, |v| v.get_name().to_string())
    };
    if a.output.is_none() && a.terminal && a.format.is_binary() {
        let file = match (a.format, s.out.lang) {
            (ExportFormat::Xlsx, Lang::Zh) => "台账.xlsx",
            (ExportFormat::Xlsx, Lang::En) => "ledger.xlsx",
            (_, Lang::Zh) => "周报.docx",
            (_, Lang::En) => "weekly.docx",
        };
        return Err(Error::new(Kind::BinaryToTerminal {
            format: name(a.format),
            file: file.to_string(),
        })
        .into());
    }
    let weekly = matches!(
        a.format,
        ExportFormat::Md | ExportFormat::Docx | ExportFormat::Html
    );
    if a.week.is_some() && !weekly {
        return Err(Error::new(Kind::WeekUnused {
            format: name(a.format),
        })
        .into());
    }
    Ok(())
}

/// The timeline picture of the owner's steps (all steps without one); `None` when there
/// is nothing to draw.
pub(super) fn timeline(s: &Session, statuses: &[Status], owner: Option<&str>) -> Option<String> {
    let rows = gantt::rows(&s.plan, owner);
    let (from, to) = gantt::span(&s.plan, statuses, &rows)?;
    Some(export::svg::svg(
        &s.plan, statuses, &rows, from, to, s.today, s.out.lang,
    ))
}

/// The 台账 workbook: items, ledger events, the weeks of `report`.
pub(super) fn xlsx(
    s: &Session,
    owner: Option<&str>,
    ledger: &Ledger,
    statuses: &[Status],
) -> Result<Vec<u8>> {
    let history = s.history_of(ledger);
    let weeks = week::weeks(&s.plan, &history, s.today);
    export::xlsx::render(&export::xlsx::Input {
        plan: &s.plan,
        statuses,
        events: &ledger.events,
        weeks: &weeks,
        owner,
        lang: s.out.lang,
        now: s.now.with_timezone(&Utc),
    })
    .context("failed to make the workbook")
}

/// The 周报 of the week holding `day`, as values: that week and the next judged as `week`
/// judges them.
fn weekly(
    s: &Session,
    owner: Option<&str>,
    day: NaiveDate,
    ledger: &Ledger,
) -> export::weekly::Report {
    let history = s.history_of(ledger);
    let (from, _) = week::bounds(day, s.plan.week_start);
    let this = week::summarize(&s.plan, &history, from, s.today);
    let next = week::summarize(&s.plan, &history, from + Days::new(7), s.today);
    export::weekly::build(&export::weekly::Input {
        plan: &s.plan,
        today: s.today,
        week: &this,
        next: &next,
        events: &ledger.events,
        owner,
        lang: s.out.lang,
    })
}

/// The 周报 as a Word document.
pub(super) fn docx(
    s: &Session,
    owner: Option<&str>,
    day: NaiveDate,
    ledger: &Ledger,
) -> Result<Vec<u8>> {
    let report = weekly(s, owner, day, ledger);
    export::docx::render(&report, s.now.with_timezone(&Utc)).context("failed to make the document")
}

/// The report page: the 周报, the status table and the timeline.
pub(super) fn html(
    s: &Session,
    owner: Option<&str>,
    day: NaiveDate,
    ledger: &Ledger,
    statuses: &[Status],
) -> Vec<u8> {
    let report = weekly(s, owner, day, ledger);
    let status = export::weekly::status_table(&s.plan, statuses, owner, s.out.lang);
    let picture = timeline(s, statuses, owner);
    export::html::render(&report, &status, picture.as_deref()).into_bytes()
}
