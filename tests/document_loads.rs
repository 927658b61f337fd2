//! Where each document loaded from: the first hello of a document wins, a top frame names its
//! tab's top document, and a later message's requester is read from both and the browser's
//! addresses now.

use fapiao_helper::console::binding::place_of;
use fapiao_helper::console::loads::{DocumentLoads, Sender, MAX_DOCUMENTS};

const CONSOLE: &str = "https://erp.example.com/ierp/index.html?formId=home";
const ORIGIN: &str = "https://erp.example.com";

#[test]
fn a_documents_first_hello_wins() {
    let mut loads = DocumentLoads::default();
    loads.hello("doc", CONSOLE, 0, Some(7));
    loads.hello(
        "doc",
        "https://erp.example.com/other/index.html?formId=x",
        0,
        Some(7),
    );
    assert_eq!(loads.load_url("doc"), Some(CONSOLE));
    assert_eq!(loads.docs.len(), 1);
    assert_eq!(loads.tops.get("7").and_then(|id| id.as_str()), Some("doc"));
}

#[test]
fn only_a_top_frame_names_its_tabs_top_document() {
    let mut loads = DocumentLoads::default();
    loads.hello("top", CONSOLE, 0, Some(7));
    loads.hello(
        "frame",
        "https://erp.example.com/ierp/frame.html",
        3,
        Some(7),
    );
    assert_eq!(loads.tops.get("7").and_then(|id| id.as_str()), Some("top"));
    assert!(loads.forget_tab(7));
    assert!(!loads.forget_tab(7));
    assert!(loads.tops.is_empty());
}

#[test]
fn the_record_keeps_only_the_newest_documents() {
    let mut loads = DocumentLoads::default();
    for n in 0..=MAX_DOCUMENTS {
        loads.hello(&format!("d{n}"), CONSOLE, 1, None);
    }
    assert_eq!(loads.docs.len(), MAX_DOCUMENTS);
    assert_eq!(loads.load_url("d0"), None);
    assert_eq!(loads.load_url("d1"), Some(CONSOLE));
}

#[test]
fn a_top_frame_is_read_at_its_tabs_address_now_and_the_address_it_loaded_with() {
    let mut loads = DocumentLoads::default();
    loads.hello("top", CONSOLE, 0, Some(7));
    let moved = "https://erp.example.com/ierp/index.html?formId=other";
    let sender = Sender {
        frame_origin: ORIGIN,
        url: Some(CONSOLE),
        frame_id: Some(0),
        document_id: Some("top"),
        tab_id: Some(7),
        tab_url: Some(moved),
    };
    let requester = loads.requester(&sender);
    assert_eq!(requester.frame.url, moved);
    assert_eq!(requester.frame.load_url, Some(CONSOLE));
    assert!(requester.top.is_none());
    assert_eq!(place_of(&requester).expect("its console").page_url, moved);
}

#[test]
fn a_frame_is_read_with_its_tabs_top_document() {
    let mut loads = DocumentLoads::default();
    loads.hello("top", CONSOLE, 0, Some(7));
    loads.hello(
        "frame",
        "https://erp.example.com/ierp/frame.html",
        2,
        Some(7),
    );
    let sender = Sender {
        frame_origin: ORIGIN,
        url: Some("https://erp.example.com/ierp/frame.html"),
        frame_id: Some(2),
        document_id: Some("frame"),
        tab_id: Some(7),
        tab_url: Some(CONSOLE),
    };
    let requester = loads.requester(&sender);
    let top = requester.top.expect("a frame has a top");
    assert_eq!((top.url, top.load_url), (CONSOLE, Some(CONSOLE)));
    assert_eq!(
        requester.frame.load_url,
        Some("https://erp.example.com/ierp/frame.html")
    );
    assert_eq!(
        place_of(&requester).expect("the tab's console").page_url,
        CONSOLE
    );
}

#[test]
fn a_page_that_moved_onto_a_consoles_address_is_placed_nowhere() {
    let mut loads = DocumentLoads::default();
    loads.hello("doc", "https://erp.example.com/blog/post.html", 0, Some(7));
    let sender = Sender {
        frame_origin: ORIGIN,
        url: Some(CONSOLE),
        frame_id: Some(0),
        document_id: Some("doc"),
        tab_id: Some(7),
        tab_url: Some(CONSOLE),
    };
    assert!(place_of(&loads.requester(&sender)).is_err());
}
