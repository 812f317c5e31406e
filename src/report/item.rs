//! One item as scripts see it (DESIGN §5) and as a table row describes it.

use chrono::NaiveDate;
use serde::Serialize;

use super::labels::{self, Word};
use crate::plan::{ItemKind, Lang, Plan};
use crate::state::{State, Status};

/// The JSON item of DESIGN §5; keys and values are never translated. Serialized, and
/// written as a CSV row, through [`COLUMNS`] and [`ItemJson::values`]: one definition.
#[derive(Debug)]
pub struct ItemJson<'a> {
    pub id: &'a str,
    pub kind: ItemKind,
    pub step: &'a str,
    pub title: &'a str,
    pub owners: &'a [String],
    pub start: Option<NaiveDate>,
    pub due: NaiveDate,
    pub tentative: bool,
    pub state: State,
    pub days_overdue: Option<i64>,
    pub days_left: Option<i64>,
    pub done_on: Option<NaiveDate>,
    pub late_days: Option<i64>,
    pub blocked_by: Vec<&'a str>,
}

/// One column: the JSON item's key (never translated) and the header people read in a
/// spreadsheet (in the plan's language, DESIGN §5).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub key: &'static str,
    pub header: Word,
}

const fn column(key: &'static str, zh: &'static str, en: &'static str) -> Column {
    Column {
        key,
        header: Word { zh, en },
    }
}

/// The JSON item's keys, in order, with the CSV headers.
pub const COLUMNS: [Column; 14] = [
    column("id", labels::ID.zh, labels::ID.en),
    column("kind", "类型", "Kind"),
    column("step", labels::STEP.zh, labels::STEP.en),
    column("title", labels::ITEM.zh, labels::ITEM.en),
    column("owners", labels::OWNERS.zh, labels::OWNERS.en),
    column("start", labels::START.zh, labels::START.en),
    column("due", labels::DUE.zh, labels::DUE.en),
    column("tentative", "暂定", "Tentative"),
    column("state", labels::STATE.zh, labels::STATE.en),
    column("days_overdue", "逾期天数", "Days overdue"),
    column("days_left", "剩余天数", "Days left"),
    column("done_on", labels::DONE_ON.zh, labels::DONE_ON.en),
    column("late_days", "晚交天数", "Days late"),
    column("blocked_by", "等待", "Waiting for"),
];

/// The keys that define the plan rather than its state today: what `import` needs to give
/// the same plan back (`tentative` and `blocked_by` carry a relative due and `after`). The
/// Markdown report's appendix has these columns.
pub const PLAN_KEYS: [&str; 9] = [
    "id",
    "kind",
    "step",
    "title",
    "owners",
    "start",
    "due",
    "tentative",
    "blocked_by",
];

/// Whether a column is one of [`PLAN_KEYS`].
#[must_use]
pub fn defines_plan(column: &Column) -> bool {
    PLAN_KEYS.contains(&column.key)
}

/// One value of the JSON item: as JSON (English, DESIGN §5) and as a spreadsheet cell
/// (in the plan's language).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field<'b> {
    Text(&'b str),
    Kind(ItemKind),
    State(State),
    Names(&'b [String]),
    Ids(&'b [&'b str]),
    Flag(bool),
    Number(Option<i64>),
    Day(Option<NaiveDate>),
}

impl Serialize for Field<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Field::Text(s) => s.serialize(serializer),
            Field::Kind(k) => k.as_str().serialize(serializer),
            Field::State(s) => s.as_str().serialize(serializer),
            Field::Names(names) => names.serialize(serializer),
            Field::Ids(ids) => ids.serialize(serializer),
            Field::Flag(b) => b.serialize(serializer),
            Field::Number(n) => n.serialize(serializer),
            Field::Day(d) => d.serialize(serializer),
        }
    }
}

impl Field<'_> {
    /// The value as one cell in `lang`: kind, state and yes/no in words, lists joined
    /// (names as the language joins them, `,` between ids), an absent value empty.
    #[must_use]
    pub fn cell(self, lang: Lang) -> String {
        match self {
            Field::Text(s) => s.to_owned(),
            Field::Kind(ItemKind::Step) => labels::STEP.pick(lang).to_owned(),
            Field::Kind(ItemKind::Task) => labels::TASK.pick(lang).to_owned(),
            Field::State(s) => labels::state(s, lang).to_owned(),
            Field::Names(names) => owners(names, lang),
            Field::Ids(ids) => ids.join(","),
            Field::Flag(b) => if b { labels::YES } else { labels::NO }
                .pick(lang)
                .to_owned(),
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
            Field::Kind(self.kind),
            Field::Text(self.step),
            Field::Text(self.title),
            Field::Names(self.owners),
            Field::Day(self.start),
            Field::Day(Some(self.due)),
            Field::Flag(self.tentative),
            Field::State(self.state),
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
        for (column, value) in COLUMNS.iter().zip(self.values()) {
            map.serialize_entry(column.key, &value)?;
        }
        map.end()
    }
}

#[must_use]
pub fn json<'a>(plan: &'a Plan, s: &Status) -> ItemJson<'a> {
    let item = &plan.items[s.index];
    ItemJson {
        id: &item.id,
        kind: item.kind,
        step: &plan.items[item.step].id,
        title: &item.title,
        owners: &item.owners,
        start: item.start,
        due: s.due,
        tentative: s.tentative,
        state: s.state,
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
        let refs: Vec<String> = s
            .blocked_by
            .iter()
            .map(|&b| labels::item_ref(&plan.items[b], lang))
            .collect();
        parts.push(labels::waiting_for(&refs, lang));
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

#[cfg(test)]
mod tests {
    use super::{COLUMNS, PLAN_KEYS, defines_plan};

    #[test]
    fn the_plan_keys_are_columns_in_the_columns_order() {
        let keys: Vec<&str> = COLUMNS
            .iter()
            .filter(|c| defines_plan(c))
            .map(|c| c.key)
            .collect();
        assert_eq!(keys, PLAN_KEYS);
    }
}
