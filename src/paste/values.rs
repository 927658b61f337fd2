//! A labelled value's text → the value itself, or why there is none.
//!
//! An id, secret or key is ASCII with no inner punctuation of prose: it is read up to the first
//! character that cannot belong to it (`abc123（请妥善保管）` → `abc123`). Single spaces between
//! such runs are kept (`abcd efgh`): a stray space pasted into a key is a problem to report,
//! not something to repair silently. A name is the whole text, trimmed of list punctuation.

use zeroize::Zeroizing;

use super::labels::Field;
use super::lines::is_cjk;
use super::MissingReason;

/// What a value's text gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Read {
    /// Zeroed when dropped: it may be a secret.
    Value(Zeroizing<String>),
    Missing(MissingReason),
}

/// Characters that can be part of an id, secret or key.
pub(crate) fn is_token_char(c: char) -> bool {
    c.is_ascii_graphic()
        && !matches!(
            c,
            ',' | ';'
                | '"'
                | '\''
                | '('
                | ')'
                | '['
                | ']'
                | '<'
                | '>'
                | '{'
                | '}'
                | '|'
                | '*'
                | '`'
        )
}

const MASK_CHARS: &[char] = &['*', '•', '●', '·', '＊', '×'];

/// Placeholders that stand where a value should be.
const PLACEHOLDERS: &[&str] = &[
    "null",
    "none",
    "n/a",
    "na",
    "nil",
    "tbd",
    "todo",
    "undefined",
];

pub(crate) fn read_value(field: Field, raw: &[char]) -> Read {
    let text = trim_value(raw);
    if text.is_empty() {
        return Read::Missing(MissingReason::Empty);
    }
    if has_mask(&text) {
        return Read::Missing(MissingReason::Masked);
    }
    if !field.is_credential() {
        return Read::Value(Zeroizing::new(text.iter().collect()));
    }
    let mut end = 0;
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        if is_token_char(c) {
            i += 1;
            end = i;
        } else if c == ' ' && end > 0 {
            i += 1;
        } else {
            break;
        }
    }
    let token: String = text[..end].iter().collect();
    let lower = token.to_ascii_lowercase();
    let placeholder = PLACEHOLDERS.contains(&lower.as_str())
        || (lower.len() >= 3 && lower.chars().all(|c| c == 'x'))
        || lower
            .chars()
            .all(|c| c == '-' || c == '_' || c == '.' || c == '/');
    let followed_by_cjk = text.get(end).is_some_and(|&c| is_cjk(c) && !is_closing(c));
    if token.chars().count() < 4 || placeholder || (followed_by_cjk && end < 4) {
        return Read::Missing(MissingReason::Unreadable);
    }
    Read::Value(Zeroizing::new(token))
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '）' | '】' | '，' | '。' | '；' | '、' | '」' | '』' | '〕'
    )
}

fn has_mask(text: &[char]) -> bool {
    text.windows(3)
        .any(|w| w.iter().all(|c| MASK_CHARS.contains(c)))
}

/// Trims spaces, list punctuation and one pair of wrapping quotes or brackets.
fn trim_value(raw: &[char]) -> Vec<char> {
    const EDGE: &[char] = &[
        ' ', '\t', ',', '，', ';', '；', '。', '、', '|', '"', '\'', '“', '”', '‘', '’', '`',
    ];
    let mut v: &[char] = raw;
    loop {
        let before = v.len();
        while let Some((first, rest)) = v.split_first() {
            if EDGE.contains(first) || (*first == '*' && !v.iter().all(|c| *c == '*')) {
                v = rest;
            } else {
                break;
            }
        }
        while let Some((last, rest)) = v.split_last() {
            if EDGE.contains(last) || (*last == '*' && !v.iter().all(|c| *c == '*')) {
                v = rest;
            } else {
                break;
            }
        }
        // Unbalanced brackets left over from `名称（税号：…）` splits, or a wrapping pair.
        if let Some((&first, rest)) = v.split_first() {
            if let Some(close) = closer(first) {
                if rest.last() == Some(&close) {
                    v = &rest[..rest.len() - 1];
                } else if !rest.contains(&close) {
                    v = rest;
                }
            }
        }
        if let Some((&last, rest)) = v.split_last() {
            if let Some(open) = opener(last) {
                if !rest.contains(&open) {
                    v = rest;
                }
            } else if closer(last).is_some() {
                v = rest;
            }
        }
        if v.len() == before {
            return v.to_vec();
        }
    }
}

fn closer(c: char) -> Option<char> {
    Some(match c {
        '(' => ')',
        '（' => '）',
        '[' => ']',
        '【' => '】',
        '<' => '>',
        '《' => '》',
        '「' => '」',
        _ => return None,
    })
}

fn opener(c: char) -> Option<char> {
    Some(match c {
        ')' => '(',
        '）' => '（',
        ']' => '[',
        '】' => '【',
        '>' => '<',
        '》' => '《',
        '」' => '「',
        _ => return None,
    })
}

/// Whether a whole table cell or line could be this field's value (used where no label says so).
pub(crate) fn plausible(field: Field, text: &[char]) -> bool {
    match read_value(field, text) {
        Read::Value(v) => {
            if field == Field::TaxId {
                let n = v.chars().filter(|c| !c.is_whitespace()).count();
                (15..=20).contains(&n) && v.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ')
            } else if field.is_credential() {
                // The whole text must be the token: a prose line is no value.
                let compact: Vec<char> = trim_value(text);
                compact.iter().collect::<String>() == *v
            } else {
                true
            }
        }
        Read::Missing(_) => false,
    }
}
