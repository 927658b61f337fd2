//! The checklists as data: each product's steps (DESIGN.md "Checklist and standalone page"), the
//! done rule (a clean 填充 and then the console's own 保存), detection of the product from what a
//! page shows, and the non-secret setup record.

use fapiao_helper::checklist::{
    after_fill, after_save, checklist_view, detect_product, fill_is_clean, setup_record,
    step_for_spec, Check, ConsoleFacts, EnterpriseEntry, FillReported, PageSignals, PendingFills,
    Product, Progress, SaveVerdict, SetupFacts, StepKind,
};
use fapiao_helper::console::ConsoleContext;
use fapiao_helper::forms::SPECS;
use fapiao_helper::i18n::Locale;
use serde_json::json;

fn ids(product: Product) -> Vec<&'static str> {
    product.steps().iter().map(|s| s.id).collect()
}

fn report(spec: &str, rows: serde_json::Value) -> FillReported {
    serde_json::from_value(json!({ "purpose": "fill", "form": "x", "spec": spec, "rows": rows }))
        .expect("the test data holds it")
}

fn all_filled() -> serde_json::Value {
    json!([
        { "field": "请求地址", "outcome": "filled", "code": "filled" },
        { "field": "数据中心id", "outcome": "unchanged", "code": "unchanged" },
        { "field": "网关", "outcome": "filled", "code": "filled" },
    ])
}

#[test]
fn each_checklist_lists_at_least_the_steps_of_the_contract() {
    let wanted: [(Product, &[&str]); 5] = [
        (
            Product::Cosmic6,
            &[
                "business-unit",
                "full-function-user",
                "import-org",
                "invoice-cloud-auth",
                "enterprise-info",
                "tenant-auth",
                "third-party-app",
                "business-system-code",
            ],
        ),
        (Product::Cosmic5, &["invoice-cloud-auth", "third-party-app"]),
        (
            Product::Flagship,
            &[
                "invoice-callback",
                "invoice-cloud-auth",
                "openapi-api1",
                "enterprise-info",
            ],
        ),
        (Product::Expense, &["expense-invoice-cloud"]),
        (
            Product::Eas,
            &[
                "multi-image-system",
                "image-business-system",
                "image-enterprise-auth",
            ],
        ),
    ];
    for (product, steps) in wanted {
        let have = ids(product);
        for step in steps {
            assert!(have.contains(step), "{} lists {step}", product.code());
        }
    }
}

#[test]
fn eas_has_neither_the_callback_nor_a_third_party_app() {
    let eas = ids(Product::Eas);
    assert!(!eas.contains(&"invoice-callback"));
    assert!(!eas.contains(&"third-party-app"));
}

#[test]
fn the_phone_steps_of_guide_004_and_the_console_settings_are_manual() {
    for product in [Product::Cosmic6, Product::Flagship] {
        for id in [
            "wechat",
            "tax-bureau-account",
            "business-unit",
            "full-function-user",
            "import-org",
        ] {
            let step = product
                .steps()
                .iter()
                .find(|s| s.id == id)
                .unwrap_or_else(|| panic!("{id}"));
            assert_eq!(step.kind(), StepKind::Manual, "{id}");
        }
    }
    let flagship = Product::Flagship.steps();
    for id in ["openapi-api1", "sync-app"] {
        assert_eq!(
            flagship
                .iter()
                .find(|s| s.id == id)
                .expect("the test data holds it")
                .check,
            Check::Manual
        );
    }
    let cosmic = Product::Cosmic6.steps();
    for id in ["user-api-auth", "upgrade-digital-invoice"] {
        assert_eq!(
            cosmic
                .iter()
                .find(|s| s.id == id)
                .expect("the test data holds it")
                .check,
            Check::Manual
        );
    }
}

#[test]
fn every_step_says_what_and_why_in_both_languages_and_ids_are_unique_per_product() {
    for product in Product::ALL {
        let mut seen = std::collections::HashSet::new();
        for step in product.steps() {
            assert!(
                seen.insert(step.id),
                "{} repeats {}",
                product.code(),
                step.id
            );
            for text in [step.title.zh, step.title.en, step.why.zh, step.why.en] {
                assert!(
                    !text.trim().is_empty() && !text.contains('\n'),
                    "{}: one line each",
                    step.id
                );
            }
        }
    }
}

#[test]
fn every_form_step_names_a_known_form_and_every_form_has_a_step() {
    for product in Product::ALL {
        for step in product.steps() {
            if let Check::Form { spec } = step.check {
                assert!(SPECS.iter().any(|s| s.id == spec), "{spec}");
            }
        }
    }
    for spec in SPECS {
        assert!(step_for_spec(spec.id).is_some(), "{} has a step", spec.id);
    }
    assert_eq!(
        step_for_spec("eas-business-system"),
        Some("image-business-system")
    );
    assert_eq!(step_for_spec("invoice-callback"), Some("invoice-callback"));
}

#[test]
fn menu_paths_follow_the_product_s_own_names() {
    let path = |product: Product, id: &str| {
        product
            .steps()
            .iter()
            .find(|s| s.id == id)
            .expect("the test data holds it")
            .menu
            .join("→")
    };
    assert_eq!(
        path(Product::Flagship, "invoice-callback"),
        "发票服务→系统管理→发票回调配置"
    );
    assert_eq!(
        path(Product::Flagship, "invoice-cloud-auth"),
        "发票服务→系统管理→发票服务授权配置"
    );
    assert_eq!(
        path(Product::Cosmic6, "invoice-cloud-auth"),
        "发票云→系统管理→发票云授权配置"
    );
    assert_eq!(
        path(Product::Cosmic6, "tenant-auth"),
        "发票云→基础资料→企业管理→数电配置→维护租户授权信息"
    );
}

#[test]
fn product_codes_read_back() {
    for product in Product::ALL {
        assert_eq!(Product::from_code(product.code()), Some(product));
        assert_eq!(
            serde_json::to_value(product).expect("the test data holds it"),
            json!(product.code())
        );
    }
    assert_eq!(Product::from_code(""), None);
    assert!(Product::parse("cosmic-7").is_err());
}

// ---- the done rule --------------------------------------------------------------------------------

#[test]
fn a_clean_fill_then_the_console_s_save_marks_the_form_done() {
    let mut progress = Progress::default();
    let mut pending = after_fill(
        PendingFills::new(),
        &report("invoice-callback", all_filled()),
    );
    let verdict = after_save(&mut progress, &mut pending, "invoice-callback", "保 存");
    assert_eq!(
        verdict,
        SaveVerdict::Counted {
            step: "invoice-callback"
        }
    );
    assert!(progress.saved.contains("invoice-callback"));
}

#[test]
fn a_save_without_a_fill_leaves_the_step_undone() {
    let mut progress = Progress::default();
    let mut pending = PendingFills::new();
    assert_eq!(
        after_save(&mut progress, &mut pending, "invoice-callback", "保存"),
        SaveVerdict::NoFill
    );
    assert!(progress.saved.is_empty());
}

#[test]
fn a_fill_not_yet_saved_leaves_the_step_undone() {
    let pending = after_fill(
        PendingFills::new(),
        &report("invoice-callback", all_filled()),
    );
    assert_eq!(pending.get("invoice-callback"), Some(&true));
    let progress = Progress::default();
    let facts = ConsoleFacts {
        progress: Some(&progress),
        account_id_known: false,
    };
    let view = checklist_view(Product::Flagship, Some(&facts), Locale::ZhCn);
    assert_eq!(
        view.steps
            .iter()
            .find(|s| s.id == "invoice-callback")
            .expect("the test data holds it")
            .done,
        Some(false)
    );
}

#[test]
fn a_failed_row_or_a_missing_value_spoils_the_fill() {
    for bad in ["failed", "conflict", "not-found"] {
        let rows =
            json!([{ "outcome": "filled", "code": "filled" }, { "outcome": bad, "code": bad }]);
        let mut pending = after_fill(PendingFills::new(), &report("invoice-callback", rows));
        let mut progress = Progress::default();
        assert_eq!(
            after_save(&mut progress, &mut pending, "invoice-callback", "保存"),
            SaveVerdict::FillNotClean,
            "{bad}"
        );
        assert!(progress.saved.is_empty());
    }
    let no_secret = json!([{ "outcome": "filled", "code": "filled" }, { "outcome": "no-value", "code": "no-secret" }]);
    assert!(!fill_is_clean(&report("invoice-callback", no_secret).rows));
}

#[test]
fn a_field_left_to_the_person_does_not_spoil_a_fill_but_a_fill_of_nothing_does_not_count() {
    let rows = json!([{ "outcome": "filled", "code": "filled" }, { "outcome": "no-value", "code": "user-input" }]);
    assert!(fill_is_clean(&report("invoice-cloud-auth", rows).rows));
    let nothing = json!([{ "outcome": "no-value", "code": "user-input" }]);
    assert!(!fill_is_clean(&report("invoice-cloud-auth", nothing).rows));
    assert!(!fill_is_clean(&[]));
}

#[test]
fn an_undo_after_a_clean_fill_means_the_save_does_not_count() {
    let pending = after_fill(
        PendingFills::new(),
        &report("invoice-callback", all_filled()),
    );
    let undo: FillReported = serde_json::from_value(
        json!({ "purpose": "undo", "spec": "invoice-callback", "rows": [{ "outcome": "filled", "code": "restored" }] }),
    )
    .expect("the test data holds it");
    let mut pending = after_fill(pending, &undo);
    let mut progress = Progress::default();
    assert_eq!(
        after_save(&mut progress, &mut pending, "invoice-callback", "保存"),
        SaveVerdict::FillNotClean
    );
}

#[test]
fn only_a_save_button_counts_and_dialogs_save_with_confirm() {
    let mut progress = Progress::default();
    let mut pending = after_fill(
        PendingFills::new(),
        &report("invoice-callback", all_filled()),
    );
    assert_eq!(
        after_save(&mut progress, &mut pending, "invoice-callback", "连接测试"),
        SaveVerdict::NotASave
    );
    assert_eq!(
        after_save(&mut progress, &mut pending, "invoice-callback", "确定"),
        SaveVerdict::NotASave
    );
    assert_eq!(
        after_save(&mut progress, &mut pending, "invoice-callback", "Save"),
        SaveVerdict::Counted {
            step: "invoice-callback"
        }
    );

    let mut pending = after_fill(
        PendingFills::new(),
        &report("access-token-auth", all_filled()),
    );
    assert_eq!(
        after_save(&mut progress, &mut pending, "access-token-auth", "确 定"),
        SaveVerdict::Counted {
            step: "access-token-auth"
        }
    );
}

#[test]
fn a_form_step_is_done_whichever_product_is_chosen() {
    let mut progress = Progress::default();
    let mut pending = after_fill(
        PendingFills::new(),
        &report("invoice-cloud-auth", all_filled()),
    );
    after_save(&mut progress, &mut pending, "invoice-cloud-auth", "保存");
    let facts = ConsoleFacts {
        progress: Some(&progress),
        account_id_known: false,
    };
    for product in [
        Product::Cosmic6,
        Product::Cosmic5,
        Product::Flagship,
        Product::Expense,
    ] {
        let view = checklist_view(product, Some(&facts), Locale::En);
        assert_eq!(
            view.steps
                .iter()
                .find(|s| s.id == "invoice-cloud-auth")
                .expect("the test data holds it")
                .done,
            Some(true),
            "{}",
            product.code()
        );
    }
}

#[test]
fn a_manual_step_follows_its_tick_and_form_steps_cannot_be_ticked() {
    let mut progress = Progress::default();
    progress
        .tick("business-unit", true)
        .expect("the test data holds it");
    assert!(progress.ticked.contains("business-unit"));
    progress
        .tick("business-unit", false)
        .expect("the test data holds it");
    assert!(progress.ticked.is_empty());
    assert!(progress.tick("invoice-callback", true).is_err());
    assert!(progress.tick("account-id", true).is_err());
    assert!(progress.tick("no-such-step", true).is_err());
}

#[test]
fn the_account_id_step_is_done_when_the_console_gave_its_id() {
    let facts = ConsoleFacts {
        progress: None,
        account_id_known: true,
    };
    let view = checklist_view(Product::Cosmic5, Some(&facts), Locale::ZhCn);
    let step = view
        .steps
        .iter()
        .find(|s| s.id == "account-id")
        .expect("the test data holds it");
    assert_eq!((step.kind, step.done), (StepKind::Value, Some(true)));
}

#[test]
fn without_a_console_no_step_has_a_state() {
    let view = checklist_view(Product::Cosmic6, None, Locale::ZhCn);
    assert!(view.steps.iter().all(|s| s.done.is_none()));
    let text = serde_json::to_value(&view).expect("the test data holds it");
    assert_eq!(text["product"], "cosmic-6");
    assert!(text["steps"][0]["menuPath"].is_array());
    assert!(text["steps"][0].get("done").is_none());
}

// ---- detection ------------------------------------------------------------------------------------

fn page(texts: &[&str], forms: &[&str]) -> PageSignals {
    PageSignals {
        texts: texts.iter().map(|s| s.to_string()).collect(),
        forms: forms.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn the_invoice_service_menu_tells_the_flagship() {
    assert_eq!(
        detect_product(&page(&["发票服务", "发票云", "影像系统"], &[])),
        Some(Product::Flagship)
    );
    assert_eq!(
        detect_product(&page(&[], &["invoice-callback"])),
        Some(Product::Flagship)
    );
}

#[test]
fn the_token_sample_button_or_the_tenant_form_tells_cosmic_6() {
    assert_eq!(
        detect_product(&page(&["发票云", "获取Token示例"], &[])),
        Some(Product::Cosmic6)
    );
    assert_eq!(
        detect_product(&page(&["获取 token 示例"], &[])),
        Some(Product::Cosmic6)
    );
    assert_eq!(
        detect_product(&page(&[], &["tenant-auth"])),
        Some(Product::Cosmic6)
    );
}

#[test]
fn image_system_forms_tell_eas_and_the_expense_form_expense() {
    assert_eq!(
        detect_product(&page(&[], &["eas-business-system"])),
        Some(Product::Eas)
    );
    assert_eq!(
        detect_product(&page(&["多影像系统配置"], &[])),
        Some(Product::Eas)
    );
    assert_eq!(
        detect_product(&page(&[], &["expense-invoice-cloud"])),
        Some(Product::Expense)
    );
}

#[test]
fn a_page_that_tells_nothing_leaves_the_choice_to_the_person() {
    assert_eq!(
        detect_product(&page(&["发票云", "首页"], &["invoice-cloud-auth"])),
        None
    );
    assert_eq!(detect_product(&PageSignals::default()), None);
    let mut progress = Progress {
        detected: Some(Product::Cosmic6),
        ..Progress::default()
    };
    assert_eq!(progress.product(None), Some(Product::Cosmic6));
    progress.choose(Some(Product::Expense));
    assert_eq!(
        progress.product(Some(Product::Flagship)),
        Some(Product::Expense)
    );
}

// ---- the setup record -----------------------------------------------------------------------------

#[test]
fn the_setup_record_holds_the_console_the_enterprises_and_the_steps() {
    let mut progress = Progress::default();
    progress
        .tick("openapi-api1", true)
        .expect("the test data holds it");
    progress.saved.insert("invoice-callback".into());
    let record = setup_record(
        SetupFacts {
            console: ConsoleContext::from_url(
                "https://cosmic.example.com/ierp/index.html?formId=pc_main_console",
            )
            .ok(),
            account_id: Some("1742050739649250304".into()),
            environment: "test",
            enterprises: vec![EnterpriseEntry {
                tax_id: "91330106MA27XLGQ8Y".into(),
                name: "杭州|测试有限公司".into(),
            }],
            product: Some(Product::Flagship),
            facts: ConsoleFacts {
                progress: Some(&progress),
                account_id_known: true,
            },
        },
        Locale::ZhCn,
    );
    let json: serde_json::Value =
        serde_json::from_str(&record.json()).expect("the test data holds it");
    assert_eq!(json["prefix"], "https://cosmic.example.com/ierp/");
    assert_eq!(json["accountId"], "1742050739649250304");
    assert_eq!(json["enterprises"][0]["taxId"], "91330106MA27XLGQ8Y");
    assert_eq!(json["product"], "flagship");
    let done: Vec<&str> = json["steps"]
        .as_array()
        .expect("the test data holds it")
        .iter()
        .filter(|s| s["done"] == true)
        .map(|s| s["id"].as_str().expect("the test data holds it"))
        .collect();
    assert_eq!(done, ["account-id", "invoice-callback", "openapi-api1"]);
    let markdown = record.markdown(Locale::ZhCn);
    assert!(markdown.contains("1742050739649250304"));
    assert!(markdown.contains("| 91330106MA27XLGQ8Y | 杭州\\|测试有限公司 |"));
    assert!(markdown.contains("- [x] "));
    assert!(markdown.contains("测试环境"));
}
