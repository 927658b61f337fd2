//! The tidy gate: what no linter here checks. A comment says why the code is as it is; which
//! issue asked for it means nothing to the next reader and goes stale, so a comment naming an
//! issue by its number (the word, then a number: see `names_an_issue`) fails. The extension logs
//! nothing: a `console.log` in `extension/` would reach a console page's devtools or the
//! worker's, where a secret must never appear.
//!
//! Comments are found by a small lexer per language that knows strings, raw strings, char
//! literals, template literals and regular expressions, so the tests of this very rule, which
//! hold such comments in strings, are not flagged.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// The folders whose source files are checked, from the repository root.
pub const ROOTS: [&str; 7] = [
    "src",
    "extension",
    "www",
    "xtask",
    "bench",
    "tests",
    "tools",
];

/// Folders never checked wherever they appear: installed or generated code.
const SKIPPED_DIRS: [&str; 3] = ["node_modules", "dist", "target"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Rust,
    Js,
}

impl Lang {
    pub fn of(path: &Path) -> Option<Lang> {
        match path.extension()?.to_str()? {
            "rs" => Some(Lang::Rust),
            "js" | "mjs" | "cjs" | "jsx" => Some(Lang::Js),
            _ => None,
        }
    }
}

/// One comment, with the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub line: usize,
    pub text: String,
}

/// A source file split into its comments and its code, where the code keeps its line breaks
/// but has every comment and every string's contents blanked out.
#[derive(Debug, Default)]
pub struct Lexed {
    pub comments: Vec<Comment>,
    pub code: String,
}

/// What tidy found wrong, where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub path: PathBuf,
    pub line: usize,
    pub what: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A comment names an issue by number; the text is the comment's line.
    IssueNumber(String),
    /// `console.log` in the extension's code.
    ConsoleLog,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.what {
            Problem::IssueNumber(text) => write!(
                f,
                "{path}:{}: a comment names an issue by number (say why, not which issue): {text}",
                self.line
            ),
            Problem::ConsoleLog => write!(
                f,
                "{path}:{}: console.log in the extension (it logs into pages' and the worker's devtools)",
                self.line
            ),
        }
    }
}

struct Lexer<'a> {
    chars: &'a [char],
    at: usize,
    line: usize,
    out: Lexed,
}

impl<'a> Lexer<'a> {
    fn new(chars: &'a [char]) -> Self {
        Lexer {
            chars,
            at: 0,
            line: 1,
            out: Lexed::default(),
        }
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    /// Moves past one character, copying it into the code (`keep`) or a blank for it.
    fn step(&mut self, keep: bool) -> Option<char> {
        let c = self.peek(0)?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
            self.out.code.push('\n');
        } else if keep {
            self.out.code.push(c);
        } else {
            self.out.code.push(' ');
        }
        Some(c)
    }

    /// `//` to the end of the line.
    fn line_comment(&mut self) {
        let line = self.line;
        let mut text = String::new();
        while let Some(c) = self.peek(0) {
            if c == '\n' {
                break;
            }
            text.push(c);
            self.step(false);
        }
        self.out.comments.push(Comment { line, text });
    }

    /// `/* … */`, nested in Rust, flat in JavaScript.
    fn block_comment(&mut self, nested: bool) {
        let line = self.line;
        let mut text = String::new();
        let mut depth = 0usize;
        while let Some(c) = self.peek(0) {
            if c == '/' && self.peek(1) == Some('*') && (nested || depth == 0) {
                depth += 1;
                text.push_str("/*");
                self.step(false);
                self.step(false);
            } else if c == '*' && self.peek(1) == Some('/') {
                depth = depth.saturating_sub(1);
                text.push_str("*/");
                self.step(false);
                self.step(false);
                if depth == 0 {
                    break;
                }
            } else {
                text.push(c);
                self.step(false);
            }
        }
        self.out.comments.push(Comment { line, text });
    }

    /// A quoted string from its opening quote, with backslash escapes. A JavaScript string
    /// cannot span lines (an unclosed one ends at the line's end); a Rust one can.
    fn quoted(&mut self, quote: char, multiline: bool) {
        self.step(true);
        while let Some(c) = self.peek(0) {
            match c {
                '\\' => {
                    self.step(false);
                    self.step(false);
                }
                '\n' if !multiline => return,
                c if c == quote => {
                    self.step(true);
                    return;
                }
                _ => {
                    self.step(false);
                }
            }
        }
    }
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// Splits Rust source into comments and code.
pub fn lex_rust(source: &str) -> Lexed {
    let chars: Vec<char> = source.chars().collect();
    let mut lx = Lexer::new(&chars);
    let mut prev = ' ';
    while let Some(c) = lx.peek(0) {
        match c {
            '/' if lx.peek(1) == Some('/') => lx.line_comment(),
            '/' if lx.peek(1) == Some('*') => lx.block_comment(true),
            '"' => lx.quoted('"', true),
            'r' | 'b' if !is_ident(prev) && raw_string_hashes(&chars[lx.at..]).is_some() => {
                let (prefix, hashes) = raw_string_hashes(&chars[lx.at..]).unwrap_or((0, 0));
                for _ in 0..prefix {
                    lx.step(true);
                }
                // Ends at `"` followed by as many `#` as opened it.
                while lx.peek(0).is_some() {
                    if lx.peek(0) == Some('"') && (1..=hashes).all(|k| lx.peek(k) == Some('#')) {
                        for _ in 0..=hashes {
                            lx.step(true);
                        }
                        break;
                    }
                    lx.step(false);
                }
            }
            '\'' => {
                // A char literal ('a', '\n', '"') or a lifetime ('a, 'static).
                if lx.peek(1) == Some('\\') {
                    lx.step(true);
                    lx.step(false);
                    lx.step(false);
                    while let Some(c) = lx.peek(0) {
                        if c == '\'' || c == '\n' {
                            break;
                        }
                        lx.step(false);
                    }
                    lx.step(true);
                } else if lx.peek(2) == Some('\'') {
                    lx.step(true);
                    lx.step(false);
                    lx.step(true);
                } else {
                    lx.step(true);
                }
            }
            _ => {
                lx.step(true);
            }
        }
        prev = lx.chars.get(lx.at.wrapping_sub(1)).copied().unwrap_or(' ');
    }
    lx.out
}

/// At `r"`, `r#"`, `br##"` …: the length of the prefix up to and including the quote, and the
/// number of `#`.
fn raw_string_hashes(rest: &[char]) -> Option<(usize, usize)> {
    let mut i = 0;
    if rest.first() == Some(&'b') {
        i += 1;
    }
    if rest.get(i) != Some(&'r') {
        return None;
    }
    i += 1;
    let hashes = rest[i..].iter().take_while(|c| **c == '#').count();
    i += hashes;
    (rest.get(i) == Some(&'"')).then_some((i + 1, hashes))
}

/// Words after which a `/` starts a regular expression rather than a division.
const REGEX_AFTER_WORDS: [&str; 14] = [
    "return",
    "typeof",
    "instanceof",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "case",
    "do",
    "else",
    "yield",
    "await",
];

/// Splits JavaScript (and JSX) source into comments and code.
pub fn lex_js(source: &str) -> Lexed {
    let chars: Vec<char> = source.chars().collect();
    let mut lx = Lexer::new(&chars);
    js_code(&mut lx, false);
    lx.out
}

/// Lexes code until its end or, inside a template's `${ … }`, until the `}` that closes it.
fn js_code(lx: &mut Lexer<'_>, in_template: bool) {
    let mut braces = 0usize;
    // What the last significant token was: decides whether `/` opens a regular expression.
    let mut regex_allowed = true;
    let mut word = String::new();
    while let Some(c) = lx.peek(0) {
        if is_ident(c) {
            word.push(c);
            lx.step(true);
            continue;
        }
        if !word.is_empty() {
            regex_allowed = REGEX_AFTER_WORDS.contains(&word.as_str());
            word.clear();
        }
        match c {
            '/' if lx.peek(1) == Some('/') => lx.line_comment(),
            '/' if lx.peek(1) == Some('*') => lx.block_comment(false),
            '\'' | '"' => {
                lx.quoted(c, false);
                regex_allowed = false;
            }
            '`' => {
                template(lx);
                regex_allowed = false;
            }
            '/' if regex_allowed => {
                regex(lx);
                regex_allowed = false;
            }
            '{' => {
                braces += 1;
                lx.step(true);
                regex_allowed = true;
            }
            '}' => {
                if in_template && braces == 0 {
                    lx.step(true);
                    return;
                }
                braces = braces.saturating_sub(1);
                lx.step(true);
                regex_allowed = true;
            }
            c if c.is_whitespace() => {
                lx.step(true);
            }
            ')' | ']' => {
                lx.step(true);
                regex_allowed = false;
            }
            _ => {
                lx.step(true);
                regex_allowed = true;
            }
        }
    }
}

/// A template literal from its opening backtick, with its `${ … }` expressions lexed as code.
fn template(lx: &mut Lexer<'_>) {
    lx.step(true);
    while let Some(c) = lx.peek(0) {
        match c {
            '\\' => {
                lx.step(false);
                lx.step(false);
            }
            '`' => {
                lx.step(true);
                return;
            }
            '$' if lx.peek(1) == Some('{') => {
                lx.step(true);
                lx.step(true);
                js_code(lx, true);
            }
            _ => {
                lx.step(false);
            }
        }
    }
}

/// A regular expression literal from its opening `/`: to the unescaped `/` outside a
/// character class, then its flags. One that reaches the line's end was a division after all;
/// the characters it passed stay code.
fn regex(lx: &mut Lexer<'_>) {
    let mut end = lx.at + 1;
    let mut in_class = false;
    loop {
        match lx.chars.get(end) {
            None | Some('\n') => {
                lx.step(true);
                return;
            }
            Some('\\') => end += 2,
            Some('[') => {
                in_class = true;
                end += 1;
            }
            Some(']') => {
                in_class = false;
                end += 1;
            }
            Some('/') if !in_class => break,
            Some(_) => end += 1,
        }
    }
    lx.step(true);
    while lx.at < end {
        lx.step(false);
    }
    lx.step(true);
    while lx.peek(0).is_some_and(|c| c.is_ascii_alphabetic()) {
        lx.step(true);
    }
}

pub fn lex(lang: Lang, source: &str) -> Lexed {
    match lang {
        Lang::Rust => lex_rust(source),
        Lang::Js => lex_js(source),
    }
}

/// Whether a comment names an issue by number: the word "issue" or "issues", in any case, then
/// spaces, `#` or `-`, then a digit; or a `TODO(`/`FIXME(` that names an issue. The word alone
/// (a known issue, issued) is fine.
pub fn names_an_issue(comment: &str) -> bool {
    let lower = comment.to_lowercase();
    let bytes = lower.as_bytes();
    let mut from = 0;
    while let Some(found) = lower[from..].find("issue") {
        let start = from + found;
        from = start + "issue".len();
        if start > 0 && (bytes[start - 1] as char).is_ascii_alphanumeric() {
            continue;
        }
        let mut i = from;
        if bytes.get(i) == Some(&b's') {
            i += 1;
        }
        while bytes
            .get(i)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'#' | b'-'))
        {
            i += 1;
        }
        if bytes.get(i).is_some_and(u8::is_ascii_digit) {
            return true;
        }
    }
    lower.contains("todo(issue") || lower.contains("fixme(issue")
}

/// Where `code` (comments and strings blanked) calls `console.log`, by line.
fn console_log_lines(code: &str) -> Vec<usize> {
    code.lines()
        .enumerate()
        .filter(|(_, l)| {
            l.match_indices("console").any(|(i, _)| {
                let before = l[..i].chars().next_back();
                let after = l[i + "console".len()..].trim_start();
                !before.is_some_and(is_ident)
                    && after.strip_prefix('.').is_some_and(|a| {
                        a.trim_start()
                            .strip_prefix("log")
                            .is_some_and(|rest| !rest.starts_with(is_ident))
                    })
            })
        })
        .map(|(n, _)| n + 1)
        .collect()
}

/// The findings in one file's text. `in_extension` turns on the `console.log` rule.
pub fn check_source(path: &Path, lang: Lang, source: &str, in_extension: bool) -> Vec<Finding> {
    let lexed = lex(lang, source);
    let mut findings = Vec::new();
    for comment in &lexed.comments {
        for (offset, text) in comment.text.lines().enumerate() {
            if names_an_issue(text) {
                let what = Problem::IssueNumber(text.trim().to_owned());
                findings.push(Finding {
                    path: path.to_owned(),
                    line: comment.line + offset,
                    what,
                });
            }
        }
    }
    if in_extension {
        for line in console_log_lines(&lexed.code) {
            findings.push(Finding {
                path: path.to_owned(),
                line,
                what: Problem::ConsoleLog,
            });
        }
    }
    findings.sort_by_key(|f| f.line);
    findings
}

/// The source files tidy reads under `root`'s [`ROOTS`], sorted.
pub fn source_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack: Vec<PathBuf> = ROOTS.iter().map(|r| root.join(r)).collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if path.is_dir() {
                if !name.starts_with('.') && !SKIPPED_DIRS.contains(&name.as_ref()) {
                    stack.push(path);
                }
            } else if Lang::of(&path).is_some() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Every finding in the repository at `root`, paths relative to it.
pub fn check_tree(root: &Path) -> Result<Vec<Finding>, String> {
    let mut findings = Vec::new();
    for path in source_files(root) {
        let Some(lang) = Lang::of(&path) else {
            continue;
        };
        let source = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let relative = path.strip_prefix(root).unwrap_or(&path);
        let in_extension = relative.starts_with("extension");
        findings.extend(check_source(relative, lang, &source, in_extension));
    }
    Ok(findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comments(lang: Lang, source: &str) -> Vec<String> {
        lex(lang, source)
            .comments
            .into_iter()
            .map(|c| c.text)
            .collect()
    }

    /// A fixture with `{w}` / `{W}` standing for the word, spelled here in two halves: the same
    /// check runs over this file, and its own fixtures are not comments of the project.
    fn fixture(template: &str) -> String {
        let word = ["is", "sue"].concat();
        template
            .replace("{w}", &word)
            .replace("{W}", &["Is", "sue"].concat())
    }

    #[test]
    fn an_issue_number_in_any_spelling_is_named() {
        for template in [
            "// {w} 4",
            "//! {W} 5's exports",
            "// ({w} 6 item 8, the security model)",
            "// {w}s 5/6",
            "// see {w} #12",
            "// TODO({w} 13): later",
            "// todo({w})",
            "// {w}-7",
        ] {
            let text = fixture(template);
            assert!(names_an_issue(&text), "{text}");
        }
    }

    #[test]
    fn issue_as_a_plain_word_is_fine() {
        for text in [
            "// a known issue",
            "// issued by the console",
            "// tissue 4",
            "// the issue: 4 fields",
        ] {
            assert!(!names_an_issue(text), "{text}");
        }
    }

    #[test]
    fn rust_comments_are_found_and_strings_are_not_comments() {
        let source = r####"
//! module doc
let a = "// not a comment"; // trailing
let b = r#"/* "still" a string */"#;
let c = '"'; let d = '\''; fn f<'a>(x: &'a str) {} // after a lifetime
/* outer /* nested */ still outer */ let e = 1;
"####;
        assert_eq!(
            comments(Lang::Rust, source),
            [
                "//! module doc",
                "// trailing",
                "// after a lifetime",
                "/* outer /* nested */ still outer */"
            ]
        );
    }

    #[test]
    fn js_comments_are_found_past_strings_templates_and_regexes() {
        let source = r#"
const url = 'http://example.com'; // one
const t = `a ${ { k: "//" }.k } // not one ${`nested // no`}`;
const re = /\/\/[/]issue 4/g; /* two */
const half = total / 2 / count; // three
if (x) return /'/.test(y); // four
"#;
        assert_eq!(
            comments(Lang::Js, source),
            ["// one", "/* two */", "// three", "// four"]
        );
    }

    #[test]
    fn a_test_of_this_rule_in_a_string_is_not_flagged() {
        let source = fixture("let sample = \"// {w} 4\"; // tidy: fine\n");
        assert!(check_source(Path::new("x.rs"), Lang::Rust, &source, false).is_empty());
    }

    #[test]
    fn findings_carry_the_line_of_the_comment() {
        let source = fixture("fn a() {}\n/* first line\n   {w} 6 on the second */\n");
        let found = check_source(Path::new("a.rs"), Lang::Rust, &source, false);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 3);
    }

    #[test]
    fn console_log_is_refused_in_the_extension_only_and_only_in_code() {
        let source = "console.log('x');\nconsole.warn('y');\n// console.log in a comment\nconst s = 'console.log';\nmyconsole.log();\nconsole . log(1);\n";
        let found = check_source(Path::new("extension/a.js"), Lang::Js, source, true);
        let lines: Vec<_> = found.iter().map(|f| f.line).collect();
        assert_eq!(lines, [1, 6]);
        assert!(check_source(Path::new("www/a.js"), Lang::Js, source, false).is_empty());
    }

    #[test]
    fn the_whole_tree_is_read_but_installed_and_built_code_is_not() {
        let root = crate::util::repo_root();
        let files = source_files(&root);
        for expected in [
            "src/wasm/mod.rs",
            "xtask/src/tidy.rs",
            "extension/sw/main.js",
            "www/serve.mjs",
        ] {
            assert!(files.contains(&root.join(expected)), "{expected}");
        }
        assert!(files
            .iter()
            .all(|f| !f.components().any(|c| c.as_os_str() == "node_modules")));
    }

    #[test]
    fn the_lexed_code_keeps_its_lines() {
        let source = "a\n/* b\nc */\n'd\ne'\n";
        assert_eq!(lex_js(source).code.lines().count(), source.lines().count());
    }
}
