//! The toolbar badge of a tab: whether the helper sees a console there, and whether a form on
//! the page can be filled. The worker only passes the tab's status and its recognised forms.

use serde::Serialize;

use crate::i18n::Locale;
use crate::status::PopupState;

/// Kingdee blue, as the popup's primary buttons: a console is recognised.
const CONSOLE_COLOUR: &str = "#276FF5";
/// Amber: a console, but its 数据中心 id is not known yet.
const WAITING_COLOUR: &str = "#E57E00";
/// Green: a form the helper can fill is on the page.
const FORMS_COLOUR: &str = "#1BA854";

/// What `chrome.action` shows for one tab: `text` empty clears the badge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Badge {
    pub text: String,
    pub colour: &'static str,
    /// The toolbar button's tooltip, saying the same in words.
    pub title: String,
}

/// The badge for a tab whose status is `state` (None: not known, as a page we have no access
/// to) and on which `forms` recognised forms are shown.
pub fn badge_for(state: Option<PopupState>, forms: u32, locale: Locale) -> Badge {
    let name = locale.pick("发票云配置助手", "Fapiao setup helper");
    if forms > 0 {
        // The badge has room for about four characters.
        let text = if forms > 9 {
            "9+".to_owned()
        } else {
            forms.to_string()
        };
        let title = match locale {
            Locale::ZhCn => format!("{name}：此页有 {forms} 个可填充的表单"),
            Locale::En => format!("{name}: {forms} form(s) on this page can be filled"),
        };
        return Badge {
            text,
            colour: FORMS_COLOUR,
            title,
        };
    }
    match state {
        Some(PopupState::Ready) => Badge {
            text: "✓".to_owned(),
            colour: CONSOLE_COLOUR,
            title: match locale {
                Locale::ZhCn => format!("{name}：已识别控制台"),
                Locale::En => format!("{name}: console recognised"),
            },
        },
        Some(PopupState::Waiting) => Badge {
            text: "…".to_owned(),
            colour: WAITING_COLOUR,
            title: match locale {
                Locale::ZhCn => format!("{name}：已识别控制台，等待数据中心 id（登录或刷新页面）"),
                Locale::En => format!(
                    "{name}: console recognised, waiting for its 数据中心 id (log in or reload)"
                ),
            },
        },
        _ => Badge {
            text: String::new(),
            colour: CONSOLE_COLOUR,
            title: name.to_owned(),
        },
    }
}

/// A status code as `popupStatus` writes it (`ready`, `waiting`, …); anything else is unknown.
pub fn state_from_code(code: &str) -> Option<PopupState> {
    [
        PopupState::Ready,
        PopupState::Waiting,
        PopupState::NotConsole,
        PopupState::NoAccess,
    ]
    .into_iter()
    .find(|s| s.as_str() == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fillable_form_shows_the_count_in_green() {
        let badge = badge_for(Some(PopupState::Ready), 2, Locale::ZhCn);
        assert_eq!(badge.text, "2");
        assert_eq!(badge.colour, FORMS_COLOUR);
        assert!(badge.title.contains("2 个可填充"));
    }

    #[test]
    fn many_forms_fit_the_badge() {
        assert_eq!(badge_for(None, 12, Locale::En).text, "9+");
    }

    #[test]
    fn a_console_without_forms_shows_a_tick_or_waiting() {
        assert_eq!(badge_for(Some(PopupState::Ready), 0, Locale::En).text, "✓");
        let waiting = badge_for(Some(PopupState::Waiting), 0, Locale::En);
        assert_eq!(waiting.text, "…");
        assert!(waiting.title.contains("waiting"));
    }

    #[test]
    fn no_console_clears_the_badge() {
        for state in [
            None,
            Some(PopupState::NotConsole),
            Some(PopupState::NoAccess),
        ] {
            assert_eq!(badge_for(state, 0, Locale::ZhCn).text, "");
        }
    }

    #[test]
    fn status_codes_read_back() {
        assert_eq!(state_from_code("waiting"), Some(PopupState::Waiting));
        assert_eq!(state_from_code("bogus"), None);
    }
}
