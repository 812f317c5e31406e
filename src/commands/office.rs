//! The office formats of `export`: the 台账 workbook (`xlsx`), the 周报 (`docx`) and the
//! report page (`html`). Gathers what they are made from — the week and the next, every
//! week's totals, the ledger, the timeline — and checks the arguments only they take.
//! Binary formats are never written to a terminal: they need `-o FILE` there (a pipe or
//! a redirect is fine).

use anyhow::{Context as _, Result, bail};
use chrono::Utc;

use super::Session;
use super::export::Args;
use crate::cli::ExportFormat;
use crate::ledger::Ledger;
use crate::plan::Lang;
use crate::report::{export, gantt, week};
use crate::state::Status;

/// Refuses what cannot work before anything is read: a binary file for a terminal,
/// `--week` for a format without a week.
pub(super) fn check_args(s: &Session, a: &Args) -> Result<()> {
    let lang = s.out.lang;
    if a.output.is_none() && a.terminal && a.format.is_binary() {
        let (name, zh_file, en_file) = match a.format {
            ExportFormat::Xlsx => ("xlsx", "台账.xlsx", "ledger.xlsx"),
            _ => ("docx", "周报.docx", "weekly.docx"),
        };
        match lang {
            Lang::Zh => bail!(
                "`export --format {name}` 写出的是二进制文件，不能显示在终端上\n提示：用 -o 指定文件，例如 -o {zh_file}（或重定向：> {zh_file}）"
            ),
            Lang::En => bail!(
                "`export --format {name}` writes a binary file, which a terminal cannot show\nhint: name a file with -o, such as -o {en_file} (or redirect: > {en_file})"
            ),
        }
    }
    if a.week.is_some() && !matches!(a.format, ExportFormat::Md | ExportFormat::Html) {
        match lang {
            Lang::Zh => bail!("--week 只用于有周次的报告：md、docx、html"),
            Lang::En => bail!("--week is for the reports that have a week: md, docx, html"),
        }
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
