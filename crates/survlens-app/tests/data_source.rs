//! The data-source view-model: bundled cohorts, detection and the mapping form's messages,
//! the job a mapping produces, and import problems located for the page's table.

// Test helpers outside `#[test]` functions fail loudly by design.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use survlens_app::core::cohort_kind::{CohortKind, Endpoint};
use survlens_app::core::i18n::Lang;
use survlens_app::core::session::Session;
use survlens_app::core::units::TimeUnit;
use survlens_app::job::pipeline::{Job, JobStep, PipelineError};
use survlens_app::job::protocol::Response;
use survlens_app::job::state::{Action, AppState, JobStatus};
use survlens_app::sources::data_source::{
    BundledCohort, EmbeddedCsv, Field, FileDraft, Mapping, ProblemList, SHOWN_PROBLEMS, Severity,
    bundled_marker,
};
use survlens_app::sources::spec::{CohortSource, JobSpec};
use survlens_app::views::model_view::{MetricSettings, ModelReport};
use survlens_app::views::patient::PatientView;
use survlens_app::views::patient_list::PatientPage;
use survlens_data::{ImportOptions, MarkerKind, import_csv};
use survlens_model::concordance::harrell_c;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../tests/fixtures/e2e/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn draft(name: &str) -> FileDraft {
    FileDraft::read(name, fixture(name)).unwrap()
}

fn draft_of(text: &str) -> FileDraft {
    FileDraft::read("clinic.csv", text.as_bytes().to_vec()).unwrap()
}

fn run(spec: JobSpec) -> Result<Session, PipelineError> {
    let mut job = Job::new(spec);
    loop {
        if let JobStep::Done(done) = job.step()? {
            return Ok(done.into_session());
        }
    }
}

fn errors(
    issues: &[survlens_app::sources::data_source::MappingIssue],
    field: Field,
) -> Vec<String> {
    issues
        .iter()
        .filter(|i| i.field == field && i.severity == Severity::Error)
        .map(|i| i.message.clone())
        .collect()
}

fn warnings(
    issues: &[survlens_app::sources::data_source::MappingIssue],
    field: Field,
) -> Vec<String> {
    issues
        .iter()
        .filter(|i| i.field == field && i.severity == Severity::Warning)
        .map(|i| i.message.clone())
        .collect()
}

// ---------------------------------------------------------------------------------------
// Bundled cohorts

/// Patients and observed events of every bundled file. Reference: data/README.md (patients
/// and event rate to 0.1%, from the R packages as SurvSet 0.2.11 ships them); the harmonised
/// files keep every patient of their source, Rotterdam's with 1,713 events of recurrence-free
/// survival (Royston and Altman, BMC Med Res Methodol 2013;13:33).
const EXPECTED: [(&str, usize, f64); 5] = [
    ("ncctg_lung.csv", 228, 0.724),
    ("rotterdam.csv", 2982, 0.427),
    ("support2_page.csv", 9105, 0.681),
    ("rotterdam_harmonised.csv", 2982, 0.574),
    ("gbsg_harmonised.csv", 686, 0.436),
];

#[test]
fn every_bundled_file_imports_with_its_roles_and_the_published_size() {
    let mut seen = Vec::new();
    for cohort in BundledCohort::ALL {
        for file in cohort.files() {
            let name = file.file.file_name();
            let imported = import_csv(
                file.file.bytes(),
                name,
                &file.roles,
                &ImportOptions::default(),
            )
            .unwrap_or_else(|r| panic!("{name}: {r}"));
            let (_, patients, event_rate) = EXPECTED
                .iter()
                .find(|(n, ..)| *n == name)
                .unwrap_or_else(|| panic!("{name} has no expectation"));
            let c = &imported.cohort;
            assert_eq!(c.len(), *patients, "{name}");
            let events = c.event().iter().filter(|&&e| e).count() as f64;
            // The README rounds the rate to 0.1 percentage points: half of that, plus one
            // patient, is the tolerance.
            let tol = 0.0005 * c.len() as f64 + 1.0;
            assert!(
                (events - event_rate * c.len() as f64).abs() <= tol,
                "{name}: {events} events, README rate {event_rate}"
            );
            seen.push(name);
        }
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), EXPECTED.len(), "{seen:?}");
}

#[test]
fn detection_finds_time_event_and_id_in_every_bundled_file() {
    for cohort in BundledCohort::ALL {
        for file in cohort.files() {
            let name = file.file.file_name();
            let d = FileDraft::read(name, file.file.bytes().to_vec()).unwrap();
            let m = Mapping::detected(&d);
            assert_eq!(m.time.as_deref(), Some(file.roles.time.as_str()), "{name}");
            assert_eq!(
                m.event.as_deref(),
                Some(file.roles.event.as_str()),
                "{name}"
            );
            assert_eq!(m.id, file.roles.id, "{name}");
            // A detected mapping of a bundled file is usable as it is.
            let issues = m.issues(&d, Lang::En);
            assert!(
                issues.iter().all(|i| i.severity == Severity::Warning),
                "{name}: {issues:?}"
            );
            // `fac_*` columns are proposed as categorical.
            for c in d.header().iter().filter(|h| h.starts_with("fac_")) {
                let choice = m.markers.iter().find(|x| &x.column == c).unwrap();
                assert_eq!(choice.kind, Some(MarkerKind::Categorical), "{name}: {c}");
            }
        }
    }
}

#[test]
fn every_bundled_marker_has_a_display_name_unit_and_modality() {
    for cohort in BundledCohort::ALL {
        for file in cohort.files() {
            let imported = import_csv(
                file.file.bytes(),
                file.file.file_name(),
                &file.roles,
                &ImportOptions::default(),
            )
            .unwrap();
            for m in imported.cohort.markers() {
                let entry = bundled_marker(file.file, m.name());
                assert!(
                    entry.is_some(),
                    "{}: {} has no entry",
                    file.file.file_name(),
                    m.name()
                );
                // A German name of its own, or one a German clinician writes the same way.
                let entry = entry.unwrap();
                assert!(!entry.name_de.is_empty());
                assert!(
                    entry.name_de != entry.name
                        || ["Bilirubin", "Diabetes", "Postmenopausal"].contains(&entry.name),
                    "{} has no German name",
                    entry.name
                );
            }
        }
    }
    // The same column name can mean different codings: NCCTG codes sex 1/2, SUPPORT by name.
    assert_eq!(
        bundled_marker(EmbeddedCsv::NcctgLung, "fac_sex")
            .unwrap()
            .name,
        "Sex (1 male, 2 female)"
    );
    assert_eq!(
        bundled_marker(EmbeddedCsv::Support, "fac_sex")
            .unwrap()
            .name,
        "Sex"
    );
}

#[test]
fn support_leaves_out_predictions_and_outcome_adjacent_columns() {
    let [file] = BundledCohort::Support.files().try_into().unwrap();
    let imported = import_csv(
        file.file.bytes(),
        "support2_page.csv",
        &file.roles,
        &ImportOptions::default(),
    )
    .unwrap();
    let names: Vec<&str> = imported.cohort.markers().iter().map(|m| m.name()).collect();
    // data/README.md names these as predictions or outcome-adjacent.
    for left_out in [
        "num_surv2m",
        "num_surv6m",
        "num_sps",
        "fac_sfdm2",
        "fac_dnr",
    ] {
        assert!(!names.contains(&left_out), "{left_out} in {names:?}");
    }
    assert!(names.contains(&"num_age") && names.contains(&"fac_ca"));
    // The disease group is the entity: 8 groups in SUPPORT.
    assert_eq!(imported.cohort.entity().unwrap().levels().len(), 8);
}

#[test]
fn ncctg_leaves_out_the_institution() {
    let [file] = BundledCohort::NcctgLung.files().try_into().unwrap();
    let markers = file.roles.markers.unwrap();
    assert!(!markers.iter().any(|m| m == "fac_inst"));
    assert!(markers.iter().any(|m| m == "fac_ph_ecog"));
}

#[test]
fn the_page_opens_on_the_default_model_unless_its_address_names_a_bundled_cohort() {
    // No query, another parameter, an unknown key, an empty value: the opening cohort.
    for search in [
        "",
        "?",
        "?lang=de",
        "?cohort=",
        "?cohort=nope",
        "cohort",
        "?Cohort=teaching",
    ] {
        assert_eq!(
            BundledCohort::from_query(search),
            BundledCohort::OPENING,
            "{search:?}"
        );
    }
    assert_eq!(BundledCohort::OPENING, BundledCohort::PanCancer);
    assert_eq!(
        BundledCohort::OPENING.job_spec(),
        JobSpec::pan_cancer_default()
    );
    assert_eq!(
        BundledCohort::ALL[0],
        BundledCohort::OPENING,
        "listed first in the menu"
    );
    // Every key opens its cohort, wherever the parameter stands and with or without `?`.
    for c in BundledCohort::ALL {
        let key = c.key();
        for search in [
            format!("?cohort={key}"),
            format!("lang=de&cohort={key}"),
            format!("?x=1&cohort={key}&y=2"),
        ] {
            assert_eq!(BundledCohort::from_query(&search), c, "{search}");
        }
    }
}

#[test]
fn an_address_can_size_the_synthetic_pan_cancer_cohort_with_patients_the_model_never_saw() {
    use survlens_app::sources::data_source::PAGE_PATIENTS;
    use survlens_app::sources::spec::{ModelSource, NEW_PATIENTS_SEED};
    use survlens_synth::{Preset, SynthConfig};
    let sized = |n: usize| {
        CohortSource::Synthetic(SynthConfig {
            n_patients: n,
            seed: NEW_PATIENTS_SEED,
            preset: Preset::PanCancer,
        })
    };
    let job = BundledCohort::opening_job("?cohort=pan-cancer&patients=100000");
    assert_eq!(job.source, sized(100_000));
    assert_eq!(job.model, ModelSource::Default);
    assert_ne!(
        NEW_PATIENTS_SEED,
        survlens_app::sources::default_model::DEFAULT_COHORT_SEED,
        "the model's own patients are not shown as new ones"
    );
    // The study's size is the default model's own cohort, with its held-out split.
    assert_eq!(
        BundledCohort::opening_job("?patients=15726"),
        JobSpec::pan_cancer_default()
    );
    assert_eq!(
        BundledCohort::opening_job(&format!("?patients={}", PAGE_PATIENTS.start())).source,
        sized(*PAGE_PATIENTS.start())
    );
    // Out of range, not a number, or for a cohort that is not generated: the cohort's own job.
    for search in [
        format!("?patients={}", PAGE_PATIENTS.end() + 1),
        "?patients=999".to_owned(),
        "?patients=-5".to_owned(),
        "?patients=1e5".to_owned(),
        "?patients=".to_owned(),
    ] {
        assert_eq!(
            BundledCohort::opening_job(&search),
            JobSpec::pan_cancer_default(),
            "{search}"
        );
    }
    assert_eq!(
        BundledCohort::opening_job("?cohort=teaching&patients=100000"),
        JobSpec::demo()
    );
    // `recipe=study` trains by the study's recipe; a stored model trains nothing.
    assert_eq!(
        BundledCohort::opening_job("?cohort=teaching&recipe=study"),
        JobSpec {
            recipe: survlens_app::sources::spec::Recipe::Study,
            ..JobSpec::demo()
        }
    );
    assert_eq!(
        BundledCohort::opening_job("?cohort=teaching&recipe=other"),
        JobSpec::demo()
    );
    assert_eq!(
        BundledCohort::opening_job("?recipe=study"),
        JobSpec::pan_cancer_default()
    );

    // The Data panel's form: separators allowed, every refusal a sentence with the range.
    assert_eq!(
        BundledCohort::PanCancer.sized_job(" 100,000 "),
        Ok(job.clone())
    );
    assert_eq!(BundledCohort::PanCancer.sized_job("100 000"), Ok(job));
    let refusal = |text: &str, cohort: BundledCohort| {
        let e = cohort.sized_job(text).unwrap_err();
        (e.code(), e.to_string())
    };
    assert_eq!(
        refusal("500000", BundledCohort::PanCancer),
        (
            "size_out_of_range",
            "500,000 patients is outside the page's range: choose between 1,000 and 250,000"
                .to_owned()
        )
    );
    assert_eq!(
        refusal("many", BundledCohort::PanCancer),
        (
            "size_not_a_number",
            "\"many\" is not a number of patients: type a whole number between 1,000 and \
             250,000"
                .to_owned()
        )
    );
    assert_eq!(
        refusal("600", BundledCohort::Teaching),
        (
            "fixed_size",
            "the size of the Synthetic teaching cohort (planted truth) is fixed".to_owned()
        )
    );
    assert!(
        BundledCohort::ALL
            .iter()
            .filter(|c| c.sizeable())
            .eq([&BundledCohort::PanCancer])
    );
}

#[test]
fn bundled_cohorts_have_stable_keys_and_sources() {
    for c in BundledCohort::ALL {
        assert_eq!(BundledCohort::from_key(c.key()), Some(c));
        // Each cohort has its own name and sentence in each language, and the two languages
        // differ (the German is not the English left in place).
        for lang in [Lang::En, Lang::De] {
            assert!(!c.description(lang).is_empty());
        }
        assert_ne!(c.label_in(Lang::De), c.label_in(Lang::En));
        assert_ne!(c.description(Lang::De), c.description(Lang::En));
    }
    let labels: std::collections::BTreeSet<String> = BundledCohort::ALL
        .iter()
        .map(|c| c.label_in(Lang::De))
        .collect();
    assert_eq!(labels.len(), BundledCohort::ALL.len());
    assert_eq!(BundledCohort::from_key("nope"), None);
    // The teaching cohort is the page's demo, job for job.
    assert_eq!(BundledCohort::Teaching.job_spec(), JobSpec::demo());
    // The page sends a name, not the file: the bytes stay in the worker.
    assert_eq!(
        BundledCohort::NcctgLung.job_spec().source,
        CohortSource::Bundled(BundledCohort::NcctgLung)
    );
    match BundledCohort::RotterdamToGbsg.resolve() {
        CohortSource::External {
            development,
            validation,
        } => {
            assert!(
                matches!(*development, CohortSource::Csv { ref file_name, .. } if file_name == "rotterdam_harmonised.csv")
            );
            assert!(
                matches!(*validation, CohortSource::Csv { ref file_name, days_per_time_unit, .. } if file_name == "gbsg_harmonised.csv" && days_per_time_unit == 30.4375)
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn time_units_convert_to_days_and_follow_the_column_name() {
    // 365.25 / 12 = 30.4375 exactly in binary floating point (R survival's month).
    assert_eq!(TimeUnit::Months.days(), 30.4375);
    assert_eq!(TimeUnit::Years.days(), 365.25);
    assert_eq!(TimeUnit::Weeks.days(), 7.0);
    for (name, unit) in [
        ("os_months", TimeUnit::Months),
        ("OS.Years", TimeUnit::Years),
        ("futime", TimeUnit::Days),
        ("weeks_to_event", TimeUnit::Weeks),
    ] {
        assert_eq!(TimeUnit::guess(name), unit, "{name}");
        assert_eq!(TimeUnit::from_name(unit.name()), Some(unit));
    }
}

#[test]
fn a_small_bundled_cohort_trains_and_names_itself() {
    let mut spec = BundledCohort::NcctgLung.job_spec();
    spec.training.epochs_per_stage = 2;
    let s = run(spec).unwrap();
    s.check_shapes().unwrap();
    assert_eq!(s.n_patients(), 228);
    assert!(
        s.title
            .to_string()
            .starts_with("NCCTG advanced lung cancer"),
        "{}",
        s.title
    );
    let ecog = s.markers.iter().find(|m| m.id == "fac_ph_ecog").unwrap();
    assert_eq!(ecog.name, "ECOG performance status (physician)");
    assert_eq!(ecog.modality, "Vital signs and examination");
    let weight = s.markers.iter().find(|m| m.id == "num_wt_loss").unwrap();
    assert_eq!(weight.unit, "lb");
    assert!(!s.markers.iter().any(|m| m.id == "fac_inst"));
    // A lung cancer cohort without a grouping column: oncology words, but no group per
    // patient and an example id of its own in the search.
    let summary = s.summary();
    assert!(summary.kind.oncology && !summary.kind.synthetic);
    assert_eq!(summary.kind.group, None);
    assert_eq!(
        summary.search_placeholder_in(Lang::En),
        format!("e.g. {}", s.patient_ids[0])
    );
    let page = PatientPage::build(&s, "");
    assert!(page.rows.iter().all(|r| r.entity.is_empty()));
    assert_eq!(PatientPage::build(&s, "All patients").matches, 0);
}

#[test]
fn external_validation_explains_every_gbsg_patient_with_the_rotterdam_model() {
    let mut spec = BundledCohort::RotterdamToGbsg.job_spec();
    spec.training.epochs_per_stage = 4;
    let s = run(spec).unwrap();
    s.check_shapes().unwrap();
    assert_eq!(s.n_patients(), 686, "the session shows GBSG");
    assert!(
        s.held_out.iter().all(|&h| h),
        "every GBSG patient is held out"
    );
    // The held-out C-index is GBSG's own: Harrell's C over all 686 patients, recomputed
    // with survlens-model's harrell_c from the session's risks (same numbers, exact).
    let risk: Vec<f64> = s.risk.iter().map(|&r| f64::from(r)).collect();
    let c = harrell_c(&s.time, &s.event, &risk).unwrap().index;
    assert!(
        (c - s.test_cindex).abs() < 1e-12,
        "{c} vs {}",
        s.test_cindex
    );
    // Published external validation Rotterdam -> GBSG: about 0.66 (Cox) to 0.68 (DeepSurv)
    // (data/README.md). A short training must at least rank clearly better than chance.
    assert!(s.test_cindex > 0.6, "external C {}", s.test_cindex);
    eprintln!("external Harrell C on GBSG: {:.4}", s.test_cindex);
    // Risk groups and baseline come from Rotterdam's training patients: both tertile
    // cut-offs are finite and ordered.
    assert!(
        s.risk_cutoffs[0] < s.risk_cutoffs[1],
        "{:?}",
        s.risk_cutoffs
    );
    assert!(s.title.to_string().contains("GBSG"), "{}", s.title);
}

// ---------------------------------------------------------------------------------------
// A user's file: preview, detection, mapping

#[test]
fn a_good_file_is_detected_and_becomes_a_job() {
    let d = draft("good_clinic.csv");
    assert_eq!(d.header().len(), 9);
    assert_eq!(d.table_rows().len(), 8);
    let m = Mapping::detected(&d);
    assert_eq!(m.time.as_deref(), Some("os_months"));
    assert_eq!(m.event.as_deref(), Some("death"));
    assert_eq!(m.id.as_deref(), Some("patient_id"));
    assert_eq!(m.entity.as_deref(), Some("cancer_type"));
    assert_eq!(m.unit, TimeUnit::Months, "from the column name");
    assert!(
        m.issues(&d, Lang::En).is_empty(),
        "{:?}",
        m.issues(&d, Lang::En)
    );
    let markers: Vec<&str> = m.marker_columns().map(|c| c.column.as_str()).collect();
    assert_eq!(markers, ["age", "ecog", "albumin", "crp", "smoker"]);
    let kind = |c: &str| d.columns.iter().find(|s| s.name == c).unwrap().inferred;
    assert_eq!(kind("smoker"), Some(MarkerKind::Binary));
    assert_eq!(kind("albumin"), Some(MarkerKind::Numeric));
    assert_eq!(kind("cancer_type"), Some(MarkerKind::Categorical));

    let spec = m.job_spec(&d).unwrap();
    let CohortSource::Csv {
        file_name,
        bytes,
        roles,
        days_per_time_unit,
        missing_codes,
        ..
    } = &spec.source
    else {
        panic!("{:?}", spec.source)
    };
    assert_eq!(file_name, "good_clinic.csv");
    assert_eq!(bytes.len(), d.size());
    assert_eq!(*days_per_time_unit, 30.4375);
    assert!(missing_codes.is_empty());
    assert_eq!(roles.entity.as_deref(), Some("cancer_type"));
    assert_eq!(
        roles.markers.as_deref().unwrap(),
        ["age", "ecog", "albumin", "crp", "smoker"]
    );
    assert_eq!(spec.training, JobSpec::demo().training);

    let mut spec = spec;
    spec.training.epochs_per_stage = 2;
    let s = run(spec.clone()).unwrap();
    assert_eq!(s.n_patients(), 120);
    assert_eq!(s.entities.len(), 3);
    // A cancer type column mapped: an oncology cohort grouped by cancer entity; the search
    // example is the file's first row (P001, lung).
    let summary = s.summary();
    assert!(summary.kind.oncology && !summary.kind.synthetic);
    assert_eq!(summary.kind.group.as_deref(), Some("Cancer entity"));
    assert_eq!(summary.search_placeholder_in(Lang::En), "e.g. P001 or lung");
    // In German: the file's own entity name as it is, the search's words German.
    assert_eq!(
        summary.search_placeholder_in(Lang::De),
        "z. B. P001 oder lung"
    );
    assert_eq!(
        summary.kind.search_label_in(Lang::De),
        "Nach Kennung oder Tumorentität suchen"
    );
    assert!(summary.kind.tagline(Lang::En).contains("oncology"));

    // The same file without its cancer type column mapped: no oncology words, no group.
    let mut m = m;
    m.set_role(Field::Entity, None);
    m.set_included("cancer_type", false);
    let mut spec = m.job_spec(&d).unwrap();
    spec.training.epochs_per_stage = 2;
    let s = run(spec).unwrap();
    let summary = s.summary();
    assert!(!summary.kind.oncology && !summary.kind.synthetic);
    assert_eq!(summary.kind.group, None);
    assert!(!summary.kind.tagline(Lang::En).contains("oncology"));
    assert_eq!(summary.kind.synthetic_note(Lang::En), None);
    assert_eq!(summary.search_placeholder_in(Lang::En), "e.g. P001");
    assert_eq!(summary.kind.search_label(), "Search by id");
    assert_eq!(
        summary.kind.search_label_in(Lang::De),
        "Nach Kennung suchen"
    );
    let page = PatientPage::build(&s, "");
    assert!(page.rows.iter().all(|r| r.entity.is_empty()));
    let report = PatientView::build(&s, s.first_patient(), 10).unwrap();
    assert_eq!(report.entity, "");
}

#[test]
fn bundled_cohorts_are_oncology_cohorts_unless_they_are_not_about_cancer() {
    // data/README.md: NCCTG lung and Rotterdam/GBSG breast cancer are cancer cohorts;
    // SUPPORT is seriously ill adults in nine disease groups, cancer among them.
    for cohort in BundledCohort::ALL {
        let kind = cohort.kind(true);
        let expected = cohort != BundledCohort::Support;
        assert_eq!(kind.oncology, expected, "{cohort:?}");
        assert_eq!(
            kind.synthetic,
            matches!(cohort, BundledCohort::Teaching | BundledCohort::PanCancer),
            "{cohort:?}"
        );
        assert_eq!(kind.synthetic, kind.synthetic_note(Lang::En).is_some());
    }
    let support = BundledCohort::Support.kind(true);
    assert_eq!(support.group.as_deref(), Some("Disease group"));
    assert_eq!(support.groups_label(), "Disease groups");
    assert_eq!(
        support.search_placeholder("10", Some("ARF/MOSF w/Sepsis")),
        "e.g. 10 or arf/mosf w/sepsis"
    );
    assert_eq!(BundledCohort::NcctgLung.kind(false).group, None);
}

#[test]
fn the_page_counts_deaths_only_where_the_event_is_death() {
    // data/README.md: every bundled cohort follows its patients to death except the
    // external validation, whose endpoint is GBSG2's recurrence-free survival; a user's
    // event column may record anything.
    for cohort in BundledCohort::ALL {
        let expected = if cohort == BundledCohort::RotterdamToGbsg {
            Endpoint::RelapseOrDeath
        } else {
            Endpoint::Death
        };
        assert_eq!(cohort.kind(true).endpoint, expected, "{cohort:?}");
    }
    assert_eq!(CohortKind::of_file(true).endpoint, Endpoint::Event);
    let words = |e: Endpoint| (e.events(), e.events_heading(), e.event(), e.survival());
    assert_eq!(
        words(Endpoint::Death),
        ("deaths", "Deaths", "death", "overall survival")
    );
    assert_eq!(
        words(Endpoint::RelapseOrDeath),
        ("events", "Events", "event", "recurrence-free survival")
    );
    assert_eq!(
        words(Endpoint::Event),
        ("events", "Events", "event", "survival")
    );
}

#[test]
fn the_external_validation_reports_events_not_deaths() {
    let mut spec = BundledCohort::RotterdamToGbsg.job_spec();
    spec.training.epochs_per_stage = 2;
    let s = run(spec).unwrap();
    let report = ModelReport::build(&s, &MetricSettings::default());
    let split = report.split.sentence(s.kind.endpoint, Lang::En);
    assert!(split.contains("686 patients (299 events)"), "{split}");
    assert!(!split.contains("deaths"), "{split}");
    let (_, plot) = &report.calibration[0];
    let plot = plot.as_ref().unwrap();
    assert!(
        plot.sentence(s.kind.endpoint, Lang::En)
            .contains("Observed / expected events"),
        "{}",
        plot.sentence(s.kind.endpoint, Lang::En)
    );
}

#[test]
fn left_out_markers_and_fixed_kinds_reach_the_roles() {
    let d = draft("good_clinic.csv");
    let mut m = Mapping::detected(&d);
    m.set_included("crp", false);
    m.set_kind("ecog", Some(MarkerKind::Categorical));
    m.set_role(Field::Entity, None);
    let roles = m.roles(&d).unwrap();
    assert_eq!(roles.entity, None);
    // Without its role, the entity column is a marker again.
    assert_eq!(
        roles.markers.unwrap(),
        ["cancer_type", "age", "ecog", "albumin", "smoker"]
    );
    assert_eq!(roles.kinds.get("ecog"), Some(&MarkerKind::Categorical));
}

#[test]
fn time_and_event_are_both_chosen_or_neither() {
    // Neither: a file of new patients, which a stored model explains but nothing trains on.
    let d = draft_of("a,b,c\n1,2,3\n4,5,6\n");
    let m = Mapping::detected(&d);
    assert!(m.without_outcome());
    let issues = m.issues(&d, Lang::En);
    assert!(errors(&issues, Field::Time).is_empty());
    assert!(errors(&issues, Field::Event).is_empty());
    assert_eq!(warnings(&issues, Field::Time).len(), 1);
    assert!(warnings(&issues, Field::Time)[0].contains("A stored model"));
    assert!(m.is_ready(&d));
    assert!(!m.can_train(&d));
    let errs = m.job_spec(&d).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0]
            .message
            .starts_with("Training needs the survival time and event columns")
    );
    let CohortSource::Csv { roles, .. } = m.source(&d).unwrap() else {
        panic!("a CSV source")
    };
    assert_eq!((roles.time.as_str(), roles.event.as_str()), ("", ""));
    assert_eq!(roles.markers.unwrap(), ["a", "b", "c"]);

    // One of the two: an error naming the other.
    let mut half = m.clone();
    half.set_role(Field::Time, Some("a".into()));
    let issues = half.issues(&d, Lang::En);
    assert_eq!(errors(&issues, Field::Event).len(), 1);
    assert!(errors(&issues, Field::Event)[0].contains("observed (1)"));
    assert!(errors(&issues, Field::Event)[0].contains("or no time column either"));
    assert!(!half.is_ready(&d));
    assert!(half.source(&d).is_err());
    let mut half = m;
    half.set_role(Field::Event, Some("b".into()));
    assert_eq!(
        errors(&half.issues(&d, Lang::En), Field::Time),
        [
            "Choose the column that holds the survival (follow-up) time, or no event column \
          either for patients without an outcome."
        ]
    );
}

#[test]
fn added_missing_codes_change_what_the_form_reads_and_reach_the_job() {
    // "unknown" in a numeric column and "-9" (an SPSS-style code) in a time column.
    let d = draft_of(
        "pid,os_days,status,crp,stage\n1,100,1,5.5,II\n2,-9,0,unknown,III\n3,50,1,7.5,unknown\n",
    );
    let mut m = Mapping::detected(&d);
    let sample = |m: &Mapping, c: &str| m.samples(&d).into_iter().find(|s| s.name == c).unwrap();
    assert_eq!(sample(&m, "crp").inferred, Some(MarkerKind::Numeric));
    assert_eq!(sample(&m, "crp").missing, 0);
    assert_eq!(sample(&m, "stage").examples, ["II", "III", "unknown"]);
    m.set_role(Field::Time, Some("os_days".into()));
    assert!(
        warnings(&m.issues(&d, Lang::En), Field::Time)[0].contains("such as \"-9\""),
        "{:?}",
        m.issues(&d, Lang::En)
    );

    m.missing_codes = "Unknown; -9".into();
    assert_eq!(sample(&m, "crp").missing, 1);
    assert_eq!(sample(&m, "stage").examples, ["II", "III"]);
    assert_eq!(sample(&m, "stage").missing, 1);
    let issues = m.issues(&d, Lang::En);
    assert!(
        warnings(&issues, Field::Time)
            .iter()
            .any(|w| w.contains("is empty in 1 of the first 3 rows"))
    );
    let spec = m.job_spec(&d).unwrap();
    let CohortSource::Csv { missing_codes, .. } = &spec.source else {
        panic!("a CSV source")
    };
    assert_eq!(missing_codes.codes(), ["Unknown", "-9"]);

    // A code that cannot be one blocks the form, with the reason.
    m.missing_codes = "inf".into();
    let issues = m.issues(&d, Lang::En);
    assert_eq!(
        errors(&issues, Field::MissingCodes),
        [
            "The missing-value code \"inf\" cannot be used: a numeric missing-value code must be \
          a finite number."
        ]
    );
    assert!(m.job_spec(&d).is_err());
}

#[test]
fn one_column_cannot_have_two_roles() {
    let d = draft("good_clinic.csv");
    let mut m = Mapping::detected(&d);
    m.set_role(Field::Event, Some("os_months".into()));
    let issues = m.issues(&d, Lang::En);
    assert_eq!(
        errors(&issues, Field::Event),
        [
            "\"os_months\" is already the survival time column; the event needs a column of \
             its own."
        ]
    );
    m.set_role(Field::Event, Some("death".into()));
    m.set_role(Field::Id, Some("death".into()));
    let issues = m.issues(&d, Lang::En);
    assert_eq!(errors(&issues, Field::Id).len(), 1, "{issues:?}");
    assert!(errors(&issues, Field::Id)[0].contains("already the event column"));
    assert!(m.roles(&d).is_err());
}

#[test]
fn a_column_the_file_lacks_is_named() {
    let d = draft("good_clinic.csv");
    let mut m = Mapping::detected(&d);
    m.set_role(Field::Entity, Some("site".into()));
    assert_eq!(
        errors(&m.issues(&d, Lang::En), Field::Entity),
        ["The file has no column \"site\" for the cancer entity."]
    );
}

#[test]
fn a_mapping_without_markers_is_refused() {
    let d = draft("good_clinic.csv");
    let mut m = Mapping::detected(&d);
    for c in ["age", "ecog", "albumin", "crp", "smoker"] {
        m.set_included(c, false);
    }
    assert_eq!(
        errors(&m.issues(&d, Lang::En), Field::Markers),
        ["Choose at least one marker column for the model to learn from."]
    );
}

#[test]
fn an_event_of_two_leaves_the_event_unset_and_warns_once_chosen() {
    let d = draft("bad_event_two.csv");
    let mut m = Mapping::detected(&d);
    // The sample holds a 2: detection proposes no event column.
    assert_eq!(m.event, None);
    m.set_role(Field::Event, Some("death".into()));
    let issues = m.issues(&d, Lang::En);
    assert!(errors(&issues, Field::Event).is_empty());
    let w = warnings(&issues, Field::Event);
    assert_eq!(w.len(), 1);
    assert!(w[0].contains("\"2\""), "{w:?}");
    // A warning does not block: the import lists every offending cell.
    assert!(m.job_spec(&d).is_ok());
}

#[test]
fn a_column_almost_a_survival_time_says_why_at_the_role_and_at_the_marker() {
    // The fixture's one defect (tests/fixtures/e2e/README.md): row 5, `os_months` = -3.
    let d = draft("bad_negative_time.csv");
    let mut m = Mapping::detected(&d);
    assert_eq!(m.time, None);
    let issues = m.issues(&d, Lang::En);
    let w = warnings(&issues, Field::Time);
    assert_eq!(
        w,
        [
            "Column `os_months` was not taken as the survival time: 1 negative value in the \
          first 50 rows (row 5: -3). Fix it or choose the time column yourself."
        ]
    );
    // The time is still missing (an error), but the column's note comes first.
    let first_time = issues.iter().position(|i| i.field == Field::Time);
    assert_eq!(
        first_time.map(|i| issues[i].severity),
        Some(Severity::Warning)
    );
    assert!(m.marker_columns().any(|c| c.column == "os_months"));
    assert_eq!(
        m.marker_note(&d, "os_months", Lang::En).as_deref(),
        Some("Not taken as the survival time: see above.")
    );
    assert_eq!(m.marker_note(&d, "age", Lang::En), None);
    // Once chosen, the column is the time: the note goes, the sample's warning stays.
    m.set_role(Field::Time, Some("os_months".into()));
    let w = warnings(&m.issues(&d, Lang::En), Field::Time);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("\"-3\""), "{w:?}");
    assert_eq!(m.marker_note(&d, "os_months", Lang::En), None);
}

#[test]
fn the_mapping_step_speaks_german_naming_the_same_columns_and_cells() {
    let d = draft("bad_negative_time.csv");
    let mut m = Mapping::detected(&d);
    let issues = m.issues(&d, Lang::De);
    assert_eq!(
        warnings(&issues, Field::Time),
        [
            "Die Spalte `os_months` wurde nicht als Überlebenszeit übernommen: 1 negativer Wert \
             in den ersten 50 Zeilen (Zeile 5: -3). Korrigieren Sie die Werte oder wählen Sie \
             die Zeitspalte selbst."
        ]
    );
    // The same messages in the same places as in English, one for one.
    let english = m.issues(&d, Lang::En);
    let places = |list: &[survlens_app::sources::data_source::MappingIssue]| -> Vec<_> {
        list.iter().map(|i| (i.field, i.severity)).collect()
    };
    assert_eq!(places(&issues), places(&english));
    assert_eq!(
        m.marker_note(&d, "os_months", Lang::De).as_deref(),
        Some("Nicht als Überlebenszeit übernommen: siehe oben.")
    );
    // A column with two roles names both roles in German.
    m.set_role(Field::Time, Some("age".into()));
    m.set_role(Field::Id, Some("age".into()));
    let twice = errors(&m.issues(&d, Lang::De), Field::Id);
    assert_eq!(
        twice,
        [
            "„age“ ist bereits die Spalte für die Überlebenszeit; die Patienten-ID braucht eine \
          eigene Spalte."
        ]
    );
    // An added code that cannot be one says why in German and names the code.
    m.missing_codes = "inf".into();
    let codes = m.issues(&d, Lang::De);
    let codes: Vec<&str> = codes
        .iter()
        .filter(|i| i.field == Field::MissingCodes)
        .map(|i| i.message.as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "Der Code für fehlende Werte „inf“ ist nicht verwendbar: Ein numerischer Code muss \
          eine endliche Zahl sein."
        ]
    );
}

#[test]
fn an_event_of_two_says_why_it_was_not_taken() {
    // The fixture's one defect (tests/fixtures/e2e/README.md): row 7, `death` = 2.
    let d = draft("bad_event_two.csv");
    let m = Mapping::detected(&d);
    let w = warnings(&m.issues(&d, Lang::En), Field::Event);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].starts_with(
            "Column `death` was not taken as the event (1 = event, 0 = censored): 1 value \
             that is not 0 or 1 in the first 50 rows (row 7: 2)."
        ),
        "{w:?}"
    );
    assert_eq!(
        m.marker_note(&d, "death", Lang::En).as_deref(),
        Some("Not taken as the event: see above.")
    );
}

#[test]
fn sample_problems_of_time_id_and_binary_markers_are_warnings() {
    let d = draft_of("id,time,event,flag\nA,10,1,0\nA,-2,0,1\nC,,1,3\nD,4,0,1\nE,5,1,0\n");
    let mut m = Mapping::detected(&d);
    m.set_role(Field::Time, Some("time".into()));
    m.set_role(Field::Id, Some("id".into()));
    m.set_kind("flag", Some(MarkerKind::Binary));
    let issues = m.issues(&d, Lang::En);
    let w = warnings(&issues, Field::Time);
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].contains("\"-2\""));
    assert!(w[1].contains("empty in 1 of the first 5 rows"));
    assert_eq!(
        warnings(&issues, Field::Id),
        ["Patient ids must be unique, but \"A\" appears twice in \"id\"."]
    );
    assert!(warnings(&issues, Field::Markers)[0].contains("\"3\""));
}

#[test]
fn choosing_a_time_column_suggests_its_unit() {
    let d = draft_of("id,t_days,os_years,event,x\n1,10,1.5,1,3\n2,20,2.5,0,4\n");
    let mut m = Mapping::detected(&d);
    m.set_role(Field::Time, Some("os_years".into()));
    assert_eq!(m.unit, TimeUnit::Years);
    m.unit = TimeUnit::Months;
    // Choosing the same column again keeps the user's unit.
    m.set_role(Field::Time, Some("os_years".into()));
    assert_eq!(m.unit, TimeUnit::Months);
    m.set_role(Field::Time, Some("t_days".into()));
    assert_eq!(m.unit, TimeUnit::Days);
}

// ---------------------------------------------------------------------------------------
// Problems

fn problems_of(name: &str) -> ProblemList {
    let d = draft(name);
    let mut m = Mapping::detected(&d);
    // Detection leaves a role unset when its sample holds the bad value: the user chooses.
    m.set_role(Field::Time, Some("os_months".into()));
    m.set_role(Field::Event, Some("death".into()));
    let spec = m.job_spec(&d).unwrap();
    match run(spec) {
        Err(e) => match e.into_response() {
            Response::Rejected(list) => list,
            other => panic!("{other:?}"),
        },
        Ok(_) => panic!("{name} was accepted"),
    }
}

#[test]
fn each_bad_file_is_refused_with_its_row_and_column() {
    for (file, row, column, code) in [
        (
            "bad_negative_time.csv",
            5,
            Some("os_months"),
            "non_positive_time",
        ),
        ("bad_event_two.csv", 7, Some("death"), "bad_event"),
        ("bad_ragged_row.csv", 9, None, "ragged_row"),
    ] {
        let list = problems_of(file);
        assert_eq!(list.file, file);
        assert_eq!(list.total(), 1, "{file}: {list:?}");
        let p = &list.problems[0];
        assert_eq!(p.row, Some(row), "{file}");
        assert_eq!(p.column.as_deref(), column, "{file}");
        assert_eq!(p.code, code, "{file}");
        // The table gives file, row and column; the message does not repeat them.
        assert!(!p.message.contains(file), "{}", p.message);
        assert_eq!(
            list.summary(),
            format!("{file}: 1 problem; nothing was imported.")
        );
    }
    let list = problems_of("bad_event_two.csv");
    assert!(
        list.problems[0]
            .message
            .starts_with("expected 1 (event observed) or 0 (censored), found \"2\""),
        "{}",
        list.problems[0].message
    );
}

#[test]
fn a_german_page_gets_the_cells_problems_in_german_with_their_row_and_column() {
    use survlens_app::core::i18n::Lang;
    let german = |name: &str| {
        let d = draft(name);
        let mut m = Mapping::detected(&d);
        m.set_role(Field::Time, Some("os_months".into()));
        m.set_role(Field::Event, Some("death".into()));
        match run(m.job_spec(&d).unwrap())
            .err()
            .unwrap()
            .into_response_in(Lang::De)
        {
            Response::Rejected(list) => list,
            other => panic!("{other:?}"),
        }
    };
    let time = german("bad_negative_time.csv");
    let p = &time.problems[0];
    assert_eq!((p.row, p.column.as_deref()), (Some(5), Some("os_months")));
    assert!(
        p.message
            .starts_with("erwartet: eine Überlebenszeit (eine Zahl größer als null), gefunden: „"),
        "{}",
        p.message
    );
    let event = german("bad_event_two.csv");
    let p = &event.problems[0];
    assert_eq!((p.row, p.column.as_deref()), (Some(7), Some("death")));
    assert_eq!(
        p.message,
        "erwartet: 1 (Ereignis beobachtet) oder 0 (zensiert), gefunden: „2“; falls die Datei \
         Ereignisse als 1 = zensiert, 2 = verstorben kodiert (wie es das R-Paket survival tun \
         kann), kodieren Sie sie in 0 und 1 um"
    );
    // A problem of the file as a whole keeps the importer's sentence.
    assert_eq!(
        german("bad_ragged_row.csv").problems[0].message,
        problems_of("bad_ragged_row.csv").problems[0].message
    );
}

#[test]
fn the_table_shows_the_first_hundred_problems_and_counts_the_rest() {
    let mut text = String::from("id,time,event,x\n");
    for i in 0..150 {
        text.push_str(&format!("{i},-1,1,0\n"));
    }
    let d = draft_of(&text);
    let spec = Mapping::detected(&d).job_spec(&d);
    // Detection refuses a time column whose sample is all negative: choose it.
    let spec = spec.or_else(|_| {
        let mut m = Mapping::detected(&d);
        m.set_role(Field::Time, Some("time".into()));
        m.job_spec(&d)
    });
    let list = match run(spec.unwrap()).err().unwrap().into_response() {
        Response::Rejected(list) => list,
        other => panic!("{other:?}"),
    };
    assert_eq!(list.total(), 150);
    assert_eq!(list.shown().len(), SHOWN_PROBLEMS);
    assert_eq!(list.not_shown(), 50);
    assert_eq!(list.shown()[0].row, Some(2));
    assert_eq!(list.shown()[99].row, Some(101));
}

#[test]
fn an_unreadable_file_is_refused_before_mapping() {
    let list = FileDraft::read("empty.csv", Vec::new()).unwrap_err();
    assert_eq!(list.problems[0].code, "empty_file");
    assert_eq!(list.file, "empty.csv");
}

#[test]
fn a_refused_file_leaves_the_cohort_on_screen_until_the_next_job() {
    let d = draft("good_clinic.csv");
    let mut spec = Mapping::detected(&d).job_spec(&d).unwrap();
    spec.training.epochs_per_stage = 1;
    let session = run(spec).unwrap();
    let state = AppState::default()
        .reduce(Action::Worker(Response::Preview(Box::new(
            session.summary(),
        ))))
        .reduce(Action::JobStarted);
    assert!(state.session.is_some());
    let list = problems_of("bad_ragged_row.csv");
    let refused = state.reduce(Action::Worker(Response::Rejected(list.clone())));
    assert_eq!(refused.job, JobStatus::Idle);
    assert_eq!(refused.problems.as_ref(), Some(&list));
    assert_eq!(refused.session, state.session);
    let next = refused.reduce(Action::JobStarted);
    assert_eq!(next.problems, None);
    // Opening another file drops the refusal too, and nothing else.
    let opened = refused.reduce(Action::FileOpened);
    assert_eq!(opened.problems, None);
    assert_eq!(opened.session, state.session);
    assert_eq!(opened.job, JobStatus::Idle);
}

#[test]
fn a_restart_keeps_the_address_but_not_its_test_hook() {
    use survlens_app::sources::data_source::without_test_hooks;
    assert_eq!(
        without_test_hooks("?cohort=teaching&worker-fault=panic"),
        "?cohort=teaching"
    );
    assert_eq!(without_test_hooks("?worker-fault=panic"), "");
    assert_eq!(without_test_hooks(""), "");
    assert_eq!(without_test_hooks("?patients=100000"), "?patients=100000");
}

#[test]
fn labels_given_in_the_mapping_step_name_the_markers_and_travel_with_the_model_file() {
    use survlens_app::sources::model_file::{ModelFile, export_json};
    use survlens_synth::{Dictionary, Preset};

    let d = draft("good_clinic.csv");
    let mut m = Mapping::detected(&d);
    // Prefilled: the dictionary's name and unit for a column it knows, else the column.
    let dictionary = Dictionary::for_preset(Preset::PanCancer).unwrap();
    for c in m.marker_columns() {
        match dictionary.lookup_column(&c.column) {
            Some(spec) => assert_eq!(c.label, spec.name, "{}", c.column),
            None => assert_eq!((c.label.as_str(), c.unit.as_str()), (c.column.as_str(), "")),
        }
    }
    m.set_label("crp", "  C-reactive protein ");
    m.set_unit("crp", "mg/L");
    // An emptied label falls back to what the column is called.
    m.set_label("ecog", "");
    let mut spec = m.job_spec(&d).unwrap();
    spec.training.epochs_per_stage = 2;
    let trained = run(spec).unwrap();
    let info = |s: &Session, id: &str| {
        let i = s.markers.iter().find(|i| i.id == id).unwrap();
        (i.name.clone(), i.unit.clone())
    };
    assert_eq!(
        info(&trained, "crp"),
        ("C-reactive protein".to_owned(), "mg/L".to_owned())
    );
    let ecog = dictionary
        .lookup_column("ecog")
        .map_or("ecog", |spec| spec.name);
    assert_eq!(info(&trained, "ecog").0, ecog);
    // The Patient view names the marker by its label.
    let view = PatientView::build(&trained, 0, 10).unwrap();
    assert!(
        format!("{view:?}").contains("C-reactive protein"),
        "the patient view names crp by its label"
    );

    // Saved with the model, and read back onto the file with the label reset.
    let (name, text) = export_json(&trained).unwrap();
    let file = ModelFile::read(&name, text.into_bytes()).unwrap();
    let mut reset = m.clone();
    reset.set_label("crp", "crp");
    reset.set_unit("crp", "");
    let again = run(file.apply_to(JobSpec {
        source: reset.source(&d).unwrap(),
        ..JobSpec::demo()
    }))
    .unwrap();
    assert_eq!(
        info(&again, "crp"),
        ("C-reactive protein".to_owned(), "mg/L".to_owned())
    );
    // Same network, same patients: the same risks, to the bit.
    assert_eq!(again.risk, trained.risk);
}
