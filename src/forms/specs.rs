//! The forms of DOMAIN.md, as data. Labels are the console's own (Chinese stays Chinese);
//! synonyms are other spellings seen across versions and the English UI.
//!
//! Synonyms are chosen so that no label of one form is a synonym on another form that could
//! sit beside it: `授权密钥` belongs to 维护租户授权信息 only, `请求地址` to 发票回调配置 only.
//! Recognition then needs several fields (and one distinctive) per form, so a stray label
//! never raises a bar.

use super::{
    CredentialKind as C, CredentialLevel, FieldKind as K, FieldSpec, FormSpec, Offer, SecretKind,
    Validation as V, ValueSource as S,
};

const FILL_UNDO: &[Offer] = &[Offer::Fill, Offer::Undo];

const fn field(
    label: &'static str,
    synonyms: &'static [&'static str],
    kind: K,
    source: S,
    validation: V,
    distinctive: bool,
) -> FieldSpec {
    FieldSpec {
        label,
        synonyms,
        kind,
        source,
        validation,
        distinctive,
    }
}

const fn credential(credential: C) -> S {
    S::Credential { credential }
}

/// 发票回调配置 (星空旗舰版: 发票服务→系统管理→发票回调配置), guide 000 §四.
const INVOICE_CALLBACK: FormSpec = FormSpec {
    id: "invoice-callback",
    name: "发票回调配置",
    aliases: &[],
    identifying: &[
        "Invoice callback configuration",
        "Invoice callback settings",
    ],
    excluding: &[],
    min_fields: 3,
    min_fields_with_heading: 2,
    requires_heading: false,
    shown_texts: &[],
    offers: FILL_UNDO,
    credentials: None,
    fields: &[
        field(
            "请求地址",
            &["请求URL", "请求地址前缀", "Request URL", "Request address"],
            K::Text,
            S::ConsolePrefix,
            V::UrlPrefix,
            false,
        ),
        field(
            "数据中心id",
            &[
                "数据中心",
                "数据中心编号",
                "Data center ID",
                "Data center",
                "Datacenter ID",
                "accountId",
                "Account ID",
            ],
            K::Text,
            S::AccountId,
            V::Identifier,
            true,
        ),
        field(
            "第三方应用",
            &[
                "第三方应用编码",
                "Third-party app",
                "Third-party application",
                "Third party app",
            ],
            K::Lookup,
            S::Lookup {
                code: "invoiceupload",
                name: "第三方发票上传",
            },
            V::NoSpaces,
            true,
        ),
        field(
            "第三方应用密码",
            &[
                "第三方应用密钥",
                "第三方应用秘钥",
                "第三方应用认证密钥",
                "Third-party app password",
                "Third-party app secret",
                "Third-party app key",
            ],
            K::Password,
            S::Secret {
                secret: SecretKind::AccessTokenKey,
            },
            V::NoSpaces,
            true,
        ),
        field(
            "网关",
            &[
                "网关凭证",
                "网关认证",
                "网关标识",
                "x-acgw-identity",
                "Gateway",
                "Gateway identity",
                "Gateway credential",
            ],
            K::Text,
            S::Secret {
                secret: SecretKind::Gateway,
            },
            V::NoSpaces,
            true,
        ),
    ],
};

/// 发票云授权配置 (星瀚) / 发票服务授权配置 (星空旗舰版), guides 000 §三 and 001 §二.
const INVOICE_CLOUD_AUTH: FormSpec = FormSpec {
    id: "invoice-cloud-auth",
    name: "发票云授权配置",
    aliases: &["发票服务授权配置"],
    identifying: &["Invoice cloud authorization", "Invoice cloud authorisation"],
    excluding: &[],
    min_fields: 3,
    min_fields_with_heading: 2,
    requires_heading: false,
    shown_texts: &[],
    offers: FILL_UNDO,
    credentials: Some(CredentialLevel::Enterprise),
    fields: &[
        field(
            "url",
            &[
                "URL地址",
                "服务地址",
                "发票云地址",
                "Service URL",
                "Server URL",
            ],
            K::Text,
            credential(C::EnvironmentUrl),
            V::HttpUrl,
            false,
        ),
        field(
            "代理",
            &["代理地址", "代理服务器", "Proxy", "HTTP proxy"],
            K::Text,
            S::UserInput,
            V::HostPort,
            false,
        ),
        field(
            "是否使用原授权",
            &[
                "使用原授权",
                "Use original authorization",
                "Use original authorisation",
            ],
            K::Select,
            S::Constant { value: "否" },
            V::None,
            true,
        ),
        field(
            "Client id",
            &["ClientID", "客户端id", "Client identifier"],
            K::Text,
            credential(C::EnterpriseClientId),
            V::EnterpriseClientId,
            true,
        ),
        field(
            "Client Secret",
            &["ClientSecret", "客户端密钥", "Client secret key"],
            K::Password,
            credential(C::EnterpriseClientSecret),
            V::NoSpaces,
            true,
        ),
        field(
            "Encrypt Key",
            &["EncryptKey", "EncryKey", "Encryption key"],
            K::Password,
            credential(C::EnterpriseEncryptKey),
            V::NoSpaces,
            true,
        ),
    ],
};

/// 维护租户授权信息 (发票云 V8.0+: 数电配置), guide 001 §三: tenant-level creds (`TN_…`).
const TENANT_AUTH: FormSpec = FormSpec {
    id: "tenant-auth",
    name: "维护租户授权信息",
    aliases: &["租户授权信息"],
    identifying: &["Tenant authorization", "Tenant authorisation"],
    excluding: &[],
    min_fields: 3,
    min_fields_with_heading: 2,
    requires_heading: false,
    shown_texts: &[],
    offers: FILL_UNDO,
    credentials: Some(CredentialLevel::Tenant),
    fields: &[
        field(
            "授权账号",
            &["租户授权账号", "Tenant client ID"],
            K::Text,
            credential(C::TenantClientId),
            V::TenantClientId,
            true,
        ),
        field(
            "授权密钥",
            &["授权秘钥", "租户授权密钥", "Tenant client secret"],
            K::Password,
            credential(C::TenantClientSecret),
            V::NoSpaces,
            true,
        ),
        field(
            "加密key",
            &["加密密钥", "加密秘钥", "租户加密key", "Tenant encrypt key"],
            K::Password,
            credential(C::TenantEncryptKey),
            V::NoSpaces,
            true,
        ),
        field(
            "租户名称",
            &["Tenant name"],
            K::Text,
            S::UserInput,
            V::None,
            false,
        ),
        field(
            "发票云租户授权标识",
            &[],
            K::Text,
            S::UserInput,
            V::None,
            true,
        ),
    ],
};

/// 企业基础信息 (发票云→基础资料→企业管理→企业信息), guides 000 §五 and 001 §三.
const ENTERPRISE_INFO: FormSpec = FormSpec {
    id: "enterprise-info",
    name: "企业基础信息",
    aliases: &["企业信息"],
    identifying: &["Enterprise information"],
    excluding: &[],
    min_fields: 3,
    min_fields_with_heading: 2,
    requires_heading: false,
    shown_texts: &[],
    offers: FILL_UNDO,
    credentials: Some(CredentialLevel::Enterprise),
    fields: &[
        field(
            "企业名称",
            &["企业全称", "Enterprise name", "Company name"],
            K::Text,
            credential(C::EnterpriseName),
            V::None,
            false,
        ),
        field(
            "税号",
            &["纳税人识别号", "统一社会信用代码", "Tax ID", "Taxpayer ID"],
            K::Text,
            credential(C::TaxId),
            V::NoSpaces,
            false,
        ),
        field(
            "开收票通道",
            &["开票通道", "收票通道", "Invoicing channel"],
            K::Select,
            S::Constant {
                value: "新电子服务平台",
            },
            V::None,
            true,
        ),
    ],
};

/// 发票云配置 (费报: 财务云→费用核算→发票设置), guide 001 §四: other names for the three creds.
const EXPENSE_INVOICE_CLOUD: FormSpec = FormSpec {
    id: "expense-invoice-cloud",
    name: "发票云配置",
    aliases: &[],
    identifying: &["发票设置"],
    excluding: &[],
    min_fields: 3,
    min_fields_with_heading: 2,
    requires_heading: false,
    shown_texts: &[],
    offers: FILL_UNDO,
    credentials: Some(CredentialLevel::Enterprise),
    fields: &[
        field(
            "组织",
            &["Organization", "Organisation"],
            K::Lookup,
            S::UserInput,
            V::None,
            false,
        ),
        field(
            "企业税号",
            &["Enterprise tax ID"],
            K::Text,
            credential(C::TaxId),
            V::NoSpaces,
            false,
        ),
        field(
            "企业工商登记名",
            &["工商登记名", "Registered name"],
            K::Text,
            credential(C::EnterpriseName),
            V::None,
            true,
        ),
        field(
            "发票云授权标识",
            &[],
            K::Text,
            credential(C::EnterpriseClientId),
            V::EnterpriseClientId,
            true,
        ),
        field(
            "客户端标识",
            &[],
            K::Password,
            credential(C::EnterpriseClientSecret),
            V::NoSpaces,
            true,
        ),
        field(
            "接入标识",
            &[],
            K::Password,
            credential(C::EnterpriseEncryptKey),
            V::NoSpaces,
            true,
        ),
    ],
};

/// 第三方应用 new/detail (开放服务云→OpenApi→安全策略→第三方应用), guide 003 §二.
const THIRD_PARTY_APP: FormSpec = FormSpec {
    id: "third-party-app",
    name: "第三方应用",
    aliases: &[],
    identifying: &["Third-party application", "Third-party app"],
    excluding: &[],
    min_fields: 3,
    min_fields_with_heading: 2,
    requires_heading: false,
    // 认证凭证 shows the gateway credential as text beside this label, in edit and view mode.
    shown_texts: &["x-acgw-identity"],
    offers: &[Offer::Fill, Offer::Undo, Offer::RememberGateway],
    credentials: None,
    fields: &[
        field(
            "系统编码",
            &["应用编码", "System code", "App code"],
            K::Text,
            S::UserInput,
            V::AsciiAlnum,
            true,
        ),
        field(
            "系统名称",
            &["应用名称", "System name", "App name"],
            K::Text,
            S::UserInput,
            V::AsciiAlnum,
            false,
        ),
        field(
            "授权全部API",
            &["全部API授权", "Authorize all APIs", "Authorise all APIs"],
            K::Checkbox,
            S::Checked { checked: true },
            V::None,
            true,
        ),
        field(
            "允许全部IP访问",
            &[
                "允许所有IP访问",
                "Allow all IPs",
                "Allow access from all IPs",
            ],
            K::Checkbox,
            S::Checked { checked: true },
            V::None,
            true,
        ),
    ],
};

/// The AccessToken认证 edit dialog of 第三方应用: one field, so told apart by its title; the
/// 摘要认证 dialog has the same 认证密钥 field and must never get this key.
const ACCESS_TOKEN_AUTH: FormSpec = FormSpec {
    id: "access-token-auth",
    name: "AccessToken认证",
    aliases: &["AccessToken加密认证"],
    identifying: &[],
    excluding: &["摘要认证", "Digest authentication"],
    min_fields: 1,
    min_fields_with_heading: 1,
    requires_heading: true,
    shown_texts: &[],
    offers: &[
        Offer::Fill,
        Offer::Undo,
        Offer::GenerateKey,
        Offer::RememberKey,
    ],
    credentials: None,
    fields: &[field(
        "认证密钥",
        &[
            "AccessToken认证密钥",
            "AccessToken加密认证密钥",
            "Authentication key",
        ],
        K::Password,
        S::Secret {
            secret: SecretKind::AccessTokenKey,
        },
        V::NoSpaces,
        true,
    )],
};

/// 业务系统编码 (发票云→系统管理→业务系统编码), guide 003: labels are generic, so the title
/// is required.
const BUSINESS_SYSTEM_CODE: FormSpec = FormSpec {
    id: "business-system-code",
    name: "业务系统编码",
    aliases: &[],
    identifying: &["businessSystemCode", "Business system code"],
    excluding: &[],
    min_fields: 2,
    min_fields_with_heading: 2,
    requires_heading: true,
    shown_texts: &[],
    offers: FILL_UNDO,
    credentials: None,
    fields: &[
        field(
            "编码",
            &["业务系统编码", "Code"],
            K::Text,
            S::UserInput,
            V::AsciiAlnum,
            true,
        ),
        field(
            "名称",
            &["业务系统名称", "Name"],
            K::Text,
            S::UserInput,
            V::AsciiAlnum,
            true,
        ),
        field(
            "回调地址",
            &["回调接口地址", "Callback URL"],
            K::Text,
            S::UserInput,
            V::HttpUrl,
            true,
        ),
    ],
};

/// 对接业务系统配置 (影像系统), guide 002 §四.
const EAS_BUSINESS_SYSTEM: FormSpec = FormSpec {
    id: "eas-business-system",
    name: "对接业务系统配置",
    aliases: &[],
    identifying: &[],
    excluding: &[],
    min_fields: 3,
    min_fields_with_heading: 2,
    requires_heading: false,
    shown_texts: &[],
    offers: FILL_UNDO,
    credentials: None,
    fields: &[
        field(
            "业务系统",
            &["Business system"],
            K::Select,
            S::Constant { value: "EAS" },
            V::None,
            false,
        ),
        field(
            "前缀地址",
            &["Prefix URL"],
            K::Text,
            S::UserInput,
            V::HttpUrl,
            true,
        ),
        field(
            "EAS数据中心编码",
            &["EAS数据中心"],
            K::Text,
            S::AccountId,
            V::Identifier,
            true,
        ),
        field(
            "EASSI名称",
            &["EAS SI名称"],
            K::Text,
            S::Constant { value: "eas" },
            V::NoSpaces,
            true,
        ),
        field(
            "EAS用户名",
            &["EAS账号"],
            K::Text,
            S::UserInput,
            V::None,
            true,
        ),
        field("EAS密码", &[], K::Password, S::UserInput, V::None, true),
    ],
};

/// 企业授权配置 (影像系统), guide 002 §四: the same creds as 收票.
const IMAGE_ENTERPRISE_AUTH: FormSpec = FormSpec {
    id: "image-enterprise-auth",
    name: "企业授权配置",
    aliases: &[],
    identifying: &[],
    excluding: &[],
    min_fields: 3,
    min_fields_with_heading: 2,
    requires_heading: false,
    shown_texts: &[],
    offers: FILL_UNDO,
    credentials: Some(CredentialLevel::Enterprise),
    fields: &[
        field(
            "企业税号",
            &["税号"],
            K::Text,
            credential(C::TaxId),
            V::NoSpaces,
            false,
        ),
        field(
            "名称",
            &["企业名称"],
            K::Text,
            credential(C::EnterpriseName),
            V::None,
            false,
        ),
        field(
            "授权客户ID",
            &["客户ID"],
            K::Text,
            credential(C::EnterpriseClientId),
            V::EnterpriseClientId,
            true,
        ),
        field(
            "secret",
            &[],
            K::Password,
            credential(C::EnterpriseClientSecret),
            V::NoSpaces,
            true,
        ),
        field(
            "encrypt_key",
            &["encrypt key"],
            K::Password,
            credential(C::EnterpriseEncryptKey),
            V::NoSpaces,
            true,
        ),
    ],
};

/// 多影像系统配置 (EAS 财务共享), guide 002 §三.
const MULTI_IMAGE_SYSTEM: FormSpec = FormSpec {
    id: "multi-image-system",
    name: "多影像系统配置",
    aliases: &[],
    identifying: &[],
    excluding: &[],
    min_fields: 3,
    min_fields_with_heading: 2,
    requires_heading: false,
    shown_texts: &[],
    offers: FILL_UNDO,
    credentials: Some(CredentialLevel::Enterprise),
    fields: &[
        field(
            "发票云授权码",
            &[],
            K::Text,
            credential(C::EnterpriseClientId),
            V::EnterpriseClientId,
            true,
        ),
        field(
            "发票云授权密钥",
            &[],
            K::Password,
            credential(C::EnterpriseClientSecret),
            V::NoSpaces,
            true,
        ),
        field(
            "影像IP/域名",
            &["影像IP", "影像域名", "影像地址"],
            K::Text,
            S::UserInput,
            V::HttpUrl,
            true,
        ),
        field("端口", &["Port"], K::Text, S::UserInput, V::Digits, false),
    ],
};

/// Every form the helper knows, most specific first (ties in recognition go to the earlier).
pub static SPECS: &[FormSpec] = &[
    INVOICE_CALLBACK,
    ACCESS_TOKEN_AUTH,
    INVOICE_CLOUD_AUTH,
    TENANT_AUTH,
    EXPENSE_INVOICE_CLOUD,
    THIRD_PARTY_APP,
    ENTERPRISE_INFO,
    BUSINESS_SYSTEM_CODE,
    EAS_BUSINESS_SYSTEM,
    IMAGE_ENTERPRISE_AUTH,
    MULTI_IMAGE_SYSTEM,
];
