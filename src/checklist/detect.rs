//! Which product a console page shows, where the page tells: its menus (星空旗舰版 names its
//! invoice application 发票服务, 星瀚 发票云), the forms it holds, the 获取token示例 button of
//! 星瀚 ≥6.0. Otherwise nothing: the person chooses. 星瀚 ≤5.0 is never guessed (it is told
//! only by something missing).

use serde::Deserialize;

use super::Product;
use crate::labels::label_key;

/// What the page shows: short visible texts (menu items, buttons, titles) and recognised forms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PageSignals {
    pub texts: Vec<String>,
    /// Spec ids (or names) of the forms recognised on the page.
    pub forms: Vec<String>,
}

#[derive(Debug, Clone, Copy)]
enum Signal {
    Text(&'static str),
    Form(&'static str),
}

use Signal::{Form, Text};

/// Tried in order; the first product with any signal on the page is the one. 发票服务 comes
/// first: only 星空旗舰版 names its application so, and its console also shows 星瀚's names.
const RULES: &[(Product, &[Signal])] = &[
    (
        Product::Flagship,
        &[
            Text("发票服务"),
            Text("发票服务授权配置"),
            Text("发票回调配置"),
            Form("invoice-callback"),
        ],
    ),
    (
        Product::Eas,
        &[
            Text("影像系统"),
            Text("多影像系统配置"),
            Text("对接业务系统配置"),
            Form("eas-business-system"),
            Form("multi-image-system"),
            Form("image-enterprise-auth"),
        ],
    ),
    (
        Product::Cosmic6,
        &[
            Text("获取token示例"),
            Text("维护租户授权信息"),
            Text("开放服务云"),
            Form("tenant-auth"),
        ],
    ),
    (Product::Expense, &[Form("expense-invoice-cloud")]),
];

/// Text as compared: the label rules (colons, `*`, spaces, brackets, case).
fn key(text: &str) -> String {
    label_key(text)
}

/// The texts the worker looks for on the page (it reports only those it finds).
pub fn signal_words() -> Vec<&'static str> {
    RULES
        .iter()
        .flat_map(|(_, signals)| signals.iter())
        .filter_map(|s| match s {
            Text(t) => Some(*t),
            Form(_) => None,
        })
        .collect()
}

/// The product the page tells, if any.
pub fn detect_product(page: &PageSignals) -> Option<Product> {
    let texts: Vec<String> = page.texts.iter().map(|t| key(t)).collect();
    let forms: Vec<&str> = page.forms.iter().map(|f| f.trim()).collect();
    RULES.iter().find_map(|(product, signals)| {
        signals
            .iter()
            .any(|signal| match signal {
                Text(t) => texts.contains(&key(t)),
                Form(f) => forms.contains(f),
            })
            .then_some(*product)
    })
}
