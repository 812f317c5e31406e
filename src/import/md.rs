//! Markdown pipe tables (GitHub style): a header row, a `| --- |` separator row, body rows.
//! `\|` is a `|` inside a cell and `<br>` a line break, as our own Markdown export writes
//! them. Lines outside tables are the document's text (`# Title` gives the title).

use super::{Document, Table};

#[must_use]
pub fn read(text: &str) -> Document {
    let mut doc = Document::default();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut i = 0;
    while i < lines.len() {
        let is_table =
            lines[i].starts_with('|') && lines.get(i + 1).is_some_and(|l| is_separator(l));
        if !is_table {
            let line = lines[i].trim_start_matches('#').trim();
            doc.text.push_str(line);
            doc.text.push('\n');
            i += 1;
            continue;
        }
        let mut rows = vec![cells(lines[i])];
        i += 2;
        while i < lines.len() && lines[i].starts_with('|') {
            rows.push(cells(lines[i]));
            i += 1;
        }
        doc.tables.push(Table::from_rows(rows));
    }
    doc
}

fn is_separator(line: &str) -> bool {
    line.starts_with('|')
        && line.contains('-')
        && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The cells of `| a | b\|c |`.
fn cells(line: &str) -> Vec<String> {
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner
        .strip_suffix('|')
        .filter(|s| !s.ends_with('\\'))
        .unwrap_or(inner);
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => out.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    out.push(cell);
    out.into_iter()
        .map(|c| {
            c.trim()
                .replace("<br>", "\n")
                .replace("<br/>", "\n")
                .replace("<br />", "\n")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipe_tables_with_escapes_and_line_breaks() {
        let d = read("# 标题\n\n| 编号 | 事项 |\n| --- | :-: |\n| 1 | a\\|b<br>c |\n\n正文\n");
        assert_eq!(d.tables.len(), 1);
        let t = &d.tables[0];
        assert_eq!(t.rows[0][1].text, "事项");
        assert_eq!(t.rows[1][1].text, "a|b\nc");
        assert!(d.text.starts_with("标题\n"));
    }

    #[test]
    fn a_pipe_line_without_a_separator_is_text() {
        assert!(read("| not a table |\nplain\n").tables.is_empty());
    }
}
