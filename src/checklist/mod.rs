//! Each product's setup as a checklist value (guides 000–004): what to do, why, where in the
//! console's menus, whether it is required, and how the helper knows it is done. Progress per
//! console (`progress.rs`), which product a page shows (`detect.rs`) and the non-secret setup
//! record for handover documents (`export.rs`) work on these tables; adding a step touches one.

mod detect;
mod export;
mod progress;
mod steps;

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;

pub use detect::{detect_product, signal_words, PageSignals};
pub use export::{setup_record, EnterpriseEntry, SetupFacts, SetupRecord};
pub use progress::{
    after_fill, after_save, all_save_words, fill_is_clean, save_words, FillReported, PendingFills,
    Progress, ProgressError, ReportRow, SaveVerdict,
};

/// Asking for a checklist that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChecklistError {
    #[error("unknown product: {0}")]
    UnknownProduct(String),
}

impl crate::i18n::Localised for ChecklistError {
    fn message(&self, locale: Locale) -> String {
        match self {
            ChecklistError::UnknownProduct(_) => locale
                .pick(
                    "没有这个产品的清单，请从列表中选择产品。",
                    "There is no checklist for that product; choose one from the list.",
                )
                .to_string(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ChecklistError::UnknownProduct(_) => "unknown-product",
        }
    }
}

/// A product whose setup the helper guides: the `<select data-testid="product">` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Product {
    /// 星瀚/苍穹 6.0 and later (with 发票云 8.0's 数电配置 steps).
    #[serde(rename = "cosmic-6")]
    Cosmic6,
    /// 星瀚 5.0 and earlier: no 获取token示例.
    #[serde(rename = "cosmic-5")]
    Cosmic5,
    /// 星空旗舰版 发票服务.
    #[serde(rename = "flagship")]
    Flagship,
    /// 费报/应付's own 发票云配置.
    #[serde(rename = "expense")]
    Expense,
    /// EAS 影像 (财务共享 and the 影像系统).
    #[serde(rename = "eas")]
    Eas,
}

impl Product {
    pub const ALL: [Product; 5] = [
        Product::Cosmic6,
        Product::Cosmic5,
        Product::Flagship,
        Product::Expense,
        Product::Eas,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Product::Cosmic6 => "cosmic-6",
            Product::Cosmic5 => "cosmic-5",
            Product::Flagship => "flagship",
            Product::Expense => "expense",
            Product::Eas => "eas",
        }
    }

    /// Reads an option value; anything else is no product (the placeholder).
    pub fn from_code(code: &str) -> Option<Product> {
        Product::ALL.into_iter().find(|p| p.code() == code.trim())
    }

    /// Reads an option value that must name a product.
    pub fn parse(code: &str) -> Result<Product, ChecklistError> {
        Product::from_code(code)
            .ok_or_else(|| ChecklistError::UnknownProduct(code.chars().take(40).collect()))
    }

    pub fn name(self, locale: Locale) -> &'static str {
        match self {
            Product::Cosmic6 => {
                locale.pick("星瀚/苍穹 6.0 及以上", "星瀚/苍穹 (Cosmic) 6.0 and later")
            }
            Product::Cosmic5 => locale.pick("星瀚 5.0 及以下", "星瀚 (Cosmic) 5.0 and earlier"),
            Product::Flagship => locale.pick(
                "星空旗舰版 发票服务",
                "星空旗舰版 (Galaxy flagship) 发票服务",
            ),
            Product::Expense => locale.pick(
                "费报/应付 发票云配置",
                "费报/应付 (expense/payables) 发票云配置",
            ),
            Product::Eas => locale.pick("EAS 影像", "EAS 影像 (imaging)"),
        }
    }

    /// The steps of this product's setup, in the order the guides take them.
    pub fn steps(self) -> &'static [Step] {
        steps::of(self)
    }
}

/// A text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Words {
    pub fn pick(self, locale: Locale) -> &'static str {
        locale.pick(self.zh, self.en)
    }
}

/// How the helper knows a step is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The console saved this form (spec id in `forms::specs`) after a clean 填充 of the helper.
    Form { spec: &'static str },
    /// Only the person knows: they tick it.
    Manual,
    /// A value the helper holds for the console.
    Value(HeldValue),
}

/// Values whose being held is a step done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeldValue {
    /// The console's 数据中心 id (`accountId`), seen in getUserLanguage.do or pasted.
    AccountId,
}

/// The kind the side panel draws: `form` (ticked by the helper), `manual` (a checkbox),
/// `value` (ticked by the helper once it holds the value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    Form,
    Manual,
    Value,
}

/// One step of a product's setup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The stable id (`data-step`): DESIGN.md's list, shared across products.
    pub id: &'static str,
    pub title: Words,
    /// What it is for, in one line.
    pub why: Words,
    /// The console's own menu words (Chinese in both languages: that is what the console shows).
    pub menu: &'static [&'static str],
    pub required: bool,
    pub check: Check,
}

impl Step {
    pub fn kind(&self) -> StepKind {
        match self.check {
            Check::Form { .. } => StepKind::Form,
            Check::Manual => StepKind::Manual,
            Check::Value(_) => StepKind::Value,
        }
    }
}

/// The step a form spec's save completes (the same id in every product that has it).
pub fn step_for_spec(spec: &str) -> Option<&'static str> {
    Product::ALL
        .iter()
        .flat_map(|p| p.steps())
        .find_map(|s| matches!(s.check, Check::Form { spec: f } if f == spec).then_some(s.id))
}

/// Whether `id` is a manual step of any product (the only steps a person may tick).
pub fn is_manual_step(id: &str) -> bool {
    Product::ALL
        .iter()
        .flat_map(|p| p.steps())
        .any(|s| s.id == id && s.check == Check::Manual)
}

/// One step as an extension page draws it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepView {
    pub id: &'static str,
    pub title: &'static str,
    pub why: &'static str,
    pub menu_path: Vec<&'static str>,
    pub required: bool,
    pub kind: StepKind,
    /// Absent where nothing is known of a console (the standalone page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
}

/// `checklist(product)`: the product's steps in one language.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistView {
    pub product: Product,
    pub name: &'static str,
    pub steps: Vec<StepView>,
}

/// What the helper knows of a console that can complete steps.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConsoleFacts<'a> {
    pub progress: Option<&'a Progress>,
    pub account_id_known: bool,
}

/// The checklist of `product` with each step's state for a console (`None`: no console).
pub fn checklist_view(
    product: Product,
    facts: Option<&ConsoleFacts<'_>>,
    locale: Locale,
) -> ChecklistView {
    let steps = product
        .steps()
        .iter()
        .map(|step| StepView {
            id: step.id,
            title: step.title.pick(locale),
            why: step.why.pick(locale),
            menu_path: step.menu.to_vec(),
            required: step.required,
            kind: step.kind(),
            done: facts.map(|facts| is_done(step, facts)),
        })
        .collect();
    ChecklistView {
        product,
        name: product.name(locale),
        steps,
    }
}

/// A step's state for a console: forms by their saves, manual steps by the person's tick,
/// values by what the helper holds.
pub fn is_done(step: &Step, facts: &ConsoleFacts<'_>) -> bool {
    match step.check {
        Check::Form { .. } => facts.progress.is_some_and(|p| p.saved.contains(step.id)),
        Check::Manual => facts.progress.is_some_and(|p| p.ticked.contains(step.id)),
        Check::Value(HeldValue::AccountId) => facts.account_id_known,
    }
}
