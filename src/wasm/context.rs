//! The context's exports: the console context, `getUserLanguage.do` observations and the popup
//! status. Arguments and results are plain JS objects; `accountId` is always a string.

use wasm_bindgen::prelude::*;

use super::reply::{read, refused};
use super::{locale, localised_error, to_js};
use crate::console::binding::{self, Requester};
use crate::console::loads::{DocumentLoads, Sender};
use crate::console::observations;
use crate::console::ConsoleContext;
use crate::credentials::PastedObservation;
use crate::i18n::Localised;
use crate::status;
use crate::user_language::{self, Observation, UserLanguageError, MAX_BODY_BYTES};

/// `consoleContext(url) -> {origin, prefix, appTokenUrl, loginUrl}`; throws if not a console.
#[wasm_bindgen(js_name = consoleContext)]
pub fn console_context(url: &str) -> Result<JsValue, JsValue> {
    let context = ConsoleContext::from_url(url).map_err(|e| localised_error(&e))?;
    to_js(&context)
}

/// `observeUserLanguage(pageUrl, requestUrl, body) -> {origin, requestPath, pageDir, accountId,
/// seenAt}`, stamped with `Date.now()`; throws when the request or the body does not qualify.
#[wasm_bindgen(js_name = observeUserLanguage)]
pub fn observe_user_language(
    page_url: &str,
    request_url: &str,
    body: JsValue,
) -> Result<JsValue, JsValue> {
    // Anything but a string (a forged message's object, `undefined`) has no body to read.
    let Some(body) = body.dyn_ref::<js_sys::JsString>() else {
        return Err(localised_error(&UserLanguageError::EmptyBody));
    };
    // A UTF-16 length over the cap means at least as many UTF-8 bytes: refuse before copying
    // a hostile megabyte string into WASM memory.
    let units = body.length() as usize;
    if units > MAX_BODY_BYTES {
        return Err(localised_error(&UserLanguageError::TooLarge {
            len: units,
            max: MAX_BODY_BYTES,
        }));
    }
    let body = String::from(body);
    let mut observation =
        user_language::observe(page_url, request_url, &body).map_err(|e| localised_error(&e))?;
    observation.seen_at = Some(js_sys::Date::now());
    to_js(&observation)
}

/// `popupStatus(tabUrl, hasAccess, observations) -> {state, context?, accountId?, message}`.
///
/// Entries of `observations` that do not read as an observation (old shapes, tampering) are
/// skipped rather than failing the popup; a non-array counts as none. Entries marked `pasted`
/// (a context the user pasted) count only while not expired, and only where the console's own
/// answer was not seen.
#[wasm_bindgen(js_name = popupStatus)]
pub fn popup_status(
    tab_url: Option<String>,
    has_access: bool,
    observations: JsValue,
) -> Result<JsValue, JsValue> {
    let (seen, pasted) = observations_of(&observations);
    let status =
        status::popup_status_with_pasted(tab_url.as_deref(), has_access, &seen, &pasted, locale());
    to_js(&status)
}

/// The stored observations of an origin, read: the console's own, and the pasted ones still
/// live. Entries that do not read as an observation (old shapes, tampering) are skipped rather
/// than failing the caller; a non-array counts as none.
fn observations_of(observations: &JsValue) -> (Vec<Observation>, Vec<Observation>) {
    let now = js_sys::Date::now();
    let mut seen: Vec<Observation> = Vec::new();
    let mut pasted: Vec<Observation> = Vec::new();
    if js_sys::Array::is_array(observations) {
        for entry in js_sys::Array::from(observations).iter() {
            if let Ok(entry) = super::from_value::<PastedObservation>(entry.clone()) {
                if entry.pasted && (entry.expires_at as f64) > now {
                    pasted.push(entry.observation);
                }
            } else if let Ok(observation) = super::from_value::<Observation>(entry) {
                seen.push(observation);
            }
        }
    }
    (seen, pasted)
}

/// `consoleValues(pageUrl, observations) -> {prefix?, accountId?}`: what a fill on the console
/// page at `pageUrl` receives from its context (nothing for a page that is no console); the
/// 数据中心 id as `popupStatus` gives it, the console's own answer before a pasted one.
#[wasm_bindgen(js_name = consoleValues)]
pub fn console_values(page_url: &str, observations: JsValue) -> Result<JsValue, JsValue> {
    let (seen, pasted) = observations_of(&observations);
    to_js(&status::console_values(page_url, &seen, &pasted))
}

/// A JS array argument as JSON values (anything else: none).
fn entries(value: JsValue) -> Vec<serde_json::Value> {
    super::from_value::<Vec<serde_json::Value>>(value).unwrap_or_default()
}

/// `acceptObservation(observations, documents, observation, documentId?) -> {ok: true,
/// accountId, observations?, documents?} | {ok: false, code, message}`: the origin's stored
/// observations and the documents that gave their id, with `observation` (as
/// `observeUserLanguage` wrote it) accepted; the lists come back only when they are to be
/// stored. A document that gave another id before is refused (`context-replayed`).
#[wasm_bindgen(js_name = acceptObservation)]
pub fn accept_observation(
    observations: JsValue,
    documents: JsValue,
    observation: JsValue,
    document_id: Option<String>,
) -> Result<JsValue, JsValue> {
    let observation: serde_json::Value = read(observation)?;
    match observations::accept(
        entries(observations),
        entries(documents),
        observation,
        document_id.as_deref(),
    ) {
        Ok(accepted) => {
            let mut reply = serde_json::json!({ "ok": true, "accountId": accepted.account_id });
            if let (Some((observations, documents)), Some(reply)) =
                (accepted.write, reply.as_object_mut())
            {
                reply.insert("observations".to_owned(), observations.into());
                reply.insert("documents".to_owned(), documents.into());
            }
            to_js(&reply)
        }
        Err(replayed) => refused(&replayed),
    }
}

/// `acceptPasted(observations, pasted) -> observations`: the origin's observations with a
/// pasted context (as `credentialsFromPaste` wrote it) in place of an earlier pasted one for
/// the same console.
#[wasm_bindgen(js_name = acceptPasted)]
pub fn accept_pasted(observations: JsValue, pasted: JsValue) -> Result<JsValue, JsValue> {
    let pasted: serde_json::Value = read(pasted)?;
    to_js(&observations::with_pasted(entries(observations), pasted))
}

/// `ownObservations(observations) -> observations`: those the console itself gave, without
/// pasted contexts: what is remembered across restarts and what 清除所有密钥 leaves.
#[wasm_bindgen(js_name = ownObservations)]
pub fn own_observations(observations: JsValue) -> Result<JsValue, JsValue> {
    to_js(&observations::own(entries(observations)))
}

/// Where a requester acts, or why it gets no console context, as `placeSender` answers.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct PlaceReply {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    page_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    console: Option<ConsoleContext>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'static str>,
    /// For a refusal: the code a fill row shows for a secret withheld for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    secret_refusal: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

/// The core's placement of `requester` as `placeSender` answers it.
fn place_reply(requester: &Requester<'_>) -> PlaceReply {
    match binding::place_of(requester) {
        Ok(place) => PlaceReply {
            ok: true,
            page_url: Some(place.page_url),
            prefix: Some(place.scope.prefix),
            console: place.console,
            code: None,
            secret_refusal: None,
            message: None,
        },
        Err(error) => PlaceReply {
            ok: false,
            page_url: None,
            prefix: None,
            console: None,
            code: Some(error.code()),
            secret_refusal: Some(error.secret_refusal_code()),
            message: Some(error.message(locale())),
        },
    }
}

/// The stored document loads (anything else: none yet).
fn loads_of(value: JsValue) -> DocumentLoads {
    super::from_value(value).unwrap_or_default()
}

/// What the worker passes of a message's `sender`.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct SenderFacts {
    #[serde(default)]
    frame_origin: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    frame_id: Option<i64>,
    #[serde(default)]
    document_id: Option<String>,
    #[serde(default)]
    tab_id: Option<i64>,
    #[serde(default)]
    tab_url: Option<String>,
}

impl SenderFacts {
    fn sender(&self) -> Sender<'_> {
        Sender {
            frame_origin: &self.frame_origin,
            url: self.url.as_deref(),
            frame_id: self.frame_id,
            document_id: self.document_id.as_deref(),
            tab_id: self.tab_id,
            tab_url: self.tab_url.as_deref(),
        }
    }
}

/// `documentHello(loads, {documentId, url, frameId, tabId?}) -> loads`: the session's document
/// loads with this document's hello noted (the first hello of a document wins; a top frame
/// becomes its tab's top document).
#[wasm_bindgen(js_name = documentHello)]
pub fn document_hello(loads: JsValue, sender: JsValue) -> Result<JsValue, JsValue> {
    let facts: SenderFacts = read(sender)?;
    let (Some(document_id), Some(url), Some(frame_id)) = (
        facts.document_id.as_deref(),
        facts.url.as_deref(),
        facts.frame_id,
    ) else {
        return Err(super::reply::malformed());
    };
    let mut loads = loads_of(loads);
    loads.hello(document_id, url, frame_id, facts.tab_id);
    to_js(&loads)
}

/// `documentsForgetTab(loads, tabId) -> loads | undefined`: without the closed tab's top
/// document (`undefined`: nothing to write).
#[wasm_bindgen(js_name = documentsForgetTab)]
pub fn documents_forget_tab(loads: JsValue, tab_id: f64) -> Result<JsValue, JsValue> {
    let mut loads = loads_of(loads);
    if tab_id.fract() != 0.0 || !loads.forget_tab(tab_id as i64) {
        return Ok(JsValue::UNDEFINED);
    }
    to_js(&loads)
}

/// `placeSender(loads, {frameOrigin, url, frameId, documentId?, tabId?, tabUrl?}) -> {ok: true,
/// pageUrl, prefix, console?} | {ok: false, code, secretRefusal, message}`: the page the sender's
/// document acts for (the console it loaded with; its tab's for a frame of the same origin), from
/// the addresses the browser gives now and those its documents loaded with, or why it gets no
/// console context.
#[wasm_bindgen(js_name = placeSender)]
pub fn place_sender(loads: JsValue, sender: JsValue) -> Result<JsValue, JsValue> {
    let facts: SenderFacts = read(sender)?;
    let loads = loads_of(loads);
    to_js(&place_reply(&loads.requester(&facts.sender())))
}
