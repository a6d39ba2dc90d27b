//! The errors the views' answers carry, in both languages: a cohort without outcomes, a
//! Cohort view whose statistic failed, and a failure as it crosses to the page. The English
//! catalogue's sentence equals the command line's `Display`; the German one is German.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use survlens_app::core::error::Failure;
use survlens_app::core::i18n::Lang;
use survlens_app::core::session::{OutcomeNeed, ShapeError};
use survlens_app::job::views::ViewError;
use survlens_app::views::cohort_view::CohortViewError;
use survlens_data::{Describe, Message, MessageArg};
use survlens_model::ModelError;

fn both(e: &(impl Describe + std::fmt::Display)) -> (String, String) {
    let message = e.message();
    let english = Lang::En.message(&message);
    assert_eq!(
        english,
        e.to_string(),
        "the catalogue's English is the command line's"
    );
    (english, Lang::De.message(&message))
}

#[test]
fn a_view_without_outcomes_says_why_in_each_language() {
    for needs in [OutcomeNeed::RiskGroupSurvival, OutcomeNeed::CIndex] {
        let (english, german) = both(&needs);
        assert_ne!(german, english);
        assert_eq!(german, needs.note_in(Lang::De));
    }
}

#[test]
fn a_failed_cohort_statistic_reads_in_each_language_and_survives_a_switch() {
    let shape = CohortViewError::Shape(ShapeError::Entity {
        index: 40,
        entities: 38,
    });
    let (english, german) = both(&shape);
    assert!(english.starts_with("inconsistent cohort: "), "{english}");
    assert!(german.starts_with("widersprüchliche Kohorte: "), "{german}");

    // Crossing to the page, the failure holds both sentences: the page switches language
    // without asking the worker again.
    let view = ViewError::from(shape);
    assert_eq!(view.code(), "session_entity");
    assert_eq!(view.message_in(Lang::En), english);
    assert_eq!(view.message_in(Lang::De), german);

    // A view that lacks outcomes keeps its own kind.
    let none = ViewError::from(CohortViewError::NoOutcomes {
        needs: OutcomeNeed::CIndex,
    });
    assert_eq!(none.code(), "no_outcomes");
    assert_eq!(
        none.message_in(Lang::De),
        OutcomeNeed::CIndex.note_in(Lang::De)
    );
}

#[test]
fn a_failure_survives_the_trip_to_the_page_in_both_languages() {
    let failure = Failure::new(
        "session_entity",
        &CohortViewError::Shape(ShapeError::Entity {
            index: 40,
            entities: 38,
        }),
    );
    let json = serde_json::to_string(&failure).unwrap();
    let back: Failure = serde_json::from_str(&json).unwrap();
    assert_eq!(back, failure);
    assert_eq!(back.to_string(), back.message(Lang::En));
    assert_ne!(back.message(Lang::De), back.message(Lang::En));
}

#[test]
fn a_failed_statistic_names_itself_in_the_language_of_its_reader() {
    let source = || ModelError::InsufficientData {
        context: "log-rank test",
        needs: "at least two patients",
        has: 1,
        counted: "patients",
    };
    let logrank = CohortViewError::Statistic {
        what: Message::plain("error-cohort-what-logrank"),
        source: source(),
    };
    let (english, german) = both(&logrank);
    assert!(
        english.starts_with("log-rank test across the groups: "),
        "{english}"
    );
    assert!(
        german.starts_with("Log-Rank-Test über die Gruppen: "),
        "{german}"
    );
    assert!(!german.contains("patients"), "{german}");

    let grouped = CohortViewError::Statistic {
        what: Message::new(
            "error-cohort-what-risk-groups",
            vec![(
                "grouping",
                MessageArg::Nested(Box::new(Message::plain("vm-cohort-grouping-tertiles"))),
            )],
        ),
        source: source(),
    };
    let (english, german) = both(&grouped);
    assert!(
        english.starts_with("risk tertiles of the training patients: "),
        "{english}"
    );
    assert!(
        german.starts_with("Risiko-Terzile der Trainingspersonen: "),
        "{german}"
    );
}

#[test]
fn a_size_the_page_cannot_open_is_refused_in_each_language() {
    use survlens_app::sources::data_source::{BundledCohort, SizeError};
    for e in [
        SizeError::Fixed {
            cohort: BundledCohort::Teaching,
        },
        SizeError::OutOfRange { patients: 300_000 },
        SizeError::NotANumber {
            text: "viele".into(),
        },
    ] {
        let (english, german) = both(&e);
        assert_ne!(german, english);
    }
    let (_, german) = both(&SizeError::OutOfRange { patients: 300_000 });
    assert_eq!(
        german,
        "300.000 Personen liegen außerhalb des Bereichs der Seite: Wählen Sie zwischen 1.000 und \
         250.000"
    );
}
