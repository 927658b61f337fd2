//! What a paste (授权邮件 / 出库邮件, 获取token示例) leaves with the helper, held per console as the
//! secrets are: the record a tab or a fill draws from, what the popup may show (masked), which
//! enterprise the user chose, when it expires, and whether a fill may receive each value.
//!
//! The parser (`readPaste`) says what the text holds; this module decides what is kept and for
//! whom. The service worker only stores the records these functions write and hands them back.

mod error;
mod manual;
mod pasted;
mod record;
/// The session-store form of held credentials (values included), for the worker to store.
pub mod record_session {
    pub use super::record::SessionRecord;
}
mod release;
mod scope;
mod view;

pub use error::CredentialsError;
pub use manual::{manual_values, ManualValue, IMAGE_HOSTS};
pub use pasted::{
    Environment, PasteKind, PasteProblem, PasteResult, PastedContext, PastedEnterprise,
    PastedTenant, PastedToken,
};
pub use record::{
    from_paste, EnterpriseCredentials, HeldCredentials, PasteOutcome, PastedObservation,
    TenantCredentials, STORAGE_PREFIX,
};
pub use release::{release, FillRequest, Released, ValueKey};
pub use scope::CredentialScope;
pub use view::{
    credential_for_copy, pick_record, view, CredentialView, CredentialsView, EnterpriseView,
    RecordChoice,
};
