//! The non-secret setup record of a console for the customer's handover documents: the console,
//! its prefix and 数据中心 id, the environment, the enterprises by 税号 and name, and which
//! steps are done. Its types hold no field a secret could go into.

use serde::Serialize;

use super::{checklist_view, ConsoleFacts, Product, StepKind};
use crate::console::ConsoleContext;
use crate::i18n::Locale;

/// An enterprise as the record lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnterpriseEntry {
    pub tax_id: String,
    pub name: String,
}

/// What the record is made from.
#[derive(Debug, Clone, Default)]
pub struct SetupFacts<'a> {
    pub console: Option<ConsoleContext>,
    pub account_id: Option<String>,
    /// `prod`, `test` or `unknown` (the pasted mail's own word).
    pub environment: &'static str,
    pub enterprises: Vec<EnterpriseEntry>,
    pub product: Option<Product>,
    pub facts: ConsoleFacts<'a>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepRecord {
    pub id: &'static str,
    pub title: &'static str,
    pub required: bool,
    pub kind: StepKind,
    pub done: bool,
}

/// The record as JSON (`json`) and as a readable Markdown summary (`markdown`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetupRecord {
    pub tool: &'static str,
    pub origin: Option<String>,
    pub prefix: Option<String>,
    pub app_token_url: Option<String>,
    pub login_url: Option<String>,
    pub account_id: Option<String>,
    pub environment: &'static str,
    pub enterprises: Vec<EnterpriseEntry>,
    pub product: Option<Product>,
    pub product_name: Option<&'static str>,
    pub steps: Vec<StepRecord>,
}

impl SetupRecord {
    /// Pretty JSON; the record holds only strings and booleans, so this cannot fail.
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The summary people read in a handover document.
    pub fn markdown(&self, locale: Locale) -> String {
        let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_string());
        let mut out = String::new();
        out.push_str(&format!(
            "# {}\n\n",
            locale.pick("发票云配置记录", "发票云 setup record")
        ));
        let rows = [
            (locale.pick("控制台", "Console"), dash(&self.origin)),
            (locale.pick("前缀地址", "Prefix"), dash(&self.prefix)),
            (
                locale.pick("获取 token 地址", "App-token URL"),
                dash(&self.app_token_url),
            ),
            (locale.pick("登录地址", "Login URL"), dash(&self.login_url)),
            (
                locale.pick("数据中心 id", "数据中心 id (accountId)"),
                dash(&self.account_id),
            ),
            (
                locale.pick("环境", "Environment"),
                environment_words(self.environment, locale).to_string(),
            ),
            (
                locale.pick("产品", "Product"),
                self.product_name.unwrap_or("—").to_string(),
            ),
        ];
        for (label, value) in rows {
            out.push_str(&format!("- **{label}**: {}\n", escape(&value)));
        }
        out.push_str(&format!("\n## {}\n\n", locale.pick("企业", "Enterprises")));
        if self.enterprises.is_empty() {
            out.push_str(locale.pick("（未粘贴授权邮件）\n", "(no 授权邮件 pasted)\n"));
        } else {
            out.push_str(&format!(
                "| {} | {} |\n|---|---|\n",
                locale.pick("税号", "税号 (tax id)"),
                locale.pick("名称", "Name")
            ));
            for e in &self.enterprises {
                out.push_str(&format!(
                    "| {} | {} |\n",
                    escape(&e.tax_id),
                    escape(&e.name)
                ));
            }
        }
        out.push_str(&format!("\n## {}\n\n", locale.pick("步骤", "Steps")));
        if self.steps.is_empty() {
            out.push_str(locale.pick("（未选择产品）\n", "(no product chosen)\n"));
        }
        for s in &self.steps {
            let optional = if s.required {
                ""
            } else {
                locale.pick("（可选）", " (optional)")
            };
            out.push_str(&format!(
                "- [{}] {}{optional}\n",
                if s.done { "x" } else { " " },
                escape(s.title)
            ));
        }
        out.push_str(&format!(
            "\n{}\n",
            locale.pick(
                "此记录不含任何密钥或授权密钥。",
                "This record holds no secret or key."
            )
        ));
        out
    }
}

fn environment_words(code: &str, locale: Locale) -> &'static str {
    match code {
        "prod" => locale.pick("正式环境", "production"),
        "test" => locale.pick("测试环境", "test"),
        _ => locale.pick("未知", "unknown"),
    }
}

/// Keeps a value from breaking the Markdown around it (a pipe in a table, a line break).
fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// Builds the record of a console.
pub fn setup_record(facts: SetupFacts<'_>, locale: Locale) -> SetupRecord {
    let steps = facts
        .product
        .map(|product| {
            checklist_view(product, Some(&facts.facts), locale)
                .steps
                .into_iter()
                .map(|s| StepRecord {
                    id: s.id,
                    title: s.title,
                    required: s.required,
                    kind: s.kind,
                    done: s.done.unwrap_or(false),
                })
                .collect()
        })
        .unwrap_or_default();
    let console = facts.console;
    SetupRecord {
        tool: "fapiao-helper",
        origin: console.as_ref().map(|c| c.origin.clone()),
        prefix: console.as_ref().map(|c| c.prefix.clone()),
        app_token_url: console.as_ref().map(|c| c.app_token_url.clone()),
        login_url: console.as_ref().map(|c| c.login_url.clone()),
        account_id: facts.account_id,
        environment: facts.environment,
        enterprises: facts.enterprises,
        product: facts.product,
        product_name: facts.product.map(|p| p.name(locale)),
        steps,
    }
}
