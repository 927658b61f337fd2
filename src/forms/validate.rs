//! Checks a value against its field's [`Validation`] before it is filled. Errors never quote
//! the value: it may be a secret.

use super::Validation;
use crate::i18n::{Locale, Localised};

/// Why a value does not fit its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("the value is empty")]
    Empty,
    #[error("the value contains whitespace")]
    HasSpaces,
    #[error("the value is not an http(s) address")]
    NotHttpUrl,
    #[error("the address does not end with /")]
    NoTrailingSlash,
    #[error("the value has characters other than digits")]
    NotDigits,
    #[error("the value has characters other than letters, digits, _ and -")]
    NotIdentifier,
    #[error("the value has characters other than English letters and digits")]
    NotAsciiAlnum,
    #[error("the value is not host:port")]
    NotHostPort,
    #[error("a tenant ClientID (TN_…) where an enterprise one belongs")]
    TenantWhereEnterprise,
    #[error("an enterprise ClientID where a tenant one (TN_…) belongs")]
    EnterpriseWhereTenant,
}

impl Localised for ValidationError {
    fn message(&self, locale: Locale) -> String {
        let (zh, en) = match self {
            ValidationError::Empty => ("值为空。", "The value is empty."),
            ValidationError::HasSpaces => ("值中含有空格。", "The value contains spaces."),
            ValidationError::NotHttpUrl => ("不是 http(s):// 开头的地址。", "Not an http(s):// address."),
            ValidationError::NoTrailingSlash => ("地址应以 / 结尾。", "The address should end with /."),
            ValidationError::NotDigits => ("只能是数字。", "Digits only."),
            ValidationError::NotIdentifier => ("只能是字母、数字、_ 或 -。", "Letters, digits, _ or - only."),
            ValidationError::NotAsciiAlnum => ("只能是英文字母或数字。", "English letters and digits only."),
            ValidationError::NotHostPort => ("应为 ip:端口。", "Should be ip:port."),
            ValidationError::TenantWhereEnterprise => (
                "这是租户级授权（TN_ 开头），此处需要企业级授权。",
                "This is a tenant-level ClientID (TN_…); this field needs the enterprise-level one.",
            ),
            ValidationError::EnterpriseWhereTenant => (
                "此处需要租户级授权（ClientID 以 TN_ 开头）。",
                "This field needs the tenant-level ClientID (starting with TN_).",
            ),
        };
        locale.pick(zh, en).to_string()
    }

    fn code(&self) -> &'static str {
        match self {
            ValidationError::Empty => "empty",
            ValidationError::HasSpaces => "has-spaces",
            ValidationError::NotHttpUrl => "not-http-url",
            ValidationError::NoTrailingSlash => "no-trailing-slash",
            ValidationError::NotDigits => "not-digits",
            ValidationError::NotIdentifier => "not-identifier",
            ValidationError::NotAsciiAlnum => "not-ascii-alnum",
            ValidationError::NotHostPort => "not-host-port",
            ValidationError::TenantWhereEnterprise => "tenant-where-enterprise",
            ValidationError::EnterpriseWhereTenant => "enterprise-where-tenant",
        }
    }
}

fn is_http_url(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
}

fn is_host_port(value: &str) -> bool {
    let Some((host, port)) = value.rsplit_once(':') else {
        return false;
    };
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        && !port.is_empty()
        && port.len() <= 5
        && port.chars().all(|c| c.is_ascii_digit())
        && port.parse::<u32>().is_ok_and(|p| (1..=65535).contains(&p))
}

/// Checks an already trimmed value.
pub fn validate(validation: Validation, value: &str) -> Result<(), ValidationError> {
    if value.is_empty() {
        return Err(ValidationError::Empty);
    }
    let no_spaces = || {
        if value.chars().any(char::is_whitespace) {
            Err(ValidationError::HasSpaces)
        } else {
            Ok(())
        }
    };
    match validation {
        Validation::None => Ok(()),
        Validation::NoSpaces => no_spaces(),
        Validation::HttpUrl => {
            no_spaces()?;
            if is_http_url(value) {
                Ok(())
            } else {
                Err(ValidationError::NotHttpUrl)
            }
        }
        Validation::UrlPrefix => {
            validate(Validation::HttpUrl, value)?;
            if value.ends_with('/') {
                Ok(())
            } else {
                Err(ValidationError::NoTrailingSlash)
            }
        }
        Validation::Digits => {
            if value.chars().all(|c| c.is_ascii_digit()) {
                Ok(())
            } else {
                Err(ValidationError::NotDigits)
            }
        }
        Validation::Identifier => {
            if value.len() <= 64
                && value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
            {
                Ok(())
            } else {
                Err(ValidationError::NotIdentifier)
            }
        }
        Validation::AsciiAlnum => {
            if value.chars().all(|c| c.is_ascii_alphanumeric()) {
                Ok(())
            } else {
                Err(ValidationError::NotAsciiAlnum)
            }
        }
        Validation::HostPort => {
            no_spaces()?;
            if is_host_port(value) {
                Ok(())
            } else {
                Err(ValidationError::NotHostPort)
            }
        }
        Validation::EnterpriseClientId => {
            no_spaces()?;
            if value
                .get(..3)
                .is_some_and(|p| p.eq_ignore_ascii_case("TN_"))
            {
                Err(ValidationError::TenantWhereEnterprise)
            } else {
                Ok(())
            }
        }
        Validation::TenantClientId => {
            no_spaces()?;
            if value
                .get(..3)
                .is_some_and(|p| p.eq_ignore_ascii_case("TN_"))
            {
                Ok(())
            } else {
                Err(ValidationError::EnterpriseWhereTenant)
            }
        }
    }
}
