//! What the cohort on screen is about (cancer or not, drawn by the generator or real,
//! grouped or not), which decides the words the page uses for it.
//!
//! A cohort is an oncology cohort when it is one of the synthetic cancer cohorts, a bundled
//! cancer cohort, or a user's file with a cancer entity column mapped; only then does the
//! page speak of oncology and cancer entities. A cohort without a grouping column shows no
//! group per patient (never a stand-in such as "All patients").
//!
//! The page counts "deaths" only where the cohort's event is death ([`Endpoint::Death`]):
//! a recurrence-free endpoint counts relapses too, and a user's event column may record
//! anything, so those count "events".

use serde::{Deserialize, Serialize};

use crate::core::i18n::{Arg, Lang};

/// The word for a cancer cohort's grouping.
pub const CANCER_ENTITY: &str = "Cancer entity";

/// What a cohort's event column records.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Endpoint {
    /// Overall survival: the event is death.
    Death,
    /// Recurrence-free survival: the event is relapse or death, whichever comes first.
    RelapseOrDeath,
    /// Not known (a user's file): the event is whatever its event column records.
    #[default]
    Event,
}

impl Endpoint {
    /// The events counted, in a sentence: "deaths" or "events".
    pub fn events(self) -> &'static str {
        match self {
            Self::Death => "deaths",
            Self::RelapseOrDeath | Self::Event => "events",
        }
    }

    /// [`Endpoint::events`] as a heading: "Deaths" or "Events".
    pub fn events_heading(self) -> &'static str {
        match self {
            Self::Death => "Deaths",
            Self::RelapseOrDeath | Self::Event => "Events",
        }
    }

    /// One event, in a sentence: "death" or "event".
    pub fn event(self) -> &'static str {
        match self {
            Self::Death => "death",
            Self::RelapseOrDeath | Self::Event => "event",
        }
    }

    /// The survival the curves show: "overall survival", "recurrence-free survival", or
    /// "survival" when the event is not known.
    pub fn survival(self) -> &'static str {
        match self {
            Self::Death => "overall survival",
            Self::RelapseOrDeath => "recurrence-free survival",
            Self::Event => "survival",
        }
    }

    /// What the event is, for the cohort summary.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Death => "death (overall survival)",
            Self::RelapseOrDeath => {
                "relapse or death, whichever comes first (recurrence-free survival)"
            }
            Self::Event => "as recorded in the file's event column",
        }
    }

    /// [`Endpoint::events`] in `lang`.
    pub fn events_in(self, lang: Lang) -> String {
        lang.t(match self {
            Self::Death => "vm-cohort-events-death",
            Self::RelapseOrDeath | Self::Event => "vm-cohort-events-other",
        })
    }

    /// [`Endpoint::events_heading`] in `lang`.
    pub fn events_heading_in(self, lang: Lang) -> String {
        lang.t(match self {
            Self::Death => "vm-cohort-events-heading-death",
            Self::RelapseOrDeath | Self::Event => "vm-cohort-events-heading-other",
        })
    }

    /// [`Endpoint::survival`] in `lang`.
    pub fn survival_in(self, lang: Lang) -> String {
        lang.t(match self {
            Self::Death => "vm-cohort-survival-death",
            Self::RelapseOrDeath => "vm-cohort-survival-relapse",
            Self::Event => "vm-cohort-survival-event",
        })
    }

    /// [`Endpoint::describe`] in `lang`.
    pub fn describe_in(self, lang: Lang) -> String {
        lang.t(match self {
            Self::Death => "vm-cohort-describe-death",
            Self::RelapseOrDeath => "vm-cohort-describe-relapse",
            Self::Event => "vm-cohort-describe-event",
        })
    }
}

/// What a cohort is about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortKind {
    /// Patients with cancer: the page speaks of oncology and cancer entities.
    pub oncology: bool,
    /// Drawn by the synthetic generator: no real patient is shown.
    pub synthetic: bool,
    /// What the grouping column holds, as a label ("Cancer entity", "Disease group");
    /// `None` when the cohort has no grouping column.
    pub group: Option<String>,
    /// What its event column records.
    #[serde(default)]
    pub endpoint: Endpoint,
}

impl CohortKind {
    /// A synthetic cancer cohort, grouped by cancer entity.
    pub fn synthetic_cancer() -> Self {
        Self {
            oncology: true,
            synthetic: true,
            group: Some(CANCER_ENTITY.to_owned()),
            endpoint: Endpoint::Death,
        }
    }

    /// A user's file: an oncology cohort exactly when an entity column is mapped; its event
    /// is whatever the event column records.
    pub fn of_file(has_entity: bool) -> Self {
        Self {
            oncology: has_entity,
            synthetic: false,
            group: has_entity.then(|| CANCER_ENTITY.to_owned()),
            endpoint: Endpoint::Event,
        }
    }

    /// The page's tagline for this cohort, in `lang`.
    pub fn tagline(&self, lang: Lang) -> String {
        lang.t(if self.oncology {
            "page-tagline-oncology"
        } else {
            "page-tagline-general"
        })
    }

    /// The grouping's label for headings: "Cancer entity", "Disease group", or "Group" for
    /// a cohort without one (whose one group is all patients).
    pub fn group_label(&self) -> &str {
        self.group.as_deref().unwrap_or("Group")
    }

    /// [`CohortKind::group_label`] in the plural: "Cancer entities", "Groups".
    pub fn groups_label(&self) -> String {
        let one = self.group_label();
        match one.strip_suffix('y') {
            Some(stem) => format!("{stem}ies"),
            None => format!("{one}s"),
        }
    }

    /// [`CohortKind::group_label`] in `lang`: the cancer entity and a cohort without groups
    /// by their translated words; a file's own grouping label as the file names it.
    pub fn group_label_in(&self, lang: Lang) -> String {
        match self.group.as_deref() {
            Some(CANCER_ENTITY) => lang.t("vm-cohort-group-cancer-entity"),
            Some(own) => own.to_owned(),
            None => lang.t("vm-cohort-group-none"),
        }
    }

    /// [`CohortKind::groups_label`] in `lang` (a file's own label in German as it is).
    pub fn groups_label_in(&self, lang: Lang) -> String {
        match (self.group.as_deref(), lang) {
            (Some(CANCER_ENTITY), _) => lang.t("vm-cohort-groups-cancer-entity"),
            (None, _) => lang.t("vm-cohort-groups-none"),
            (Some(_), Lang::En) => self.groups_label(),
            (Some(own), Lang::De) => own.to_owned(),
        }
    }

    /// The grouping's label for a sentence in `lang`: lower case in English ("cancer
    /// entity"), as a noun in German ("Tumorentität").
    pub fn group_in_sentence(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.group_label().to_lowercase(),
            Lang::De => self.group_label_in(lang),
        }
    }

    /// The grouping's label in lower case, for sentences ("cancer entity").
    pub fn group_lower(&self) -> Option<String> {
        self.group.as_ref().map(|g| g.to_lowercase())
    }

    /// The patient search's label: "Search by id or cancer entity", "Search by id".
    pub fn search_label(&self) -> String {
        self.search_label_in(Lang::En)
    }

    /// [`CohortKind::search_label`] in `lang`: German "Nach Kennung oder Tumorentität
    /// suchen".
    pub fn search_label_in(&self, lang: Lang) -> String {
        if self.group.is_some() {
            let group = self.group_in_sentence(lang);
            lang.t_with("patients-search-group", &[("group", Arg::Text(&group))])
        } else {
            lang.t("patients-search")
        }
    }

    /// The patient search's example: an id of the cohort itself, and a group name only
    /// when the cohort has groups: "e.g. P00001 or lung", "e.g. 17".
    pub fn search_placeholder(&self, example_id: &str, example_group: Option<&str>) -> String {
        self.search_placeholder_in(example_id, example_group, Lang::En)
    }

    /// [`CohortKind::search_placeholder`] in `lang`: German "z. B. P00001 oder Lunge" (a
    /// synthetic cohort's entity by its German name, as a German noun).
    pub fn search_placeholder_in(
        &self,
        example_id: &str,
        example_group: Option<&str>,
        lang: Lang,
    ) -> String {
        match example_group.filter(|_| self.group.is_some()) {
            Some(g) => {
                let group = match lang {
                    Lang::En => g.to_lowercase(),
                    Lang::De => crate::core::session::entity_name_in(g, lang),
                };
                lang.t_with(
                    "patients-example-group",
                    &[("id", Arg::Text(example_id)), ("group", Arg::Text(&group))],
                )
            }
            None => lang.t_with("patients-example", &[("id", Arg::Text(example_id))]),
        }
    }

    /// The footer's sentence about the cohort's patients, for a synthetic cohort only.
    pub fn synthetic_note(&self, lang: Lang) -> Option<String> {
        self.synthetic.then(|| lang.t("page-synthetic-note"))
    }
}
