//! One row per item, the JSON item's fields as columns (DESIGN §5), for spreadsheets:
//! UTF-8 with a byte order mark (so Excel reads the Chinese right), RFC 4180 quoting,
//! CRLF rows. Written by hand: fourteen known columns and one quoting rule.

use super::owned_by;
use crate::plan::Plan;
use crate::report::item;
use crate::state::Status;

/// The header: the JSON item's keys, never translated.
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

#[must_use]
pub fn render(plan: &Plan, statuses: &[Status], owner: Option<&str>) -> String {
    let mut out = String::from("\u{feff}");
    row(&mut out, COLUMNS.iter().map(|c| (*c).to_string()));
    let opt = |v: Option<String>| v.unwrap_or_default();
    for s in statuses.iter().filter(|s| owned_by(plan, s, owner)) {
        let j = item::json(plan, s);
        row(
            &mut out,
            [
                j.id.to_string(),
                j.kind.to_string(),
                j.step.to_string(),
                j.title.to_string(),
                j.owners.join("、"),
                opt(j.start.map(|d| d.to_string())),
                j.due.to_string(),
                j.tentative.to_string(),
                j.state.to_string(),
                opt(j.days_overdue.map(|n| n.to_string())),
                opt(j.days_left.map(|n| n.to_string())),
                opt(j.done_on.map(|d| d.to_string())),
                opt(j.late_days.map(|n| n.to_string())),
                j.blocked_by.join(","),
            ],
        );
    }
    out
}

fn row(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&quote(&f));
    }
    out.push_str("\r\n");
}

/// RFC 4180: a field holding a comma, a quote or a line break is quoted, quotes doubled.
#[must_use]
pub fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn fields_with_commas_quotes_or_newlines_are_quoted() {
        assert_eq!(quote("plain 中文"), "plain 中文");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
    }
}
