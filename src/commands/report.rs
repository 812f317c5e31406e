//! `chunjiang report`: one row per week across the plan, and one per owner.

use std::io::Write;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use super::{Exit, Session, write_json};
use crate::cli::ReportBy;
use crate::report::week::{self, OwnerRow, WeekRow};
use crate::state::evaluate;

/// `report --json` (DESIGN §5): the parts asked for.
#[derive(Serialize)]
struct Json<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    weeks: Option<Vec<WeekJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owners: Option<&'a [OwnerRow]>,
}

#[derive(Serialize)]
struct WeekJson<'a> {
    week: &'a str,
    from: NaiveDate,
    to: NaiveDate,
    due: usize,
    done: usize,
    done_late: usize,
    /// `null` for a week that starts after today.
    overdue: Option<usize>,
}

impl<'a> From<&'a WeekRow> for WeekJson<'a> {
    fn from(w: &'a WeekRow) -> WeekJson<'a> {
        WeekJson {
            week: &w.label,
            from: w.from,
            to: w.to,
            due: w.totals.due,
            done: w.totals.done,
            done_late: w.totals.done_late,
            overdue: w.overdue(),
        }
    }
}

pub fn run(s: &Session, by: Option<ReportBy>, out: &mut dyn Write) -> Result<Exit> {
    let history = s.history(week::weeks_days(&s.plan, s.today))?;
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
        let json = Json {
            weeks: show_weeks.then(|| weeks.iter().map(WeekJson::from).collect()),
            owners: show_owners.then_some(owners.as_slice()),
        };
        return write_json(out, &json).map(|()| Exit::Ok);
    }
    if show_weeks {
        out.write_all(week::weeks_table(&weeks, &s.out).as_bytes())?;
    }
    if show_owners {
        if show_weeks {
            writeln!(out)?;
        }
        out.write_all(week::owners_table(&owners, &s.out).as_bytes())?;
    }
    Ok(Exit::Ok)
}
