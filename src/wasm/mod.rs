//! The only `#[wasm_bindgen]` surface: thin adapters from JS values to the pure core.
mod context;
mod forms;
mod secrets;
