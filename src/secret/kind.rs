//! The two kinds of secret, and the only (form, field) pairs each may be filled into.

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;

/// Which secret: the AccessToken认证 key (also 发票回调配置's 第三方应用密码) or the gateway
/// credential `x-acgw-identity` (发票回调配置's 网关).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SecretKind {
    AccessTokenKey,
    Gateway,
}

/// Where each kind may go: (kind, form spec id, the form's names, field), as DOMAIN.md and
/// the form specs (`forms::specs`) name them. This table is the whole answer to "only for the
/// field that takes it": a form or field not listed never receives a secret, whatever a page
/// shows; a test keeps it in step with the specs' `Secret` sources.
const TARGETS: &[(SecretKind, &str, &[&str], &str)] = &[
    (
        SecretKind::AccessTokenKey,
        "invoice-callback",
        &["发票回调配置"],
        "第三方应用密码",
    ),
    (
        SecretKind::AccessTokenKey,
        "access-token-auth",
        &["AccessToken认证", "AccessToken加密认证"],
        "认证密钥",
    ),
    (
        SecretKind::Gateway,
        "invoice-callback",
        &["发票回调配置"],
        "网关",
    ),
];

/// Whether a target's form is `form`, given as spec id or as one of its names.
fn is_form(target: &(SecretKind, &str, &[&str], &str), form: &str) -> bool {
    target.1 == form || target.2.contains(&form)
}

impl SecretKind {
    pub const ALL: [SecretKind; 2] = [SecretKind::AccessTokenKey, SecretKind::Gateway];

    /// The stable name used in storage keys and messages (`accessTokenKey`, `gateway`).
    pub fn code(self) -> &'static str {
        match self {
            SecretKind::AccessTokenKey => "accessTokenKey",
            SecretKind::Gateway => "gateway",
        }
    }

    /// Reads [`SecretKind::code`] back.
    pub fn from_code(code: &str) -> Option<SecretKind> {
        SecretKind::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// What a person calls it.
    pub fn name(self, locale: Locale) -> &'static str {
        match self {
            SecretKind::AccessTokenKey => locale.pick(
                "第三方应用密码（AccessToken 认证密钥）",
                "third-party app key (AccessToken key)",
            ),
            SecretKind::Gateway => {
                locale.pick("网关（x-acgw-identity）", "gateway (x-acgw-identity)")
            }
        }
    }

    /// The field of `form` (a spec id or a form name) this kind is filled into, if any.
    pub fn field_in(self, form: &str) -> Option<&'static str> {
        TARGETS
            .iter()
            .find(|t| t.0 == self && is_form(t, form))
            .map(|t| t.3)
    }

    /// The whole table as (kind, form spec id, field), for the test that keeps it in step with
    /// the form specs.
    pub fn all_targets() -> impl Iterator<Item = (SecretKind, &'static str, &'static str)> {
        TARGETS.iter().map(|t| (t.0, t.1, t.3))
    }

    /// Every (kind, field) that `form` takes, in table order.
    pub fn targets_of(form: &str) -> Vec<(SecretKind, &'static str)> {
        TARGETS
            .iter()
            .filter(|t| is_form(t, form))
            .map(|t| (t.0, t.3))
            .collect()
    }
}
