//! The one language decision: which language (Chinese or English) everything the tool
//! says is in. Order (DESIGN §1): `--lang`, `CHUNJIANG_LANG`, the plan's `lang`, else
//! Chinese when the plan's title or step titles are Chinese, else the locale (`LC_ALL`,
//! `LC_MESSAGES`, `LANG`: `zh…` is Chinese, anything else English).
//!
//! Pure: the caller passes the arguments and a way to read variables. Help and the man
//! page are printed before any plan is read; they use [`from_env_and_args`].

use std::ffi::OsStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// `zh`, `zh_CN.UTF-8`, `zh-Hans`, `中文` → Chinese; `en…` → English; else `None`.
    #[must_use]
    pub fn parse(text: &str) -> Option<Lang> {
        let t = text.trim().to_lowercase();
        if t.starts_with("zh") || t == "中文" || t == "cn" {
            Some(Lang::Zh)
        } else if t.starts_with("en") || t == "英文" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language a locale string (`LANG`) names: `zh…` Chinese, anything else English.
    #[must_use]
    pub fn of_locale(locale: Option<&str>) -> Lang {
        match locale {
            Some(l) if l.trim().to_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }
}

/// What the process was started with that bears on the language, before any plan is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// `--lang`, else `CHUNJIANG_LANG`: wins over everything the plan says.
    pub forced: Option<Lang>,
    /// From `LC_ALL`, `LC_MESSAGES` or `LANG`: the last resort.
    pub locale: Lang,
}

impl Choice {
    /// From the `--lang` flag (if given) and a way to read environment variables (an
    /// empty variable counts as unset).
    pub fn new(flag: Option<Lang>, var: &dyn Fn(&str) -> Option<String>) -> Choice {
        let var = |k: &str| var(k).filter(|v| !v.trim().is_empty());
        Choice {
            forced: flag.or_else(|| var("CHUNJIANG_LANG").as_deref().and_then(Lang::parse)),
            locale: Lang::of_locale(
                var("LC_ALL")
                    .or_else(|| var("LC_MESSAGES"))
                    .or_else(|| var("LANG"))
                    .as_deref(),
            ),
        }
    }

    /// The language before (or without) a plan: the flag, the variable, the locale.
    #[must_use]
    pub fn before_plan(self) -> Lang {
        self.forced.unwrap_or(self.locale)
    }

    /// The language once the plan is known: its `lang`, else Chinese when its text is.
    #[must_use]
    pub fn with_plan(self, plan_lang: Option<Lang>, plan_is_chinese: bool) -> Lang {
        self.forced.or(plan_lang).unwrap_or(if plan_is_chinese {
            Lang::Zh
        } else {
            self.locale
        })
    }

    /// The language for a plan that could not be read: its `lang` line and titles are
    /// looked for in the raw text (see [`of_source`]).
    #[must_use]
    pub fn with_source(self, source: &str) -> Lang {
        let (lang, chinese) = of_source(source);
        self.with_plan(lang, chinese)
    }
}

/// The pre-plan decision for help and the man page: `--lang zh|en` (or `--lang=…`) among
/// the arguments, else `CHUNJIANG_LANG`, else the locale.
pub fn from_env_and_args<I, S>(args: I, var: &dyn Fn(&str) -> Option<String>) -> Lang
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    choice_from_env_and_args(args, var).before_plan()
}

/// The language of a usage error (a mistyped flag or command): as help's, unless neither
/// `--lang` nor `CHUNJIANG_LANG` chose one and there is a plan (`source`, the text of the
/// plan the command would have read); then the plan's, as the command would have answered.
#[must_use]
pub fn for_usage_error(choice: Choice, source: Option<&str>) -> Lang {
    match (choice.forced, source) {
        (None, Some(source)) => choice.with_source(source),
        _ => choice.before_plan(),
    }
}

/// `--lang zh|en` (or `--lang=…`) among the arguments, with the environment.
pub fn choice_from_env_and_args<I, S>(args: I, var: &dyn Fn(&str) -> Option<String>) -> Choice
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut flag = None;
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        let a = a.as_ref().to_string_lossy().into_owned();
        if a == "--" {
            break;
        }
        if a == "--lang" {
            flag = args
                .next()
                .and_then(|v| Lang::parse(&v.as_ref().to_string_lossy()));
        } else if let Some(v) = a.strip_prefix("--lang=") {
            flag = Lang::parse(v);
        }
    }
    Choice::new(flag, var)
}

/// Whether the text holds a CJK ideograph (a Chinese title, name or note).
#[must_use]
pub fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c,
            '\u{4E00}'..='\u{9FFF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{2FA1F}')
    })
}

/// A plan's `lang` and whether its titles are Chinese, read line by line from text that
/// may not parse as TOML: `lang = "…"` and `title = "…"` lines.
#[must_use]
pub fn of_source(source: &str) -> (Option<Lang>, bool) {
    let mut lang = None;
    let mut chinese = false;
    for line in source.lines() {
        let line = line.trim_start_matches('\u{feff}').trim();
        let Some((key, value)) = line.split_once(['=', '＝']) else {
            continue;
        };
        match key.trim() {
            "lang" if lang.is_none() => {
                lang = Lang::parse(value.trim().trim_matches(['"', '\'', '“', '”']));
            }
            "title" => chinese |= has_cjk(value),
            _ => {}
        }
    }
    (lang, chinese)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_string())
        }
    }

    #[test]
    fn flag_beats_variable_beats_plan_beats_text_beats_locale() {
        let env = [("CHUNJIANG_LANG", "en"), ("LANG", "zh_CN.UTF-8")];
        let c = Choice::new(Some(Lang::Zh), &vars(&env));
        assert_eq!(c.with_plan(Some(Lang::En), false), Lang::Zh, "flag");
        let c = Choice::new(None, &vars(&env));
        assert_eq!(c.with_plan(Some(Lang::Zh), true), Lang::En, "variable");
        let c = Choice::new(None, &vars(&[("LANG", "zh_CN.UTF-8")]));
        assert_eq!(c.with_plan(Some(Lang::En), true), Lang::En, "plan lang");
        let c = Choice::new(None, &vars(&[("LANG", "C.UTF-8")]));
        assert_eq!(c.with_plan(None, true), Lang::Zh, "Chinese titles");
        assert_eq!(c.with_plan(None, false), Lang::En, "locale C");
        let c = Choice::new(None, &vars(&[("LANG", "zh_TW.UTF-8")]));
        assert_eq!(c.with_plan(None, false), Lang::Zh, "locale zh");
    }

    #[test]
    fn lc_all_wins_over_lang_and_empty_counts_as_unset() {
        let c = Choice::new(None, &vars(&[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "C")]));
        assert_eq!(c.before_plan(), Lang::Zh);
        let c = Choice::new(None, &vars(&[("LC_ALL", " "), ("LANG", "zh_CN")]));
        assert_eq!(c.before_plan(), Lang::Zh);
        let c = Choice::new(None, &vars(&[("CHUNJIANG_LANG", ""), ("LANG", "C")]));
        assert_eq!(c.forced, None);
    }

    #[test]
    fn help_reads_the_flag_from_the_arguments() {
        let none = vars(&[]);
        assert_eq!(
            from_env_and_args(["chunjiang", "--lang", "zh", "--help"], &none),
            Lang::Zh
        );
        assert_eq!(
            from_env_and_args(["chunjiang", "--lang=zh", "done", "--help"], &none),
            Lang::Zh
        );
        assert_eq!(from_env_and_args(["chunjiang", "--help"], &none), Lang::En);
        let zh = vars(&[("LANG", "zh_CN.UTF-8")]);
        assert_eq!(from_env_and_args(["chunjiang", "--help"], &zh), Lang::Zh);
        assert_eq!(
            from_env_and_args(["chunjiang", "--lang", "en"], &zh),
            Lang::En
        );
    }

    #[test]
    fn source_text_tells_lang_and_chinese_titles() {
        assert_eq!(of_source("title = \"春江\"\n"), (None, true));
        assert_eq!(
            of_source("title = \"Spring\"\nlang = \"zh\"\n"),
            (Some(Lang::Zh), false)
        );
        assert_eq!(of_source("[[step]]\ntitle = “启动”\n"), (None, true));
        assert_eq!(of_source("org = \"春江小学\"\n"), (None, false));
    }
}
