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
