//! Default slide ids: readable slugs of section and slide titles, in any script.

/// Lower-case words of `title` joined by `-`; letters and digits of every script are kept.
///
/// A title with no letters or digits (emoji only, say) gives an empty slug.
pub fn slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs() {
        for (title, want) in [
            (
                "Where the LoRA layers attach",
                "where-the-lora-layers-attach",
            ),
            ("  W + BA: q, k, v!  ", "w-ba-q-k-v"),
            ("Café résumé", "café-résumé"),
            ("발표자 소개", "발표자-소개"),
            ("実験の結果", "実験の結果"),
            ("🚀🔥", ""),
            ("", ""),
        ] {
            assert_eq!(slug(title), want, "{title:?}");
        }
    }
}
