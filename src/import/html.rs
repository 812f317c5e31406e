//! Web pages: every `<table>` (rows from `<tr>`, cells `<td>`/`<th>` with `rowspan` and
//! `colspan` expanded), read with an HTML5 parser (scraper / html5ever) so that the
//! unclosed tags of real published pages parse as a browser parses them. A table inside a
//! cell counts as that cell's text. `<br>` and paragraphs inside a cell are line breaks.
//! The page's title and headings and paragraphs outside tables are the document's text.

use scraper::{ElementRef, Html, Node, Selector};

use super::{Cell, Document, Table};

/// Spans beyond this are a broken or hostile page, not a schedule.
const MAX_SPAN: usize = 200;

#[must_use]
pub fn read(text: &str) -> Document {
    let html = Html::parse_document(text);
    let mut doc = Document::default();
    // The selectors are literals that parse; a failure would be a typo caught by the tests.
    let (Ok(tables), Ok(prose)) = (
        Selector::parse("table"),
        Selector::parse("title, h1, h2, h3, h4, p, div.title"),
    ) else {
        return doc;
    };
    for el in html.select(&prose) {
        if !inside_table(el) {
            let t = text_of(el);
            let t = t.trim();
            if !t.is_empty() {
                doc.text.push_str(t);
                doc.text.push('\n');
            }
        }
    }
    for table in html.select(&tables) {
        if !inside_table(table) {
            doc.tables.push(grid(table));
        }
    }
    doc
}

fn inside_table(el: ElementRef) -> bool {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| a.value().name() == "table")
}

/// The table's rows: `<tr>` directly in it or in its `<thead>`/`<tbody>`/`<tfoot>`.
fn rows(table: ElementRef) -> Vec<ElementRef> {
    let mut out = Vec::new();
    for child in table.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => out.push(child),
            "thead" | "tbody" | "tfoot" => out.extend(
                child
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|e| e.value().name() == "tr"),
            ),
            _ => {}
        }
    }
    out
}

fn grid(table: ElementRef) -> Table {
    let mut grid: Vec<Vec<Option<Cell>>> = Vec::new();
    for (r, tr) in rows(table).into_iter().enumerate() {
        if grid.len() <= r {
            grid.resize_with(r + 1, Vec::new);
        }
        let mut col = 0;
        for td in tr
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|e| matches!(e.value().name(), "td" | "th"))
        {
            while grid[r].get(col).is_some_and(Option::is_some) {
                col += 1;
            }
            let span = |name: &str| {
                td.value()
                    .attr(name)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .filter(|&n| n > 0)
                    .unwrap_or(1)
                    .min(MAX_SPAN)
            };
            let (rows, cols) = (span("rowspan"), span("colspan"));
            let text = cell_text(td);
            for dr in 0..rows {
                if grid.len() <= r + dr {
                    grid.resize_with(r + dr + 1, Vec::new);
                }
                for dc in 0..cols {
                    let row = &mut grid[r + dr];
                    if row.len() <= col + dc {
                        row.resize(col + dc + 1, None);
                    }
                    row[col + dc] = Some(Cell {
                        text: text.clone(),
                        merged: dr > 0 || dc > 0,
                    });
                }
            }
            col += cols;
        }
    }
    Table {
        rows: grid
            .into_iter()
            .filter(|r| !r.is_empty())
            .map(|r| r.into_iter().map(Option::unwrap_or_default).collect())
            .collect(),
        origin: (0, 0),
    }
}

/// A cell's text: white space collapsed as a browser does, `<br>` and block elements as
/// line breaks.
fn cell_text(el: ElementRef) -> String {
    let mut raw = String::new();
    walk(el, &mut raw);
    let lines: Vec<String> = raw
        .split('\n')
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

fn text_of(el: ElementRef) -> String {
    cell_text(el)
}

fn walk(el: ElementRef, out: &mut String) {
    for child in el.children() {
        match child.value() {
            // Line breaks in the source are white space; only <br> and blocks break lines.
            Node::Text(t) => out.push_str(&t.replace(['\n', '\r'], " ")),
            Node::Element(e) => {
                let block = matches!(
                    e.name(),
                    "p" | "div" | "li" | "tr" | "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                );
                if e.name() == "br" {
                    out.push('\n');
                }
                if block {
                    out.push('\n');
                }
                if let Some(child) = ElementRef::wrap(child) {
                    walk(child, out);
                }
                if block {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

/// White space runs become one space, none between two Chinese characters (a page's source
/// breaks lines anywhere).
fn collapse(line: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in line.chars() {
        if c.is_whitespace() || c == '\u{a0}' {
            space = !out.is_empty();
            continue;
        }
        if space && (c.is_ascii() || out.chars().last().is_some_and(|p| p.is_ascii())) {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_expanded_and_marked_merged() {
        let d = read(
            "<title>方案</title><table><tr><th>序号</th><th colspan=2>时间</th></tr>\
             <tr><td rowspan=2>1</td><td>a<br>b</td><td>c</td></tr><tr><td>d</td><td>e</td></tr></table>",
        );
        let t = &d.tables[0];
        let text = t.texts();
        assert_eq!(
            text,
            [
                vec!["序号", "时间", "时间"],
                vec!["1", "a\nb", "c"],
                vec!["1", "d", "e"]
            ]
        );
        assert!(t.rows[0][2].merged && t.rows[2][0].merged && !t.rows[1][0].merged);
        assert_eq!(d.text, "方案\n");
    }

    #[test]
    fn nested_tables_are_cell_text_and_white_space_collapses() {
        let d = read(
            "<table><tr><td>甲\n  乙 <b>x</b> y</td><td><table><tr><td>内</td></tr></table></td></tr></table>",
        );
        assert_eq!(d.tables.len(), 1);
        assert_eq!(d.tables[0].rows[0][0].text, "甲乙 x y");
        assert_eq!(d.tables[0].rows[0][1].text, "内");
    }
}
