//! Markdown pipe tables (GitHub style): a header row, a `| --- |` separator row, body rows.
//! `\|` is a `|` inside a cell (a backslash escapes any ASCII punctuation) and `<br>` a
//! line break, as our own Markdown export writes them. Lines outside tables are the document's text (`# Title` gives the title).

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
            doc.text.push_str(&unescape(line));
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

/// The cells of `| a | b\|c |`: split at each `|` that is not escaped, then read.
fn cells(line: &str) -> Vec<String> {
    let inner = line.strip_prefix('|').unwrap_or(line);
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            // An escape keeps the next character in the cell, whatever it is.
            '\\' => {
                cell.push(c);
                cell.extend(chars.next());
            }
            '|' => out.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    // Nothing follows the closing `|`; a row written without one ends in its last cell.
    if out.is_empty() || !cell.trim().is_empty() {
        out.push(cell);
    }
    out.iter().map(|c| unescape(c.trim())).collect()
}

/// A cell's text as Markdown shows it: a backslash before ASCII punctuation (`\|`, `\*`,
/// `\<`, `\\`…) gives that character, as our export escapes them; `<br>` (`<br/>`,
/// `<br />`) is a line break. An escaped `\<br\>` stays text.
fn unescape(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut rest = cell;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        if c == '\\'
            && let Some(p) = after.chars().next().filter(char::is_ascii_punctuation)
        {
            out.push(p);
            rest = &after[1..];
            continue;
        }
        if c == '<'
            && let Some(tail) = ["<br>", "<br/>", "<br />"]
                .iter()
                .find_map(|b| strip_prefix_ignore_case(rest, b))
        {
            out.push('\n');
            rest = tail;
            continue;
        }
        out.push(c);
        rest = after;
    }
    out
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
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
    fn escapes_give_the_text_our_export_escaped() {
        use crate::report::export::md::cell;
        for text in [
            "a|b",
            "*x* `y` _z_ [l](u) ~s~ &amp; #1",
            "C:\\dir\\|x\\",
            "<br> is text, <b>too</b>",
            "one\ntwo",
            "末尾\\",
            "中文｜全角",
        ] {
            let line = format!("| {} | {} |", cell(text), cell("2"));
            assert_eq!(cells(&line), [text, "2"], "{line}");
        }
        assert_eq!(cells("| a<BR/>b | c"), ["a\nb", "c"]);
        assert_eq!(cells("| a | |"), ["a", ""]);
    }

    proptest::proptest! {
        /// Any text our export writes in a cell reads back as itself: what the export
        /// changes (the ends trimmed, CRLF as LF, control characters as spaces) aside.
        #[test]
        fn any_exported_cell_reads_back(text in "(\\PC|[|\\\\*_`<>#&\\[\\] \r\n\t]|<br>)*") {
            use crate::report::export::md::cell;
            let shown: String = text
                .replace("\r\n", "\n")
                .trim()
                .chars()
                .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
                .collect();
            let shown = shown.trim_matches(|c: char| c.is_whitespace() && c != '\n');
            let line = format!("| {} | {} |", cell(&text), cell("x"));
            proptest::prop_assert_eq!(cells(&line), [shown, "x"], "{}", line);
        }
    }

    #[test]
    fn a_pipe_line_without_a_separator_is_text() {
        assert!(read("| not a table |\nplain\n").tables.is_empty());
    }
}
