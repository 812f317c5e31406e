//! Spreadsheets (`.xlsx`, `.xls`, `.ods`) through calamine: merged regions copied into
//! every cell they cover. Numbers are written as a person typed them (`1`, not
//! `1.0`); date cells as ISO days, which the date grammar reads.
//! `.ods` merges are read from its `content.xml` ([`super::ods`]), as calamine does not
//! report them. A sheet holding several tables is cut by [`detect::split_sheet`].

use std::io::Cursor;

use calamine::{Data, DataType as _, Dimensions, Reader as _, Sheets};

use super::{Cell, Document, ReadError, detect, ods};

pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let bad = |e: &dyn std::fmt::Display| ReadError::Sheet(e.to_string());
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let mut doc = Document::default();
    let ods = matches!(book, Sheets::Ods(_)).then(|| ods::merges(bytes));
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| bad(&e))?;
        let dims = |d: Vec<Dimensions>| d.into_iter().map(|m| (m.start, m.end)).collect();
        let merges: Vec<ods::Region> = match &mut book {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).ok().map(dims),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).ok().map(dims),
            _ => ods.as_ref().and_then(|o| {
                o.iter()
                    .find(|(sheet, _)| *sheet == name)
                    .map(|(_, m)| m.clone())
            }),
        }
        .unwrap_or_default();
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Cell>> = range
            .rows()
            .map(|r| r.iter().map(|d| Cell::new(text(d))).collect())
            .collect();
        for m in merges {
            let at = |(r, c): (u32, u32)| {
                Some((
                    (r.checked_sub(top)?) as usize,
                    (c.checked_sub(left)?) as usize,
                ))
            };
            let (Some((r0, c0)), Some((r1, c1))) = (at(m.0), at(m.1)) else {
                continue;
            };
            let Some(value) = rows.get(r0).and_then(|r| r.get(c0)).map(|c| c.text.clone()) else {
                continue;
            };
            for (r, row) in rows.iter_mut().enumerate().take(r1 + 1).skip(r0) {
                for (c, cell) in row.iter_mut().enumerate().take(c1 + 1).skip(c0) {
                    if (r, c) != (r0, c0) {
                        *cell = Cell {
                            text: value.clone(),
                            merged: true,
                        };
                    }
                }
            }
        }
        detect::split_sheet(rows, (top as usize, left as usize), &mut doc);
    }
    Ok(doc)
}

fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(_) | Data::DateTimeIso(_) => d
            .as_date()
            .map_or_else(|| d.to_string(), |day| day.to_string()),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_typed() {
        assert_eq!(text(&Data::Float(3.0)), "3");
        assert_eq!(text(&Data::Float(1.5)), "1.5");
        assert_eq!(text(&Data::String(" 序号 ".into())), "序号");
        assert_eq!(text(&Data::Empty), "");
    }

    #[test]
    fn a_file_that_is_not_a_spreadsheet_is_an_error_with_a_way_out() {
        assert!(matches!(
            read(b"PK\x03\x04 not really"),
            Err(ReadError::Sheet(_))
        ));
    }
}
