//! Finding the schedule table among a document's tables by its header words, and what
//! each of its columns holds.

use super::{Cell, Document, Table};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 序号: the step's id.
    Id,
    /// 工作步骤 / 工作内容 / 事项: the step's title.
    Title,
    /// 主要内容: the step's detail.
    Detail,
    /// 时间安排 / 完成时限: the step's `when`.
    When,
    /// A start date of its own (our CSV export: `start`, 开始).
    Start,
    /// A due date of its own (our CSV export: `due`, 截止).
    Due,
    /// 具体任务: the step's tasks.
    Tasks,
    /// 责任人 / 牵头单位 / 配合单位: owners (every such column).
    Owners,
    /// `kind` in our own export: `step` or `task` rows.
    Kind,
    /// `step` in our own export: the step a task belongs to.
    Step,
    /// `blocked_by` in our own export: the open steps a row waits for (its `after`).
    Waits,
    /// `tentative` in our own export: the due is counted from a step not done yet.
    Tentative,
    /// Columns our exports compute (state, days left…): not part of a plan.
    Computed,
    /// A column with another header (备注…): kept in the step's detail under its header.
    Other,
}

/// Header words, longest first within each role; compared after removing white space.
const WORDS: &[(Role, &[&str])] = &[
    (Role::Id, &["序号", "编号", "序", "id", "no.", "no", "#"]),
    (Role::Kind, &["kind", "类型", "类别"]),
    (
        Role::Title,
        &[
            "工作步骤",
            "工作内容",
            "工作事项",
            "工作项目",
            "工作环节",
            "活动内容",
            "活动项目",
            "任务名称",
            "工作名称",
            "事项",
            "项目",
            "步骤",
            "阶段",
            "环节",
            "名称",
            "title",
            "item",
        ],
    ),
    (
        Role::Detail,
        &[
            "主要内容",
            "具体内容",
            "工作要求",
            "工作措施",
            "具体措施",
            "主要工作",
            "内容",
            "要求",
            "措施",
            "detail",
        ],
    ),
    (
        Role::When,
        &[
            "时间安排",
            "完成时限",
            "进度安排",
            "完成时间",
            "时间节点",
            "起止时间",
            "实施时间",
            "工作时间",
            "时间进度",
            "推进时间",
            "时限",
            "时间",
            "日期",
            "when",
        ],
    ),
    (Role::Start, &["开始时间", "开始日期", "开始", "start"]),
    (Role::Due, &["截止时间", "截止日期", "截止", "到期", "due"]),
    (
        Role::Tasks,
        &[
            "具体任务",
            "工作任务",
            "工作成果",
            "预期成果",
            "成果形式",
            "任务",
            "成果",
            "tasks",
        ],
    ),
    (
        Role::Owners,
        &[
            "责任人",
            "责任部门",
            "牵头单位",
            "配合单位",
            "负责人",
            "责任单位",
            "牵头部门",
            "配合部门",
            "协办单位",
            "责任处室",
            "责任科室",
            "负责部门",
            "负责单位",
            "牵头领导",
            "责任领导",
            "分管领导",
            "承办单位",
            "实施主体",
            "参与人员",
            "责任主体",
            "owners",
            "owner",
        ],
    ),
    // `waiting for` is the English export's header (compared without its space).
    (Role::Waits, &["blocked_by", "waitingfor", "等待"]),
    (Role::Tentative, &["tentative", "暂定"]),
    (
        Role::Computed,
        &[
            "state",
            "days_overdue",
            "days_left",
            "done_on",
            "late_days",
            "状态",
            "逾期天数",
            "剩余天数",
            "完成日期",
            "逾期完成天数",
            "逾期",
            "说明",
            "原因及记录",
        ],
    ),
];

fn normal(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The role of a column with this header: an exact header word, else the longest header
/// word it contains (`时间安排（2014年）`); `None` for an empty header.
#[must_use]
pub fn role_of(header: &str) -> Option<Role> {
    let h = normal(header);
    let h = h.trim_end_matches([':', '：']);
    if h.is_empty() {
        return None;
    }
    for (role, words) in WORDS {
        if words.contains(&h) {
            return Some(*role);
        }
    }
    let mut best: Option<(usize, Role)> = None;
    for (role, words) in WORDS {
        for w in *words {
            let long_enough = w.chars().count() >= 2 && !w.is_ascii();
            if long_enough && h.contains(w) && best.is_none_or(|(n, _)| w.len() > n) {
                best = Some((w.len(), *role));
            }
        }
    }
    Some(best.map_or(Role::Other, |(_, r)| r))
}

/// The columns of a header row, with our own export's `step` column told apart from a
/// document's 步骤 (a step's name) by the `kind` column beside it.
#[must_use]
pub fn roles(header: &[Cell]) -> Vec<Option<Role>> {
    let mut roles: Vec<Option<Role>> = header
        .iter()
        .map(|c| if c.merged { None } else { role_of(&c.text) })
        .collect();
    if roles.contains(&Some(Role::Kind)) {
        for (r, c) in roles.iter_mut().zip(header) {
            if matches!(normal(&c.text).as_str(), "step" | "步骤" | "所属步骤") {
                *r = Some(Role::Step);
            }
        }
    }
    roles
}

/// How much a row looks like a schedule's header: the number of schedule roles it names,
/// 0 unless it names something to do (title, detail or tasks) and when or who.
fn score(roles: &[Option<Role>]) -> usize {
    use Role::{Detail, Due, Id, Owners, Start, Tasks, Title, When};
    let has = |r: Role| roles.contains(&Some(r));
    let what = has(Title) || has(Detail) || has(Tasks);
    let when_who = has(When) || has(Due) || has(Start) || has(Owners);
    if !(what && when_who) {
        return 0;
    }
    [Id, Title, Detail, When, Start, Due, Tasks, Owners]
        .into_iter()
        .filter(|&r| has(r))
        .count()
}

/// Whether a row on its own reads as a schedule's header: it names a schedule's columns
/// and every cell is short, as headers are (a step's text that happens to contain 时间 or
/// 任务 is not a header).
#[must_use]
pub fn is_header_row(row: &[Cell]) -> bool {
    row.iter().all(|c| c.text.chars().count() <= 16) && score(&roles(row)) > 0
}

/// How many cells of a row hold text of their own (merged copies not counted).
fn texts_in(row: &[Cell]) -> usize {
    row.iter()
        .filter(|c| !c.merged && !c.text.trim().is_empty())
        .count()
}

/// Cuts a sheet's rows (a spreadsheet's or a CSV file's) into tables.
///
/// A sheet often holds more than one table: a title and notes above, another table (a
/// form, a roster) above or below the schedule, as `LibreOffice` or Excel lay out a pasted
/// page. So a sheet is cut at header rows ([`is_header_row`]) that start a block: the
/// sheet's first row, or a row right below a blank row or a line of text (a title,
/// `四、行事历`). Each table runs to the next such header; the rows above the first one are
/// the sheet's text (its title and year), added to `doc.text`. A sheet without such a
/// header row is one table. Tables side by side (separated by blank columns) are not told
/// apart, and a table below the schedule without a schedule header of its own is read as
/// part of it (its rows then come out for review). `origin` is where `rows` start on the
/// sheet (0-based row and column), so review places name the sheet's own rows.
pub fn split_sheet(mut rows: Vec<Vec<Cell>>, origin: (usize, usize), doc: &mut Document) {
    let starts: Vec<usize> = (0..rows.len())
        .filter(|&i| is_header_row(&rows[i]) && (i == 0 || texts_in(&rows[i - 1]) <= 1))
        .collect();
    let first = starts.first().copied().unwrap_or(0);
    for row in rows.iter().take(first) {
        for c in row
            .iter()
            .filter(|c| !c.merged && !c.text.trim().is_empty())
        {
            doc.text.push_str(c.text.trim());
            doc.text.push('\n');
        }
    }
    let mut ends: Vec<usize> = starts.iter().skip(1).copied().collect();
    ends.push(rows.len());
    let mut tail = rows.split_off(first);
    let mut at = first;
    for end in ends {
        let rest = tail.split_off(end - at);
        let mut block = std::mem::replace(&mut tail, rest);
        // Trailing empty rows are formatting, not content.
        while block
            .last()
            .is_some_and(|r| r.iter().all(|c| c.text.trim().is_empty()))
        {
            block.pop();
        }
        if !block.is_empty() {
            doc.tables.push(Table {
                rows: block,
                origin: (origin.0 + at, origin.1),
            });
        }
        at = end;
    }
}

/// A table's header row (within its first rows) and its score.
#[must_use]
pub fn header(table: &Table) -> Option<(usize, usize)> {
    table
        .rows
        .iter()
        .take(6)
        .enumerate()
        .map(|(i, row)| (i, score(&roles(row))))
        .filter(|&(_, s)| s > 0)
        .max_by_key(|&(i, s)| (s, std::cmp::Reverse(i)))
}

/// Which table to import.
#[derive(Debug, PartialEq, Eq)]
pub enum Choice {
    /// This table, with its header at this row.
    Table { index: usize, header: usize },
    /// No table has a schedule's header.
    None,
    /// Several tables look equally like a schedule: the user must pick one (`--table N`).
    Unclear(Vec<usize>),
}

/// Picks the schedule table: the one whose header names the most schedule columns; a tie
/// is not guessed. `wanted` (1-based, from `--table`) decides when given.
#[must_use]
pub fn choose(doc: &Document, wanted: Option<usize>) -> Choice {
    if let Some(n) = wanted {
        return match doc.tables.get(n.wrapping_sub(1)) {
            Some(t) => Choice::Table {
                index: n - 1,
                header: header(t).map_or(0, |(h, _)| h),
            },
            None => Choice::None,
        };
    }
    let scored: Vec<(usize, usize, usize)> = doc
        .tables
        .iter()
        .enumerate()
        .filter(|(_, t)| t.rows.len() >= 2)
        .filter_map(|(i, t)| header(t).map(|(h, s)| (i, h, s)))
        .collect();
    let Some(best) = scored.iter().map(|&(_, _, s)| s).max() else {
        return Choice::None;
    };
    let top: Vec<&(usize, usize, usize)> = scored.iter().filter(|t| t.2 == best).collect();
    match top.as_slice() {
        [(index, header, _)] => Choice::Table {
            index: *index,
            header: *header,
        },
        _ => Choice::Unclear(top.iter().map(|t| t.0).collect()),
    }
}

/// A table as the user is shown it to choose with `--table`: its size and first row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSeen {
    pub rows: usize,
    pub columns: usize,
    /// The first row's cells on one line, ` | ` between them, each cut to 12 characters.
    pub first: String,
}

/// Every table of the document, in order (table N is the Nth).
#[must_use]
pub fn describe(doc: &Document) -> Vec<TableSeen> {
    doc.tables
        .iter()
        .map(|t| {
            let first: Vec<String> = t
                .rows
                .first()
                .map(|r| {
                    r.iter()
                        .filter(|c| !c.merged)
                        .map(|c| one_line(&c.text, 12))
                        .collect()
                })
                .unwrap_or_default();
            TableSeen {
                rows: t.rows.len(),
                columns: t.rows.first().map_or(0, Vec::len),
                first: first.join(" | "),
            }
        })
        .collect()
}

/// A cell's text on one line, cut to `max` characters.
#[must_use]
pub fn one_line(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > max {
        let mut s: String = flat.chars().take(max).collect();
        s.push('…');
        s
    } else {
        flat
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_is_cut_into_tables_at_header_rows_under_a_title_or_a_blank_row() {
        let rows = vec![
            row(&["2014年工作计划", "", ""]),
            row(&["谈心对象", "谈心人", "地点"]),
            row(&["唐健", "徐燕娟", "校长室"]),
            row(&["四、安排", "", ""]),
            row(&["序号", "工作内容", "时间"]),
            row(&["1", "启动", "3月"]),
            row(&["2", "时间安排", "工作内容"]),
            row(&["", "", ""]),
            row(&["序号", "工作内容", "责任人"]),
            row(&["1", "总结", "唐健"]),
        ];
        let mut doc = Document::default();
        split_sheet(rows, (2, 1), &mut doc);
        // A row that reads like a header inside a table does not cut it.
        assert_eq!(doc.tables.len(), 2);
        assert_eq!(doc.tables[0].rows.len(), 3);
        assert_eq!(doc.tables[0].origin, (6, 1));
        assert_eq!(doc.tables[1].rows.len(), 2);
        assert_eq!(doc.tables[1].origin, (10, 1));
        assert!(
            doc.text.starts_with("2014年工作计划\n谈心对象"),
            "{}",
            doc.text
        );
        // Without a header row the sheet stays one table.
        let mut doc = Document::default();
        split_sheet(vec![row(&["a", "b"]), row(&["1", "2"])], (0, 0), &mut doc);
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(doc.tables[0].origin, (0, 0));
    }

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|c| Cell::new(*c)).collect()
    }

    #[test]
    fn header_words_name_the_columns() {
        use Role::*;
        let r = roles(&row(&[
            "序号",
            "工作步骤",
            "主要内容",
            "时间安排",
            "具体任务",
            "责任人",
        ]));
        assert_eq!(
            r,
            [
                Some(Id),
                Some(Title),
                Some(Detail),
                Some(When),
                Some(Tasks),
                Some(Owners)
            ]
        );
        assert_eq!(role_of("完成 时限"), Some(When));
        assert_eq!(role_of("时间安排（2014年）"), Some(When));
        assert_eq!(role_of("牵头单位"), Some(Owners));
        assert_eq!(role_of("备注"), Some(Other));
        assert_eq!(role_of(""), None);
    }

    #[test]
    fn our_csv_export_is_told_from_a_document_by_its_kind_column() {
        let r = roles(&row(&[
            "id", "kind", "step", "title", "owners", "start", "due",
        ]));
        assert_eq!(r[2], Some(Role::Step));
        let r = roles(&row(&["步骤", "时间"]));
        assert_eq!(r[0], Some(Role::Title));
    }

    #[test]
    fn the_schedule_is_chosen_over_a_roster_and_a_tie_is_not_guessed() {
        let roster = Table::from_rows(vec![
            vec!["序号".into(), "姓名".into(), "职务".into()],
            vec!["1".into(), "徐燕娟".into(), "书记".into()],
        ]);
        let plan = Table::from_rows(vec![
            vec![
                "序号".into(),
                "工作内容".into(),
                "完成时限".into(),
                "责任部门".into(),
            ],
            vec!["1".into(), "x".into(), "6月".into(), "办公室".into()],
        ]);
        let doc = Document {
            tables: vec![roster.clone(), plan.clone()],
            text: String::new(),
        };
        assert_eq!(
            choose(&doc, None),
            Choice::Table {
                index: 1,
                header: 0
            }
        );
        let doc = Document {
            tables: vec![plan.clone(), roster, plan],
            text: String::new(),
        };
        assert_eq!(choose(&doc, None), Choice::Unclear(vec![0, 2]));
        assert_eq!(
            choose(&doc, Some(3)),
            Choice::Table {
                index: 2,
                header: 0
            }
        );
        assert_eq!(choose(&doc, Some(9)), Choice::None);
        let seen = &describe(&doc)[1];
        assert_eq!((seen.rows, seen.columns), (2, 3));
        assert!(seen.first.starts_with("序号 | 姓名"), "{seen:?}");
    }
}
