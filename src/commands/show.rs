//! `chunjiang show ID`: one step with its detail, tasks, how each date was read, history.

use std::io::Write;

use anyhow::Result;
use serde_json::json;

use super::{Exit, Session, write_json};
use crate::report::{explain, item, labels};
use crate::state::Status;

pub fn run(s: &Session, id: &str, out: &mut dyn Write) -> Result<Exit> {
    let index = s.item(id)?;
    let step = s.plan.items[index].step;
    let ledger = s.ledger()?;
    let statuses = s.statuses(&s.history_of(&ledger));
    let members: Vec<usize> = std::iter::once(step)
        .chain(s.plan.items[step].tasks.iter().copied())
        .collect();
    let events: Vec<_> = ledger
        .events
        .iter()
        .filter(|e| s.plan.find(&e.step).is_some_and(|i| members.contains(&i)))
        .collect();
    s.warn_unknown_years(members.iter().map(|&i| &statuses[i]));
    let dates: Vec<explain::DateLine> = members
        .iter()
        .flat_map(|&i| explain::dates(&s.plan, &statuses, i))
        .collect();
    if s.json {
        let tasks: Vec<_> = s.plan.items[step]
            .tasks
            .iter()
            .map(|&t| item::json(&s.plan, &statuses[t]))
            .collect();
        let value = json!({
            "today": s.today,
            "item": item::json(&s.plan, &statuses[step]),
            "detail": s.plan.items[step].detail,
            "after": s.plan.items[step].after.iter().map(|&a| &s.plan.items[a].id).collect::<Vec<_>>(),
            "dates": dates,
            "tasks": tasks,
            "events": events,
        });
        return write_json(out, &value).map(|()| Exit::Ok);
    }
    let o = &s.out;
    let lang = o.lang;
    let st: &Status = &statuses[step];
    let it = &s.plan.items[step];
    let heading = format!("{} {} · {}", labels::STEP.pick(lang), it.id, it.title);
    writeln!(out, "{}", o.text(&heading))?;
    let colon = labels::colon(lang);
    writeln!(
        out,
        "{}{colon}{}",
        labels::OWNERS.pick(lang),
        o.text(&item::owners(&it.owners, lang))
    )?;
    let remark = item::remark(&s.plan, st, lang);
    let state = labels::state(st.state, lang);
    if remark.is_empty() {
        writeln!(out, "{}{colon}{state}", labels::STATE.pick(lang))?;
    } else {
        let remark = labels::paren(&remark, lang);
        writeln!(out, "{}{colon}{state}{remark}", labels::STATE.pick(lang))?;
    }
    if let Some(detail) = &it.detail {
        writeln!(out, "{}{}", labels::DETAIL.pick(lang), colon.trim_end())?;
        for line in o.paragraph(detail, 2) {
            writeln!(out, "{line}")?;
        }
    }
    writeln!(out, "{}{}", labels::DATES.pick(lang), colon.trim_end())?;
    for d in &dates {
        writeln!(out, "  {}", o.text(&d.to_line(lang)))?;
    }
    if !it.tasks.is_empty() {
        let tasks: Vec<&Status> = it.tasks.iter().map(|&t| &statuses[t]).collect();
        out.write_all(item::table(&s.plan, &tasks, o).as_bytes())?;
    }
    if !events.is_empty() {
        writeln!(out, "{}{}", labels::HISTORY.pick(lang), colon.trim_end())?;
        out.write_all(crate::report::events::table(&events, o).as_bytes())?;
    }
    Ok(Exit::Ok)
}
