//! Label text as people read it: the same label drawn by different consoles (`请求地址：`,
//! `* 请求地址`, `【请求地址】`, `请求地址:` with an NBSP, `Ｃｌｉｅｎｔ ｉｄ`) becomes one key.
//!
//! Matching is deliberately precise: keys are compared for equality, never by containment,
//! because Kingdee forms put labels side by side that contain each other (`第三方应用` and
//! `第三方应用密码`, `网关` and a hypothetical `网关地址`). The only loosening is a trailing
//! note in brackets (`Client id（授权码）`) and, for placeholders, a leading `请输入`/`Enter`;
//! both count as weaker matches than the label itself.
//!
//! Only the ASCII range is width-folded (full-width `Ａ`/`１`/`：` → `A`/`1`/`:`): a full NFKC
//! table would triple the WASM for no label a console actually draws.

/// Longest label text worth reading: anything longer is a paragraph, not a label.
pub const MAX_LABEL_CHARS: usize = 120;

/// How a label text matched a field: the spelling DOMAIN.md uses, one of its synonyms, or the
/// text's core after dropping a trailing note or a placeholder's `请输入`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchQuality {
    Core,
    Synonym,
    Exact,
}

impl MatchQuality {
    /// Weight in recognition scores; the order matters, not the numbers.
    pub fn weight(self) -> f64 {
        match self {
            MatchQuality::Exact => 1.0,
            MatchQuality::Synonym => 0.95,
            MatchQuality::Core => 0.85,
        }
    }
}

/// Bracket pairs that may wrap a whole label (`【请求地址】`) or close a trailing note.
const BRACKETS: [(char, char); 9] = [
    ('【', '】'),
    ('[', ']'),
    ('(', ')'),
    ('〔', '〕'),
    ('〖', '〗'),
    ('「', '」'),
    ('『', '』'),
    ('《', '》'),
    ('{', '}'),
];

/// Help marks consoles append to a label (a tooltip trigger): `?`, `(?)`, `ⓘ`.
const HELP_SUFFIXES: [&str; 4] = ["(?)", "?", "ⓘ", "ℹ"];

/// Placeholder lead-ins: `请输入请求地址` is the placeholder of 请求地址.
const PLACEHOLDER_PREFIXES: [&str; 10] = [
    "请输入",
    "请选择",
    "请填写",
    "请录入",
    "输入",
    "选择",
    "please enter ",
    "please select ",
    "enter ",
    "select ",
];

/// Characters that carry no meaning in a label and are dropped: zero-width joiners and spaces,
/// BOM, soft hyphen, bidi marks and variation selectors.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
    )
}

/// Folds one character: full-width ASCII to half-width, look-alike colons and stars to `:` and
/// `*`, every kind of space to `' '`.
fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{FE30}' | '\u{FE55}' | '\u{2236}' => ':',
        '\u{2731}' | '\u{204E}' | '\u{066D}' | '\u{FE61}' => '*',
        '\u{FE56}' => '?',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// Width-folds, drops invisible characters and collapses whitespace runs to one space.
fn fold_and_collapse(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.chars().filter(|c| !is_invisible(*c)).map(fold) {
        if c == ' ' {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// If the whole text is one bracketed group (`【x】`, `(x)`), its inside.
fn unwrap_brackets(text: &str) -> Option<&str> {
    let first = text.chars().next()?;
    let last = text.chars().next_back()?;
    let &(open, close) = BRACKETS.iter().find(|(o, c)| *o == first && *c == last)?;
    if text.chars().count() < 2 {
        return None;
    }
    let inner = &text[first.len_utf8()..text.len() - last.len_utf8()];
    // `(a)(b)` is not wrapped: the first bracket must close at the very end.
    let mut depth = 0usize;
    for c in inner.chars() {
        if c == open {
            depth += 1;
        } else if c == close {
            if depth == 0 {
                return None;
            }
            depth -= 1;
        }
    }
    (depth == 0).then_some(inner)
}

/// One pass of edge cleaning; `None` when nothing changed.
fn strip_edges_once(text: &str) -> Option<&str> {
    let trimmed = text.trim_matches(' ');
    if trimmed.len() != text.len() {
        return Some(trimmed);
    }
    if let Some(rest) = trimmed
        .strip_prefix('*')
        .or_else(|| trimmed.strip_suffix('*'))
    {
        return Some(rest);
    }
    if let Some(rest) = trimmed.strip_suffix(':') {
        return Some(rest);
    }
    if let Some(rest) = HELP_SUFFIXES.iter().find_map(|s| trimmed.strip_suffix(s)) {
        return Some(rest);
    }
    unwrap_brackets(trimmed)
}

/// The label as a person reads it: width-folded, whitespace collapsed, required marks, colons,
/// help marks and wrapping brackets removed; case kept. Used for display (diagnose) and as the
/// basis of [`label_key`].
pub fn clean_label(raw: &str) -> String {
    let folded = fold_and_collapse(raw);
    let mut text = folded.as_str();
    while let Some(next) = strip_edges_once(text) {
        text = next;
    }
    text.to_string()
}

/// The comparison key of a cleaned label: ASCII lower-cased, spaces, `_` and `-` removed, so
/// `Client ID`, `client_id` and `ClientID` are one key.
fn key_of_clean(clean: &str) -> String {
    clean
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The comparison key of a raw label text (see [`clean_label`]).
pub fn label_key(raw: &str) -> String {
    key_of_clean(&clean_label(raw))
}

/// A cleaned label without its trailing bracketed note: `Client id(授权码)` → `Client id`.
fn without_trailing_note(clean: &str) -> Option<String> {
    let last = clean.chars().next_back()?;
    let &(open, _) = BRACKETS.iter().find(|(_, c)| *c == last)?;
    // Walk back to the bracket that opens this note.
    let mut depth = 0usize;
    for (index, c) in clean.char_indices().rev() {
        if c == last {
            depth += 1;
        } else if c == open {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                let core = clean_label(&clean[..index]);
                return (!core.is_empty()).then_some(core);
            }
        }
    }
    None
}

/// A placeholder's label part: `请输入请求地址` → `请求地址`, `Enter client id…` → `client id`.
fn placeholder_core(clean: &str) -> Option<String> {
    let lower = clean.to_ascii_lowercase();
    let rest = PLACEHOLDER_PREFIXES.iter().find_map(|prefix| {
        // Prefixes are ASCII or whole CJK words, so the byte offset is a char boundary in both.
        lower.starts_with(prefix).then(|| &clean[prefix.len()..])
    })?;
    let rest = rest.trim_end_matches(['.', '…']);
    let core = clean_label(rest);
    (!core.is_empty()).then_some(core)
}

/// The keys a label text offers, strongest first: its own key, and (weaker) the key of its core
/// without a trailing note, or without a placeholder's lead-in when `is_placeholder`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelKeys {
    pub clean: String,
    pub key: String,
    pub core: Option<String>,
}

impl LabelKeys {
    pub fn new(raw: &str, is_placeholder: bool) -> LabelKeys {
        let clean = clean_label(raw);
        let key = key_of_clean(&clean);
        let core_text = if is_placeholder {
            placeholder_core(&clean).or_else(|| without_trailing_note(&clean))
        } else {
            without_trailing_note(&clean)
        };
        let core = core_text
            .map(|c| key_of_clean(&c))
            .filter(|c| !c.is_empty() && *c != key);
        LabelKeys { clean, key, core }
    }

    /// How this label names a field whose own key is `field_key` and synonyms' keys `synonyms`.
    pub fn matches(&self, field_key: &str, synonyms: &[String]) -> Option<MatchQuality> {
        if self.key.is_empty() {
            return None;
        }
        if self.key == field_key {
            return Some(MatchQuality::Exact);
        }
        if synonyms.contains(&self.key) {
            return Some(MatchQuality::Synonym);
        }
        let core = self.core.as_deref()?;
        (core == field_key || synonyms.iter().any(|s| s == core)).then_some(MatchQuality::Core)
    }
}

/// Whether a heading names something: equal keys, or the heading containing the name
/// (`发票回调配置 · 星空旗舰版`). Headings may contain a form's name because they only add evidence to fields
/// already found; they never recognise a form alone.
pub fn heading_names(heading_key: &str, name_key: &str) -> bool {
    !name_key.is_empty() && heading_key.contains(name_key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colons_marks_and_spaces_disappear() {
        for raw in [
            "请求地址：",
            "* 请求地址",
            "请求地址:",
            "\u{a0}请求地址\u{3000}：",
            "【请求地址】",
            "＊请求地址＊",
            "请求地址(?)",
        ] {
            assert_eq!(clean_label(raw), "请求地址", "{raw:?}");
        }
    }

    #[test]
    fn a_trailing_note_is_a_weaker_core() {
        let keys = LabelKeys::new("Client id（授权码）", false);
        assert_eq!(keys.key, "clientid(授权码)");
        assert_eq!(keys.core.as_deref(), Some("clientid"));
    }
}
