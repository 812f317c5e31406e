//! `.csv` and `.tsv`: a sheet saved as text, read with the csv crate (quoted fields may hold
//! commas and line breaks) and cut into tables as a spreadsheet's sheet is. A cell our own `export` prefixed with `'` (so a spreadsheet does not run
//! it as a formula) loses that `'` again.

use super::{Cell, Document, ReadError, detect};

/// Reads delimited text; `delimiter` `None` means: guess from the first line (`,`, `;`
/// or a tab, whichever occurs most).
pub fn read(text: &str, delimiter: Option<u8>) -> Result<Document, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = delimiter.unwrap_or_else(|| {
        let first = text.lines().next().unwrap_or("");
        let count = |c: char| first.matches(c).count();
        [b',', b';', b'\t']
            .into_iter()
            .max_by_key(|&d| (count(char::from(d)), d == b','))
            .unwrap_or(b',')
    });
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ReadError::Csv(n + 1, e.to_string()))?;
        rows.push(record.iter().map(|c| Cell::new(unprefix(c))).collect());
    }
    let mut doc = Document::default();
    // A CSV saved from a spreadsheet keeps its title rows and every table on the sheet.
    detect::split_sheet(rows, (0, 0), &mut doc);
    Ok(doc)
}

/// `'=SUM(1)` → `=SUM(1)`: the `'` a CSV exporter puts before what a spreadsheet would
/// run as a formula. Any other leading `'` is text and stays.
fn unprefix(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => cell.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_cells_keep_commas_and_line_breaks_and_lose_the_formula_guard() {
        let d = read("序号,事项\n1,\"a,b\nc\"\n2,'=1+1\n3,'引号\n", None).unwrap();
        let t = &d.tables[0];
        assert_eq!(t.rows[1][1].text, "a,b\nc");
        assert_eq!(t.rows[2][1].text, "=1+1");
        assert_eq!(t.rows[3][1].text, "'引号");
    }

    #[test]
    fn the_delimiter_is_guessed_from_the_first_line() {
        let d = read("a;b;c\n1;2;3\n", None).unwrap();
        assert_eq!(d.tables[0].rows[1].len(), 3);
        let d = read("a\tb\n1\t2\n", Some(b'\t')).unwrap();
        assert_eq!(d.tables[0].rows[1][1].text, "2");
    }
}
