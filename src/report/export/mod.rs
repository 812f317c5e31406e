//! Exports: the plan's state rendered for other programs — a calendar (`ics`), a
//! spreadsheet (`csv`), a report to send upward (`md`), the office's own formats (`xlsx`,
//! `docx`, an `html` page). Pure: statuses, events and the
//! moment come in as values, a `String` goes out; `commands::export` decides where it goes.

pub mod csv;
pub mod docx;
pub mod html;
pub mod ics;
pub mod md;
pub mod svg;
pub mod weekly;
pub mod xlsx;

use crate::plan::Plan;
use crate::state::Status;

/// Whether an item belongs in an export limited to `owner` (all items when `None`).
#[must_use]
pub fn owned_by(plan: &Plan, s: &Status, owner: Option<&str>) -> bool {
    plan.items[s.index].owned_by(owner)
}

/// The statuses of `list` that belong in an export limited to `owner`.
#[must_use]
pub fn owned(plan: &Plan, list: &[Status], owner: Option<&str>) -> Vec<Status> {
    list.iter()
        .filter(|s| owned_by(plan, s, owner))
        .cloned()
        .collect()
}

/// The whole state for scripts: `{"today","plan":{…},"items":[item…],"events":[event…]}`.
/// With an owner, only their items, and only the events about those items.
#[must_use]
pub fn json(
    plan: &Plan,
    today: chrono::NaiveDate,
    statuses: &[Status],
    events: &[crate::ledger::Event],
    owner: Option<&str>,
) -> serde_json::Value {
    use crate::plan::{Lang, WeekStart};
    let items: Vec<_> = statuses
        .iter()
        .filter(|s| owned_by(plan, s, owner))
        .collect();
    let ids: Vec<&str> = items
        .iter()
        .map(|s| plan.items[s.index].id.as_str())
        .collect();
    let events: Vec<_> = events
        .iter()
        .filter(|e| owner.is_none() || ids.contains(&e.step.as_str()))
        .collect();
    let people = plan.people.as_ref().map(|people| {
        people
            .iter()
            .map(|p| serde_json::json!({ "name": p.name, "role": p.role }))
            .collect::<Vec<_>>()
    });
    serde_json::json!({
        "today": today,
        "plan": {
            "title": plan.title,
            "org": plan.org,
            "year": plan.year,
            "timezone": plan.timezone.map(|tz| tz.to_string()),
            "soon_days": plan.soon_days,
            "week_start": match plan.week_start {
                WeekStart::Monday => "monday",
                WeekStart::Sunday => "sunday",
            },
            "lang": plan.lang.map(|l| match l {
                Lang::Zh => "zh",
                Lang::En => "en",
            }),
            "people": people,
        },
        "items": items.iter().map(|s| crate::report::item::json(plan, s)).collect::<Vec<_>>(),
        "events": events,
    })
}
