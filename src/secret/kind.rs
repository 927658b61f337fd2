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

/// Where each kind may go, as DOMAIN.md names the forms and fields. This table is the whole
/// answer to "only for the field that takes it": a form or field not listed never receives a
/// secret, whatever a page claims.
const TARGETS: &[(SecretKind, &str, &str)] = &[
    (SecretKind::AccessTokenKey, "发票回调配置", "第三方应用密码"),
    (SecretKind::AccessTokenKey, "AccessToken认证", "认证密钥"),
    (SecretKind::Gateway, "发票回调配置", "网关"),
];

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

    /// The field of `form` this kind is filled into, if that form takes it at all.
    pub fn field_in(self, form: &str) -> Option<&'static str> {
        TARGETS
            .iter()
            .find(|(kind, target_form, _)| *kind == self && *target_form == form)
            .map(|(_, _, field)| *field)
    }

    /// Every (kind, field) that `form` takes, in table order.
    pub fn targets_of(form: &str) -> Vec<(SecretKind, &'static str)> {
        TARGETS
            .iter()
            .filter(|(_, target_form, _)| *target_form == form)
            .map(|(kind, _, field)| (*kind, *field))
            .collect()
    }
}
