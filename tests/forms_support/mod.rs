//! Small builders for page snapshots, and a simulated executor, shared by the form and fill
//! tests. Each test builds the smallest page that shows its case.
#![allow(dead_code)]

use std::collections::HashMap;

use fapiao_helper::fill::{FillPlan, FillValues, StepAction, StepResult};
use fapiao_helper::secret::Secret;
use fapiao_helper::snapshot::{
    Control, ControlKind, ControlOption, Heading, LabelCandidate, LabelRule, Snapshot,
};

pub const PREFIX: &str = "https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/";
pub const ACCOUNT_ID: &str = "1742050739649250304";
pub const KEY: &str = "Zq8RkP2vLm4Xw9Tn3Bc7Hd1Jf6Gs5Ay0";
pub const GATEWAY: &str = "acgw-3f9c2d7e-identity-5b8a1c";

/// A page under construction.
#[derive(Debug, Clone, Default)]
pub struct Page(pub Snapshot);

pub fn page() -> Page {
    Page(Snapshot {
        url: "https://h.example/ierp/index.html?formId=x".into(),
        frame: "top".into(),
        ..Snapshot::default()
    })
}

impl Page {
    pub fn title(mut self, text: &str) -> Page {
        self.0.title = text.into();
        self
    }

    pub fn heading(mut self, text: &str) -> Page {
        self.0.headings.push(Heading {
            text: text.into(),
            container: None,
        });
        self
    }

    pub fn heading_in(mut self, text: &str, container: &str) -> Page {
        self.0.headings.push(Heading {
            text: text.into(),
            container: Some(container.into()),
        });
        self
    }

    pub fn with(mut self, control: Control) -> Page {
        self.0.controls.push(control);
        self
    }

    pub fn with_all(mut self, controls: impl IntoIterator<Item = Control>) -> Page {
        self.0.controls.extend(controls);
        self
    }

    pub fn snapshot(self) -> Snapshot {
        self.0
    }
}

/// A control of `kind` with id `id` and nothing else.
pub fn control(id: &str, kind: ControlKind) -> Control {
    Control::new(id, kind)
}

/// A text input labelled by a Kingdee-style form item caption.
pub fn text(id: &str, caption: &str) -> Control {
    control(id, ControlKind::Text).label(LabelRule::FormItem, caption)
}

/// Chainable setters for test controls.
pub trait ControlExt: Sized {
    fn label(self, rule: LabelRule, text: &str) -> Self;
    fn value(self, value: &str) -> Self;
    fn container(self, id: &str) -> Self;
    fn containers(self, ids: &[&str]) -> Self;
    fn disabled(self) -> Self;
    fn read_only(self) -> Self;
    fn hidden(self) -> Self;
    fn checked(self, checked: bool) -> Self;
    fn named(self, name: &str) -> Self;
    fn options(self, options: &[(&str, &str, bool)]) -> Self;
}

impl ControlExt for Control {
    fn label(mut self, rule: LabelRule, text: &str) -> Control {
        self.labels.push(LabelCandidate {
            rule,
            text: text.into(),
        });
        self
    }

    fn value(mut self, value: &str) -> Control {
        self.value = value.into();
        self
    }

    fn container(mut self, id: &str) -> Control {
        self.container = Some(id.into());
        self
    }

    fn containers(mut self, ids: &[&str]) -> Control {
        self.container = ids.first().map(|s| s.to_string());
        self.containers = ids.iter().map(|s| s.to_string()).collect();
        self
    }

    fn disabled(mut self) -> Control {
        self.disabled = true;
        self
    }

    fn read_only(mut self) -> Control {
        self.read_only = true;
        self
    }

    fn hidden(mut self) -> Control {
        self.visible = false;
        self
    }

    fn checked(mut self, checked: bool) -> Control {
        self.checked = checked;
        self
    }

    fn named(mut self, name: &str) -> Control {
        self.name = Some(name.into());
        self
    }

    fn options(mut self, options: &[(&str, &str, bool)]) -> Control {
        self.options = options
            .iter()
            .map(|(value, text, selected)| ControlOption {
                value: value.to_string(),
                text: text.to_string(),
                selected: *selected,
            })
            .collect();
        if let Some((value, _, _)) = options.iter().find(|(_, _, s)| *s) {
            self.value = value.to_string();
        }
        self
    }
}

/// 发票回调配置 as the demo console draws it: five form items in one container `k1`, the lookup
/// a combobox.
pub fn callback_controls(container: &str) -> Vec<Control> {
    let id = |n: &str| format!("{container}-{n}");
    vec![
        text(&id("url"), "请求地址").container(container),
        text(&id("acct"), "数据中心id").container(container),
        control(&id("app"), ControlKind::Lookup)
            .label(LabelRule::FormItem, "第三方应用")
            .container(container),
        control(&id("pwd"), ControlKind::Password)
            .label(LabelRule::FormItem, "第三方应用密码")
            .container(container),
        text(&id("gw"), "网关").container(container),
    ]
}

pub fn callback_page() -> Page {
    page()
        .heading_in("发票回调配置", "k1")
        .with_all(callback_controls("k1"))
}

/// The values the worker holds for the demo console, secrets included or not.
pub fn values(with_secrets: bool) -> FillValues {
    FillValues {
        prefix: Some(PREFIX.into()),
        account_id: Some(ACCOUNT_ID.into()),
        access_token_key: with_secrets.then(|| Secret::new(KEY.into())),
        gateway: with_secrets.then(|| Secret::new(GATEWAY.into())),
        ..FillValues::default()
    }
}

/// A page that runs plans the way `content/execute.js` does, on a snapshot: lookups choose among
/// `lookup_options` (by exact code token), controls in `stubborn` ignore every change (a
/// framework that reverts a naive set), and results are read back after each plan.
#[derive(Debug, Clone, Default)]
pub struct SimulatedPage {
    pub snapshot: Snapshot,
    pub lookup_options: HashMap<String, Vec<String>>,
    pub stubborn: Vec<String>,
}

fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || "/|,，()（）[]【】:：·;；、".contains(c))
        .filter(|t| !t.is_empty())
        .collect()
}

impl SimulatedPage {
    pub fn new(snapshot: Snapshot) -> SimulatedPage {
        SimulatedPage {
            snapshot,
            ..SimulatedPage::default()
        }
    }

    pub fn control(&self, id: &str) -> &Control {
        self.snapshot
            .controls
            .iter()
            .find(|c| c.id == id)
            .expect("control in the test page")
    }

    fn control_mut(&mut self, id: &str) -> Option<&mut Control> {
        self.snapshot.controls.iter_mut().find(|c| c.id == id)
    }

    /// Runs every step; returns what the executor would report.
    pub fn run(&mut self, plan: &FillPlan) -> Vec<StepResult> {
        let mut results = Vec::new();
        for step in &plan.steps {
            let id = step.control_id.clone();
            let stubborn = self.stubborn.contains(&id);
            let options = self.lookup_options.get(&id).cloned();
            let Some(control) = self.control_mut(&id) else {
                results.push(serde_json::json!({ "controlId": id, "ok": false, "readBack": null, "error": "not-found" }));
                continue;
            };
            let mut error: Option<&str> = None;
            let wanted = step
                .value
                .as_ref()
                .map(|v| v.as_str().to_string())
                .unwrap_or_default();
            if control.disabled {
                error = Some("disabled");
            } else if !stubborn {
                match step.action {
                    // As execute.js: the value exactly as the plan gives it.
                    StepAction::Set => control.value = wanted.clone(),
                    StepAction::Clear => control.value.clear(),
                    StepAction::Lookup => {
                        let code = step.match_text.clone().unwrap_or_default();
                        match options {
                            Some(list) if list.is_empty() => error = Some("no-options"),
                            Some(list) => match list
                                .iter()
                                .find(|o| o.trim() == code || tokens(o).contains(&code.as_str()))
                            {
                                Some(choice) => control.value = choice.clone(),
                                None => error = Some("no-match"),
                            },
                            None => control.value = code,
                        }
                    }
                    StepAction::Select if !control.options.is_empty() => {
                        let pick = control.options.iter().position(|o| {
                            step.option_value.as_deref() == Some(o.value.as_str())
                                || o.text == wanted
                        });
                        match pick {
                            Some(index) => {
                                for (i, o) in control.options.iter_mut().enumerate() {
                                    o.selected = i == index;
                                }
                                control.value = control.options[index].value.clone();
                            }
                            None => error = Some("no-match"),
                        }
                    }
                    StepAction::Select => control.value = wanted.clone(),
                    StepAction::Check => {
                        let want = step.checked.unwrap_or(false);
                        if control.kind != ControlKind::Radio || want {
                            control.checked = want;
                        }
                    }
                }
            }
            let radio_name = (step.action == StepAction::Check
                && step.checked == Some(true)
                && !stubborn
                && error.is_none())
            .then(|| self.control(&id))
            .filter(|c| c.kind == ControlKind::Radio)
            .and_then(|c| c.name.clone());
            if let Some(name) = radio_name {
                for other in self
                    .snapshot
                    .controls
                    .iter_mut()
                    .filter(|c| c.name.as_deref() == Some(&name) && c.id != id)
                {
                    other.checked = false;
                }
            }
            let control = self.control(&id);
            let read_back = match step.action {
                StepAction::Check => serde_json::json!(control.checked),
                StepAction::Select
                    if !control.options.is_empty() && step.option_value.is_none() =>
                {
                    serde_json::json!(control
                        .options
                        .iter()
                        .find(|o| o.selected)
                        .map(|o| o.text.clone())
                        .unwrap_or_default())
                }
                _ => serde_json::json!(control.value),
            };
            let mut result = serde_json::json!({ "controlId": id, "ok": error.is_none(), "readBack": read_back });
            if let Some(error) = error {
                result["error"] = serde_json::json!(error);
            }
            results.push(result);
        }
        serde_json::from_value(serde_json::Value::Array(results))
            .expect("results in the protocol's shape")
    }
}
