//! Reports as Markdown, to paste into an issue or a notes app.
