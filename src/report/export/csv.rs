//! One row per item, the JSON item's fields as columns (DESIGN §5), for spreadsheets:
//! UTF-8 with a byte order mark (so Excel reads the Chinese right), RFC 4180 quoting,
//! CRLF rows. Written by hand: fourteen known columns and one quoting rule.

use super::owned_by;
use crate::plan::Plan;
use crate::report::item;
use crate::state::Status;

/// The header: the JSON item's keys, never translated.
use crate::report::item::COLUMNS;

#[must_use]
pub fn render(plan: &Plan, statuses: &[Status], owner: Option<&str>) -> String {
    let mut out = String::from("\u{feff}");
    row(&mut out, COLUMNS.iter().map(|c| (*c).to_string()));
    for s in statuses.iter().filter(|s| owned_by(plan, s, owner)) {
        row(
            &mut out,
            item::json(plan, s).values().map(item::Field::cell),
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
