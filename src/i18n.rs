//! The two languages the helper speaks, and the one trait every user-facing error implements.
//!
//! Messages are chosen in Rust so that the service worker, the popup and the standalone page
//! say the same thing; the JS edge only passes `chrome.i18n.getUILanguage()` to `setLocale`.

/// A UI language. Chinese first: the helper's users are Kingdee implementers in China.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    ZhCn,
    En,
}

impl Locale {
    /// Reads a browser language tag: any Chinese tag (`zh`, `zh-CN`, `zh_CN`, `zh-Hans-CN`,
    /// `zh-TW`, any case) gives Chinese, everything else English.
    ///
    /// Traditional-Chinese tags also get the simplified text: it reads far better to them than
    /// English, and the helper ships no zh_TW catalogue.
    pub fn from_tag(tag: &str) -> Locale {
        let tag = tag.trim();
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("zh") {
            Locale::ZhCn
        } else {
            Locale::En
        }
    }

    /// Picks the text for this locale; keeps call sites to one line per message.
    pub fn pick<'a>(self, zh_cn: &'a str, en: &'a str) -> &'a str {
        match self {
            Locale::ZhCn => zh_cn,
            Locale::En => en,
        }
    }
}

/// An error (or state) a person will read: a localised sentence and a stable machine code.
///
/// `code` is for tests and for JS that must branch on the kind (kebab-case, never translated);
/// `message` is what the UI shows.
pub trait Localised {
    fn message(&self, locale: Locale) -> String;
    fn code(&self) -> &'static str;
}
