//! First level of plan parsing: the TOML tree, walked into raw values that keep their
//! place in the file. Unknown keys and wrong types are collected as problems (all of
//! them, not just the first); nothing here knows what a date means.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::problem::Problem;
use crate::message::{Expect, Kind, Place, TomlType};
use crate::text::nearest;

/// A value with the byte range it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sp<T> {
    pub v: T,
    pub span: Range<usize>,
}

#[derive(Debug, Default)]
pub struct RawPlan {
    pub title: Option<Sp<String>>,
    pub org: Option<Sp<String>>,
    pub year: Option<Sp<i64>>,
    pub timezone: Option<Sp<String>>,
    pub soon_days: Option<Sp<i64>>,
    pub week_start: Option<Sp<String>>,
    pub ledger: Option<Sp<String>>,
    pub lang: Option<Sp<String>>,
    pub calendar: Option<Sp<String>>,
    pub term_start: Option<Sp<String>>,
    pub holidays: Vec<Sp<String>>,
    pub workdays: Vec<Sp<String>>,
    pub people: Option<Vec<RawPerson>>,
    pub steps: Vec<RawStep>,
}

/// A name in `[people]` and its role.
pub type RawPerson = (Sp<String>, Option<Sp<String>>);

#[derive(Debug, Default)]
pub struct RawStep {
    pub span: Range<usize>,
    pub id: Option<Sp<String>>,
    pub title: Option<Sp<String>>,
    pub detail: Option<Sp<String>>,
    pub when: Option<Sp<String>>,
    pub start: Option<Sp<String>>,
    pub due: Option<Sp<RawDue>>,
    /// A `due` key is there, even if its value was refused (then that is the problem).
    pub due_written: bool,
    pub owners: Option<Sp<Vec<Sp<String>>>>,
    pub after: Vec<Sp<String>>,
    pub tasks: Vec<RawTask>,
}

#[derive(Debug, Default)]
pub struct RawTask {
    pub span: Range<usize>,
    pub id: Option<Sp<String>>,
    pub title: Option<Sp<String>>,
    pub detail: Option<Sp<String>>,
    pub due: Option<Sp<RawDue>>,
    pub owners: Option<Sp<Vec<Sp<String>>>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawDue {
    Expr(String),
    After {
        after: Sp<String>,
        count: Sp<i64>,
        workdays: bool,
    },
}

const ROOT_KEYS: &[&str] = &[
    "title",
    "org",
    "year",
    "timezone",
    "soon_days",
    "week_start",
    "ledger",
    "lang",
    "calendar",
    "term_start",
    "people",
    "step",
];
const STEP_KEYS: &[&str] = &[
    "id", "title", "detail", "when", "start", "due", "owners", "owner", "after", "task",
];
const TASK_KEYS: &[&str] = &["id", "title", "detail", "due", "owners", "owner"];
const PERSON_KEYS: &[&str] = &["role"];
const CALENDAR_KEYS: &[&str] = &["official", "holidays", "workdays"];
const RELATIVE_KEYS: &[&str] = &["after", "days", "workdays"];

/// Parses TOML text into the raw plan, collecting every problem found. Characters from a
/// Chinese keyboard in TOML syntax are each one problem (see [`super::keyboard`]); the
/// rest is checked on the text with them repaired, without the parser's syntax errors
/// they caused.
pub fn parse(source: &str, problems: &mut Vec<Problem>) -> RawPlan {
    let (typed, repaired) = super::keyboard::scan(source);
    let Some(repaired) = repaired else {
        return parse_text(source, problems);
    };
    let plan = parse_text(&repaired, problems);
    problems.retain(|p| !matches!(p.kind, Kind::PlanSyntax { .. } | Kind::BareValue { .. }));
    problems.extend(typed);
    plan
}

fn parse_text(source: &str, problems: &mut Vec<Problem>) -> RawPlan {
    let before = problems.len();
    if let Some(plan) = parse_by_step(source, problems) {
        return plan;
    }
    problems.truncate(before);
    parse_whole(source, problems)
}

/// Plans with many steps are parsed one `[[step]]` at a time: the `toml` tree of a whole
/// 10,000-step file (its tokens, events and tables, all alive at once) peaks at about
/// 60 MiB, one step's at a few KiB. The text is cut before every line that is exactly
/// `[[step]]`; the pieces mean what the whole means when each parses without error, the
/// first has no `step` key and every later one has only `step`: a cut inside a multi-line
/// string or array leaves that construct open at the end of a piece (a syntax error), and
/// a piece holding only `[[step]]` tables cannot clash with another. Anything else
/// (`None`) goes to [`parse_whole`], which also gives syntax errors their exact wording.
fn parse_by_step(source: &str, problems: &mut Vec<Problem>) -> Option<RawPlan> {
    let mut cuts = Vec::new();
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        if line.trim() == "[[step]]" {
            cuts.push(at);
        }
        at += line.len();
    }
    if cuts.len() < 16 {
        return None;
    }
    cuts.push(source.len());
    let (head, errors) = DeTable::parse_recoverable(&source[..cuts[0]]);
    let head = head.into_inner();
    if !errors.is_empty() || get(&head, "step").is_some() {
        return None;
    }
    let mut plan = walk_root(&head, problems);
    drop(head);
    for piece in cuts.windows(2) {
        let base = piece[0];
        let (root, errors) = DeTable::parse_recoverable(&source[base..piece[1]]);
        let root = root.into_inner();
        if !errors.is_empty() || root.len() != 1 || get(&root, "step").is_none() {
            return None;
        }
        let first_problem = problems.len();
        let mut w = Walker { problems };
        for t in w.tables(&root, "step") {
            let mut step = w.step(t);
            step.shift(base);
            plan.steps.push(step);
        }
        for p in &mut problems[first_problem..] {
            p.span = shift(&p.span, base);
        }
    }
    Some(plan)
}

fn shift(span: &Range<usize>, by: usize) -> Range<usize> {
    span.start + by..span.end + by
}

impl<T> Sp<T> {
    fn shift(&mut self, by: usize) {
        self.span = shift(&self.span, by);
    }
}

impl RawDue {
    fn shift(&mut self, by: usize) {
        if let RawDue::After { after, count, .. } = self {
            after.shift(by);
            count.shift(by);
        }
    }
}

fn shift_owners(owners: Option<&mut Sp<Vec<Sp<String>>>>, by: usize) {
    if let Some(o) = owners {
        o.shift(by);
        o.v.iter_mut().for_each(|n| n.shift(by));
    }
}

fn shift_due(due: Option<&mut Sp<RawDue>>, by: usize) {
    if let Some(d) = due {
        d.shift(by);
        d.v.shift(by);
    }
}

impl RawStep {
    /// Moves every span by `by` bytes: from a piece of the file to the whole file.
    fn shift(&mut self, by: usize) {
        self.span = shift(&self.span, by);
        for s in [
            &mut self.id,
            &mut self.title,
            &mut self.detail,
            &mut self.when,
            &mut self.start,
        ]
        .into_iter()
        .flatten()
        {
            s.shift(by);
        }
        shift_due(self.due.as_mut(), by);
        shift_owners(self.owners.as_mut(), by);
        self.after.iter_mut().for_each(|a| a.shift(by));
        for t in &mut self.tasks {
            t.span = shift(&t.span, by);
            for s in [&mut t.id, &mut t.title, &mut t.detail]
                .into_iter()
                .flatten()
            {
                s.shift(by);
            }
            shift_due(t.due.as_mut(), by);
            shift_owners(t.owners.as_mut(), by);
        }
    }
}

fn parse_whole(source: &str, problems: &mut Vec<Problem>) -> RawPlan {
    let (root, errors) = DeTable::parse_recoverable(source);
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        problems.push(Problem::new(
            span.clone(),
            syntax_kind(source, &span, e.message()),
        ));
    }
    walk_root(&root.into_inner(), problems)
}

/// The whole tree of a plan (or the part before its first step) into a raw plan.
fn walk_root(root: &DeTable<'_>, problems: &mut Vec<Problem>) -> RawPlan {
    let mut w = Walker { problems };
    let mut plan = RawPlan::default();
    w.check_keys(root, ROOT_KEYS, Place::Root);
    plan.title = w.string(root, "title");
    plan.org = w.string(root, "org");
    plan.year = w.int(root, "year");
    plan.timezone = w.string(root, "timezone");
    plan.soon_days = w.int(root, "soon_days");
    plan.week_start = w.string(root, "week_start");
    plan.ledger = w.string(root, "ledger");
    plan.lang = w.string(root, "lang");
    plan.term_start = w.string(root, "term_start");
    if let Some(v) = get(root, "calendar") {
        match v.get_ref() {
            DeValue::String(s) => plan.calendar = Some(sp(s.to_string(), v)),
            DeValue::Table(t) => {
                w.check_keys(t, CALENDAR_KEYS, Place::Calendar);
                plan.calendar = w.string(t, "official");
                plan.holidays = w.strings(t, "holidays").map(|s| s.v).unwrap_or_default();
                plan.workdays = w.strings(t, "workdays").map(|s| s.v).unwrap_or_default();
            }
            _ => w.wrong_type(v, "calendar", Expect::Calendar),
        }
    }
    if let Some(v) = get(root, "people") {
        if let DeValue::Table(t) = v.get_ref() {
            let mut people = Vec::new();
            for (name, person) in t {
                let name = Sp {
                    v: name.get_ref().to_string(),
                    span: name.span(),
                };
                let role = match person.get_ref() {
                    DeValue::Table(pt) => {
                        w.check_keys(pt, PERSON_KEYS, Place::Person);
                        w.string(pt, "role")
                    }
                    DeValue::String(s) => Some(sp(s.to_string(), person)),
                    _ => {
                        w.wrong_type(person, &name.v, Expect::Person);
                        None
                    }
                };
                people.push((name, role));
            }
            // The roster keeps the file's order (reports list people as the plan does).
            people.sort_by_key(|(name, _)| name.span.start);
            plan.people = Some(people);
        } else {
            w.wrong_type(v, "people", Expect::People);
        }
    }
    for t in w.tables(root, "step") {
        plan.steps.push(w.step(t));
    }
    plan
}

struct Walker<'p> {
    problems: &'p mut Vec<Problem>,
}

fn get<'a, 'i>(t: &'a DeTable<'i>, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
    t.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v)
}

fn sp<T, U>(v: T, from: &Spanned<U>) -> Sp<T> {
    Sp {
        v,
        span: from.span(),
    }
}

fn type_of(v: &DeValue<'_>) -> TomlType {
    match v {
        DeValue::String(_) => TomlType::String,
        DeValue::Integer(_) => TomlType::Integer,
        DeValue::Float(_) => TomlType::Float,
        DeValue::Boolean(_) => TomlType::Boolean,
        DeValue::Datetime(_) => TomlType::Datetime,
        DeValue::Array(_) => TomlType::Array,
        DeValue::Table(_) => TomlType::Table,
    }
}

/// A TOML syntax error as a kind: a duplicate key says so, a word without quotes says
/// that; anything else keeps the parser's words.
fn syntax_kind(source: &str, span: &Range<usize>, message: &str) -> Kind {
    let message = message.trim_end();
    if message.contains("duplicate key") {
        let key = source
            .get(span.clone())
            .map(|k| k.trim().trim_matches(['"', '\'']).to_string())
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| message.to_string());
        return Kind::DuplicateKey { key };
    }
    if message.contains("string values must be quoted") || message.contains("invalid string") {
        return Kind::BareValue {
            detail: message.to_string(),
        };
    }
    Kind::PlanSyntax {
        detail: message.to_string(),
    }
}

impl Walker<'_> {
    fn check_keys(&mut self, t: &DeTable<'_>, allowed: &[&'static str], place: Place) {
        for (k, _) in t {
            let key = k.get_ref().as_ref();
            if allowed.contains(&key) {
                continue;
            }
            let near = nearest(key, allowed.iter().copied()).map(str::to_string);
            self.problems.push(Problem::new(
                k.span(),
                Kind::UnknownKey {
                    key: key.to_string(),
                    near,
                    place,
                    allowed: allowed.to_vec(),
                },
            ));
        }
    }

    fn wrong_type(&mut self, v: &Spanned<DeValue<'_>>, key: &str, expected: Expect) {
        self.problems.push(Problem::new(
            v.span(),
            Kind::WrongType {
                key: key.to_string(),
                found: type_of(v.get_ref()),
                expected,
            },
        ));
    }

    fn string(&mut self, t: &DeTable<'_>, key: &str) -> Option<Sp<String>> {
        let v = get(t, key)?;
        if let DeValue::String(s) = v.get_ref() {
            Some(sp(s.to_string(), v))
        } else {
            self.wrong_type(v, key, Expect::String);
            None
        }
    }

    fn int(&mut self, t: &DeTable<'_>, key: &str) -> Option<Sp<i64>> {
        let v = get(t, key)?;
        if let DeValue::Integer(i) = v.get_ref()
            && let Ok(n) = i64::from_str_radix(i.as_str(), i.radix())
        {
            return Some(sp(n, v));
        }
        self.wrong_type(v, key, Expect::Integer);
        None
    }

    /// An id: an integer (`3`) or a string (`"4a"`), kept as its string form.
    fn id_value(&mut self, v: &Spanned<DeValue<'_>>, key: &str) -> Option<Sp<String>> {
        match v.get_ref() {
            DeValue::String(s) => Some(sp(s.trim().to_string(), v)),
            DeValue::Integer(i) => {
                if let Ok(n) = i64::from_str_radix(i.as_str(), i.radix()) {
                    Some(sp(n.to_string(), v))
                } else {
                    self.wrong_type(v, key, Expect::Id);
                    None
                }
            }
            _ => {
                self.wrong_type(v, key, Expect::Id);
                None
            }
        }
    }

    fn array<'a, 'i>(
        &mut self,
        t: &'a DeTable<'i>,
        key: &str,
        expected: Expect,
    ) -> Option<(&'a Spanned<DeValue<'i>>, &'a [Spanned<DeValue<'i>>])> {
        let v = get(t, key)?;
        if let DeValue::Array(a) = v.get_ref() {
            Some((v, a))
        } else {
            self.wrong_type(v, key, expected);
            None
        }
    }

    fn strings(&mut self, t: &DeTable<'_>, key: &str) -> Option<Sp<Vec<Sp<String>>>> {
        let (v, items) = self.array(t, key, Expect::Strings)?;
        let mut out = Vec::new();
        for item in items {
            if let DeValue::String(s) = item.get_ref() {
                out.push(sp(s.to_string(), item));
            } else {
                self.wrong_type(item, key, Expect::String);
            }
        }
        Some(sp(out, v))
    }

    fn tables<'a, 'i>(
        &mut self,
        t: &'a DeTable<'i>,
        key: &str,
    ) -> Vec<(Range<usize>, &'a DeTable<'i>)> {
        let expected = if key == "task" {
            Expect::Tasks
        } else {
            Expect::Steps
        };
        let Some((_, items)) = self.array(t, key, expected) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            if let DeValue::Table(inner) = item.get_ref() {
                out.push((item.span(), inner));
            } else {
                self.wrong_type(item, key, expected);
            }
        }
        out
    }

    fn owners(&mut self, t: &DeTable<'_>) -> Option<Sp<Vec<Sp<String>>>> {
        let many = match get(t, "owners").map(|v| (v, v.get_ref())) {
            // `owners = "唐健"` means one owner, as `owner = "唐健"` does; but one string
            // holding a list would silently become one odd name, so that is refused.
            Some((v, DeValue::String(s))) => {
                if s.contains([',', '，', '、', ';', '；']) {
                    self.problems
                        .push(Problem::new(v.span(), Kind::OwnersOneString));
                    None
                } else {
                    let one = sp(s.to_string(), v);
                    Some(sp(vec![one], v))
                }
            }
            _ => self.strings(t, "owners"),
        };
        let one = self.string(t, "owner");
        match (many, one) {
            (Some(m), Some(o)) => {
                self.problems
                    .push(Problem::new(o.span, Kind::OwnerAndOwners));
                Some(m)
            }
            (Some(m), None) => Some(m),
            (None, Some(o)) => Some(Sp {
                span: o.span.clone(),
                v: vec![o],
            }),
            (None, None) => None,
        }
    }

    fn due(&mut self, t: &DeTable<'_>) -> Option<Sp<RawDue>> {
        let v = get(t, "due")?;
        match v.get_ref() {
            DeValue::String(s) => Some(sp(RawDue::Expr(s.to_string()), v)),
            DeValue::Table(rel) => {
                self.check_keys(rel, RELATIVE_KEYS, Place::RelativeDue);
                let after = get(rel, "after").and_then(|a| self.id_value(a, "after"));
                let days = self.int(rel, "days");
                let workdays = self.int(rel, "workdays");
                let (count, workdays) = match (days, workdays) {
                    (Some(d), None) => (d, false),
                    (None, Some(w)) => (w, true),
                    (Some(_), Some(w)) => {
                        self.problems.push(Problem::new(w.span, Kind::RelativeBoth));
                        return None;
                    }
                    // `days = 1.5`: the wrong type is already reported.
                    (None, None)
                        if get(rel, "days").is_some() || get(rel, "workdays").is_some() =>
                    {
                        return None;
                    }
                    (None, None) => {
                        self.problems
                            .push(Problem::new(v.span(), Kind::RelativeNoCount));
                        return None;
                    }
                };
                let Some(after) = after else {
                    self.problems
                        .push(Problem::new(v.span(), Kind::RelativeNoAfter));
                    return None;
                };
                // Ten years: a longer delay is a slip, and a chain of them would run past
                // the years a plan may name.
                if count.v < 0 || count.v > 3660 {
                    self.problems.push(Problem::new(
                        count.span,
                        Kind::RelativeDelay {
                            count: count.v,
                            workdays,
                        },
                    ));
                    return None;
                }
                Some(sp(
                    RawDue::After {
                        after,
                        count,
                        workdays,
                    },
                    v,
                ))
            }
            _ => {
                self.wrong_type(v, "due", Expect::Due);
                None
            }
        }
    }

    fn step(&mut self, (span, t): (Range<usize>, &DeTable<'_>)) -> RawStep {
        self.check_keys(t, STEP_KEYS, Place::Step);
        let after = match get(t, "after") {
            Some(v) => match v.get_ref() {
                DeValue::Array(items) => items
                    .iter()
                    .filter_map(|i| self.id_value(i, "after"))
                    .collect(),
                _ => self.id_value(v, "after").into_iter().collect(),
            },
            None => Vec::new(),
        };
        let tasks = self
            .tables(t, "task")
            .into_iter()
            .map(|(span, tt)| {
                self.check_keys(tt, TASK_KEYS, Place::Task);
                RawTask {
                    span,
                    id: get(tt, "id").and_then(|v| self.id_value(v, "id")),
                    title: self.string(tt, "title"),
                    detail: self.string(tt, "detail"),
                    due: self.due(tt),
                    owners: self.owners(tt),
                }
            })
            .collect();
        RawStep {
            span,
            id: get(t, "id").and_then(|v| self.id_value(v, "id")),
            title: self.string(t, "title"),
            detail: self.string(t, "detail"),
            when: self.string(t, "when"),
            start: self.string(t, "start"),
            due_written: get(t, "due").is_some(),
            due: self.due(t),
            owners: self.owners(t),
            after,
            tasks,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    /// A plan with enough steps to be parsed piece by piece, with every kind of value
    /// whose span must come out as the whole file's, and two problems.
    fn many_steps(extra: &str) -> String {
        let mut s = String::from(
            "title = \"t\"\nyear = 2014\n[people]\n\"唐健\" = { role = \"r\" }\n\"韩海英\" = \"r\"\n\n",
        );
        for i in 1..=20 {
            writeln!(
                s,
                "[[step]]\nid = {i}\ntitle = \"步骤{i}\"\nwhen = \"6月{i}日\"\nowners = [\"唐健\"]\nafter = [{}]\n# comment\n  [[step.task]]\n  title = \"任务\"\n  due = {{ after = \"{i}\", workdays = 3 }}\n  owner = \"韩海英\"",
                i.max(2) - 1
            )
            .unwrap();
            if i == 7 {
                s.push_str("owenrs = []\ndetail = 5\n");
            }
            if i == 11 {
                s.push_str(extra);
            }
        }
        s
    }

    fn both(source: &str) -> (Option<String>, String) {
        let mut by_step = Vec::new();
        let pieces = parse_by_step(source, &mut by_step).map(|p| format!("{p:?} {by_step:?}"));
        let mut whole = Vec::new();
        let plan = parse_whole(source, &mut whole);
        (pieces, format!("{plan:?} {whole:?}"))
    }

    #[test]
    fn a_plan_read_by_step_is_the_plan_read_whole() {
        let (pieces, whole) = both(&many_steps(""));
        assert_eq!(pieces.as_deref(), Some(whole.as_str()));
        assert!(whole.contains("UnknownKey { key: \"owenrs\""), "{whole}");
    }

    #[test]
    fn cuts_inside_strings_arrays_or_other_tables_fall_back_to_the_whole() {
        for extra in [
            "detail = \"\"\"\n[[step]]\n\"\"\"\n",
            "detail = '''\n[[step]]\n'''\n",
            "[people.x]\nrole = \"r\"\n",
            "[calendar]\nofficial = \"cn\"\n",
        ] {
            let (pieces, _) = both(&many_steps(extra));
            assert_eq!(pieces, None, "{extra}");
        }
        // And the answer is the whole file's, problems included.
        let source = many_steps("detail = \"\"\"\n[[step]]\n\"\"\"\n");
        let mut problems = Vec::new();
        let plan = parse(&source, &mut problems);
        let mut whole = Vec::new();
        assert_eq!(
            format!("{plan:?} {problems:?}"),
            format!("{:?} {whole:?}", parse_whole(&source, &mut whole))
        );
    }
}
