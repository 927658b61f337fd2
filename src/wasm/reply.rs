//! The one error convention of the WASM surface, and its helpers.
//!
//! - **Malformed input throws.** An argument the export cannot read (wrong shape, unknown kind,
//!   a body that is no `getUserLanguage.do` answer, a URL that is no console where a console is
//!   required) throws a JS `Error` whose `message` is localised (the locale `setLocale` chose)
//!   and whose `code` is a stable kebab-case code (`malformed-input` for a shape the caller
//!   should never send). The worker turns a throw into `{ok: false, code, error}`.
//! - **A policy answer is a value.** Where the core refuses something a well-formed request asks
//!   for (a secret withheld, a remembered secret refused, a document replaying its 数据中心 id),
//!   the export returns `{ok: false, code, message}`; a yes is `{ok: true, …}`. The worker
//!   passes `code` and the localised `message` on as its reply's `code` and `error`.
//! - **No answer is `undefined`**, never an error: a record nobody chose, a grant with nothing
//!   to confirm.
//!
//! Every message is the core's, localised (`crate::i18n`): the worker builds none.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{locale, localised_error, to_js};
use crate::i18n::{Locale, Localised};

/// An argument of a shape the caller should never send.
#[derive(Debug, thiserror::Error)]
#[error("malformed input")]
pub(crate) struct MalformedInput;

impl Localised for MalformedInput {
    fn message(&self, locale: Locale) -> String {
        locale
            .pick(
                "助手收到了格式不对的请求，没有处理",
                "The helper received a malformed request and did nothing",
            )
            .into()
    }

    fn code(&self) -> &'static str {
        "malformed-input"
    }
}

/// The thrown error for malformed input.
pub(crate) fn malformed() -> JsValue {
    localised_error(&MalformedInput)
}

/// Reads a JS argument into `T`, throwing [`malformed`] when it does not fit.
pub(crate) fn read<T: DeserializeOwned>(value: JsValue) -> Result<T, JsValue> {
    super::from_value(value).map_err(|_| malformed())
}

/// A policy answer's refusal as plain data: `{ok: false, code, message}`.
#[derive(Serialize)]
struct Refused {
    ok: bool,
    code: &'static str,
    message: String,
}

/// `{ok: false, code, message}` for `refusal`, localised.
pub(crate) fn refused(refusal: &dyn Localised) -> Result<JsValue, JsValue> {
    to_js(&Refused {
        ok: false,
        code: refusal.code(),
        message: refusal.message(locale()),
    })
}
