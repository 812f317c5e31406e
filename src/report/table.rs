//! Tables of plan items for a terminal: CJK-aware wrapping, an ASCII fallback, marked rows.
//!
//! **Pure**: values in, `String` out. Nothing here detects a terminal, reads the environment
//! or writes to stdout; the terminal width, whether to colour and whether to stay in ASCII all
//! arrive through [`Style`]. (One caveat outside our control: colour codes are produced by
//! comfy-table's backend, crossterm, which leaves out *colours* — not bold or dim — when the
//! process has `NO_COLOR` set. Callers should honour `NO_COLOR` themselves by passing
//! `color: false`; then the two agree.)
//!
//! # How a table is laid out
//!
//! 1. Every header and cell goes through [`escape_control`], then (ASCII style) [`asciify`].
//! 2. Column widths are computed here, not by comfy-table: each column starts at its natural
//!    width (widest line). If the table with borders (`3 × columns + 1`) would exceed
//!    [`Style::width`], wrappable columns are shrunk widest first (a water level) down to a
//!    floor: for [`Wrap::Text`] `min(natural, 10)`, for [`Wrap::Names`] the widest single name;
//!    never below the widest unbreakable word of the header. [`Wrap::Never`] columns keep their
//!    natural width. If even the floors do not fit, the table is wider than asked.
//! 3. Every cell is pre-wrapped with [`wrap_cjk`] and handed to comfy-table with
//!    [`ContentArrangement::Disabled`], so comfy-table never wraps on its own and every
//!    line of the result has the same display width.
//! 4. Colour (only with [`Style::color`]): the header is bold; a row is styled whole by its
//!    [`Mark`] — `Alert` red and bold, `Warn` yellow, `Muted` dim, `Strong` bold.
//! 5. Tables whose rows span several lines get separators between rows, so a wrapped title
//!    cannot be mistaken for two items; single-line tables stay condensed.
//!
//! No column is ever wider than 4096 cells; longer unbreakable content is cut at that width
//! (comfy-table counts widths in `u16`).
//!
//! # Wrapping ([`Wrap::Text`])
//!
//! A line may break after a run of spaces (the spaces are dropped), or between two characters
//! when at least one of them is wide (CJK ideographs, kana, hangul, fullwidth punctuation) —
//! so Latin words and numbers stay whole while Chinese breaks anywhere. Never before a
//! zero-width character (combining marks, variation selectors, joiners) or after a zero-width
//! joiner. A space-delimited token of at most four CJK characters (`with 李明 before`) is not
//! broken inside, so a name in mixed text stays whole. The Chinese line-breaking rule (禁则)
//! applies to every break: no line starts with a character of [`NO_LINE_START`] (`。，、；：？！）》」』】〕”’…—·` and friends, plus ASCII
//! `.,;:!?)]}%-` and quotes) and no line ends with one of [`NO_LINE_END`] (`（《「『【〔“‘` and
//! ASCII `([{` and quotes). ASCII `"` and `'` are in both sets, so after [`asciify`] a quote
//! sticks to its neighbours whichever way it faces.
//!
//! When a 禁则 character would land at a line start, the character before it moves down with it
//! (the "push out" choice, 追い出し): lines never get wider than the width to keep 禁则. Only
//! when one unbreakable run is wider than a whole line is it cut, at the last point that
//! respects 禁则 if there is one, else at the width.
//!
//! [`Wrap::Names`] breaks only after a separator (`、`, `，`, `,`, `；`, `;`, and any spaces
//! after it); a single name wider than the line is left whole and overflows.

use std::fmt::Write as _;

use comfy_table::{
    Attribute, Cell, CellAlignment, Color, ContentArrangement, LineStyle, Row, Table, TableStyle,
    presets,
};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How a column's cells may be wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    /// Free text: may wrap, CJK-aware (see the module docs).
    Text,
    /// A list of names (`唐健、韩海英`, `a, b`): breaks only between names.
    Names,
    /// Never wrapped (ids, dates, numbers).
    Never,
}

/// One column of a table.
#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub wrap: Wrap,
    /// Right-align the column (numbers); the header follows.
    pub right: bool,
    /// Shrunk before the other columns, to a lower floor (remarks give way to titles).
    pub first_to_shrink: bool,
    /// Shorter forms of each cell, used in turn when the table is too wide (a date
    /// without its weekday, then without its year), before any title is wrapped.
    pub compact: &'static [fn(&str) -> String],
}

impl Column {
    /// A left-aligned column.
    #[must_use]
    pub fn new(header: impl Into<String>, wrap: Wrap) -> Column {
        Column {
            header: header.into(),
            wrap,
            right: false,
            first_to_shrink: false,
            compact: &[],
        }
    }

    /// A column of days as [`crate::report::Out::day`] writes them (`2014-06-20 周五`),
    /// which drop the weekday, then the year, when the table is too wide.
    #[must_use]
    pub fn day(header: impl Into<String>) -> Column {
        Column {
            compact: &[
                |cell| cell.split(' ').next().unwrap_or(cell).to_string(),
                |cell| match cell.split_once('-') {
                    Some((year, rest)) if year.len() == 4 && rest.len() == 5 => rest.to_string(),
                    _ => cell.to_string(),
                },
            ],
            ..Column::new(header, Wrap::Never)
        }
    }

    /// This column gives way before the others (remarks, owners: not titles).
    #[must_use]
    pub fn gives_way(self) -> Column {
        Column {
            first_to_shrink: true,
            ..self
        }
    }

    /// A right-aligned column that never wraps: numbers.
    #[must_use]
    pub fn number(header: impl Into<String>) -> Column {
        Column {
            right: true,
            ..Column::new(header, Wrap::Never)
        }
    }
}

/// How a row should stand out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// Overdue: red (and bold, so it still stands out where colours are off).
    Alert,
    /// Due today: yellow.
    Warn,
    /// Done: dim.
    Muted,
    /// Bold, e.g. totals.
    Strong,
}

/// Rendering options, all decided by the caller.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// ASCII borders, and ambiguous-width punctuation replaced (see [`asciify`]).
    pub ascii: bool,
    /// Emit ANSI styling for marked rows and the header.
    pub color: bool,
    /// Terminal width in cells; `None` = unlimited.
    pub width: Option<usize>,
}

/// Characters that may not start a line (行首禁则).
pub const NO_LINE_START: &str = "。．，、；：？！）］｝〕〗〙〛〉》」』】〞〟”’…‥—–―·・‧％‰～\
                                 .,;:!?)]}%-~\"'";
/// Characters that may not end a line (行尾禁则).
pub const NO_LINE_END: &str = "（［｛〔〖〘〚〈《「『【〝“‘·・([{\"'";

/// Separators between names in a [`Wrap::Names`] cell.
const NAME_SEPARATORS: &[char] = &['、', '，', ',', '；', ';'];
/// The floor a [`Wrap::Text`] column may be shrunk to (five CJK characters).
const TEXT_MIN_WIDTH: usize = 10;
/// The floor of a column shrunk first ([`Column::first_to_shrink`]): three CJK characters.
const FIRST_MIN_WIDTH: usize = 6;
/// How narrow titles get before remarks, owners and dates give way: twelve CJK characters.
const TITLE_COMFORT: usize = 24;
/// No column is wider than this, whatever the content (comfy-table measures in `u16`).
const MAX_COLUMN_WIDTH: usize = 4096;
/// Space-delimited tokens up to this width are never broken inside (four CJK characters).
const SHORT_WORD: usize = 8;
const ZWJ: char = '\u{200D}';

/// Display width in terminal cells (unicode-width), the maximum over `\n`-separated lines.
#[must_use]
pub fn display_width(s: &str) -> usize {
    s.split('\n').map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// Replaces punctuation that terminals disagree about (East Asian "ambiguous" width, drawn
/// one or two cells wide depending on the font) with ASCII: `“”„「」『』` → `"`, `‘’` → `'`,
/// `…` → `...`, `·・•` → `.`, `—–―` → `-`, `①` → `(1)`, `Ⅱ` → `II`, arrows, `×` → `x`,
/// box-drawing lines → `-`/`|`. Letters (Greek, Cyrillic) and wide CJK punctuation such as
/// `。，《》` are kept: they are unambiguous or meaningful.
#[must_use]
pub fn asciify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '①'..='⑳' => {
                let n = u32::from(c) - u32::from('①') + 1;
                let _ = write!(out, "({n})");
            }
            'Ⅰ'..='Ⅻ' => {
                const ROMAN: [&str; 12] = [
                    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
                ];
                let index = (u32::from(c) - u32::from('Ⅰ')) as usize;
                out.push_str(ROMAN.get(index).copied().unwrap_or("?"));
            }
            _ => match ascii_replacement(c) {
                Some(r) => out.push_str(r),
                None => out.push(c),
            },
        }
    }
    out
}

fn ascii_replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '“' | '”' | '„' | '‟' | '「' | '」' | '『' | '』' | '〝' | '〞' | '〟' | '＂' | '″' => {
            "\""
        }
        '‘' | '’' | '‚' | '‛' | '′' | '＇' => "'",
        '…' => "...",
        '‥' => "..",
        '·' | '・' | '‧' | '•' | '∙' => ".",
        '—' | '–' | '―' | '‐' | '‑' | '‒' | '−' | '─' | '━' | '┄' | '╌' => {
            "-"
        }
        '│' | '┃' | '┆' | '║' => "|",
        '×' => "x",
        '÷' => "/",
        '±' => "+/-",
        '※' | '★' | '☆' => "*",
        '→' => "->",
        '←' => "<-",
        '↑' => "^",
        '↓' => "v",
        '⇒' => "=>",
        _ => return None,
    })
}

pub use crate::text::escape_control;

/// Wraps `s` into lines of display width at most `width` (see the module docs for the rules).
///
/// A `\n` in `s` is a forced break. Always returns at least one line. Lines may exceed `width`
/// only where nothing narrower exists: a single name wider than `width` ([`Wrap::Names`]), a
/// single character (with its combining marks) wider than `width` ([`Wrap::Text`]), or any line
/// of [`Wrap::Never`], which returns the lines of `s` untouched.
#[must_use]
pub fn wrap_cjk(s: &str, width: usize, wrap: Wrap) -> Vec<String> {
    let mut out = Vec::new();
    for paragraph in s.split('\n') {
        match wrap {
            Wrap::Never => out.push(paragraph.to_string()),
            Wrap::Text => fill(&text_units(paragraph), width, true, &mut out),
            Wrap::Names => fill(&name_units(paragraph), width, false, &mut out),
        }
    }
    out
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

fn is_wide(c: char) -> bool {
    c.width().unwrap_or(0) >= 2
}

/// Characters that belong to the character before them: never break before them.
fn attaches(c: char) -> bool {
    c.width() == Some(0) || ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

fn trim_spaces(s: &str) -> &str {
    s.trim_end_matches(is_space)
}

/// Whether 禁则 allows a break between `before` and `after`.
fn kinsoku_allows(before: Option<char>, after: Option<char>) -> bool {
    !after.is_some_and(|c| NO_LINE_START.contains(c))
        && !before.is_some_and(|c| NO_LINE_END.contains(c))
}

fn can_break_text(before: char, after: char) -> bool {
    if attaches(after) || before == ZWJ || is_space(after) {
        return false;
    }
    kinsoku_allows(Some(before), Some(after))
        && (is_space(before) || is_wide(before) || is_wide(after))
}

/// Splits free text into the pieces between break opportunities. A space-delimited token no
/// wider than [`SHORT_WORD`] is kept whole even if it is CJK (`with 李明 before`).
fn text_units(s: &str) -> Vec<&str> {
    let mut units = Vec::new();
    let mut start = 0;
    let mut before: Option<char> = None;
    let mut short_token: Option<(usize, usize)> = None;
    for (i, c) in s.char_indices() {
        if !is_space(c) && before.is_none_or(is_space) {
            let end = s[i..].find(is_space).map_or(s.len(), |e| i + e);
            short_token = (s[i..end].width() <= SHORT_WORD).then_some((i, end));
        }
        let inside = short_token.is_some_and(|(a, b)| a < i && i < b);
        if !inside && before.is_some_and(|b| can_break_text(b, c)) {
            units.push(&s[start..i]);
            start = i;
        }
        before = Some(c);
    }
    units.push(&s[start..]);
    units
}

/// Splits a list of names into `name + separator + spaces` pieces.
fn name_units(s: &str) -> Vec<&str> {
    let mut units = Vec::new();
    let mut start = 0;
    let mut after_separator = false;
    for (i, c) in s.char_indices() {
        if NAME_SEPARATORS.contains(&c) {
            after_separator = true;
        } else if !is_space(c) && !attaches(c) {
            if after_separator {
                units.push(&s[start..i]);
                start = i;
            }
            after_separator = false;
        }
    }
    units.push(&s[start..]);
    units
}

/// Greedy line filling over unbreakable units; `split_long` cuts units wider than a line.
fn fill(units: &[&str], width: usize, split_long: bool, out: &mut Vec<String>) {
    let first = out.len();
    let mut line = String::new();
    let mut line_width = 0;
    for &unit in units {
        let trimmed_width = trim_spaces(unit).width();
        if !line.is_empty() && line_width + trimmed_width > width {
            let done = trim_spaces(&line);
            if !done.is_empty() {
                out.push(done.to_string());
            }
            line.clear();
            line_width = 0;
        }
        if line.is_empty() && split_long && trimmed_width > width {
            let rest = hard_split(unit, width, out);
            line.push_str(rest);
            line_width = rest.width();
        } else {
            line.push_str(unit);
            line_width += unit.width();
        }
    }
    let last = trim_spaces(&line);
    if !last.is_empty() || out.len() == first {
        out.push(last.to_string());
    }
}

/// Byte ranges of clusters: a character with the zero-width characters after it (and the
/// character after a zero-width joiner). Never cut inside one.
fn clusters(s: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut before = None;
    for (i, c) in s.char_indices() {
        let end = i + c.len_utf8();
        let joins = before == Some(ZWJ) || attaches(c);
        match out.last_mut() {
            Some(last) if joins => last.1 = end,
            _ => out.push((i, end)),
        }
        before = Some(c);
    }
    out
}

/// Cuts `s` into lines of at most `width` (a cluster wider than `width` gets a line of its
/// own), pushing all but the last piece to `out`; returns the last piece.
fn hard_split<'a>(s: &'a str, width: usize, out: &mut Vec<String>) -> &'a str {
    let cl = clusters(s);
    let n = cl.len();
    let start = |k: usize| cl.get(k).map_or(s.len(), |&(a, _)| a);
    let widths: Vec<usize> = cl.iter().map(|&(a, b)| s[a..b].width()).collect();
    // blank_tail[k]: clusters k.. are only spaces (they may hang past the width).
    let mut blank_tail = vec![true; n + 1];
    for k in (0..n).rev() {
        let (a, b) = cl[k];
        blank_tail[k] = blank_tail[k + 1] && s[a..b].chars().all(is_space);
    }
    let ok_at = |k: usize| {
        let at = start(k);
        kinsoku_allows(s[..at].chars().next_back(), s[at..].chars().next())
    };
    let mut line_start = 0;
    loop {
        let mut used = 0;
        let mut k = line_start;
        while k < n && used + widths[k] <= width {
            used += widths[k];
            k += 1;
        }
        if k == line_start {
            k += 1;
        }
        if k >= n || blank_tail[k] {
            return &s[start(line_start)..];
        }
        let mut cut = k;
        while cut > line_start + 1 && !ok_at(cut) {
            cut -= 1;
        }
        if !ok_at(cut) {
            cut = k;
        }
        out.push(trim_spaces(&s[start(line_start)..start(cut)]).to_string());
        line_start = cut;
    }
}

/// Wraps a cell for a column of the given width, never beyond [`MAX_COLUMN_WIDTH`].
fn wrap_cell(text: &str, width: usize, wrap: Wrap) -> Vec<String> {
    let mut lines = Vec::new();
    for line in wrap_cjk(text, width, wrap) {
        if line.width() > MAX_COLUMN_WIDTH {
            let rest = hard_split(&line, MAX_COLUMN_WIDTH, &mut lines);
            lines.push(trim_spaces(rest).to_string());
        } else {
            lines.push(line);
        }
    }
    lines
}

/// Headers of wrappable columns wrap as text; a `Never` column's header stays whole.
fn header_wrap(wrap: Wrap) -> Wrap {
    match wrap {
        Wrap::Never => Wrap::Never,
        Wrap::Text | Wrap::Names => Wrap::Text,
    }
}

fn widest_unit(units: &[&str]) -> usize {
    units
        .iter()
        .map(|u| trim_spaces(u).width())
        .max()
        .unwrap_or(0)
}

/// Natural widths and floors of each column (content widths, without padding or borders).
fn natural_and_floor(
    columns: &[Column],
    headers: &[String],
    body: &[Vec<String>],
) -> (Vec<usize>, Vec<usize>) {
    let mut naturals = Vec::with_capacity(columns.len());
    let mut floors = Vec::with_capacity(columns.len());
    for (i, (column, header)) in columns.iter().zip(headers).enumerate() {
        let cells = || body.iter().filter_map(move |row| row.get(i));
        let natural = cells()
            .map(|c| display_width(c))
            .chain([display_width(header)])
            .max()
            .unwrap_or(0)
            .clamp(1, MAX_COLUMN_WIDTH);
        let header_floor = widest_unit(&text_units(header));
        let floor = match column.wrap {
            Wrap::Never => natural,
            Wrap::Text => {
                let widest_cluster = cells()
                    .flat_map(|c| clusters(c).into_iter().map(move |(a, b)| c[a..b].width()))
                    .max()
                    .unwrap_or(0);
                let min = if column.first_to_shrink {
                    FIRST_MIN_WIDTH
                } else {
                    TEXT_MIN_WIDTH
                };
                natural.min(min).max(widest_cluster).max(header_floor)
            }
            Wrap::Names => cells()
                .map(|c| widest_unit(&name_units(c)))
                .max()
                .unwrap_or(0)
                .max(header_floor),
        };
        naturals.push(natural);
        floors.push(floor.clamp(1, natural));
    }
    (naturals, floors)
}

/// Lowers the widest columns first (a water level) until the sum fits `budget`, never below
/// a column's floor.
fn shrink(naturals: &[usize], floors: &[usize], budget: usize) -> Vec<usize> {
    let at = |level: usize| -> Vec<usize> {
        naturals
            .iter()
            .zip(floors)
            .map(|(&n, &f)| n.min(level).max(f))
            .collect()
    };
    let total = |level: usize| at(level).iter().sum::<usize>();
    let top = naturals.iter().copied().max().unwrap_or(0);
    if total(top) <= budget {
        return naturals.to_vec();
    }
    if total(0) > budget {
        return at(0);
    }
    // total(low) <= budget < total(high)
    let (mut low, mut high) = (0, top);
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if total(mid) <= budget {
            low = mid;
        } else {
            high = mid;
        }
    }
    let mut widths = at(low);
    let mut spare = budget.saturating_sub(widths.iter().sum());
    for (w, &n) in widths.iter_mut().zip(naturals) {
        if spare == 0 {
            break;
        }
        if *w == low && n > low {
            *w += 1;
            spare -= 1;
        }
    }
    widths
}

/// Target content width of each column, and the floors (for tests).
///
/// Too wide a table gives way in this order: titles (text that does not give way) down to
/// [`TITLE_COMFORT`]; the columns that give way (remarks, owners) down to the usual floor
/// of text; the compact forms of cells (dates without the weekday, then without the year;
/// this rewrites `body`); those columns down to their own lower floor; and only then titles
/// down to theirs, widest first.
fn plan_widths(
    columns: &[Column],
    headers: &[String],
    body: &mut [Vec<String>],
    limit: Option<usize>,
) -> (Vec<usize>, Vec<usize>) {
    let (mut naturals, mut floors) = natural_and_floor(columns, headers, body);
    let Some(limit) = limit else {
        return (naturals, floors);
    };
    let budget = limit.saturating_sub(3 * columns.len() + 1);
    // The widths with titles kept to `title` at least and the columns that give way to
    // their usual floor (or, `low`, their own), if they fit.
    let attempt = |naturals: &[usize], floors: &[usize], title: usize, low: bool| {
        let fixed: Vec<usize> = (0..columns.len())
            .map(
                |i| match (columns[i].first_to_shrink, columns[i].wrap, low) {
                    (true, _, true) => floors[i],
                    (true, _, false) => floors[i].max(naturals[i].min(TEXT_MIN_WIDTH)),
                    (false, Wrap::Text, _) => floors[i].max(naturals[i].min(title)),
                    (false, _, _) => naturals[i],
                },
            )
            .collect();
        let widths = shrink(naturals, &fixed, budget);
        (widths.iter().sum::<usize>() <= budget).then_some(widths)
    };
    let first: Vec<usize> = (0..columns.len())
        .map(|i| {
            if columns[i].first_to_shrink {
                naturals[i]
            } else {
                0
            }
        })
        .collect();
    // Titles first, to a comfortable width, while what gives way keeps its natural width.
    let keep_first: Vec<usize> = floors.iter().zip(&first).map(|(&f, &n)| f.max(n)).collect();
    if let Some(widths) = attempt(&naturals, &keep_first, TITLE_COMFORT, true) {
        return (widths, floors);
    }
    if let Some(widths) = attempt(&naturals, &floors, TITLE_COMFORT, false) {
        return (widths, floors);
    }
    for level in 0..columns.iter().map(|c| c.compact.len()).max().unwrap_or(0) {
        for (i, column) in columns.iter().enumerate() {
            if let Some(compact) = column.compact.get(level) {
                for row in body.iter_mut() {
                    if let Some(cell) = row.get_mut(i) {
                        *cell = compact(cell);
                    }
                }
            }
        }
        (naturals, floors) = natural_and_floor(columns, headers, body);
        if let Some(widths) = attempt(&naturals, &floors, TITLE_COMFORT, false) {
            return (widths, floors);
        }
    }
    if let Some(widths) = attempt(&naturals, &floors, TITLE_COMFORT, true) {
        return (widths, floors);
    }
    // Then titles, what gave way staying at its floor.
    let naturals: Vec<usize> = (0..columns.len())
        .map(|i| {
            if columns[i].first_to_shrink {
                floors[i]
            } else {
                naturals[i]
            }
        })
        .collect();
    (shrink(&naturals, &floors, budget), floors)
}

fn marked(cell: Cell, mark: Mark) -> Cell {
    match mark {
        Mark::Plain => cell,
        Mark::Alert => cell.fg(Color::DarkRed).add_attribute(Attribute::Bold),
        Mark::Warn => cell.fg(Color::DarkYellow),
        Mark::Muted => cell.add_attribute(Attribute::Dim),
        Mark::Strong => cell.add_attribute(Attribute::Bold),
    }
}

fn table_style(ascii: bool, row_separators: bool) -> TableStyle {
    match (ascii, row_separators) {
        (true, true) => presets::ASCII_FULL
            .header_separator(LineStyle::new('+', '=', '+', '+'))
            .row_separator(LineStyle::new('+', '-', '+', '+')),
        (true, false) => {
            presets::ASCII_FULL_CONDENSED.header_separator(LineStyle::new('+', '=', '+', '+'))
        }
        (false, true) => presets::UTF8_FULL.with_rounded_corners(),
        (false, false) => presets::UTF8_FULL_CONDENSED.with_rounded_corners(),
    }
}

/// Renders a table; the result ends with `'\n'` and every line has the same display width.
///
/// Rows shorter than `columns` are padded with empty cells; extra cells are ignored. An empty
/// `rows` renders the header alone; an empty `columns` renders a single empty line.
#[must_use]
pub fn render(columns: &[Column], rows: &[(Mark, Vec<String>)], style: Style) -> String {
    if columns.is_empty() {
        return String::from("\n");
    }
    let clean = |s: &str| {
        let escaped = escape_control(s);
        if style.ascii {
            asciify(&escaped)
        } else {
            escaped
        }
    };
    let headers: Vec<String> = columns.iter().map(|c| clean(&c.header)).collect();
    let mut body: Vec<Vec<String>> = rows
        .iter()
        .map(|(_, cells)| {
            (0..columns.len())
                .map(|i| cells.get(i).map(|s| clean(s)).unwrap_or_default())
                .collect()
        })
        .collect();
    let (widths, _) = plan_widths(columns, &headers, &mut body, style.width);

    let header_lines: Vec<Vec<String>> = columns
        .iter()
        .zip(&headers)
        .zip(&widths)
        .map(|((column, header), &width)| wrap_cell(header, width, header_wrap(column.wrap)))
        .collect();
    let body_lines: Vec<Vec<Vec<String>>> = body
        .iter()
        .map(|cells| {
            columns
                .iter()
                .zip(cells)
                .zip(&widths)
                .map(|((column, cell), &width)| wrap_cell(cell, width, column.wrap))
                .collect()
        })
        .collect();
    let multi_line = body_lines
        .iter()
        .any(|cells| cells.iter().any(|lines| lines.len() > 1));

    let mut table = Table::new();
    // Never ask the terminal anything (width, tty); styling only when asked for.
    table.force_no_tty();
    if style.color {
        table.enforce_styling();
    }
    table
        .load_style(table_style(style.ascii, multi_line))
        .set_content_arrangement(ContentArrangement::Disabled);
    table.set_header(Row::from(
        header_lines
            .into_iter()
            .map(|lines| Cell::new(lines.join("\n")).add_attribute(Attribute::Bold))
            .collect::<Vec<_>>(),
    ));
    for (i, column) in columns.iter().enumerate() {
        if column.right
            && let Some(c) = table.column_mut(i)
        {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    for ((mark, _), cells) in rows.iter().zip(body_lines) {
        table.add_row(Row::from(
            cells
                .into_iter()
                .map(|lines| marked(Cell::new(lines.join("\n")), *mark))
                .collect::<Vec<_>>(),
        ));
    }

    let mut out = String::new();
    for line in table.lines() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TITLE: &str = "起草“春江”项目计划书，并与财务部、人事部确认预算（含人力、设备与差旅）。\
                         完成后提交给唐健审阅——预计需要三轮修改……";

    fn assert_kinsoku(lines: &[String]) {
        for line in lines {
            if let Some(first) = line.chars().next() {
                assert!(
                    !NO_LINE_START.contains(first),
                    "line starts with {first:?}: {lines:?}"
                );
            }
            if let Some(last) = line.chars().next_back() {
                assert!(
                    !NO_LINE_END.contains(last),
                    "line ends with {last:?}: {lines:?}"
                );
            }
        }
    }

    /// Every line of a rendered table has the same display width; returns it.
    fn assert_rectangular(out: &str) -> usize {
        assert!(out.ends_with('\n'), "{out:?}");
        let widths: Vec<usize> = out.lines().map(UnicodeWidthStr::width).collect();
        let first = widths.first().copied().unwrap_or(0);
        assert!(
            widths.iter().all(|&w| w == first),
            "ragged {widths:?}:\n{out}"
        );
        first
    }

    fn strip_ansi(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for d in chars.by_ref() {
                    if d.is_ascii_alphabetic() {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    fn columns() -> Vec<Column> {
        vec![
            Column::number("#"),
            Column::new("标题", Wrap::Text),
            Column::new("负责人", Wrap::Names),
            Column::new("截止", Wrap::Never),
        ]
    }

    fn rows() -> Vec<(Mark, Vec<String>)> {
        let row = |mark, cells: [&str; 4]| (mark, cells.iter().map(|s| (*s).to_string()).collect());
        vec![
            row(
                Mark::Plain,
                [
                    "1",
                    "起草“春江”项目计划书，并与各部门确认预算（含人力、设备）。",
                    "唐健、韩海英",
                    "2025-03-01",
                ],
            ),
            row(
                Mark::Alert,
                [
                    "2",
                    "完成供应商评估报告——重点关注交付周期与质量风险",
                    "韩海英",
                    "2025-02-20",
                ],
            ),
            row(
                Mark::Warn,
                [
                    "3",
                    "Review the API design doc with 李明 before the kickoff",
                    "李明、王芳、Zhang Wei",
                    "2025-02-27",
                ],
            ),
            row(Mark::Muted, ["4", "整理会议纪要…", "唐健", "2025-02-10"]),
            row(Mark::Strong, ["12", "合计：4 项", "", ""]),
        ]
    }

    fn style(ascii: bool, width: Option<usize>) -> Style {
        Style {
            ascii,
            color: false,
            width,
        }
    }

    #[test]
    fn wraps_chinese_title_with_kinsoku() {
        for width in [10, 20] {
            let lines = wrap_cjk(TITLE, width, Wrap::Text);
            assert!(lines.len() > 1);
            assert_eq!(lines.concat(), TITLE);
            assert!(lines.iter().all(|l| l.width() <= width), "{lines:?}");
            assert_kinsoku(&lines);
        }
    }

    #[test]
    fn kinsoku_pushes_the_previous_character_down() {
        // Width 6 fits "一二三" but "三" may not be parted from "。".
        assert_eq!(
            wrap_cjk("一二三。四五", 6, Wrap::Text),
            ["一二", "三。四", "五"]
        );
        // "（" never ends a line.
        assert_eq!(
            wrap_cjk("一二（三四）", 6, Wrap::Text),
            ["一二", "（三", "四）"]
        );
        // "——" and "……" stay together and never start a line.
        let lines = wrap_cjk("一二三——四五六……", 6, Wrap::Text);
        assert_kinsoku(&lines);
        assert!(lines.iter().all(|l| l.width() <= 6), "{lines:?}");
    }

    #[test]
    fn keeps_latin_words_whole() {
        let text = "Review the API design doc with 李明 before the kickoff meeting";
        let words: Vec<&str> = text.split(' ').collect();
        for width in [8, 12, 20] {
            let lines = wrap_cjk(text, width, Wrap::Text);
            assert!(lines.iter().all(|l| l.width() <= width), "{lines:?}");
            for line in &lines {
                assert_eq!(line.trim(), line);
                for word in line.split(' ') {
                    let whole = words.contains(&word) || word.chars().all(is_wide);
                    assert!(whole, "{word:?} split in {lines:?}");
                }
            }
        }
        // Only a word longer than the width is cut.
        assert_eq!(
            wrap_cjk("a verylongword", 5, Wrap::Text),
            ["a", "veryl", "ongwo", "rd"]
        );
    }

    #[test]
    fn names_break_only_between_names() {
        let names = ["唐健", "韩海英", "欧阳娜娜", "Zhang Wei", "李明"];
        let cell = "唐健、韩海英、欧阳娜娜、Zhang Wei、李明";
        for width in [1, 6, 8, 12, 20] {
            let lines = wrap_cjk(cell, width, Wrap::Names);
            assert_eq!(lines.concat(), cell);
            for line in &lines {
                for name in line.split('、').filter(|n| !n.is_empty()) {
                    assert!(names.contains(&name), "{name:?} in {lines:?}");
                }
                assert!(!line.starts_with('、'));
            }
        }
        assert_eq!(
            wrap_cjk("Ann Lee, Bob Stone, Cy", 10, Wrap::Names),
            ["Ann Lee,", "Bob Stone,", "Cy"]
        );
        // A single name wider than the line overflows rather than splits.
        assert_eq!(wrap_cjk("阿卜杜热合曼", 4, Wrap::Names), ["阿卜杜热合曼"]);
    }

    #[test]
    fn wrap_edge_cases() {
        assert_eq!(wrap_cjk("", 10, Wrap::Text), [""]);
        assert_eq!(wrap_cjk("", 10, Wrap::Names), [""]);
        assert_eq!(wrap_cjk("a\nb", 10, Wrap::Never), ["a", "b"]);
        assert_eq!(wrap_cjk("中文", 0, Wrap::Text), ["中", "文"]);
        assert_eq!(wrap_cjk("ab  ", 2, Wrap::Text), ["ab"]);
        assert_eq!(
            wrap_cjk("e\u{301}e\u{301}", 1, Wrap::Text),
            ["e\u{301}", "e\u{301}"]
        );
    }

    #[test]
    fn asciify_replaces_ambiguous_punctuation() {
        assert_eq!(asciify("“春江”"), "\"春江\"");
        assert_eq!(asciify("‘a’…b·c—d"), "'a'...b.c-d");
        assert_eq!(asciify("「引用」『书名』"), "\"引用\"\"书名\"");
        assert_eq!(asciify("①Ⅻ→×"), "(1)XII->x");
        assert_eq!(asciify("plain 中文。，"), "plain 中文。，");
        assert!(asciify("“”‘’…·—").is_ascii());
    }

    #[test]
    fn escape_control_escapes() {
        assert_eq!(escape_control("a\x1bb"), "a\\u{1b}b");
        assert!(!escape_control("a\x1b[31mb").contains('\x1b'));
        assert_eq!(escape_control("a\nb\tc\rd"), "a\\nb\\tc\\rd");
        assert_eq!(
            escape_control("\u{7f}\u{9b}\u{202e}"),
            "\\u{7f}\\u{9b}\\u{202e}"
        );
        assert_eq!(escape_control("唐健 “ok”"), "唐健 “ok”");
    }

    #[test]
    fn display_width_is_max_over_lines() {
        assert_eq!(display_width("中文\nabc"), 4);
        assert_eq!(display_width(""), 0);
    }

    #[test]
    fn snapshot_unicode_60() {
        let out = render(&columns(), &rows(), style(false, Some(60)));
        assert!(assert_rectangular(&out) <= 60);
        insta::assert_snapshot!("unicode_60", out);
    }

    #[test]
    fn snapshot_unicode_unlimited() {
        let out = render(&columns(), &rows(), style(false, None));
        assert_rectangular(&out);
        insta::assert_snapshot!("unicode_unlimited", out);
    }

    #[test]
    fn snapshot_ascii_60() {
        let out = render(&columns(), &rows(), style(true, Some(60)));
        assert!(assert_rectangular(&out) <= 60);
        assert!(out.chars().all(|c| c.is_ascii() || is_wide(c)), "{out}");
        insta::assert_snapshot!("ascii_60", out);
    }

    #[test]
    fn snapshot_ascii_unlimited() {
        let out = render(&columns(), &rows(), style(true, None));
        assert_rectangular(&out);
        insta::assert_snapshot!("ascii_unlimited", out);
    }

    #[test]
    fn snapshot_narrow_46() {
        let out = render(&columns(), &rows(), style(false, Some(46)));
        assert!(assert_rectangular(&out) <= 46);
        insta::assert_snapshot!("unicode_46", out);
    }

    #[test]
    fn empty_rows_render_the_header() {
        let out = render(&columns(), &[], style(false, Some(60)));
        assert_rectangular(&out);
        assert!(out.contains("标题"));
        assert_eq!(out.lines().count(), 4);
        assert_eq!(render(&[], &[], style(false, None)), "\n");
    }

    #[test]
    fn control_characters_never_reach_the_output() {
        let rows = vec![(
            Mark::Plain,
            vec!["1".into(), "a\x1b[2Jb\nc".into(), "x\ty".into()],
        )];
        let out = render(&columns(), &rows, style(false, Some(60)));
        assert!(!out.contains('\x1b') && !out.contains('\t'));
        assert!(out.contains("a\\u{1b}[2Jb\\nc"));
        assert_rectangular(&out);
    }

    #[test]
    fn colour_only_when_asked() {
        let rows = rows();
        let plain = render(&columns(), &rows, style(false, Some(60)));
        assert!(!plain.contains('\x1b'));
        let coloured = render(
            &columns(),
            &rows,
            Style {
                color: true,
                ..style(false, Some(60))
            },
        );
        let alert_line = coloured.lines().find(|l| l.contains("2025-02-20")).unwrap();
        assert!(alert_line.contains('\x1b'), "{alert_line:?}");
        assert_eq!(strip_ansi(&coloured), plain);
    }

    #[test]
    fn right_aligned_numbers() {
        let out = render(&columns(), &rows(), style(true, None));
        assert!(out.lines().any(|l| l.starts_with("|  1 |")), "{out}");
        assert!(out.lines().any(|l| l.starts_with("| 12 |")), "{out}");
    }

    #[test]
    fn context_sensitive_widths_stay_rectangular() {
        let tricky = [
            "©\u{FE0F}©\u{FE0F}©\u{FE0F}",
            "👨\u{200D}👩\u{200D}👧 家庭 👍🏽👍🏽",
            "‘\u{FE01}引’\u{FE01}",
            "\u{FE0F}a\u{301}",
            "a\u{17D8}\u{17D8}",
            "🇺🇸🇨🇳",
            "\u{3000}\u{3000}全角空格\u{3000}",
        ];
        for width in [None, Some(0), Some(20), Some(30)] {
            for ascii in [false, true] {
                let rows: Vec<(Mark, Vec<String>)> = tricky
                    .iter()
                    .map(|t| {
                        (
                            Mark::Plain,
                            vec![(*t).to_string(), (*t).to_string(), (*t).to_string()],
                        )
                    })
                    .collect();
                let out = render(&columns(), &rows, style(ascii, width));
                assert_rectangular(&out);
            }
        }
    }

    #[test]
    fn huge_cells_are_capped_and_stay_rectangular() {
        let long_word = "x".repeat(10_000);
        let long_name = "名".repeat(3_000);
        let long_title = "长".repeat(50_000);
        let columns: Vec<Column> = [Wrap::Never, Wrap::Names, Wrap::Text]
            .into_iter()
            .map(|wrap| Column::new("h", wrap))
            .collect();
        let rows = vec![(Mark::Plain, vec![long_word, long_name, long_title])];
        for width in [None, Some(80)] {
            let out = render(&columns, &rows, style(false, width));
            let table_width = assert_rectangular(&out);
            assert!(
                table_width <= 3 * (MAX_COLUMN_WIDTH + 3) + 1,
                "{table_width}"
            );
        }
    }

    fn cell_text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[中文计划项目。，、；：！？“”‘’（）《》「」…—·a-z0-9 ]{0,60}",
            "([唐韩李王欧阳健海英明芳]{1,4}、){0,5}[唐韩李]{0,3}",
        ]
    }

    /// Too narrow a table shrinks the remark first, then drops the weekday from dates,
    /// and only then wraps the title.
    #[test]
    fn remarks_and_dates_give_way_before_titles() {
        let columns = [
            Column::new("编号", Wrap::Never),
            Column::new("事项", Wrap::Text),
            Column::day("截止"),
            Column::new("说明", Wrap::Text).gives_way(),
        ];
        let rows = vec![(
            Mark::Plain,
            [
                "5.1",
                "将专题民主生活会方案报活动办审核",
                "2014-06-20 周五",
                "逾期4552天，周六休息日",
            ]
            .map(String::from)
            .to_vec(),
        )];
        let at = |width| render(&columns, &rows, style(false, Some(width)));
        let fits = |out: &str, width| assert!(assert_rectangular(out) <= width, "{out}");
        let whole = at(100);
        assert!(
            whole.contains("将专题民主生活会方案报活动办审核 ┆ 2014-06-20 周五"),
            "{whole}"
        );
        // A little less: the title wraps first, to twelve characters a line.
        let less = at(78);
        fits(&less, 78);
        assert!(
            less.contains("周五") && less.contains("逾期4552天，周六休息日"),
            "{less}"
        );
        assert!(less.contains("将专题民主生活会方案报活 ┆"), "{less}");
        // Less: the remark wraps, the weekday goes; the title keeps twelve a line.
        let mid = at(62);
        fits(&mid, 62);
        assert!(!mid.contains("周五") && mid.contains("2014-06-20"), "{mid}");
        assert!(mid.contains("将专题民主生活会方案报活"), "{mid}");
        // Less still: the year goes too, and only then does the title get narrower.
        let narrow = at(50);
        fits(&narrow, 50);
        assert!(
            narrow.contains("06-20") && !narrow.contains("2014"),
            "{narrow}"
        );
        assert!(narrow.contains("将专题民主生活会方案报"), "{narrow}");
    }

    fn wrap_mode() -> impl Strategy<Value = Wrap> {
        prop_oneof![Just(Wrap::Text), Just(Wrap::Names), Just(Wrap::Never)]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn render_never_panics_and_stays_rectangular(
            spec in prop::collection::vec((cell_text(), wrap_mode(), any::<bool>(), 0u8..3), 1..5),
            cells in prop::collection::vec(prop::collection::vec(cell_text(), 0..6), 0..5),
            width in prop::option::of(0usize..200),
            ascii in any::<bool>(),
        ) {
            let columns: Vec<Column> = spec
                .iter()
                .map(|(header, wrap, right, kind)| Column {
                    right: *right,
                    first_to_shrink: *kind == 1,
                    compact: if *kind == 2 { Column::day("").compact } else { &[] },
                    ..Column::new(header.clone(), *wrap)
                })
                .collect();
            let rows: Vec<(Mark, Vec<String>)> = cells.into_iter().map(|c| (Mark::Alert, c)).collect();
            let out = render(&columns, &rows, Style { ascii, color: false, width });
            let table_width = assert_rectangular(&out);
            if let Some(width) = width {
                // Wider than asked only when the columns' floors (unbreakable content) force it.
                let clean = |s: &str| if ascii { asciify(&escape_control(s)) } else { escape_control(s) };
                let headers: Vec<String> = columns.iter().map(|c| clean(&c.header)).collect();
                let body: Vec<Vec<String>> = rows
                    .iter()
                    .map(|(_, r)| (0..columns.len()).map(|i| r.get(i).map(|s| clean(s)).unwrap_or_default()).collect())
                    .collect();
                let (_, floors) = plan_widths(&columns, &headers, &mut body.clone(), Some(width));
                let forced = 3 * columns.len() + 1 + floors.iter().sum::<usize>();
                prop_assert!(table_width <= width.max(forced), "{table_width} > {width} / {forced}:\n{out}");
            }
        }

        #[test]
        fn wrap_cjk_respects_width(s in cell_text(), width in 0usize..40, wrap in wrap_mode()) {
            let lines = wrap_cjk(&s, width, wrap);
            prop_assert!(!lines.is_empty());
            if wrap == Wrap::Text {
                for line in &lines {
                    let single = clusters(line).len() <= 1;
                    prop_assert!(line.width() <= width || single, "{line:?} in {lines:?}");
                }
            }
        }
    }
}
