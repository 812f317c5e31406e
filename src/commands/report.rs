//! `chunjiang report`: one row per week across the plan, and one per owner.

use std::io::Write;

use anyhow::Result;
use serde_json::{Map, Value, json};

use super::{Exit, Session, write_json};
use crate::cli::ReportBy;
use crate::report::labels::{self, Word};
use crate::report::table::{Column, Mark, Wrap, render};
use crate::report::week;
use crate::state::evaluate;

pub fn run(s: &Session, by: Option<ReportBy>, out: &mut dyn Write) -> Result<Exit> {
    let history = s.history()?;
    let show_weeks = by != Some(ReportBy::Owner);
    let show_owners = by != Some(ReportBy::Week);
    let weeks = if show_weeks {
        week::weeks(&s.plan, &history, s.today)
    } else {
        Vec::new()
    };
    let owners = if show_owners {
        let now = evaluate(&s.plan, &history.as_of(&s.plan, s.today), s.today);
        week::owners(&s.plan, &now)
    } else {
        Vec::new()
    };
    if s.json {
        let mut value = Map::new();
        if show_weeks {
            let rows: Vec<Value> = weeks
                .iter()
                .map(|w| {
                    json!({"week": w.label, "from": w.from, "to": w.to, "due": w.totals.due,
                           "done": w.totals.done, "done_late": w.totals.done_late, "overdue": w.totals.overdue})
                })
                .collect();
            value.insert("weeks".into(), Value::Array(rows));
        }
        if show_owners {
            value.insert("owners".into(), serde_json::to_value(&owners)?);
        }
        return write_json(out, &value).map(|()| Exit::Ok);
    }
    let lang = s.out.lang;
    let col = |w: Word, right| Column {
        header: w.pick(lang).to_string(),
        wrap: Wrap::Never,
        right,
    };
    if show_weeks {
        let columns = [
            col(labels::WEEK, false),
            col(labels::FROM, false),
            col(labels::TO, false),
            col(labels::DUE_COUNT, true),
            col(labels::DONE_COUNT, true),
            col(labels::DONE_LATE, true),
            col(labels::OVERDUE_COUNT, true),
        ];
        let rows: Vec<(Mark, Vec<String>)> = weeks
            .iter()
            .map(|w| {
                let t = w.totals;
                let mark = if t.overdue > 0 {
                    Mark::Alert
                } else {
                    Mark::Plain
                };
                let cells = vec![
                    w.label.clone(),
                    s.out.day(w.from, s.plan.year),
                    s.out.day(w.to, s.plan.year),
                    t.due.to_string(),
                    t.done.to_string(),
                    t.done_late.to_string(),
                    t.overdue.to_string(),
                ];
                (mark, cells)
            })
            .collect();
        out.write_all(render(&columns, &rows, s.out.style()).as_bytes())?;
    }
    if show_owners {
        if show_weeks {
            writeln!(out)?;
        }
        let columns = [
            Column {
                header: labels::OWNER.pick(lang).to_string(),
                wrap: Wrap::Names,
                right: false,
            },
            col(labels::ITEMS, true),
            col(labels::DONE_COUNT, true),
            col(labels::OVERDUE_COUNT, true),
            col(labels::DUE_SOON_COUNT, true),
        ];
        let rows: Vec<(Mark, Vec<String>)> = owners
            .iter()
            .map(|r| {
                let mark = if r.overdue > 0 {
                    Mark::Alert
                } else {
                    Mark::Plain
                };
                let cells = vec![
                    r.owner.clone(),
                    r.items.to_string(),
                    r.done.to_string(),
                    r.overdue.to_string(),
                    r.due_soon.to_string(),
                ];
                (mark, cells)
            })
            .collect();
        out.write_all(render(&columns, &rows, s.out.style()).as_bytes())?;
    }
    Ok(Exit::Ok)
}
