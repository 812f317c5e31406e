//! One item as scripts see it (DESIGN §5) and as a table row describes it.

use chrono::NaiveDate;
use serde::Serialize;

use super::labels::{self, Word};
use crate::plan::{Lang, Plan};
use crate::state::Status;

/// The JSON item of DESIGN §5; keys and values are never translated. Serialized, and
/// written as a CSV row, through [`COLUMNS`] and [`ItemJson::values`]: one definition.
#[derive(Debug)]
pub struct ItemJson<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    pub step: &'a str,
    pub title: &'a str,
    pub owners: &'a [String],
    pub start: Option<NaiveDate>,
    pub due: NaiveDate,
    pub tentative: bool,
    pub state: &'static str,
    pub days_overdue: Option<i64>,
    pub days_left: Option<i64>,
    pub done_on: Option<NaiveDate>,
    pub late_days: Option<i64>,
    pub blocked_by: Vec<&'a str>,
}

/// The JSON item's keys, in order: also the CSV columns.
pub const COLUMNS: [&str; 14] = [
    "id",
    "kind",
    "step",
    "title",
    "owners",
    "start",
    "due",
    "tentative",
    "state",
    "days_overdue",
    "days_left",
    "done_on",
    "late_days",
    "blocked_by",
];

/// One value of the JSON item, as JSON and as a spreadsheet cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Field<'b> {
    Text(&'b str),
    Names(&'b [String]),
    Ids(&'b [&'b str]),
    Flag(bool),
    Number(Option<i64>),
    Day(Option<NaiveDate>),
}

impl Field<'_> {
    /// The value as one cell: lists joined (`、` between names, `,` between ids), an
    /// absent value empty.
    #[must_use]
    pub fn cell(self) -> String {
        match self {
            Field::Text(s) => s.to_owned(),
            Field::Names(names) => names.join("、"),
            Field::Ids(ids) => ids.join(","),
            Field::Flag(b) => b.to_string(),
            Field::Number(n) => n.map(|n| n.to_string()).unwrap_or_default(),
            Field::Day(d) => d.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

impl ItemJson<'_> {
    /// The values under [`COLUMNS`], in the same order.
    #[must_use]
    pub fn values(&self) -> [Field<'_>; 14] {
        [
            Field::Text(self.id),
            Field::Text(self.kind),
            Field::Text(self.step),
            Field::Text(self.title),
            Field::Names(self.owners),
            Field::Day(self.start),
            Field::Day(Some(self.due)),
            Field::Flag(self.tentative),
            Field::Text(self.state),
            Field::Number(self.days_overdue),
            Field::Number(self.days_left),
            Field::Day(self.done_on),
            Field::Number(self.late_days),
            Field::Ids(&self.blocked_by),
        ]
    }
}

impl Serialize for ItemJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(Some(COLUMNS.len()))?;
        for (key, value) in COLUMNS.iter().zip(self.values()) {
            map.serialize_entry(key, &value)?;
        }
        map.end()
    }
}

#[must_use]
pub fn json<'a>(plan: &'a Plan, s: &Status) -> ItemJson<'a> {
    let item = &plan.items[s.index];
    ItemJson {
        id: &item.id,
        kind: item.kind.as_str(),
        step: &plan.items[item.step].id,
        title: &item.title,
        owners: &item.owners,
        start: item.start,
        due: s.due,
        tentative: s.tentative,
        state: s.state.as_str(),
        days_overdue: s.days_overdue(),
        days_left: s.days_left(),
        done_on: s.done_on,
        late_days: s.late_days(),
        blocked_by: s
            .blocked_by
            .iter()
            .map(|&b| plan.items[b].id.as_str())
            .collect(),
    }
}

/// The owners as one cell: `唐健、韩海英` in Chinese, `a, b` in English.
#[must_use]
pub fn owners(names: &[String], lang: Lang) -> String {
    names.join(match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    })
}

/// What a person wants to know about a state in a few words: how late, how long left,
/// whether the due falls on a day off, what it waits for.
///
/// An open item due on a day off is flagged: an official holiday, a `[calendar]` local
/// day off, and a plain Saturday or Sunday too, with calendar `cn` or `none` alike — the
/// office that must receive the work is closed then, so in practice it is due the working
/// day before. Done items are not flagged: the date no longer needs acting on.
#[must_use]
pub fn remark(plan: &Plan, s: &Status, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(n) = s.days_overdue() {
        parts.push(match lang {
            Lang::Zh => format!("逾期{}", labels::days(n, lang)),
            Lang::En => format!("{} late", labels::days(n, lang)),
        });
    } else if let Some(late) = s.late_days() {
        if late > 0 {
            parts.push(match lang {
                Lang::Zh => format!("晚{}", labels::days(late, lang)),
                Lang::En => format!("{} late", labels::days(late, lang)),
            });
        } else {
            parts.push(
                Word {
                    zh: "按时",
                    en: "on time",
                }
                .pick(lang)
                .to_string(),
            );
        }
    } else if let Some(n) = s.days_left() {
        parts.push(match (n, lang) {
            (0, Lang::Zh) => "今天".to_string(),
            (0, Lang::En) => "today".to_string(),
            (n, Lang::Zh) => format!("还有{}", labels::days(n, lang)),
            (n, Lang::En) => format!("{} left", labels::days(n, lang)),
        });
    }
    if s.done_on.is_none()
        && let Some(off) = plan.calendar.day_off(s.due)
    {
        parts.push(labels::day_off(&off, s.due, lang));
    }
    if s.tentative && s.done_on.is_none() {
        parts.push(labels::TENTATIVE.pick(lang).to_string());
    }
    if !s.blocked_by.is_empty() {
        let ids: Vec<&str> = s
            .blocked_by
            .iter()
            .map(|&b| plan.items[b].id.as_str())
            .collect();
        parts.push(format!("{} {}", labels::WAITING.pick(lang), ids.join(",")));
    }
    parts.join(match lang {
        Lang::Zh => "，",
        Lang::En => "; ",
    })
}

/// The table of items that `status` and `show` print.
#[must_use]
pub fn table(plan: &Plan, statuses: &[&Status], out: &super::Out) -> String {
    table_with(plan, statuses, out, Extra::None)
}

/// The table `list` prints: the same with each item's start.
#[must_use]
pub fn table_with_start(plan: &Plan, statuses: &[&Status], out: &super::Out) -> String {
    table_with(plan, statuses, out, Extra::Start)
}

/// The table `week` prints: the same with each item's completion date.
#[must_use]
pub fn table_with_done(plan: &Plan, statuses: &[&Status], out: &super::Out) -> String {
    table_with(plan, statuses, out, Extra::DoneOn)
}

/// A date column besides the due.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Extra {
    None,
    Start,
    DoneOn,
}

fn table_with(plan: &Plan, statuses: &[&Status], out: &super::Out, extra: Extra) -> String {
    use super::table::{Column, Mark, Wrap, render};
    let lang = out.lang;
    let col = |w: Word, wrap| Column::new(w.pick(lang), wrap);
    let mut columns = vec![
        col(labels::ID, Wrap::Never),
        col(labels::ITEM, Wrap::Text),
        col(labels::OWNERS, Wrap::Names).gives_way(),
        Column::day(labels::DUE.pick(lang)),
        col(labels::STATE, Wrap::Never),
        col(labels::REMARK, Wrap::Text).gives_way(),
    ];
    match extra {
        Extra::Start => columns.insert(3, col(labels::START, Wrap::Never)),
        Extra::DoneOn => columns.insert(5, col(labels::DONE_ON, Wrap::Never)),
        Extra::None => {}
    }
    let rows: Vec<(Mark, Vec<String>)> = statuses
        .iter()
        .map(|s| {
            let item = &plan.items[s.index];
            let mark = match s.state {
                crate::state::State::Overdue => Mark::Alert,
                crate::state::State::DueToday => Mark::Warn,
                crate::state::State::Done => Mark::Muted,
                _ => Mark::Plain,
            };
            let mut cells = vec![
                item.id.clone(),
                item.title.clone(),
                owners(&item.owners, lang),
                out.day(s.due),
                labels::state(s.state, lang).to_string(),
                remark(plan, s, lang),
            ];
            // Without the weekday: the due beside it has one, and `list` must fit 80 columns.
            let short = |d: Option<NaiveDate>| d.map(|d| out.short_day(d)).unwrap_or_default();
            match extra {
                Extra::Start => cells.insert(3, short(item.start)),
                Extra::DoneOn => cells.insert(5, short(s.done_on)),
                Extra::None => {}
            }
            (mark, cells)
        })
        .collect();
    render(&columns, &rows, out.style())
}
