//! `chunjiang list`: every step and task with its state.

use std::io::Write;

use anyhow::Result;

use super::{Exit, Session, write_json};
use crate::cli::StateArg;
use crate::report::item;
use crate::state::{State, Status};

pub fn run(
    s: &Session,
    owner: Option<&str>,
    state: Option<StateArg>,
    out: &mut dyn Write,
) -> Result<Exit> {
    let all = s.statuses(&s.history(crate::state::Asked::Latest)?);
    let owner = s.owner(owner)?;
    let shown: Vec<&Status> = all
        .iter()
        .filter(|st| s.plan.items[st.index].owned_by(owner))
        .filter(|st| state.is_none_or(|want| matches(want, st.state)))
        .collect();
    s.warn_unknown_years(shown.iter().copied());
    if s.json {
        let json = super::ItemsJson {
            today: s.today,
            items: shown.iter().map(|st| item::json(&s.plan, st)).collect(),
        };
        return write_json(out, &json).map(|()| Exit::Ok);
    }
    out.write_all(item::table_with_start(&s.plan, &shown, &s.out).as_bytes())?;
    Ok(Exit::Ok)
}

fn matches(want: StateArg, state: State) -> bool {
    match want {
        StateArg::Overdue => state == State::Overdue,
        StateArg::DueToday => state == State::DueToday,
        StateArg::DueSoon => state == State::DueSoon,
        StateArg::Active => state == State::Active,
        StateArg::Upcoming => state == State::Upcoming,
        StateArg::Done => state == State::Done,
        StateArg::Open => state != State::Done,
    }
}
