//! `chunjiang import`: from the schedule table of a document to a plan draft.
//!
//! Each format has its own reader (one file each) that turns the document into the same
//! [`Document`]: its tables as grids with merged cells expanded, plus its running text
//! (for the title and the year). Then [`detect`] finds the schedule table by its header
//! words, [`draft`] turns its rows into a plan draft, and [`mod@write`] prints that draft as
//! commented TOML. Pure: bytes in, text out; `commands::import` reads and writes files.

mod delimited;
pub mod detect;
mod docx;
pub mod draft;
mod html;
mod md;
mod ods;
mod sheet;
mod text;
mod txt;
pub mod write;

use std::fmt;

/// One cell of a grid. A cell merged over several rows or columns appears in each of
/// them, with `merged` set on every copy but the first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub merged: bool,
}

impl Cell {
    #[must_use]
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            merged: false,
        }
    }
}

/// A table as a grid: every row has its cells in column order; merges are expanded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
    /// Rows and columns before the table's first cell where the user sees it: on a sheet,
    /// the table may start at row 8 or column B; 0 for a document's own tables.
    pub origin: (usize, usize),
}

impl Table {
    /// A table from plain rows of text (no merges).
    #[must_use]
    pub fn from_rows(rows: Vec<Vec<String>>) -> Table {
        Table {
            rows: rows
                .into_iter()
                .map(|r| r.into_iter().map(Cell::new).collect())
                .collect(),
            origin: (0, 0),
        }
    }

    /// The cells' text, row by row (for tests and listings).
    #[must_use]
    pub fn texts(&self) -> Vec<Vec<&str>> {
        self.rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }
}

/// What every reader gives: the tables in document order and the text around them.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub tables: Vec<Table>,
    /// The document's running text (paragraphs outside tables), for its title and year.
    pub text: String,
}

/// The formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Sheet,
    Html,
    Csv,
    Tsv,
    Md,
    Txt,
}

/// Why a file could not be read as a document: data, worded in both languages by the
/// message catalogue (`Kind::ImportUnreadable`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// An old binary Word/WPS file (`.doc`, `.wps`).
    OldWord,
    /// Not a readable `.docx`: the zip or XML library's words.
    Docx(String),
    /// Not a readable spreadsheet: calamine's words.
    Sheet(String),
    /// Not text in UTF-8, UTF-16 (with its BOM) or GBK.
    Text,
    /// A CSV/TSV row (1-based) the csv crate cannot read, and its words.
    Csv(usize, String),
}

/// English, for logs and tests; people get the catalogue's words.
impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::OldWord => f.write_str("an old binary Word/WPS file"),
            ReadError::Docx(e) => write!(f, "not a readable .docx file ({e})"),
            ReadError::Sheet(e) => write!(f, "not a readable spreadsheet ({e})"),
            ReadError::Text => f.write_str("not UTF-8, UTF-16 or GBK text"),
            ReadError::Csv(row, e) => write!(f, "row {row} cannot be read as CSV ({e})"),
        }
    }
}

impl std::error::Error for ReadError {}

/// The old binary Office formats start with the OLE compound-file signature.
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Picks the format from the file name's extension, and from the content when the
/// extension says nothing (or is missing). `.doc`/`.wps` and other OLE files that are not
/// `.xls` are refused with a way out.
pub fn format_of(name: &str, bytes: &[u8]) -> Result<Format, ReadError> {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let by_ext = match ext.as_str() {
        "doc" | "wps" | "dot" | "wpt" => return Err(ReadError::OldWord),
        "docx" | "docm" => Some(Format::Docx),
        "xlsx" | "xlsm" | "xls" | "ods" | "et" => Some(Format::Sheet),
        "html" | "htm" | "xhtml" | "mht" => Some(Format::Html),
        "csv" => Some(Format::Csv),
        "tsv" | "tab" => Some(Format::Tsv),
        "md" | "markdown" => Some(Format::Md),
        "txt" | "text" => Some(Format::Txt),
        _ => None,
    };
    if bytes.starts_with(OLE_MAGIC) && by_ext != Some(Format::Sheet) {
        return Err(ReadError::OldWord);
    }
    if let Some(f) = by_ext {
        return Ok(f);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // A zip: a Word document has word/document.xml; anything else is tried as a sheet.
        let marker: &[u8] = b"word/";
        return Ok(if bytes.windows(marker.len()).any(|w| w == marker) {
            Format::Docx
        } else {
            Format::Sheet
        });
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
    Ok(if head.contains("<table") || head.contains("<html") {
        Format::Html
    } else if head.lines().any(|l| l.trim_start().starts_with('|')) {
        Format::Md
    } else if head.lines().any(|l| l.starts_with('\t')) {
        Format::Txt
    } else if head.lines().next().is_some_and(|l| l.contains('\t')) {
        Format::Tsv
    } else {
        Format::Csv
    })
}

/// Reads a document of the given format.
pub fn read(format: Format, bytes: &[u8]) -> Result<Document, ReadError> {
    match format {
        Format::Docx => docx::read(bytes),
        Format::Sheet => sheet::read(bytes),
        Format::Html => Ok(html::read(&text::decode(bytes)?)),
        Format::Csv => delimited::read(&text::decode(bytes)?, None),
        Format::Tsv => delimited::read(&text::decode(bytes)?, Some(b'\t')),
        Format::Md => Ok(md::read(&text::decode(bytes)?)),
        Format::Txt => Ok(txt::read(&text::decode(bytes)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_word_files_are_refused_by_extension_and_by_magic() {
        assert!(format_of("方案.doc", b"anything").is_err());
        assert!(format_of("方案.wps", b"").is_err());
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend_from_slice(b"rest");
        assert_eq!(format_of("方案", &ole), Err(ReadError::OldWord));
        assert!(format_of("方案.docx", &ole).is_err());
        // An .xls is an OLE file too, and calamine reads it.
        assert_eq!(format_of("表.xls", &ole), Ok(Format::Sheet));
    }

    #[test]
    fn content_decides_when_the_extension_does_not() {
        assert_eq!(format_of("x", b"<html><table>"), Ok(Format::Html));
        assert_eq!(format_of("x", b"| a | b |\n|---|---|"), Ok(Format::Md));
        assert_eq!(format_of("x", b"title\n\n\t1\n\t2\n"), Ok(Format::Txt));
        assert_eq!(format_of("x", b"a,b\n1,2\n"), Ok(Format::Csv));
        assert_eq!(format_of("x.TXT", b"a,b"), Ok(Format::Txt));
    }
}
