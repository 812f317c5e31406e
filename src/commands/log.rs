//! `chunjiang log [ID]`: the ledger, oldest first.

use std::io::Write;

use anyhow::Result;

use super::{Exit, Session, write_json};

/// `log --json`.
#[derive(serde::Serialize)]
struct Json<'a> {
    events: Vec<&'a crate::ledger::Event>,
}

pub fn run(s: &Session, id: Option<&str>, out: &mut dyn Write) -> Result<Exit> {
    // A step's log includes its tasks'.
    let wanted: Option<Vec<&str>> = match id {
        Some(id) => {
            let i = s.item(id)?;
            let item = &s.plan.items[i];
            Some(
                std::iter::once(item.id.as_str())
                    .chain(item.tasks.iter().map(|&t| s.plan.items[t].id.as_str()))
                    .collect(),
            )
        }
        None => None,
    };
    let ledger = s.ledger()?;
    let events: Vec<_> = ledger
        .events
        .iter()
        .filter(|e| wanted.as_ref().is_none_or(|w| w.contains(&e.step.as_str())))
        .collect();
    if s.json {
        return write_json(out, &Json { events }).map(|()| Exit::Ok);
    }
    out.write_all(crate::report::events::table(&events, &s.out).as_bytes())?;
    Ok(Exit::Ok)
}
