//! Writing an edit of a JSON or YAML document's rendering back into its
//! source: the one field whose text changed, at its own place.

use super::super::model::Persona;
use super::EditError;

pub(super) fn write_back(source: &str, p: &Persona, new: &str) -> Result<String, EditError> {
    if *new == *p.text {
        return Ok(source.to_string());
    }
    Err(EditError::NotEditable("JSON and YAML documents cannot be edited yet."))
}
