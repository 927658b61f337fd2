//! When does a control already hold the value a field wants, and did a value stick?
//!
//! Texts compare trimmed and exactly (`https://h/ierp` is not `https://h/ierp/`: the console
//! builds URLs from it). A lookup holds its code when the text it shows has the code as a whole
//! token (`invoiceupload 第三方发票上传`, `第三方发票上传(invoiceupload)`) — never as a part of a
//! longer code (`invoiceupload2`) — or shows exactly the entry's name and nothing else. Choices (selects, radios)
//! compare by label key, so `否` equals ` 否 ` and `EAS` equals `eas`.

use crate::labels::label_key;

/// Separators between the code and the name in a lookup's text. `-`, `_` and `.` are not
/// among them: codes contain them.
const TOKEN_SEPARATORS: [char; 18] = [
    '/', '|', ',', '，', '(', ')', '（', '）', '[', ']', '【', '】', ':', '：', '·', ';', '；',
    '、',
];

/// The whole tokens of a lookup's shown text.
pub(crate) fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || TOKEN_SEPARATORS.contains(&c))
        .filter(|t| !t.is_empty())
}

/// Same text, ignoring surrounding whitespace.
pub(crate) fn same_text(current: &str, wanted: &str) -> bool {
    current.trim() == wanted.trim()
}

/// Whether a lookup showing `shown` holds the entry `code` (named `name`).
pub(crate) fn lookup_holds(shown: &str, code: &str, name: Option<&str>) -> bool {
    let shown = shown.trim();
    let code = code.trim();
    if shown.is_empty() || code.is_empty() {
        return false;
    }
    if shown == code || tokens(shown).any(|t| t == code) {
        return true;
    }
    // The name alone must be the whole text: `第三方发票上传（副本）` is another entry.
    name.map(str::trim)
        .is_some_and(|n| !n.is_empty() && shown == n)
}

/// Whether two choice texts name the same choice.
pub(crate) fn same_choice(a: &str, b: &str) -> bool {
    let (a, b) = (label_key(a), label_key(b));
    !a.is_empty() && a == b
}

/// Reads a yes/no text as a checked state (`是`/`否`, `true`/`false`, `yes`/`no`, `1`/`0`).
pub(crate) fn yes_no(text: &str) -> Option<bool> {
    match label_key(text).as_str() {
        "是" | "true" | "yes" | "y" | "1" | "on" | "启用" | "√" | "✓" => Some(true),
        "否" | "false" | "no" | "n" | "0" | "off" | "禁用" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_longer_code_does_not_hold_the_code() {
        assert!(!lookup_holds(
            "invoiceupload2",
            "invoiceupload",
            Some("第三方发票上传")
        ));
        assert!(!lookup_holds(
            "invoiceupload2 第三方发票上传2",
            "invoiceupload",
            Some("第三方发票上传")
        ));
        assert!(lookup_holds(
            "invoiceupload 第三方发票上传",
            "invoiceupload",
            Some("第三方发票上传")
        ));
        assert!(lookup_holds(
            "第三方发票上传(invoiceupload)",
            "invoiceupload",
            None
        ));
        assert!(lookup_holds(
            " 第三方发票上传 ",
            "invoiceupload",
            Some("第三方发票上传")
        ));
    }
}
