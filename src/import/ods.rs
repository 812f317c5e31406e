//! The merged cells of an `.ods` (`OpenDocument` spreadsheet), which calamine reads but
//! does not report merges for: `content.xml` streamed with quick-xml. A merged cell is a
//! `table:table-cell` with `table:number-columns-spanned` / `table:number-rows-spanned`;
//! positions count `table:number-columns-repeated` and `table:number-rows-repeated`, as
//! the sheet's own row and column numbers do.

use std::io::{Cursor, Read as _};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// `content.xml` larger than this (unpacked) is not a schedule but a zip bomb.
const MAX_XML: u64 = 256 << 20;

/// A merged region: first and last (row, column), 0-based, both included.
pub type Region = ((u32, u32), (u32, u32));

/// Each sheet's name and merged regions. A file whose `content.xml` cannot be read gives
/// none: calamine reports what is wrong with it.
#[must_use]
pub fn merges(bytes: &[u8]) -> Vec<(String, Vec<Region>)> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let Ok(entry) = zip.by_name("content.xml") else {
        return Vec::new();
    };
    let mut xml = String::new();
    if entry.take(MAX_XML).read_to_string(&mut xml).is_err() {
        return Vec::new();
    }
    parse(&xml)
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(std::borrow::Cow::into_owned)
        })
}

/// A count attribute (`…-repeated`, `…-spanned`): 1 when absent or unreadable.
fn count(e: &BytesStart, name: &str) -> u32 {
    attr(e, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1)
}

fn parse(xml: &str) -> Vec<(String, Vec<Region>)> {
    let mut reader = Reader::from_str(xml);
    let mut sheets: Vec<(String, Vec<Region>)> = Vec::new();
    // Depth of `table:table`: a table inside a cell (rare) is that cell's content.
    let mut depth = 0usize;
    let (mut row, mut col, mut row_repeat) = (0u32, 0u32, 1u32);
    loop {
        let (e, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    "table:table" => depth = depth.saturating_sub(1),
                    "table:table-row" if depth == 1 => {
                        row = row.saturating_add(row_repeat);
                    }
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        match e.name().as_ref() {
            "table:table" if !empty => {
                depth += 1;
                if depth == 1 {
                    sheets.push((attr(&e, "table:name").unwrap_or_default(), Vec::new()));
                    row = 0;
                }
            }
            "table:table-row" if depth == 1 => {
                col = 0;
                row_repeat = count(&e, "table:number-rows-repeated");
                if empty {
                    row = row.saturating_add(row_repeat);
                }
            }
            "table:table-cell" | "table:covered-table-cell" if depth == 1 => {
                let cols = count(&e, "table:number-columns-spanned");
                let rows = count(&e, "table:number-rows-spanned");
                if (cols > 1 || rows > 1)
                    && let Some((_, regions)) = sheets.last_mut()
                {
                    regions.push((
                        (row, col),
                        (row.saturating_add(rows - 1), col.saturating_add(cols - 1)),
                    ));
                }
                col = col.saturating_add(count(&e, "table:number-columns-repeated"));
            }
            _ => {}
        }
    }
    sheets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_placed_counting_repeated_rows_and_columns() {
        let xml = r#"<office:document-content><office:body><office:spreadsheet>
            <table:table table:name="计划">
              <table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>
              <table:table-row>
                <table:table-cell table:number-columns-repeated="3"/>
                <table:table-cell table:number-rows-spanned="2" table:number-columns-spanned="2"><text:p>6月26</text:p></table:table-cell>
                <table:covered-table-cell/>
              </table:table-row>
              <table:table-row><table:covered-table-cell table:number-columns-repeated="5"/></table:table-row>
            </table:table>
            <table:table table:name="二"><table:table-row><table:table-cell/></table:table-row></table:table>
            </office:spreadsheet></office:body></office:document-content>"#;
        assert_eq!(
            parse(xml),
            vec![
                ("计划".to_string(), vec![((2, 3), (3, 4))]),
                ("二".to_string(), vec![])
            ]
        );
    }

    #[test]
    fn a_broken_file_has_no_merges() {
        assert!(merges(b"PK\x03\x04 broken").is_empty());
        assert!(parse("<table:table table:name=\"x\"><table:table-row>").len() == 1);
    }
}
