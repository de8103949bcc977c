//! The binary readers through the crate's public face, on the shared test decks: what
//! `pacer import` and its tests build on (the `testdecks` feature is on for every test).

use pacer::import::{DeckError, Format, odp, pdf, pptx, sniff, testdecks};

#[test]
fn every_sample_deck_sniffs_and_reads() {
    let pptx_bytes = testdecks::sample_pptx().build();
    let odp_bytes = testdecks::sample_odp().build();
    let pdf_bytes = testdecks::sample_pdf().build();
    assert_eq!(sniff::sniff_binary(&pptx_bytes), Some(Ok(Format::Pptx)));
    assert_eq!(sniff::sniff_binary(&odp_bytes), Some(Ok(Format::Odp)));
    assert_eq!(sniff::sniff_binary(&pdf_bytes), Some(Ok(Format::Pdf)));

    let deck = pptx::read(&pptx_bytes).unwrap();
    assert_eq!(deck.slides.len(), 6);
    assert_eq!(deck.slides.iter().filter(|s| s.hidden).count(), 1);
    let deck = odp::read(&odp_bytes).unwrap();
    assert_eq!(deck.slides.len(), 5);
    let deck = pdf::read(&pdf_bytes, Some(&testdecks::sample_pdfpc())).unwrap();
    assert_eq!(deck.slides.len(), 9);
    assert!(deck.budget.is_some());
}

#[test]
fn every_slide_of_every_sample_has_a_title_and_a_number_in_order() {
    let decks = [
        pptx::read(&testdecks::sample_pptx().build()).unwrap(),
        odp::read(&testdecks::sample_odp().build()).unwrap(),
        pdf::read(&testdecks::sample_pdf().build(), None).unwrap(),
        pptx::read(&testdecks::large_pptx(141, 64).build()).unwrap(),
    ];
    for deck in decks {
        for (i, slide) in deck.slides.iter().enumerate() {
            assert_eq!(slide.number, i + 1);
            assert!(!slide.title.trim().is_empty(), "{slide:?}");
            assert!(slide.notes.as_ref().is_none_or(|n| !n.trim().is_empty()));
            assert!(slide.budget.is_none_or(|b| !b.is_zero()));
        }
    }
}

#[test]
fn a_deck_read_as_the_wrong_format_is_an_error_not_a_panic() {
    let pptx_bytes = testdecks::sample_pptx().build();
    let pdf_bytes = testdecks::sample_pdf().build();
    assert!(matches!(
        pdf::read(&pptx_bytes, None),
        Err(DeckError::Invalid { .. })
    ));
    assert!(matches!(
        pptx::read(&pdf_bytes),
        Err(DeckError::Invalid { .. })
    ));
    assert!(odp::read(&pptx_bytes).is_err());
    let err = pptx::read(&testdecks::sample_odp().build())
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("not a pptx deck: its content is a odp deck"),
        "{err}"
    );
    let err = pptx::read(&testdecks::ole_file(&["EncryptionInfo"])).unwrap_err();
    assert!(matches!(err, DeckError::Unsupported(_)), "{err}");
    assert!(
        err.to_string()
            .contains("remove the password in PowerPoint"),
        "{err}"
    );
}

mod damaged {
    use super::*;
    use proptest::prelude::*;
    use std::sync::LazyLock;

    static DECKS: LazyLock<[Vec<u8>; 3]> = LazyLock::new(|| {
        [
            testdecks::sample_pptx().build(),
            testdecks::sample_odp().build(),
            testdecks::sample_pdf().build(),
        ]
    });

    /// Every reader on the bytes: an answer, never a panic, and never Debug text in an error.
    fn read_all(bytes: &[u8]) {
        let _ = sniff::sniff_binary(bytes);
        let sidecar = testdecks::sample_pdfpc();
        let results = [
            pptx::read(bytes),
            odp::read(bytes),
            pdf::read(bytes, None),
            pdf::read(bytes, Some(&sidecar)),
        ];
        for result in results {
            if let Err(e) = result {
                let message = e.to_string();
                assert!(!message.is_empty());
                for debug in ["Invalid {", "Unsupported(", "ZipError", "Error::", "Some("] {
                    assert!(!message.contains(debug), "Debug text in {message:?}");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn a_deck_with_bytes_changed_or_cut_never_panics(
            deck in 0..3_usize,
            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
            keep in any::<prop::sample::Index>(),
            cut in any::<bool>(),
        ) {
            let mut bytes = DECKS[deck].clone();
            for (at, byte) in flips {
                let at = at.index(bytes.len());
                bytes[at] ^= byte | 1;
            }
            if cut {
                bytes.truncate(keep.index(bytes.len()));
            }
            read_all(&bytes);
        }
    }
}
