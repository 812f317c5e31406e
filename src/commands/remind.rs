//! `chunjiang remind`: per-owner messages about what is overdue or due soon, ready to
//! paste into a chat.

use std::io::Write;

use anyhow::Result;

use super::{Exit, Session, status, write_json};
use crate::report::{item, remind};

/// `remind --json`.
#[derive(serde::Serialize)]
struct Json<'a> {
    today: chrono::NaiveDate,
    days: i64,
    reminders: Vec<Reminder<'a>>,
}

#[derive(serde::Serialize)]
struct Reminder<'a> {
    owner: &'a str,
    message: &'a str,
    items: Vec<item::ItemJson<'a>>,
}

pub fn run(
    s: &Session,
    owner: Option<&str>,
    days: Option<i64>,
    out: &mut dyn Write,
) -> Result<Exit> {
    let days = days.unwrap_or(s.plan.soon_days);
    if days < 0 {
        return Err(crate::error::Error::new(crate::error::Kind::NegativeDays { days }).into());
    }
    let statuses = s.statuses(&s.history(crate::state::Asked::Latest)?);
    let owner = s.owner(owner)?;
    let ordered = status::select(&s.plan, &statuses, None, true);
    let owners: Vec<&str> = match owner {
        Some(o) => vec![o],
        None => s.plan.owners(),
    };
    let reminders = remind::reminders(&s.plan, &ordered, &owners, days, s.out.lang);
    if s.json {
        let json = Json {
            today: s.today,
            days,
            reminders: reminders
                .iter()
                .map(|r| Reminder {
                    owner: r.owner,
                    message: &r.message,
                    items: r.items.iter().map(|st| item::json(&s.plan, st)).collect(),
                })
                .collect(),
        };
        return write_json(out, &json).map(|()| Exit::Ok);
    }
    if reminders.is_empty() {
        writeln!(
            out,
            "{}",
            s.out.text(&remind::nothing_due(owner, days, s.out.lang))
        )?;
    }
    for (n, r) in reminders.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        for line in r.message.lines() {
            writeln!(out, "{}", s.out.text(line))?;
        }
    }
    Ok(Exit::Ok)
}
