//! The 周报 as a Word document (`docx-rs`): the plan's title and unit, the week and its
//! dates, the totals line, and a table for each section of the weekly report, on A4 with
//! margins as offices print them. Body text in 宋体 (`SimSun`), headings in 黑体 (`SimHei`),
//! Latin text in Times New Roman; the font table names each Chinese font with its
//! Windows name as the alternative, its GB2312 character set and its PANOSE class, so Word
//! and WPS pick the same face or its nearest match, and `LibreOffice` falls back through
//! fontconfig to a CJK serif (Noto Serif CJK SC) where 宋体 is missing. Pure: a
//! [`Report`] in, the file's bytes out.

use std::io::Cursor;

use chrono::{DateTime, Utc};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Shading, Table,
    TableCell, TableLayoutType, TableRow, WidthType,
};

use super::weekly::{Report, Row, Section, numbered};
use crate::state::State;

/// A4 in twentieths of a point, and 2.5 cm margins: 9,070 twips of text width.
const PAGE_W: u32 = 11_906;
const PAGE_H: u32 = 16_838;
const MARGIN: i32 = 1_418;
const TEXT_W: usize = 9_070;
/// Column shares of the six-column item tables: id, item, owners, due, state/date, remark.
const SHARES: [usize; 6] = [8, 26, 17, 8, 12, 29];

const BODY_FONT: &str = "宋体";
const HEADING_FONT: &str = "黑体";
const LATIN_FONT: &str = "Times New Roman";

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .ascii(LATIN_FONT)
        .hi_ansi(LATIN_FONT)
        .cs(LATIN_FONT)
        .east_asia(east_asia)
}

/// A run of text in the body font at `size` half-points.
fn run(text: &str, size: usize) -> Run {
    Run::new().add_text(text).size(size).fonts(fonts(BODY_FONT))
}

fn heading(text: &str, size: usize) -> Paragraph {
    Paragraph::new()
        .add_run(
            Run::new()
                .add_text(text)
                .size(size)
                .bold()
                .fonts(fonts(HEADING_FONT)),
        )
        .line_spacing(LineSpacing::new().before(240).after(120))
        .keep_next(true)
}

fn centered(text: &str, size: usize) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, size))
        .align(AlignmentType::Center)
}

/// A cell: one paragraph per line of its text, 10.5 pt (五号), as tables in documents are.
fn cell(text: &str, width: usize, header: bool, state: Option<State>) -> TableCell {
    let mut c = TableCell::new().width(width, WidthType::Dxa);
    for line in text.split('\n') {
        let mut r = run(line, 21);
        if header {
            r = r.bold().fonts(fonts(HEADING_FONT));
        }
        match state {
            Some(State::Overdue) => r = r.color("9C0006"),
            Some(State::Done) => r = r.color("595959"),
            _ => {}
        }
        c = c.add_paragraph(Paragraph::new().add_run(r));
    }
    if header {
        c = c.shading(Shading::new().fill("D9D9D9"));
    }
    c
}

fn table(section: &Section) -> Table {
    let widths: Vec<usize> = {
        let total: usize = SHARES.iter().sum();
        SHARES.iter().map(|s| TEXT_W * s / total).collect()
    };
    let width = |i: usize| widths.get(i).copied().unwrap_or(TEXT_W / 6);
    let header = TableRow::new(
        section
            .table
            .header
            .iter()
            .enumerate()
            .map(|(i, h)| cell(h, width(i), true, None))
            .collect(),
    )
    .cant_split();
    let rows = section.table.rows.iter().map(|Row { state, cells }| {
        TableRow::new(
            cells
                .iter()
                .enumerate()
                .map(|(i, c)| cell(c, width(i), false, Some(*state)))
                .collect(),
        )
        .cant_split()
    });
    Table::new(std::iter::once(header).chain(rows).collect())
        .set_grid(widths.clone())
        .width(TEXT_W, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// The font table: the three faces the document names, each with what a reader needs
/// to substitute it. Written out because `docx-rs` has no setter for it; no user text.
const FONT_TABLE: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"</w:fonts>"#
);

/// The document's bytes. `now` is its creation time in the document properties.
pub fn render(r: &Report, now: DateTime<Utc>) -> Result<Vec<u8>, docx_rs::DocxError> {
    let stamp = now.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut doc = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(PageMargin {
            top: MARGIN,
            left: MARGIN,
            bottom: MARGIN,
            right: MARGIN,
            header: 851,
            footer: 992,
            gutter: 0,
        })
        .default_fonts(fonts(BODY_FONT))
        .default_size(24)
        .created_at(&stamp)
        .updated_at(&stamp)
        .add_paragraph(
            heading(&r.title, 36)
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().after(120)),
        )
        .add_paragraph(centered(&r.heading, 28));
    if let Some(org) = &r.org {
        doc = doc.add_paragraph(centered(org, 24));
    }
    doc = doc
        .add_paragraph(centered(&r.dates, 24))
        .add_paragraph(
            Paragraph::new()
                .add_run(run(&r.meta, 21))
                .align(AlignmentType::Right),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(run(&r.totals, 24).bold())
                .line_spacing(LineSpacing::new().before(120).after(120)),
        );
    for (n, section) in r.sections.iter().enumerate() {
        doc = doc.add_paragraph(heading(&numbered(n, &section.heading, r.lang), 28));
        if !section.note.is_empty() {
            doc = doc.add_paragraph(Paragraph::new().add_run(run(&section.note, 21)));
        }
        doc = if section.table.rows.is_empty() {
            doc.add_paragraph(Paragraph::new().add_run(run(r.none, 24)))
        } else {
            doc.add_table(table(section))
        };
    }
    let mut xml = doc.build();
    xml.font_table = FONT_TABLE.as_bytes().to_vec();
    let mut buf = Cursor::new(Vec::new());
    xml.pack(&mut buf)?;
    Ok(buf.into_inner())
}
