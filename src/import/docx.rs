//! Word (and WPS) `.docx`: the zip's `word/document.xml`, streamed with quick-xml.
//! Tables are `w:tbl` / `w:tr` / `w:tc`; a cell spanning columns has `w:gridSpan`, one
//! merged down rows has `w:vMerge` (`restart` on the first, bare on the rest); a cell's
//! paragraphs (`w:p`) are its lines. A table inside a cell counts as that cell's text.
//! Paragraphs outside tables are the document's text. Deleted text (`w:delText`) and field
//! codes (`w:instrText`) are not text.

use std::io::{Cursor, Read as _};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Cell, Document, ReadError, Table};

/// `document.xml` larger than this (unpacked) is not a schedule but a zip bomb.
const MAX_XML: u64 = 256 << 20;
/// Spans beyond this are a broken file.
const MAX_SPAN: usize = 200;

pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let bad = |e: &dyn std::fmt::Display| ReadError::Docx(e.to_string());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let entry = zip.by_name("word/document.xml").map_err(|e| bad(&e))?;
    let mut xml = String::new();
    entry
        .take(MAX_XML)
        .read_to_string(&mut xml)
        .map_err(|e| bad(&e))?;
    parse(&xml).map_err(|e| bad(&e))
}

/// A cell as Word stores it, before merges are expanded.
#[derive(Default)]
struct RawCell {
    text: String,
    span: usize,
    /// `Some(true)`: the first cell of a vertical merge; `Some(false)`: a continuation.
    vmerge: Option<bool>,
}

#[derive(Default)]
struct Building {
    rows: Vec<(usize, Vec<RawCell>)>,
    row: Option<(usize, Vec<RawCell>)>,
    cell: Option<RawCell>,
}

fn val(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(std::borrow::Cow::into_owned)
        })
}

fn parse(xml: &str) -> Result<Document, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut doc = Document::default();
    let mut stack: Vec<Building> = Vec::new();
    let mut paragraph = String::new();
    let mut in_text = false;
    loop {
        let event = reader.read_event()?;
        // Where text goes: the innermost open cell, else the running paragraph.
        let target = |stack: &mut Vec<Building>, paragraph: &mut String, s: &str| match stack
            .last_mut()
            .and_then(|b| b.cell.as_mut())
        {
            Some(c) => c.text.push_str(s),
            None => paragraph.push_str(s),
        };
        match event {
            Event::Eof => break,
            Event::Start(e) => match e.local_name().as_ref() {
                "tbl" => stack.push(Building::default()),
                "tr" => {
                    if let Some(b) = stack.last_mut() {
                        b.row = Some((0, Vec::new()));
                    }
                }
                "tc" => {
                    if let Some(b) = stack.last_mut() {
                        b.cell = Some(RawCell {
                            span: 1,
                            ..RawCell::default()
                        });
                    }
                }
                "t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "gridSpan" => {
                    let n = val(&e).and_then(|v| v.parse().ok()).unwrap_or(1);
                    if let Some(c) = stack.last_mut().and_then(|b| b.cell.as_mut()) {
                        c.span = usize::max(n, 1).min(MAX_SPAN);
                    }
                }
                "gridBefore" => {
                    let n = val(&e).and_then(|v| v.parse().ok()).unwrap_or(0);
                    if let Some((before, _)) = stack.last_mut().and_then(|b| b.row.as_mut()) {
                        *before = usize::min(n, MAX_SPAN);
                    }
                }
                "vMerge" => {
                    let restart = val(&e).is_some_and(|v| v == "restart");
                    if let Some(c) = stack.last_mut().and_then(|b| b.cell.as_mut()) {
                        c.vmerge = Some(restart);
                    }
                }
                "tab" => target(&mut stack, &mut paragraph, " "),
                "br" | "cr" => target(&mut stack, &mut paragraph, "\n"),
                _ => {}
            },
            Event::Text(t) if in_text => {
                target(&mut stack, &mut paragraph, &t.xml10_content());
            }
            Event::GeneralRef(r) if in_text => {
                let s = match r.resolve_char_ref()? {
                    Some(c) => c.to_string(),
                    None => match r.xml10_content().as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        _ => String::new(),
                    },
                };
                target(&mut stack, &mut paragraph, &s);
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    if let Some(c) = stack.last_mut().and_then(|b| b.cell.as_mut()) {
                        c.text.push('\n');
                    } else {
                        let p = std::mem::take(&mut paragraph);
                        if stack.is_empty() && !p.trim().is_empty() {
                            doc.text.push_str(p.trim());
                            doc.text.push('\n');
                        }
                    }
                }
                "tc" => {
                    if let Some(b) = stack.last_mut()
                        && let Some(c) = b.cell.take()
                        && let Some((_, row)) = b.row.as_mut()
                    {
                        row.push(c);
                    }
                }
                "tr" => {
                    if let Some(b) = stack.last_mut()
                        && let Some(row) = b.row.take()
                    {
                        b.rows.push(row);
                    }
                }
                "tbl" => {
                    if let Some(b) = stack.pop() {
                        let table = expand(b.rows);
                        match stack.last_mut().and_then(|b| b.cell.as_mut()) {
                            Some(c) => {
                                for row in &table.rows {
                                    let cells: Vec<&str> = row
                                        .iter()
                                        .filter(|c| !c.merged)
                                        .map(|c| c.text.as_str())
                                        .collect();
                                    c.text.push_str(&cells.join(" "));
                                    c.text.push('\n');
                                }
                            }
                            None => doc.tables.push(table),
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(doc)
}

/// Word's rows to a grid: spans copied right, vertical merges copied down.
fn expand(rows: Vec<(usize, Vec<RawCell>)>) -> Table {
    let mut grid: Vec<Vec<Cell>> = Vec::new();
    for (before, raw) in rows {
        let mut row: Vec<Cell> = vec![Cell::default(); before];
        for c in raw {
            let col = row.len();
            let text = clean(&c.text);
            let cell = if c.vmerge == Some(false) {
                let above = grid.last().and_then(|r| r.get(col)).map(|a| a.text.clone());
                Cell {
                    text: above.unwrap_or_default(),
                    merged: true,
                }
            } else {
                Cell {
                    text,
                    merged: false,
                }
            };
            for k in 0..c.span {
                row.push(Cell {
                    text: cell.text.clone(),
                    merged: cell.merged || k > 0,
                });
            }
        }
        grid.push(row);
    }
    Table {
        rows: grid,
        origin: (0, 0),
    }
}

/// A cell's paragraphs, trimmed, without empty ones.
fn clean(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:document xmlns:w="w"><w:body>
<w:p><w:r><w:t>工作方案</w:t></w:r></w:p>
<w:tbl>
 <w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>时间</w:t></w:r></w:p></w:tc></w:tr>
 <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p><w:p><w:r><w:t>b &amp; c</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:delText>gone</w:delText><w:t>x</w:t></w:r></w:p></w:tc></w:tr>
 <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>d</w:t><w:br/><w:t>e</w:t></w:r></w:p></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr>
</w:tbl>
</w:body></w:document>"#;

    #[test]
    fn spans_merges_paragraphs_and_nested_tables() {
        let d = parse(XML).unwrap();
        assert_eq!(d.text, "工作方案\n");
        assert_eq!(d.tables.len(), 1);
        let t = &d.tables[0];
        let text = t.texts();
        assert_eq!(
            text,
            [
                vec!["序号", "时间", "时间"],
                vec!["1", "a\nb & c", "x"],
                vec!["1", "d\ne", "内"]
            ]
        );
        assert!(t.rows[0][2].merged && t.rows[2][0].merged && !t.rows[1][0].merged);
    }

    #[test]
    fn a_file_that_is_not_a_zip_is_an_error_with_a_way_out() {
        assert!(matches!(read(b"not a zip"), Err(ReadError::Docx(_))));
    }
}
