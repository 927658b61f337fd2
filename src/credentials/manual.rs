//! Values a browser cannot fill: the EAS client (a Java desktop program) has 多影像系统配置 and
//! the 组织单元's 发票云 settings, which the user types or pastes by hand. The popup lists them,
//! checked, each with 复制 (secrets masked and copied through the self-clearing clipboard).

use serde::Serialize;

use super::pasted::Environment;
use super::view::{held_text, HeldText};
use super::{HeldCredentials, ValueKey};
use crate::i18n::Locale;

/// 影像IP/域名 for 多影像系统配置 (DOMAIN.md): (id, environment it serves, address).
pub const IMAGE_HOSTS: &[(&str, Option<Environment>, &str)] = &[
    (
        "image-host-test",
        Some(Environment::Test),
        "http://kdimage-demo.piaozone.com/",
    ),
    (
        "image-host-prod",
        Some(Environment::Prod),
        "http://api.piaozone.com/",
    ),
    ("image-host-private", None, "http://ip:port/api/"),
];

/// The EAS 组织单元's 发票云 values, from the chosen enterprise: (id, value key).
const ORG_UNIT: &[(&str, ValueKey)] = &[
    ("org-tax-id", ValueKey::TaxId),
    ("org-name", ValueKey::EnterpriseName),
    ("org-client-id", ValueKey::ClientId),
    ("org-client-secret", ValueKey::ClientSecret),
    ("org-encrypt-key", ValueKey::EncryptKey),
];

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ManualValue {
    /// Stable id; the popup's 复制 asks for `manual:<id>`.
    pub id: &'static str,
    /// `multi-image` (多影像系统配置) or `org-unit` (EAS 组织单元).
    pub group: &'static str,
    pub label: String,
    pub held: bool,
    pub secret: bool,
    /// Whole for plain values, masked for secrets.
    pub text: String,
    /// Checked and right for this setup (an image host of the mail's environment, a value with
    /// no problem found); `false` for a template the user completes (`ip:port`).
    pub checked: bool,
    pub note: Option<String>,
}

fn image_label(id: &str, locale: Locale) -> &'static str {
    match id {
        "image-host-test" => locale.pick("影像IP/域名（演示/测试环境）", "影像IP/域名 (demo/test)"),
        "image-host-prod" => locale.pick("影像IP/域名（正式环境）", "影像IP/域名 (production)"),
        _ => locale.pick(
            "影像IP/域名（私有部署）",
            "影像IP/域名 (private deployment)",
        ),
    }
}

fn org_label(key: ValueKey, locale: Locale) -> &'static str {
    match key {
        ValueKey::TaxId => locale.pick("税号", "税号 (tax ID)"),
        ValueKey::EnterpriseName => locale.pick("企业名称", "企业名称 (enterprise name)"),
        ValueKey::ClientId => "ClientID",
        ValueKey::ClientSecret => "ClientSecret",
        _ => "EncryKey",
    }
}

/// Every value of both groups for the record shown (if any) and the console's 数据中心 id.
pub fn manual_values(
    record: Option<&HeldCredentials>,
    account_id: Option<&str>,
    locale: Locale,
) -> Vec<ManualValue> {
    let environment = record.map_or(Environment::Unknown, |r| r.environment);
    let mut out = Vec::new();
    for &(id, serves, address) in IMAGE_HOSTS {
        let note = match serves {
            None => Some(locale.pick(
                "把 ip:port 换成私有部署的地址和端口（通常 8080）",
                "Replace ip:port with the private deployment's address and port (usually 8080)",
            )),
            Some(env) if env == environment => Some(locale.pick(
                "与授权邮件的环境一致",
                "Matches the activation e-mail's environment",
            )),
            Some(_) if environment != Environment::Unknown => Some(locale.pick(
                "不是授权邮件的环境",
                "Not the activation e-mail's environment",
            )),
            Some(_) => None,
        };
        out.push(ManualValue {
            id,
            group: "multi-image",
            label: image_label(id, locale).to_owned(),
            held: true,
            secret: false,
            text: address.to_owned(),
            checked: serves.is_some()
                && (environment == Environment::Unknown || serves == Some(environment)),
            note: note.map(str::to_owned),
        });
    }
    let account = account_id.map(str::trim).filter(|id| !id.is_empty());
    out.push(ManualValue {
        id: "eas-account-id",
        group: "multi-image",
        label: locale
            .pick(
                "EAS数据中心编码（= 数据中心 id）",
                "EAS数据中心编码 (= 数据中心 id)",
            )
            .to_owned(),
        held: account.is_some(),
        secret: false,
        text: account.unwrap_or_default().to_owned(),
        checked: account.is_some_and(|id| {
            id.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        }),
        note: account.is_none().then(|| {
            locale
                .pick(
                    "登录控制台后由助手读取",
                    "Read by the helper once you log in to the console",
                )
                .to_owned()
        }),
    });
    for &(id, key) in ORG_UNIT {
        let held = record.and_then(|r| held_text(r, key));
        let problem = record.is_some_and(|r| {
            let tax_id = r.selected.as_deref();
            r.problems
                .iter()
                .any(|p| p.tax_id.is_some() && p.tax_id.as_deref() == tax_id)
        });
        let clean = held
            .as_ref()
            .is_some_and(|t| !t.whole().chars().any(char::is_whitespace));
        out.push(ManualValue {
            id,
            group: "org-unit",
            label: org_label(key, locale).to_owned(),
            held: held.is_some(),
            secret: key.is_secret(),
            text: held.as_ref().map(HeldText::shown).unwrap_or_default(),
            checked: held.is_some() && clean && !problem,
            note: held.is_none().then(|| {
                locale
                    .pick(
                        "粘贴授权邮件并选择企业",
                        "Paste the activation e-mail and choose the enterprise",
                    )
                    .to_owned()
            }),
        });
    }
    out
}

/// The whole value behind `manual:<id>`.
pub(crate) fn manual_value(
    record: Option<&HeldCredentials>,
    account_id: Option<&str>,
    id: &str,
) -> Option<String> {
    if let Some(&(_, _, address)) = IMAGE_HOSTS.iter().find(|(i, _, _)| *i == id) {
        return Some(address.to_owned());
    }
    if id == "eas-account-id" {
        return account_id
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned);
    }
    let &(_, key) = ORG_UNIT.iter().find(|(i, _)| *i == id)?;
    held_text(record?, key).map(|t| t.whole().to_owned())
}
