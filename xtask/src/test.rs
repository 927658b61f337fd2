//! placeholder
use crate::util::Result;
pub fn test(_args: &[String]) -> Result { crate::fail!("not yet") }
