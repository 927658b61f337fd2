// Placeholder: written by the form engine (issue 5).
