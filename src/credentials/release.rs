//! Whether a fill may receive pasted values (DESIGN.md security model, as for the other
//! secrets): the requester's own console's credentials (or those the user allowed for it in the
//! popup), not expired; secrets only on a trusted click, into a form that takes that very
//! credential, and on a plain-http console only after the popup's warning was confirmed.
//!
//! Inputs are the browser's word (the page the requesting document acts for, its frame origin)
//! and the worker's own recognition (the form); nothing a page says.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use url::Url;

use super::{pick_record, CredentialScope, HeldCredentials, RecordChoice};
use crate::console::is_insecure_origin;
use crate::forms::{CredentialKind, ValueSource, SPECS};
use crate::secret::Secret;

/// The keys of `planFill`'s `values` this module supplies (the plan side reads exactly these).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKey {
    Environment,
    EnvironmentUrl,
    EnterpriseName,
    TaxId,
    ClientId,
    ClientSecret,
    EncryptKey,
    TenantClientId,
    TenantSecret,
    TenantEncryptKey,
}

impl ValueKey {
    pub const ALL: [ValueKey; 10] = [
        ValueKey::Environment,
        ValueKey::EnvironmentUrl,
        ValueKey::EnterpriseName,
        ValueKey::TaxId,
        ValueKey::ClientId,
        ValueKey::ClientSecret,
        ValueKey::EncryptKey,
        ValueKey::TenantClientId,
        ValueKey::TenantSecret,
        ValueKey::TenantEncryptKey,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ValueKey::Environment => "environment",
            ValueKey::EnvironmentUrl => "environmentUrl",
            ValueKey::EnterpriseName => "enterpriseName",
            ValueKey::TaxId => "taxId",
            ValueKey::ClientId => "clientId",
            ValueKey::ClientSecret => "clientSecret",
            ValueKey::EncryptKey => "encryptKey",
            ValueKey::TenantClientId => "tenantClientId",
            ValueKey::TenantSecret => "tenantSecret",
            ValueKey::TenantEncryptKey => "tenantEncryptKey",
        }
    }

    pub fn from_code(code: &str) -> Option<ValueKey> {
        ValueKey::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The secret credential this key is, if it is one.
    pub fn secret_kind(self) -> Option<CredentialKind> {
        match self {
            ValueKey::ClientSecret => Some(CredentialKind::EnterpriseClientSecret),
            ValueKey::EncryptKey => Some(CredentialKind::EnterpriseEncryptKey),
            ValueKey::TenantSecret => Some(CredentialKind::TenantClientSecret),
            ValueKey::TenantEncryptKey => Some(CredentialKind::TenantEncryptKey),
            _ => None,
        }
    }

    pub fn is_secret(self) -> bool {
        self.secret_kind().is_some()
    }
}

/// Where a fill asks from, as the worker knows it.
#[derive(Debug, Clone, Copy)]
pub struct FillRequest<'a> {
    /// The recognised form: spec id or name.
    pub form: &'a str,
    /// `sender.origin` of the requesting frame.
    pub frame_origin: &'a str,
    /// The page the requesting document acts for (`placeSender`); `None` when it acts for
    /// none, with `place_refusal` the code its secrets' rows show.
    pub page_url: Option<&'a str>,
    pub place_refusal: Option<&'a str>,
    pub trusted_click: bool,
    pub now_ms: u64,
}

enum Value<'a> {
    Text(&'a str),
    Secret(&'a Secret),
}

/// The values a fill receives, and why others were held back (a refusal code per key).
#[derive(Default)]
pub struct Released<'a> {
    values: Vec<(ValueKey, Value<'a>)>,
    refusals: Vec<(ValueKey, &'static str)>,
}

impl Released<'_> {
    pub fn value(&self, key: ValueKey) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| match v {
                Value::Text(text) => *text,
                Value::Secret(secret) => secret.expose(),
            })
    }

    pub fn refusal(&self, key: ValueKey) -> Option<&'static str> {
        self.refusals
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, code)| *code)
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.refusals.is_empty()
    }
}

/// `{values: {clientId: …, …}, refusals: {clientSecret: "secret-other-console", …}}`: the fill's
/// share; secrets appear whole here only because the policy released them into this fill.
impl Serialize for Released<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Values<'b, 'a>(&'b [(ValueKey, Value<'a>)]);
        impl Serialize for Values<'_, '_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for (key, value) in self.0 {
                    match value {
                        Value::Text(text) => map.serialize_entry(key.code(), text)?,
                        Value::Secret(secret) => {
                            map.serialize_entry(key.code(), secret.expose())?
                        }
                    }
                }
                map.end()
            }
        }
        struct Refusals<'b>(&'b [(ValueKey, &'static str)]);
        impl Serialize for Refusals<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for (key, code) in self.0 {
                    map.serialize_entry(key.code(), code)?;
                }
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("values", &Values(&self.values))?;
        map.serialize_entry("refusals", &Refusals(&self.refusals))?;
        map.end()
    }
}

/// Every value `record` holds for a fill, secrets included (the policy filters them).
fn held_values(record: &HeldCredentials) -> Vec<(ValueKey, Value<'_>)> {
    let mut out = vec![(
        ValueKey::Environment,
        Value::Text(record.environment.code()),
    )];
    if let Some(url) = record.environment_url.as_deref() {
        out.push((ValueKey::EnvironmentUrl, Value::Text(url)));
    }
    if let Some(enterprise) = record.selected_enterprise() {
        if !enterprise.name.is_empty() {
            out.push((ValueKey::EnterpriseName, Value::Text(&enterprise.name)));
        }
        if !enterprise.tax_id.is_empty() {
            out.push((ValueKey::TaxId, Value::Text(&enterprise.tax_id)));
        }
        if let Some(id) = enterprise.client_id.as_deref() {
            out.push((ValueKey::ClientId, Value::Text(id)));
        }
        if let Some(secret) = &enterprise.client_secret {
            out.push((ValueKey::ClientSecret, Value::Secret(secret)));
        }
        if let Some(key) = &enterprise.encrypt_key {
            out.push((ValueKey::EncryptKey, Value::Secret(key)));
        }
    }
    if let Some(tenant) = record.tenant() {
        if let Some(id) = tenant.client_id.as_deref() {
            out.push((ValueKey::TenantClientId, Value::Text(id)));
        }
        if let Some(secret) = &tenant.client_secret {
            out.push((ValueKey::TenantSecret, Value::Secret(secret)));
        }
        if let Some(key) = &tenant.encrypt_key {
            out.push((ValueKey::TenantEncryptKey, Value::Secret(key)));
        }
    }
    out
}

/// Whether the form (spec id or a name of it) has a field that takes `kind`.
pub fn form_takes(form: &str, kind: CredentialKind) -> bool {
    SPECS
        .iter()
        .filter(|spec| spec.id == form || spec.name == form || spec.aliases.contains(&form))
        .flat_map(|spec| spec.fields.iter())
        .any(|field| matches!(field.source, ValueSource::Credential { credential } if credential == kind))
}

fn refuse_all<'a>(record: &'a HeldCredentials, code: &'static str) -> Released<'a> {
    Released {
        values: Vec::new(),
        refusals: held_values(record)
            .into_iter()
            .map(|(key, _)| (key, code))
            .collect(),
    }
}

/// Decides what the fill described by `request` receives from `records` (every record the
/// worker holds, expired ones included: expiry is decided here).
pub fn release<'a>(records: &'a [HeldCredentials], request: &FillRequest<'_>) -> Released<'a> {
    let Some(page_url) = request.page_url else {
        // The document acts for no console (moved, foreign frame): nothing, and the rows say why
        // when something is held at all.
        return match (
            records.first(),
            request.place_refusal.and_then(known_refusal),
        ) {
            (Some(record), Some(code)) => refuse_all(record, code),
            _ => Released::default(),
        };
    };
    let Ok(requester) = CredentialScope::of_page(page_url) else {
        return records
            .first()
            .map_or_else(Released::default, |r| refuse_all(r, "secret-not-web-page"));
    };
    let refs: Vec<&HeldCredentials> = records.iter().collect();
    let (record, own) = match pick_record(&refs, &requester, request.now_ms, true) {
        RecordChoice::None => return Released::default(),
        RecordChoice::Own(i) | RecordChoice::Allowed(i) => (&records[i], true),
        RecordChoice::Other(i) => (&records[i], false),
    };
    if record.is_expired(request.now_ms) {
        return refuse_all(record, "secret-expired");
    }
    if !own {
        return refuse_all(record, "secret-other-console");
    }
    if normalised_origin(request.frame_origin).as_deref() != Some(requester.origin.as_str()) {
        return refuse_all(record, "secret-frame-other-origin");
    }
    let insecure = is_insecure_origin(&requester.origin)
        && !record.insecure_allowed.iter().any(|s| s == requester.key());
    let mut released = Released::default();
    for (key, value) in held_values(record) {
        let Some(kind) = key.secret_kind() else {
            released.values.push((key, value));
            continue;
        };
        // A form that takes no such credential never receives it, whatever its labels say.
        if !form_takes(request.form, kind) {
            continue;
        }
        if !request.trusted_click {
            released.refusals.push((key, "secret-untrusted-click"));
        } else if insecure {
            released.refusals.push((key, "secret-insecure-console"));
        } else {
            released.values.push((key, value));
        }
    }
    released
}

/// The place refusals a row may show (`placeSender`'s `secretRefusal`).
fn known_refusal(code: &str) -> Option<&'static str> {
    [
        "secret-page-moved",
        "secret-frame-other-origin",
        "secret-not-web-page",
    ]
    .into_iter()
    .find(|c| *c == code)
}

fn normalised_origin(origin: &str) -> Option<String> {
    let url = Url::parse(origin.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.origin().ascii_serialization())
}
