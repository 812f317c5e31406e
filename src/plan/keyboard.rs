//! Mistakes a Chinese keyboard (or Word) makes in TOML syntax: a full-width comma between
//! array items, `＝` or `：` for `=`, `［］`, full-width digits and spaces, and strings in
//! “…” or ‘…’. Found by scanning the text outside strings and comments before the TOML
//! parser sees it, so each is ONE problem at its own place that names the character and
//! the ASCII one to type — not a cascade of parser errors. The scan also returns the text
//! with those characters replaced by their ASCII ones, padded with spaces to the same
//! byte length (so every other problem's place stays right), for the rest of the checks.

use super::problem::Problem;
use crate::message::Kind;

/// The ASCII character a full-width one stands for in TOML syntax.
fn ascii_for(c: char) -> Option<char> {
    Some(match c {
        '，' | '、' => ',',
        '＝' | '：' => '=',
        '［' => '[',
        '］' => ']',
        '｛' => '{',
        '｝' => '}',
        '．' => '.',
        '＂' => '"',
        '＃' => '#',
        '\u{3000}' => ' ',
        '０'..='９' => char::from(b'0' + (u32::from(c) - u32::from('０')) as u8),
        _ => return None,
    })
}

/// Replaces `text[at..at + len]` by `with`, padded with spaces to `len` bytes.
fn put(out: &mut [u8], at: usize, len: usize, with: &str) {
    let bytes = with.as_bytes();
    for (i, slot) in out[at..at + len].iter_mut().enumerate() {
        *slot = bytes.get(i).copied().unwrap_or(b' ');
    }
}

/// Like [`put`], with the spaces before `with` (an opening quote stays next to its text).
fn put_right(out: &mut [u8], at: usize, len: usize, with: &str) {
    let pad = len - with.len();
    out[at..at + pad].fill(b' ');
    out[at + pad..at + len].copy_from_slice(with.as_bytes());
}

/// The problems, and the text with them repaired (`None` when there are none). One pass
/// over the text by byte position; the copy to repair is made at the first problem.
#[must_use]
pub fn scan(source: &str) -> (Vec<Problem>, Option<String>) {
    let len = source.len();
    let char_at = |i: usize| source.get(i..).and_then(|s| s.chars().next());
    // The place after the character at `i`.
    let next = |i: usize| char_at(i).map_or(len, |c| i + c.len_utf8());
    let mut problems = Vec::new();
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    while let Some(c) = char_at(i) {
        match c {
            '#' => {
                i = source[i..].find('\n').map_or(len, |n| i + n);
                continue;
            }
            '"' | '\'' => {
                let triple = if c == '"' { "\"\"\"" } else { "'''" };
                // In a basic string a backslash escapes the character after it.
                let skip = |i: usize| {
                    if c == '"' && source.as_bytes().get(i) == Some(&b'\\') {
                        next(next(i))
                    } else {
                        next(i)
                    }
                };
                if source[i..].starts_with(triple) {
                    i += 3;
                    while i < len && !source[i..].starts_with(triple) {
                        i = skip(i);
                    }
                    i = (i + 3).min(len);
                } else {
                    i += 1;
                    while char_at(i).is_some_and(|d| d != c && d != '\n') {
                        i = skip(i);
                    }
                    i = next(i);
                }
                continue;
            }
            '“' | '”' | '‘' | '’' => {
                // A string in Word's quotes: one problem from the opening quote to the
                // closing one on the same line.
                let (closing, quote): (&[char], &str) = if matches!(c, '“' | '”') {
                    (&['”', '“'], "\"")
                } else {
                    (&['’', '‘'], "'")
                };
                let from = next(i);
                let stop = source[from..]
                    .find(|d: char| closing.contains(&d) || d == '\n')
                    .map_or(len, |n| from + n);
                let out = out.get_or_insert_with(|| source.as_bytes().to_vec());
                put_right(out, i, c.len_utf8(), quote);
                let end = match char_at(stop).filter(|d| closing.contains(d)) {
                    Some(close) => {
                        put(out, stop, close.len_utf8(), quote);
                        stop + close.len_utf8()
                    }
                    None => from,
                };
                problems.push(Problem::new(i..end, Kind::WordQuotes { found: c }));
                i = next(stop);
                continue;
            }
            _ => {}
        }
        if let Some(ascii) = ascii_for(c) {
            // A run of full-width digits (２０１４) is one mistake.
            let mut end = i;
            let mut digits = String::new();
            if c.is_numeric() {
                while let Some(d) = char_at(end).filter(|d| ('０'..='９').contains(d)) {
                    digits.push(ascii_for(d).unwrap_or('0'));
                    end = next(end);
                }
            } else {
                digits.push(ascii);
                end = next(end);
            }
            let out = out.get_or_insert_with(|| source.as_bytes().to_vec());
            put(out, i, end - i, &digits);
            problems.push(Problem::new(i..end, Kind::FullWidth { found: c, ascii }));
            i = end;
            continue;
        }
        i = next(i);
    }
    // Only ASCII replaced whole characters, so the bytes are UTF-8; lossy never loses.
    let repaired = out.map(|out| {
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    });
    (problems, repaired)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(String, Kind)> {
        let (problems, repaired) = scan(src);
        if let Some(r) = &repaired {
            assert_eq!(r.len(), src.len(), "same length: {r}");
        }
        problems
            .into_iter()
            .map(|p| (src[p.span].to_string(), p.kind))
            .collect()
    }

    #[test]
    fn a_full_width_comma_between_items_is_one_problem() {
        let src = "owners = [\"刘芳\"，\"赵强\"]\n";
        assert_eq!(
            kinds(src),
            [(
                "，".to_string(),
                Kind::FullWidth {
                    found: '，',
                    ascii: ','
                }
            )]
        );
        let (_, repaired) = scan(src);
        assert_eq!(repaired.unwrap(), "owners = [\"刘芳\",  \"赵强\"]\n");
    }

    #[test]
    fn word_quotes_are_one_problem_around_the_string() {
        let src = "title = “开展“回头看””\n";
        let found = kinds("title = “春江” \n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "“春江”");
        assert_eq!(found[0].1, Kind::WordQuotes { found: '“' });
        assert_eq!(
            scan("title = “春江”\n").1.unwrap(),
            "title =   \"春江\"  \n"
        );
        assert!(!kinds(src).is_empty());
        assert_eq!(kinds("a = ‘x’\n")[0].1, Kind::WordQuotes { found: '‘' });
    }

    #[test]
    fn full_width_syntax_characters_name_the_ascii_one() {
        for (src, found, ascii) in [
            ("title ＝ \"a\"\n", '＝', '='),
            ("title： \"a\"\n", '：', '='),
            ("［［step］］\n", '［', '['),
            ("year = ２０１４\n", '２', '2'),
            ("year\u{3000}= 2014\n", '\u{3000}', ' '),
        ] {
            let k = kinds(src);
            assert_eq!(k[0].1, Kind::FullWidth { found, ascii }, "{src}");
        }
        assert_eq!(
            kinds("year = ２０１４\n").len(),
            1,
            "a run of digits is one"
        );
        assert_eq!(kinds("year = ２０１４\n")[0].0, "２０１４");
        assert_eq!(
            scan("year = ２０１４\n").1.unwrap().trim_end(),
            "year = 2014"
        );
    }

    #[test]
    fn strings_and_comments_are_left_alone() {
        for src in [
            "title = \"开展“回头看”，（一）＝：\"\n",
            "# 注释，“引号”\n",
            "detail = '''\n多行，“文字”\n'''\n",
            "detail = \"\"\"\n多行\\\"，\n\"\"\"\n",
            "title = '单引号，'\n",
            "title = \"转义\\\"，\"\n",
        ] {
            assert!(kinds(src).is_empty(), "{src}");
        }
    }
}
