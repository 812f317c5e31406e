//! One row per item, the JSON item's fields as columns (DESIGN §5), for spreadsheets: headers
//! and words (state, kind, yes/no) in the plan's language, UTF-8 with a byte order mark (so
//! Excel reads the Chinese right), written by the `csv` crate (RFC 4180 quoting, CRLF rows).
//!
//! A cell a spreadsheet would run as a formula — one starting with `=`, `+`, `-`, `@`, tab
//! or CR — is prefixed with `'` (the OWASP rule): plan text is untrusted.

use super::owned_by;
use crate::plan::{Lang, Plan};
use crate::report::item::{self, COLUMNS, Field};
use crate::state::Status;

#[must_use]
pub fn render(plan: &Plan, statuses: &[Status], owner: Option<&str>, lang: Lang) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = vec![
        COLUMNS
            .iter()
            .map(|c| c.header.pick(lang).to_string())
            .collect(),
    ];
    for s in statuses.iter().filter(|s| owned_by(plan, s, owner)) {
        let j = item::json(plan, s);
        rows.push(
            j.values()
                .into_iter()
                .map(|f| match f {
                    // Numbers and dates are the tool's own; only text may be a formula.
                    Field::Text(_) | Field::Names(_) | Field::Ids(_) => {
                        defuse(&f.cell(lang)).into_owned()
                    }
                    _ => f.cell(lang),
                })
                .collect(),
        );
    }
    for row in rows {
        // Writing to a Vec cannot fail.
        let _ = w.write_record(&row);
    }
    let body = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&body))
}

/// The cell as a spreadsheet may read it: one that would start a formula gets a `'` first.
#[must_use]
pub fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_would_run_as_formulas_get_a_quote_first() {
        for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(defuse(cell), format!("'{cell}"));
        }
        for cell in ["plain 中文", "a=b", "", "'quoted", "1-2"] {
            assert_eq!(defuse(cell), cell);
        }
    }
}
