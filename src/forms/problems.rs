//! What is wrong with the values a recognised form holds on the page right now, one problem per
//! field row (the bar's `data-problem`): the classic mistakes of the guides — a tenant ClientID
//! (`TN_…`) where the enterprise's belongs and the reverse, a url of the other environment than
//! the pasted credentials, stray spaces, a 税号 failing GB 32100-2015, broken addresses, a 代理
//! that is no `ip:port`, a 业务系统编码 with other characters, an EAS 前缀地址 not ending in
//! `/ormrpc/services/`, doubled `:` or `/` in the 影像系统's addresses.
//!
//! Messages never quote a value from the page (a key or secret may sit in any field); they may
//! offer a repaired address, built only from a URL field's own value or the environment's.

use serde::{Deserialize, Serialize};

use super::{
    validate, CredentialKind, FieldKind, FieldSpec, FormSpec, RecognisedForm, Validation,
    ValueSource,
};
use crate::fill::environment_url;
use crate::i18n::{Locale, Localised};
use crate::paste::Environment;
use crate::snapshot::Snapshot;
use crate::validate::tax_id::{check_tax_id, TaxIdError};

/// Forms of the 影像系统 (and the EAS client's image settings): their addresses are generated
/// by the system and often come out with a doubled `:` or `/` (guide 002).
const IMAGE_FORMS: &[&str] = &[
    "eas-business-system",
    "image-enterprise-auth",
    "multi-image-system",
];

/// Fields that take an EAS web-service prefix, `http://host:port/ormrpc/services/`.
const EAS_PREFIX_FIELDS: &[(&str, &str)] = &[("eas-business-system", "前缀地址")];

/// The path every EAS web-service prefix ends with.
const EAS_SERVICES_PATH: &str = "/ormrpc/services/";

/// Characters a copy from a mail or a web page carries in unseen: they break an id as a space does.
const INVISIBLE: &[char] = &['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'];

/// What the helper knows besides the page: the environment of the credentials pasted for this
/// console (`prod`, `test`, `unknown`; absent when nothing is pasted). Never a secret.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HeldFacts {
    pub environment: Option<String>,
}

impl HeldFacts {
    fn environment(&self) -> Option<Environment> {
        match self.environment.as_deref().map(str::trim) {
            Some(e) if e.eq_ignore_ascii_case("prod") => Some(Environment::Prod),
            Some(e) if e.eq_ignore_ascii_case("test") => Some(Environment::Test),
            _ => None,
        }
    }
}

/// One wrong value on the page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueProblem {
    #[error("a tenant ClientID where an enterprise one belongs")]
    TenantCredential,
    #[error("an enterprise ClientID where the tenant's belongs")]
    EnterpriseCredential,
    #[error("the url is of another environment than the pasted credentials")]
    EnvironmentMismatch { url: Environment, held: Environment },
    #[error("spaces in an id, key or address")]
    Whitespace { secret: bool },
    #[error("not a valid 统一社会信用代码")]
    TaxId(TaxIdError),
    #[error("not an http(s) address")]
    MalformedUrl { repaired: Option<String> },
    #[error("a doubled : or / in an address")]
    DoubledSeparator { repaired: String },
    #[error("the EAS prefix is not http://host:port/ormrpc/services/")]
    EasPrefix { repaired: Option<String> },
    #[error("the proxy is not ip:port")]
    ProxyFormat,
    #[error("a code with characters other than letters and digits")]
    CodeFormat,
}

fn env_name(env: Environment, locale: Locale) -> &'static str {
    match env {
        Environment::Prod => locale.pick("正式环境", "production"),
        Environment::Test => locale.pick("测试环境", "test"),
        Environment::Unknown => locale.pick("未知环境", "unknown"),
    }
}

impl Localised for ValueProblem {
    fn message(&self, locale: Locale) -> String {
        use ValueProblem as P;
        match self {
            P::TenantCredential => locale
                .pick(
                    "这是租户级授权（ClientID 以 TN_ 开头），此处要填企业级授权：请换成授权邮件里该企业（税号）的 ClientID、ClientSecret 和 EncryKey；租户级授权只填在「维护租户授权信息」。",
                    "This is a tenant-level ClientID (starting with TN_); this form needs the enterprise's: use the ClientID, ClientSecret and EncryKey listed under the enterprise (税号) in the activation e-mail; tenant credentials go only into 维护租户授权信息.",
                )
                .into(),
            P::EnterpriseCredential => locale
                .pick(
                    "这是企业级授权，此处要填租户级授权（ClientID 以 TN_ 开头）：请换成授权邮件【租户授权信息】里的授权账号、授权密钥和加密key。",
                    "This is an enterprise-level ClientID; this form needs the tenant's (starting with TN_): use the tenant credentials (租户授权信息) of the activation e-mail.",
                )
                .into(),
            P::EnvironmentMismatch { url, held } => {
                let right = environment_url(held_code(*held)).unwrap_or_default();
                match locale {
                    Locale::ZhCn => format!(
                        "url 是{}的地址，而粘贴的授权邮件是{}的授权，连接测试会报「非法的客户id」或「签名认证不通过」：请把 url 改为 {right}，或改用{}的授权邮件。",
                        env_name(*url, locale),
                        env_name(*held, locale),
                        env_name(*url, locale),
                    ),
                    Locale::En => format!(
                        "The url is the {} address but the pasted credentials are for {}; 连接测试 would fail with 非法的客户id or 签名认证不通过: change the url to {right}, or use the {} activation e-mail.",
                        env_name(*url, locale),
                        env_name(*held, locale),
                        env_name(*url, locale),
                    ),
                }
            }
            P::Whitespace { secret } => {
                if *secret {
                    locale
                        .pick(
                            "值的开头、结尾或中间有空格（或看不见的字符）：请删除空格，最好从授权邮件重新复制。",
                            "The value has spaces (or invisible characters) at its start, end or inside: remove them, best by copying it again from the activation e-mail.",
                        )
                        .into()
                } else {
                    locale
                        .pick(
                            "值的开头、结尾或中间有空格（或看不见的字符），发票云会把它当作另一个值：请删除空格。",
                            "The value has spaces (or invisible characters) at its start, end or inside, which makes it a different value for 发票云: remove them.",
                        )
                        .into()
                }
            }
            P::TaxId(error) => error.message(locale),
            P::MalformedUrl { repaired } => {
                let base = locale.pick(
                    "不是有效的地址：应为 http:// 或 https:// 开头、后接主机名的完整地址，中间不能有空格、多余的冒号或斜杠",
                    "Not a valid address: it should be a whole http:// or https:// address with a host name, without spaces or extra colons or slashes",
                );
                with_repair(base, repaired.as_deref(), locale)
            }
            P::DoubledSeparator { repaired } => with_repair(
                locale.pick(
                    "地址中有多余的冒号或斜杠（自动生成的地址常见）",
                    "The address has a doubled colon or slash (common in generated addresses)",
                ),
                Some(repaired),
                locale,
            ),
            P::EasPrefix { repaired } => with_repair(
                locale.pick(
                    "EAS 前缀地址应为 http://IP:端口/ormrpc/services/（含端口，以 /ormrpc/services/ 结尾，不能有空格）",
                    "The EAS prefix should be http://IP:port/ormrpc/services/ (with the port, ending in /ormrpc/services/, no spaces)",
                ),
                repaired.as_deref(),
                locale,
            ),
            P::ProxyFormat => locale
                .pick(
                    "代理应为 ip:端口（如 10.0.0.8:3128），不带 http://；不用代理时请留空。",
                    "The proxy should be ip:port (such as 10.0.0.8:3128), without http://; leave it empty when no proxy is used.",
                )
                .into(),
            P::CodeFormat => locale
                .pick(
                    "只能用英文字母和数字（不能有中文、空格、下划线或其他符号）：请改正。",
                    "English letters and digits only (no Chinese, spaces, underscores or other signs): please correct it.",
                )
                .into(),
        }
    }

    fn code(&self) -> &'static str {
        use ValueProblem as P;
        match self {
            P::TenantCredential => "tenant-credential",
            P::EnterpriseCredential => "enterprise-credential",
            P::EnvironmentMismatch { .. } => "environment-mismatch",
            P::Whitespace { .. } => "whitespace",
            P::TaxId(_) => "tax-id",
            P::MalformedUrl { .. } => "malformed-url",
            P::DoubledSeparator { .. } => "doubled-separator",
            P::EasPrefix { .. } => "eas-prefix",
            P::ProxyFormat => "proxy-format",
            P::CodeFormat => "code-format",
        }
    }
}

fn held_code(env: Environment) -> &'static str {
    env.as_str()
}

fn with_repair(base: &str, repaired: Option<&str>, locale: Locale) -> String {
    match (repaired, locale) {
        (Some(r), Locale::ZhCn) => format!("{base}。应为：{r}"),
        (Some(r), Locale::En) => format!("{base}. It should read: {r}"),
        (None, Locale::ZhCn) => format!("{base}。"),
        (None, Locale::En) => format!("{base}."),
    }
}

/// A problem of one row, as the bar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RowProblem {
    /// The field's DOMAIN.md label (the row's `data-field`).
    pub field: &'static str,
    /// The code (the row's `data-problem`).
    pub problem: &'static str,
    /// What is wrong and how to fix it; never the page's value.
    pub message: String,
}

fn has_space(value: &str) -> bool {
    value
        .chars()
        .any(|c| c.is_whitespace() || INVISIBLE.contains(&c))
}

fn is_tenant_id(id: &str) -> bool {
    id.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("TN_"))
}

/// The 发票云 environment an address points at: the host decides (a path or a trailing `/`
/// does not make it another service). Private deployments and other hosts say nothing.
pub fn url_environment(value: &str) -> Option<Environment> {
    let parsed = url::Url::parse(value.trim()).ok()?;
    match parsed.host_str()?.to_ascii_lowercase().as_str() {
        "api.piaozone.com" => Some(Environment::Prod),
        "api-dev.piaozone.com" => Some(Environment::Test),
        _ => None,
    }
}

/// Whether `value` has a `:` or `/` too many: `http:://`, `http:///`, `host::8080`, `a//b`.
pub fn has_doubled_separator(value: &str) -> bool {
    let Some((_, rest)) = scheme_and_rest(value) else {
        return value.contains("::") || value.contains("//");
    };
    let lead: String = rest
        .chars()
        .take_while(|c| matches!(c, ':' | '/'))
        .collect();
    let body = &rest[lead.len()..];
    lead.len() > 3 || lead.matches(':').count() > 1 || body.contains("::") || body.contains("//")
}

/// `http` or `https` (any case) and what follows it.
fn scheme_and_rest(value: &str) -> Option<(&'static str, &str)> {
    let lower = value
        .get(..5)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if lower == "https" {
        Some(("https", &value[5..]))
    } else if lower.starts_with("http") {
        Some(("http", &value[4..]))
    } else {
        None
    }
}

/// The address as meant: spaces dropped, the scheme's separator made `://`, doubled `:` and
/// `/` made single. `None` when no http(s) address comes out of it.
pub fn repair_url(value: &str) -> Option<String> {
    let cleaned: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !INVISIBLE.contains(c))
        .collect();
    let (scheme, rest) = scheme_and_rest(&cleaned)?;
    let rest = rest.trim_start_matches([':', '/']);
    let mut out = format!("{scheme}://");
    let mut last = '\0';
    for c in rest.chars() {
        if matches!(c, ':' | '/') && c == last {
            continue;
        }
        out.push(c);
        last = c;
    }
    is_http_url(&out).then_some(out)
}

/// A whole http(s) address with a host, no spaces, no doubled separator.
pub fn is_http_url(value: &str) -> bool {
    if has_space(value) || has_doubled_separator(value) {
        return false;
    }
    let Some((_, rest)) = scheme_and_rest(value) else {
        return false;
    };
    if !rest.starts_with("://") {
        return false;
    }
    url::Url::parse(value).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
    })
}

/// The EAS prefix `http://host:port/ormrpc/services/` built from an address's host and port.
fn eas_prefix_of(value: &str) -> Option<String> {
    let url = url::Url::parse(&repair_url(value)?).ok()?;
    let host = url.host_str()?;
    let port = url.port()?;
    Some(format!(
        "{}://{host}:{port}{EAS_SERVICES_PATH}",
        url.scheme()
    ))
}

fn is_eas_prefix(value: &str) -> bool {
    if !is_http_url(value) {
        return false;
    }
    url::Url::parse(value).is_ok_and(|u| {
        u.port().is_some()
            && u.path() == EAS_SERVICES_PATH
            && u.query().is_none()
            && u.fragment().is_none()
    })
}

/// Which field takes an address (a URL check, not a lookup or a choice).
fn is_url_field(field: &FieldSpec) -> bool {
    matches!(
        field.validation,
        Validation::HttpUrl | Validation::UrlPrefix
    )
}

/// The one problem of `value` (as the page holds it, untrimmed) in `field` of `spec`, most
/// consequential first: the wrong level of credentials, the wrong environment, spaces, then
/// the value's own shape.
pub fn problem_of(
    spec: &FormSpec,
    field: &FieldSpec,
    value: &str,
    held: &HeldFacts,
) -> Option<ValueProblem> {
    if !matches!(
        field.kind,
        FieldKind::Text | FieldKind::Password | FieldKind::Textarea
    ) {
        return None;
    }
    let trimmed = value.trim_matches(|c: char| c.is_whitespace() || INVISIBLE.contains(&c));
    if value.is_empty() {
        return None;
    }
    match field.validation {
        Validation::EnterpriseClientId if is_tenant_id(trimmed) => {
            return Some(ValueProblem::TenantCredential)
        }
        Validation::TenantClientId if !trimmed.is_empty() && !is_tenant_id(trimmed) => {
            return Some(ValueProblem::EnterpriseCredential)
        }
        _ => {}
    }
    if matches!(
        field.source,
        ValueSource::Credential {
            credential: CredentialKind::EnvironmentUrl
        }
    ) {
        if let (Some(url), Some(held)) = (url_environment(trimmed), held.environment()) {
            if url != held {
                return Some(ValueProblem::EnvironmentMismatch { url, held });
            }
        }
    }
    // Ids, keys, codes and addresses: a space is never part of them (names may have one).
    if field.validation != Validation::None && has_space(value) {
        return Some(ValueProblem::Whitespace {
            secret: field.is_secret(),
        });
    }
    if matches!(
        field.source,
        ValueSource::Credential {
            credential: CredentialKind::TaxId
        }
    ) {
        return check_tax_id(trimmed).err().map(ValueProblem::TaxId);
    }
    if EAS_PREFIX_FIELDS.contains(&(spec.id, field.label)) {
        if is_eas_prefix(trimmed) {
            return None;
        }
        if has_doubled_separator(trimmed) {
            if let Some(repaired) = repair_url(trimmed).filter(|r| is_eas_prefix(r)) {
                return Some(ValueProblem::DoubledSeparator { repaired });
            }
        }
        return Some(ValueProblem::EasPrefix {
            repaired: eas_prefix_of(trimmed),
        });
    }
    if is_url_field(field) {
        if is_http_url(trimmed) {
            return None;
        }
        let repaired = repair_url(trimmed);
        return Some(match repaired {
            Some(repaired) if IMAGE_FORMS.contains(&spec.id) && has_doubled_separator(trimmed) => {
                ValueProblem::DoubledSeparator { repaired }
            }
            repaired => ValueProblem::MalformedUrl { repaired },
        });
    }
    match field.validation {
        Validation::HostPort if validate(Validation::HostPort, trimmed).is_err() => {
            Some(ValueProblem::ProxyFormat)
        }
        Validation::AsciiAlnum if validate(Validation::AsciiAlnum, trimmed).is_err() => {
            Some(ValueProblem::CodeFormat)
        }
        _ => None,
    }
}

/// The problems of a recognised form's values in `snapshot`, one per field at most, in field
/// order. Fields not found, or whose control's value arrived cut, have none.
pub fn problems(
    snapshot: &Snapshot,
    form: &RecognisedForm,
    held: &HeldFacts,
    locale: Locale,
) -> Vec<RowProblem> {
    let pairs: Vec<(&str, &str)> = form
        .fields
        .iter()
        .filter_map(|f| Some((f.field, f.control_id.as_deref()?)))
        .collect();
    problems_of_fields(snapshot, form.spec_ref, &pairs, held, locale)
}

/// As [`problems`], for a form given by its spec and `(field label, control id)` pairs (the
/// recognised form as the worker holds it).
pub fn problems_of_fields(
    snapshot: &Snapshot,
    spec: &FormSpec,
    fields: &[(&str, &str)],
    held: &HeldFacts,
    locale: Locale,
) -> Vec<RowProblem> {
    spec.fields
        .iter()
        .filter_map(|field| {
            let (_, id) = fields.iter().find(|(label, _)| *label == field.label)?;
            let control = snapshot
                .controls
                .iter()
                .find(|c| c.id == *id && !c.truncated)?;
            let problem = problem_of(spec, field, &control.value, held)?;
            Some(RowProblem {
                field: field.label,
                problem: problem.code(),
                message: problem.message(locale),
            })
        })
        .collect()
}
