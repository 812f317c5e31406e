//! How each date of the plan was read: the text as written and the window it gave
//! (`7月上旬至7月中旬 → 2014-07-01 … 2014-07-20`), and how a relative due was counted.

use chrono::NaiveDate;
use serde::Serialize;

use crate::plan::{Due, Lang, Plan};
use crate::state::Status;

#[derive(Debug, Clone, Serialize)]
pub struct DateLine {
    pub id: String,
    /// `when`, `start` or `due`.
    pub field: &'static str,
    pub text: String,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub tentative: bool,
    /// How a relative due was counted, in English for JSON; None for plain dates.
    pub counted: Option<String>,
    #[serde(skip)]
    counted_zh: Option<String>,
}

impl DateLine {
    #[must_use]
    pub fn to_line(&self, lang: Lang) -> String {
        let window = match (self.start, self.due) {
            (Some(s), Some(d)) if s != d => format!("{s} … {d}"),
            (_, Some(d)) => d.to_string(),
            (Some(s), None) => s.to_string(),
            (None, None) => String::new(),
        };
        let text: String = self.text.lines().map(str::trim).collect();
        let mut line = format!("{} {}: {text} → {window}", self.id, self.field);
        let counted = match lang {
            Lang::Zh => self.counted_zh.as_ref(),
            Lang::En => self.counted.as_ref(),
        };
        if let Some(c) = counted {
            line.push_str(" (");
            line.push_str(c);
            line.push(')');
        }
        line
    }
}

/// The date lines of one item: its `when` or `start`/`due` as written and as read.
#[must_use]
pub fn dates(plan: &Plan, statuses: &[Status], index: usize) -> Vec<DateLine> {
    let item = &plan.items[index];
    let st = &statuses[index];
    let line = |field, text: &String, start, due| DateLine {
        id: item.id.clone(),
        field,
        text: text.clone(),
        start,
        due,
        tentative: false,
        counted: None,
        counted_zh: None,
    };
    let mut out = Vec::new();
    if let Some(w) = &item.texts.when {
        out.push(line("when", w, item.start, Some(st.due)));
    }
    if let Some(s) = &item.texts.start {
        out.push(line("start", s, item.start, None));
    }
    match (&item.texts.due, item.due) {
        (
            Some(text),
            Due::After {
                anchor,
                count,
                workdays,
            },
        ) => {
            let a = &plan.items[anchor];
            let unit_en = if workdays { "working days" } else { "days" };
            let unit_zh = if workdays { "个工作日" } else { "天" };
            let (en, zh) = match statuses[anchor].done_on {
                Some(done) => (
                    format!("{count} {unit_en} after {} was done on {done}", a.id),
                    format!("{} 于 {done} 完成后 {count}{unit_zh}", a.id),
                ),
                None => (
                    format!(
                        "{count} {unit_en} after {}, not done yet: its due {} stands in, so this is tentative",
                        a.id, statuses[anchor].due
                    ),
                    format!(
                        "{} 尚未完成，暂按其截止日 {} 后 {count}{unit_zh} 计算（暂定）",
                        a.id, statuses[anchor].due
                    ),
                ),
            };
            let mut l = line("due", text, None, Some(st.due));
            l.tentative = st.tentative;
            l.counted = Some(en);
            l.counted_zh = Some(zh);
            out.push(l);
        }
        (Some(text), Due::Fixed(_)) => out.push(line("due", text, item.start, Some(st.due))),
        (None, _) if item.texts.when.is_none() => {
            // A task without a due of its own takes its step's.
            let mut l = line("due", &String::new(), None, Some(st.due));
            l.counted = Some(format!("the due of step {}", plan.items[item.step].id));
            l.counted_zh = Some(format!("同步骤 {}", plan.items[item.step].id));
            l.text = "-".to_string();
            l.tentative = st.tentative;
            out.push(l);
        }
        (None, _) => {}
    }
    out
}
