//! A pasted text as lines ready to match: quote markers and invisible characters gone, and a
//! folded copy (ASCII lowercase, full-width → half-width, exotic spaces → space) kept char for
//! char beside the original, so labels are matched loosely while values keep their exact text.

use zeroize::Zeroize;

/// One line of the paste.
pub(crate) struct Line {
    /// The line's characters: mail quote markers (`> > `) and zero-width characters removed,
    /// every kind of space made a plain space (tabs stay: they separate table cells).
    pub chars: Vec<char>,
    /// `chars` folded for matching, same length.
    pub folded: Vec<char>,
    /// Display width in columns (CJK counts two), to tell a hard-wrapped line.
    pub width: usize,
}

/// A paste holds secrets: its working copies are zeroed when dropped, like `Secret`.
impl Drop for Line {
    fn drop(&mut self) {
        self.chars.zeroize();
        self.folded.zeroize();
    }
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.chars.iter().all(|c| c.is_whitespace())
    }

    /// The original text of `start..end` (char indices), as a `String`.
    pub fn text(&self, start: usize, end: usize) -> String {
        self.chars
            .get(start..end.min(self.chars.len()))
            .map(|s| s.iter().collect())
            .unwrap_or_default()
    }

    /// Where the content starts after leading spaces, bullets and enumerations (`- `, `• `,
    /// `1. `, `2、`, `(3)`, `①`, `一、`).
    pub fn content_start(&self) -> usize {
        let f = &self.folded;
        let mut i = 0;
        loop {
            while i < f.len() && f[i].is_whitespace() {
                i += 1;
            }
            let start = i;
            match f.get(i) {
                Some('-' | '•' | '·' | '+' | '●' | '○' | '■' | '□' | '◆' | '▪' | '>' | '|') =>
                {
                    i += 1;
                }
                Some(c) if ('\u{2460}'..='\u{2473}').contains(c) => i += 1,
                Some('(') => {
                    let mut j = i + 1;
                    while j < f.len() && is_enumerator(f[j]) && j - i < 4 {
                        j += 1;
                    }
                    if j > i + 1 && f.get(j) == Some(&')') {
                        i = j + 1;
                    }
                }
                Some(c) if is_enumerator(*c) => {
                    let mut j = i;
                    while j < f.len() && is_enumerator(f[j]) && j - i < 3 {
                        j += 1;
                    }
                    if matches!(f.get(j), Some('.' | '、' | ')')) {
                        // `1.5` or `2.0` is a value, not an enumeration.
                        if !(f.get(j) == Some(&'.')
                            && f.get(j + 1).is_some_and(|c| c.is_ascii_digit()))
                        {
                            i = j + 1;
                        }
                    }
                }
                _ => {}
            }
            if i == start {
                return i;
            }
        }
    }
}

fn is_enumerator(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十".contains(c)
}

/// Splits a paste into cleaned lines.
pub(crate) fn split(text: &str) -> Vec<Line> {
    text.split('\n').map(clean).collect()
}

fn clean(raw: &str) -> Line {
    let raw = raw.strip_suffix('\r').unwrap_or(raw);
    // Mail quoting: `>`, `> >`, `>>` before the text (a reply of a reply of the 授权邮件).
    let mut rest = raw;
    loop {
        let t = rest.trim_start_matches([' ', '\u{a0}', '\u{3000}']);
        match t.strip_prefix('>') {
            Some(after) => rest = after,
            None => break,
        }
    }
    let mut chars = Vec::with_capacity(rest.len());
    let mut folded = Vec::with_capacity(rest.len());
    let mut width = 0;
    for c in rest.chars() {
        if matches!(
            c,
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
        ) {
            continue;
        }
        let c = if c != '\t' && c.is_whitespace() {
            ' '
        } else {
            c
        };
        width += if is_wide(c) { 2 } else { 1 };
        chars.push(c);
        folded.push(fold(c));
    }
    Line {
        chars,
        folded,
        width,
    }
}

/// One character as label matching sees it.
pub(crate) fn fold(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{ff01}'..='\u{ff5e}' => {
            let half = char::from_u32(c as u32 - 0xfee0).unwrap_or(c);
            half.to_ascii_lowercase()
        }
        '【' | '〔' | '〖' | '「' | '『' => '[',
        '】' | '〕' | '〗' | '」' | '』' => ']',
        '“' | '”' | '„' => '"',
        '‘' | '’' => '\'',
        '∶' | '﹕' => ':',
        // Markdown emphasis and code marks around labels (`**ClientID**：`).
        '*' | '`' => ' ',
        _ => c,
    }
}

/// CJK and full-width characters take two columns in a mail client.
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' | '\u{ffe0}'..='\u{ffe6}')
}

/// CJK ideographs: never part of an id or key.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}
