//! The steps of each product, from the guides: 000 (星空旗舰版), 001 (星瀚 ≥6.0 and 数电配置),
//! 002 (EAS 影像), 003 (异构对接: 第三方应用, 用户api授权, 业务系统编码; ≤5.0 without
//! 获取token示例), 004 (初始化 and the WeChat 公众号, on a phone). Menu words are the console's.

use super::{Check, HeldValue, Product, Step, Words};

const fn w(zh: &'static str, en: &'static str) -> Words {
    Words { zh, en }
}

const fn form(spec: &'static str) -> Check {
    Check::Form { spec }
}

// ---- 基础服务云: organisation and users (guides 000 §二, 001 §一) --------------------------------

const BUSINESS_UNIT: Step = Step {
    id: "business-unit",
    title: w(
        "业务单元：职能类型设为“核算组织”",
        "Business unit: set 职能类型 to 核算组织 (accounting organisation)",
    ),
    why: w(
        "否则发票云选不到这个企业，也无法引入组织。",
        "Otherwise 发票云 cannot pick this enterprise, nor import it as an organisation.",
    ),
    menu: &["基础服务云", "企业建模", "组织管理", "业务单元"],
    required: true,
    check: Check::Manual,
};

const FULL_FUNCTION_USER: Step = Step {
    id: "full-function-user",
    title: w("授权全功能用户，并用它登录", "Grant a full-function user (全功能用户) and sign in with it"),
    why: w("后续各模块的配置需要全部权限；管理员账号只有后台权限。", "The later forms need every permission; the administrator account has back-office rights only."),
    menu: &["基础服务云", "安全管理", "权限管理", "全功能用户"],
    required: true,
    check: Check::Manual,
};

// ---- 发票云 (星瀚) ----------------------------------------------------------------------------------

const COSMIC_INVOICE_CLOUD_AUTH: Step = Step {
    id: "invoice-cloud-auth",
    title: w("发票云授权配置：url、Client id/Secret、Encrypt Key，保存后连接测试", "发票云授权配置: url, Client id/Secret, Encrypt Key; save, then 连接测试"),
    why: w("发票云最基础的配置：识别、查验、勾选等服务都经此地址；用企业授权，不用租户（TN_）授权。", "The base of every 发票云 service (recognition, checks, 勾选); enterprise credentials, never the tenant's (TN_)."),
    menu: &["发票云", "系统管理", "发票云授权配置"],
    required: true,
    check: form("invoice-cloud-auth"),
};

const COSMIC_IMPORT_ORG: Step = Step {
    id: "import-org",
    title: w("引入组织：勾选使用发票云的组织", "Import the organisations (引入组织) that use 发票云"),
    why: w("只有引入的组织才能维护企业信息；列表没有时检查业务单元是否为核算组织。", "Only imported organisations get enterprise details; if one is missing, check its business unit is 核算组织."),
    menu: &["发票云", "基础资料", "企业管理", "企业信息", "引入组织"],
    required: true,
    check: Check::Manual,
};

const COSMIC_ENTERPRISE_INFO: Step = Step {
    id: "enterprise-info",
    title: w(
        "企业基础信息：企业名称、税号，开收票通道选“新电子服务平台”",
        "Enterprise details: exact name and 税号; channel 新电子服务平台",
    ),
    why: w(
        "名称和税号须与激活一致，授权成功后不可随意修改。",
        "Name and 税号 must match the activation exactly; they cannot be changed once authorised.",
    ),
    menu: &["发票云", "基础资料", "企业管理", "企业信息"],
    required: true,
    check: form("enterprise-info"),
};

const TENANT_AUTH: Step = Step {
    id: "tenant-auth",
    title: w("数电配置：维护租户授权信息（发票云 V8.0+）", "数电配置: tenant authorisation (发票云 V8.0+)"),
    why: w("使用电子税局通道时必需；填租户级（TN_ 开头）授权，环境与订单一致，同一租户只需一次。", "Needed for the e-tax bureau channel: the tenant's credentials (TN_…), of the order's environment; once per tenant."),
    menu: &["发票云", "基础资料", "企业管理", "数电配置", "维护租户授权信息"],
    required: false,
    check: form("tenant-auth"),
};

const UPGRADE_DIGITAL_INVOICE: Step = Step {
    id: "upgrade-digital-invoice",
    title: w("数电配置：升级数电票，勾选要升级的税号", "数电配置: 升级数电票 for each 税号"),
    why: w("升级后才能用电子税局开具数电票、下载和勾选发票。", "Only upgraded 税号 can issue, download and 勾选 digital invoices through the e-tax bureau."),
    menu: &["发票云", "基础资料", "企业管理", "数电配置", "升级数电票"],
    required: false,
    check: Check::Manual,
};

const COSMIC5_UPGRADE_DIGITAL_INVOICE: Step = Step {
    id: "upgrade-digital-invoice",
    title: w("数电配置：升级数电发票，再导入邮件中的激活码", "数电配置: 升级数电发票, then 导入激活码 from the mail"),
    why: w("发票云低于 V8.0 时，激活码经邮件发送；导入后才能使用电子税局通道。", "Below 发票云 V8.0 the activation code comes by mail; the e-tax channel works once it is imported."),
    menu: &["发票云", "基础资料", "企业管理", "数电配置"],
    required: false,
    check: Check::Manual,
};

const TAX_BUREAU_ACCOUNT: Step = Step {
    id: "tax-bureau-account",
    title: w("维护电子税局账号（数电配置详情→新增账号，或在公众号中添加）", "Add the e-tax bureau account (数电配置 detail → 新增账号, or in the WeChat account)"),
    why: w("开票和下载要用此账号登录税局；验证码在手机上完成，助手无法代劳。", "Invoicing and downloads sign in to the bureau with it; the code is confirmed on a phone, which the helper cannot do."),
    menu: &["发票云", "基础资料", "企业管理", "数电配置", "新增账号"],
    required: false,
    check: Check::Manual,
};

const WECHAT: Step = Step {
    id: "wechat",
    title: w("手机上：关注发票云公众号，账号绑定微信", "On a phone: follow the 发票云 WeChat account and bind the tax account"),
    why: w("税局账号掉线或需扫脸认证时，提醒推送到绑定的微信；在手机上操作，助手无法代劳。", "Sign-in and face-check prompts go to the bound WeChat; it happens on a phone, so the helper cannot do it."),
    menu: &["发票云公众号", "我的服务", "电子税局配置"],
    required: false,
    check: Check::Manual,
};

const ACCOUNT_ID: Step = Step {
    id: "account-id",
    title: w("取得前缀地址和数据中心 id", "Get the console prefix and 数据中心 id"),
    why: w("对接和回调都要用；助手从地址栏和 getUserLanguage.do 自动读取，无需开发者工具。", "Integrations and the callback need them; the helper reads them from the address and getUserLanguage.do, no devtools."),
    menu: &[],
    required: true,
    check: Check::Value(HeldValue::AccountId),
};

// ---- 异构对接 (guide 003) -------------------------------------------------------------------------

const THIRD_PARTY_APP: Step = Step {
    id: "third-party-app",
    title: w(
        "新增第三方应用：系统编码、名称，勾选授权全部API、允许全部IP访问",
        "New 第三方应用: code and name, 授权全部API and 允许全部IP访问 ticked",
    ),
    why: w(
        "其他系统调用星瀚接口要用它取 token；默认已有的数据请勿修改。",
        "Other systems get their token through it; leave the preset apps unchanged.",
    ),
    menu: &["开放服务云", "OpenApi", "安全策略", "第三方应用"],
    required: false,
    check: form("third-party-app"),
};

const COSMIC5_THIRD_PARTY_APP: Step = Step {
    id: "third-party-app",
    title: w(
        "新增第三方应用：系统编码、名称，勾选授权全部API、允许全部IP访问",
        "New 第三方应用: code and name, 授权全部API and 允许全部IP访问 ticked",
    ),
    why: w(
        "5.0 没有“获取token示例”：前缀和数据中心 id 由助手读取。",
        "5.0 has no 获取token示例: the helper reads the prefix and 数据中心 id instead.",
    ),
    menu: &["开发服务云", "开放平台", "安全策略", "第三方应用"],
    required: true,
    check: form("third-party-app"),
};

const ACCESS_TOKEN_AUTH: Step = Step {
    id: "access-token-auth",
    title: w("第三方应用的访问策略：AccessToken认证，设置认证密钥", "The app's 访问策略: AccessToken认证, set its key"),
    why: w("点确定后无法再查看：用助手的“生成密钥”，它会记住并填入回调配置。", "It cannot be viewed after 确定: use the helper's Generate key, which remembers it for the callback form."),
    menu: &["开放服务云", "OpenApi", "安全策略", "第三方应用", "访问策略"],
    required: false,
    check: form("access-token-auth"),
};

const USER_API_AUTH: Step = Step {
    id: "user-api-auth",
    title: w(
        "用户api授权：发票云的接口授权给登录用户",
        "用户api授权: grant the 发票云 APIs to the login user",
    ),
    why: w(
        "login.do 的 user 要有接口权限，否则异构系统调不通。",
        "The user of login.do needs the API rights, or the other system's calls fail.",
    ),
    menu: &[
        "开放服务云",
        "OpenAPI",
        "其他",
        "API服务管理1.0",
        "发票云",
        "用户授权",
    ],
    required: false,
    check: Check::Manual,
};

const BUSINESS_SYSTEM_CODE: Step = Step {
    id: "business-system-code",
    title: w(
        "业务系统编码：编码、名称用英文或数字，回调地址免鉴权",
        "业务系统编码: code and name in letters/digits, a callback URL without auth",
    ),
    why: w(
        "记录哪套异构系统发起请求，并配置其回调方式。",
        "Records which external system sends requests, and how it is called back.",
    ),
    menu: &["发票云", "系统管理", "业务系统编码"],
    required: false,
    check: form("business-system-code"),
};

// ---- 星空旗舰版 发票服务 (guide 000) ------------------------------------------------------------------

const FLAGSHIP_BUSINESS_UNIT: Step = Step {
    menu: &["基础服务云", "企业建模", "组织管理", "业务单元"],
    ..BUSINESS_UNIT
};

const FLAGSHIP_FULL_FUNCTION_USER: Step = Step {
    menu: &["基础服务云", "安全管理", "用户权限管理", "全功能用户"],
    ..FULL_FUNCTION_USER
};

const FLAGSHIP_INVOICE_CLOUD_AUTH: Step = Step {
    id: "invoice-cloud-auth",
    title: w(
        "发票服务授权配置：url、Client id/Secret、Encrypt Key，保存后连接测试",
        "发票服务授权配置: url, Client id/Secret, Encrypt Key; save, then 连接测试",
    ),
    why: w(
        "连接发票云的基础；正式地址配正式授权，测试地址配测试授权。",
        "The link to 发票云; production url with production credentials, test with test.",
    ),
    menu: &["发票服务", "系统管理", "发票服务授权配置"],
    required: true,
    check: form("invoice-cloud-auth"),
};

const SYNC_APP: Step = Step {
    id: "sync-app",
    title: w("第三方应用列表没有 invoiceupload 时：同步应用", "If the app list lacks invoiceupload: 同步应用"),
    why: w("回调要用预置的“第三方发票上传”；类型不是预置时先禁用、删除，再同步。", "The callback needs the preset 第三方发票上传; if it is not 预置, disable, delete, then sync."),
    menu: &["开放服务云", "OpenApi", "安全策略", "第三方应用", "同步应用"],
    required: false,
    check: Check::Manual,
};

const FLAGSHIP_ACCESS_TOKEN_AUTH: Step = Step {
    id: "access-token-auth",
    title: w("invoiceupload 的 AccessToken认证：设置认证密钥", "invoiceupload's AccessToken认证: set its key"),
    why: w("即回调配置的第三方应用密码，确定后无法查看：用助手生成并记住。", "It is the callback's 第三方应用密码 and cannot be viewed later: let the helper generate and remember it."),
    menu: &["开放服务云", "OpenApi", "安全策略", "第三方应用", "访问策略"],
    required: true,
    check: form("access-token-auth"),
};

const INVOICE_CALLBACK: Step = Step {
    id: "invoice-callback",
    title: w(
        "发票回调配置：请求地址、数据中心id、第三方应用、密码、网关",
        "发票回调配置: request URL, 数据中心id, app, its password, gateway",
    ),
    why: w(
        "发票服务经此回调星空旗舰版；网关即第三方应用的 x-acgw-identity。",
        "发票服务 calls the flagship back through it; 网关 is the app's x-acgw-identity.",
    ),
    menu: &["发票服务", "系统管理", "发票回调配置"],
    required: true,
    check: form("invoice-callback"),
};

const OPENAPI_API1: Step = Step {
    id: "openapi-api1",
    title: w("勾选“是否允许API1.0授权”", "Tick 是否允许API1.0授权"),
    why: w(
        "回调使用 API1.0 授权，不勾选则调用被拒。",
        "The callback uses API 1.0 authorisation; without it the calls are refused.",
    ),
    menu: &[
        "基础服务云",
        "公共设置",
        "参数配置",
        "系统参数",
        "openApi参数",
    ],
    required: true,
    check: Check::Manual,
};

const FLAGSHIP_IMPORT_ORG: Step = Step {
    menu: &["发票服务", "基础资料", "企业管理", "企业信息", "引入组织"],
    ..COSMIC_IMPORT_ORG
};

const FLAGSHIP_ENTERPRISE_INFO: Step = Step {
    menu: &["发票服务", "基础资料", "企业管理", "企业信息"],
    ..COSMIC_ENTERPRISE_INFO
};

// ---- 费报/应付 (guide 001 FAQ) ----------------------------------------------------------------------

const EXPENSE_INVOICE_CLOUD: Step = Step {
    id: "expense-invoice-cloud",
    title: w("费报/应付的发票云配置：组织、税号、工商登记名和三项授权", "费报/应付's 发票云配置: organisation, 税号, registered name and the three credentials"),
    why: w("不配置则单据上没有导入发票按钮，或提示“无发票云特性分组”；名称、税号须与激活一致。", "Without it bills have no 导入发票 button or say 无发票云特性分组; name and 税号 must match the activation."),
    menu: &["财务云", "费用核算", "发票设置", "发票云配置"],
    required: true,
    check: form("expense-invoice-cloud"),
};

const EXPENSE_INVOICE_CLOUD_AUTH: Step = Step {
    why: w(
        "无论“是否使用原授权”选是或否都必须配置，邮箱推送等公共服务取的是这里。",
        "Needed whichever 是否使用原授权 says: shared services such as e-mail delivery read it.",
    ),
    ..COSMIC_INVOICE_CLOUD_AUTH
};

// ---- EAS 影像 (guide 002) ---------------------------------------------------------------------------

const EAS_GUI_AUTH: Step = Step {
    id: "eas-gui-auth",
    title: w("EAS 客户端：组织单元的发票云授权 id 与密钥", "EAS client: the 组织单元's 发票云 id and secret"),
    why: w("在 EAS GUI（桌面客户端）中填写，浏览器无法代填：从助手复制，注意不要有空格。", "Filled in the EAS desktop client, which a browser cannot fill: copy from the helper, without spaces."),
    menu: &["GUI", "企业建模", "组织架构", "组织单元", "组织单元"],
    required: true,
    check: Check::Manual,
};

const MULTI_IMAGE_SYSTEM: Step = Step {
    id: "multi-image-system",
    title: w("多影像系统配置：授权码、密钥、影像IP/域名和端口", "多影像系统配置: client id, secret, image host and port"),
    why: w("EAS 经此连接影像系统；保存后检查自动生成的地址有无多余的冒号或斜杠。", "EAS reaches the 影像系统 through it; after 保存 check the generated URLs for stray colons or slashes."),
    menu: &["财务共享", "共享任务管理", "基础设置", "多影像系统配置"],
    required: true,
    check: form("multi-image-system"),
};

const IMAGE_BUSINESS_SYSTEM: Step = Step {
    id: "image-business-system",
    title: w("影像系统：对接业务系统配置（EAS、前缀地址、数据中心编码）", "影像系统: 对接业务系统配置 (EAS, prefix URL, data centre code)"),
    why: w("影像系统回调 EAS 用；前缀地址形如 http://IP:端口/ormrpc/services/，不能有空格。", "The 影像系统 calls EAS back with it; the prefix is http://IP:port/ormrpc/services/, without spaces."),
    menu: &["影像系统", "系统设置", "对接业务系统配置"],
    required: true,
    check: form("eas-business-system"),
};

const IMAGE_ENTERPRISE_AUTH: Step = Step {
    id: "image-enterprise-auth",
    title: w("影像系统：企业授权配置（税号、名称、授权客户ID、secret、encrypt_key）", "影像系统: 企业授权配置 (税号, name, client id, secret, encrypt_key)"),
    why: w("影像系统登录、取 token 和从收票取数据都靠它，须与收票授权一致。", "The 影像系统 signs in, gets tokens and reads 收票 data with it; it must match the 收票 credentials."),
    menu: &["影像系统", "系统设置", "企业授权配置"],
    required: true,
    check: form("image-enterprise-auth"),
};

static COSMIC_6: &[Step] = &[
    BUSINESS_UNIT,
    FULL_FUNCTION_USER,
    COSMIC_INVOICE_CLOUD_AUTH,
    COSMIC_IMPORT_ORG,
    COSMIC_ENTERPRISE_INFO,
    TENANT_AUTH,
    UPGRADE_DIGITAL_INVOICE,
    TAX_BUREAU_ACCOUNT,
    WECHAT,
    ACCOUNT_ID,
    THIRD_PARTY_APP,
    ACCESS_TOKEN_AUTH,
    USER_API_AUTH,
    BUSINESS_SYSTEM_CODE,
];

static COSMIC_5: &[Step] = &[
    BUSINESS_UNIT,
    FULL_FUNCTION_USER,
    COSMIC_INVOICE_CLOUD_AUTH,
    COSMIC_IMPORT_ORG,
    COSMIC_ENTERPRISE_INFO,
    COSMIC5_UPGRADE_DIGITAL_INVOICE,
    TAX_BUREAU_ACCOUNT,
    WECHAT,
    ACCOUNT_ID,
    COSMIC5_THIRD_PARTY_APP,
    ACCESS_TOKEN_AUTH,
    Step {
        menu: &[
            "开发服务云",
            "开放平台",
            "其他",
            "API服务管理1.0",
            "发票云",
            "用户授权",
        ],
        ..USER_API_AUTH
    },
    BUSINESS_SYSTEM_CODE,
];

static FLAGSHIP: &[Step] = &[
    FLAGSHIP_BUSINESS_UNIT,
    FLAGSHIP_FULL_FUNCTION_USER,
    FLAGSHIP_INVOICE_CLOUD_AUTH,
    SYNC_APP,
    FLAGSHIP_ACCESS_TOKEN_AUTH,
    ACCOUNT_ID,
    INVOICE_CALLBACK,
    OPENAPI_API1,
    FLAGSHIP_IMPORT_ORG,
    FLAGSHIP_ENTERPRISE_INFO,
    TAX_BUREAU_ACCOUNT,
    WECHAT,
];

static EXPENSE: &[Step] = &[EXPENSE_INVOICE_CLOUD_AUTH, EXPENSE_INVOICE_CLOUD];

static EAS: &[Step] = &[
    EAS_GUI_AUTH,
    MULTI_IMAGE_SYSTEM,
    IMAGE_BUSINESS_SYSTEM,
    IMAGE_ENTERPRISE_AUTH,
];

pub(super) fn of(product: Product) -> &'static [Step] {
    match product {
        Product::Cosmic6 => COSMIC_6,
        Product::Cosmic5 => COSMIC_5,
        Product::Flagship => FLAGSHIP,
        Product::Expense => EXPENSE,
        Product::Eas => EAS,
    }
}
