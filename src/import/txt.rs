//! The text Word or WPS gives for a document copied or saved as plain text: prose lines as
//! they are, and each table cell as a line starting with a tab. A cell of several
//! paragraphs goes on over lines without the tab (blank lines between them); a blank line
//! followed by a tab line starts the next row. The seed document (its section 四) is
//! exactly this.
//!
//! A table ends at a line that is indented with spaces (a centred title) or that opens a
//! numbered heading (`五、`); those lines, and everything else outside tables, are the
//! document's running text.

use super::{Cell, Document, Table};

#[must_use]
pub fn read(text: &str) -> Document {
    let mut doc = Document::default();
    let mut table: Option<Reading> = None;
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if let Some(content) = line.strip_prefix('\t') {
            let t = table.get_or_insert_with(Reading::default);
            t.cell(content.trim_start_matches('\t').trim());
        } else if line.trim().is_empty() {
            match &mut table {
                Some(t) => t.blank = true,
                None => doc.text.push('\n'),
            }
        } else if let Some(t) = table.as_mut().filter(|_| !ends_table(line)) {
            t.more(line.trim());
        } else {
            if let Some(t) = table.take() {
                doc.tables.push(t.finish());
            }
            doc.text.push_str(line.trim());
            doc.text.push('\n');
        }
    }
    if let Some(t) = table {
        doc.tables.push(t.finish());
    }
    doc
}

/// A line that cannot be the rest of a cell: indented with spaces (a centred title) or a
/// numbered heading such as `五、工作要求`.
fn ends_table(line: &str) -> bool {
    if line.starts_with([' ', '\u{3000}']) {
        return true;
    }
    let mut chars = line.chars();
    let mut numeral = false;
    for c in chars.by_ref() {
        if "一二三四五六七八九十".contains(c) {
            numeral = true;
        } else {
            return numeral && c == '、';
        }
    }
    false
}

#[derive(Default)]
struct Reading {
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    /// A blank line since the last text: the next tab line starts a new row.
    blank: bool,
}

impl Reading {
    fn cell(&mut self, text: &str) {
        if self.blank && !self.row.is_empty() {
            self.rows.push(std::mem::take(&mut self.row));
        }
        self.blank = false;
        self.row.push(Cell::new(text));
    }

    fn more(&mut self, text: &str) {
        self.blank = false;
        match self.row.last_mut() {
            Some(c) => {
                c.text.push('\n');
                c.text.push_str(text);
            }
            None => self.row.push(Cell::new(text)),
        }
    }

    fn finish(mut self) -> Table {
        if !self.row.is_empty() {
            self.rows.push(self.row);
        }
        Table {
            rows: self.rows,
            origin: (0, 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "标题\n\n四、安排\n\n\t序号\n\t时间\n\t责任人\n\n\t1\n\t6月6日至\n\n6月14日\n\t唐健、\n\n韩海英\n\n\n\n\t2\n\t6月26\n\t唐健\n\n杨建祥\n                  下一个标题\n";

    #[test]
    fn rows_are_split_at_blank_lines_before_a_tab_and_cells_go_on_over_lines() {
        let d = read(SAMPLE);
        assert_eq!(d.tables.len(), 1);
        let rows = d.tables[0].texts();
        assert_eq!(
            rows,
            [
                vec!["序号", "时间", "责任人"],
                vec!["1", "6月6日至\n6月14日", "唐健、\n韩海英"],
                vec!["2", "6月26", "唐健\n杨建祥"],
            ]
        );
        assert!(d.text.contains("标题") && d.text.contains("下一个标题"));
    }

    #[test]
    fn a_heading_ends_a_table_and_a_later_tab_block_is_another_table() {
        let d = read("\ta\n\tb\n\n\t1\n\t2\n五、要求\n正文\n\tx\n\ty\n");
        assert_eq!(d.tables.len(), 2);
        assert_eq!(d.tables[0].rows.len(), 2);
        assert_eq!(d.tables[1].rows[0][1].text, "y");
    }
}
