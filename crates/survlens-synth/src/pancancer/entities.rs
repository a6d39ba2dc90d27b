//! The 38 solid cancer entities of the pan-cancer cohort: frequencies, baselines, patients.
//!
//! Relative frequencies follow the case mix of a large German comprehensive cancer centre
//! starting systemic therapy (lung, colorectal, breast, pancreas and prostate leading; skin,
//! uveal melanoma, sarcoma and neuroendocrine tumours over-represented as in a referral
//! centre). Medians are overall survival from the start of systemic therapy of a typical
//! patient of the entity (mostly advanced disease), in the range reported by population
//! registries and phase III control arms; Weibull shapes above 1 give hazards that rise
//! over time (aggressive tumours), below 1 hazards that fall (indolent tumours, cures).

use crate::cohort::Entity;
use crate::engine::{BURDEN, CACHEXIA, EntityDef, FRAILTY, INFLAMMATION, Load, NO_LOAD};

/// Lung adenocarcinoma (NSCLC).
pub(crate) const LUAD: usize = 0;
/// Squamous cell lung cancer (NSCLC).
pub(crate) const LUSC: usize = 1;
/// Small cell lung cancer.
pub(crate) const SCLC: usize = 2;
/// Pleural mesothelioma.
pub(crate) const MESO: usize = 3;
/// Thymoma and thymic carcinoma.
pub(crate) const THYM: usize = 4;
/// Head and neck squamous cell carcinoma.
pub(crate) const HNSC: usize = 5;
/// Salivary gland carcinoma.
pub(crate) const SALI: usize = 6;
/// Thyroid carcinoma.
pub(crate) const THCA: usize = 7;
/// Oesophageal cancer.
pub(crate) const ESCA: usize = 8;
/// Gastric cancer.
pub(crate) const STAD: usize = 9;
/// Small bowel adenocarcinoma.
pub(crate) const SBAD: usize = 10;
/// Colorectal cancer.
pub(crate) const CRC: usize = 11;
/// Anal squamous cell carcinoma.
pub(crate) const ANAL: usize = 12;
/// Pancreatic ductal adenocarcinoma.
pub(crate) const PAAD: usize = 13;
/// Hepatocellular carcinoma.
pub(crate) const HCC: usize = 14;
/// Cholangiocarcinoma.
pub(crate) const CHOL: usize = 15;
/// Gallbladder cancer.
pub(crate) const GBC: usize = 16;
/// Gastrointestinal stromal tumour.
pub(crate) const GIST: usize = 17;
/// Neuroendocrine tumour (well differentiated).
pub(crate) const NET: usize = 18;
/// Neuroendocrine carcinoma (poorly differentiated, extrapulmonary).
pub(crate) const NEC: usize = 19;
/// Breast cancer.
pub(crate) const BRCA: usize = 20;
/// Ovarian cancer.
pub(crate) const OV: usize = 21;
/// Endometrial cancer.
pub(crate) const UCEC: usize = 22;
/// Cervical cancer.
pub(crate) const CESC: usize = 23;
/// Vulvar cancer.
pub(crate) const VULV: usize = 24;
/// Prostate cancer.
pub(crate) const PRAD: usize = 25;
/// Renal cell carcinoma.
pub(crate) const RCC: usize = 26;
/// Urothelial carcinoma.
pub(crate) const BLCA: usize = 27;
/// Testicular germ cell tumour.
pub(crate) const TGCT: usize = 28;
/// Adrenocortical carcinoma.
pub(crate) const ACC: usize = 29;
/// Cutaneous melanoma.
pub(crate) const SKCM: usize = 30;
/// Uveal melanoma.
pub(crate) const UVM: usize = 31;
/// Merkel cell carcinoma.
pub(crate) const MCC: usize = 32;
/// Cutaneous squamous cell carcinoma.
pub(crate) const CSCC: usize = 33;
/// Soft tissue sarcoma.
pub(crate) const STS: usize = 34;
/// Bone sarcoma.
pub(crate) const BONE: usize = 35;
/// Glioblastoma and other high-grade gliomas.
pub(crate) const GBM: usize = 36;
/// Cancer of unknown primary.
pub(crate) const CUP: usize = 37;

/// Number of entities.
pub(crate) const N_ENTITIES: usize = 38;

const fn shift(burden: f32, inflammation: f32, cachexia: f32, frailty: f32) -> Load {
    let mut l = NO_LOAD;
    l[BURDEN] = burden;
    l[INFLAMMATION] = inflammation;
    l[CACHEXIA] = cachexia;
    l[FRAILTY] = frailty;
    l
}

/// One row of the entity table, in the order of the columns below.
#[allow(clippy::too_many_arguments)]
const fn def(
    id: &'static str,
    name: &'static str,
    name_de: &'static str,
    icd10: &'static str,
    weight: f32,
    median_months: f32,
    weibull_shape: f32,
    age_mean: f32,
    female_share: f32,
    latent_shift: Load,
) -> EntityDef {
    EntityDef {
        entity: Entity {
            id,
            name,
            name_de,
            icd10,
        },
        weight,
        weibull_shape,
        // 30.44 days per month.
        reference_median_days: median_months * 30.44,
        latent_shift,
        age_mean,
        female_share,
    }
}

/// The entity table: id, English and German name, ICD-10, relative frequency (per mille of
/// the cohort), median OS of a typical patient (months), Weibull shape, mean age, share of
/// women, latent shifts (tumour burden, inflammation, cachexia, frailty).
pub(crate) const ENTITIES: [EntityDef; N_ENTITIES] = [
    def(
        "lung_adeno",
        "Lung adenocarcinoma",
        "Adenokarzinom der Lunge",
        "C34",
        140.0,
        16.0,
        1.05,
        66.0,
        0.45,
        shift(0.1, 0.1, 0.15, 0.1),
    ),
    def(
        "lung_squamous",
        "Squamous cell lung cancer",
        "Plattenepithelkarzinom der Lunge",
        "C34",
        55.0,
        11.0,
        1.15,
        68.0,
        0.25,
        shift(0.1, 0.2, 0.2, 0.3),
    ),
    def(
        "lung_small_cell",
        "Small cell lung cancer",
        "Kleinzelliges Lungenkarzinom",
        "C34",
        40.0,
        9.0,
        1.3,
        66.0,
        0.4,
        shift(0.35, 0.2, 0.2, 0.2),
    ),
    def(
        "mesothelioma",
        "Pleural mesothelioma",
        "Pleuramesotheliom",
        "C45.0",
        8.0,
        14.0,
        1.15,
        70.0,
        0.15,
        shift(0.0, 0.2, 0.1, 0.2),
    ),
    def(
        "thymic",
        "Thymoma and thymic carcinoma",
        "Thymom und Thymuskarzinom",
        "C37",
        4.0,
        40.0,
        0.9,
        58.0,
        0.5,
        shift(-0.3, -0.2, -0.2, -0.2),
    ),
    def(
        "head_neck",
        "Head and neck squamous cell carcinoma",
        "Plattenepithelkarzinom des Kopf-Hals-Bereichs",
        "C00-C14, C30-C32",
        55.0,
        12.0,
        1.1,
        62.0,
        0.25,
        shift(0.0, 0.1, 0.4, 0.2),
    ),
    def(
        "salivary_gland",
        "Salivary gland carcinoma",
        "Speicheldrüsenkarzinom",
        "C07-C08",
        5.0,
        30.0,
        0.9,
        60.0,
        0.45,
        shift(-0.2, -0.2, -0.1, 0.0),
    ),
    def(
        "thyroid",
        "Thyroid carcinoma",
        "Schilddrüsenkarzinom",
        "C73",
        10.0,
        48.0,
        0.85,
        60.0,
        0.55,
        shift(-0.4, -0.3, -0.3, 0.0),
    ),
    def(
        "oesophagus",
        "Oesophageal cancer",
        "Ösophaguskarzinom",
        "C15",
        30.0,
        11.0,
        1.15,
        65.0,
        0.2,
        shift(0.1, 0.1, 0.5, 0.1),
    ),
    def(
        "stomach",
        "Gastric cancer",
        "Magenkarzinom",
        "C16",
        35.0,
        11.0,
        1.15,
        66.0,
        0.35,
        shift(0.15, 0.1, 0.5, 0.1),
    ),
    def(
        "small_bowel",
        "Small bowel adenocarcinoma",
        "Dünndarmkarzinom",
        "C17",
        4.0,
        18.0,
        1.05,
        63.0,
        0.45,
        shift(0.0, 0.0, 0.2, 0.0),
    ),
    def(
        "colorectal",
        "Colorectal cancer",
        "Kolorektales Karzinom",
        "C18-C20",
        110.0,
        26.0,
        1.0,
        64.0,
        0.4,
        shift(0.0, 0.0, 0.0, 0.0),
    ),
    def(
        "anal",
        "Anal squamous cell carcinoma",
        "Analkarzinom",
        "C21",
        8.0,
        30.0,
        0.95,
        62.0,
        0.65,
        shift(-0.2, -0.1, 0.0, 0.0),
    ),
    def(
        "pancreas",
        "Pancreatic adenocarcinoma",
        "Pankreaskarzinom",
        "C25",
        70.0,
        8.5,
        1.25,
        68.0,
        0.47,
        shift(0.3, 0.25, 0.6, 0.15),
    ),
    def(
        "liver",
        "Hepatocellular carcinoma",
        "Hepatozelluläres Karzinom",
        "C22.0",
        25.0,
        12.0,
        1.1,
        67.0,
        0.2,
        shift(0.1, 0.25, 0.2, 0.2),
    ),
    def(
        "bile_duct",
        "Cholangiocarcinoma",
        "Cholangiokarzinom",
        "C22.1, C24",
        25.0,
        11.0,
        1.15,
        66.0,
        0.5,
        shift(0.15, 0.3, 0.3, 0.1),
    ),
    def(
        "gallbladder",
        "Gallbladder cancer",
        "Gallenblasenkarzinom",
        "C23",
        6.0,
        9.0,
        1.2,
        70.0,
        0.65,
        shift(0.2, 0.3, 0.3, 0.2),
    ),
    def(
        "gist",
        "Gastrointestinal stromal tumour",
        "Gastrointestinaler Stromatumor",
        "C49.A",
        15.0,
        60.0,
        0.85,
        63.0,
        0.45,
        shift(-0.3, -0.3, -0.2, -0.1),
    ),
    def(
        "net",
        "Neuroendocrine tumour",
        "Neuroendokriner Tumor",
        "C7A, C25.4",
        25.0,
        60.0,
        0.85,
        60.0,
        0.48,
        shift(-0.4, -0.4, -0.2, -0.1),
    ),
    def(
        "nec",
        "Neuroendocrine carcinoma",
        "Neuroendokrines Karzinom",
        "C7A",
        10.0,
        10.0,
        1.25,
        64.0,
        0.4,
        shift(0.4, 0.2, 0.2, 0.1),
    ),
    def(
        "breast",
        "Breast cancer",
        "Mammakarzinom",
        "C50",
        85.0,
        40.0,
        0.95,
        58.0,
        0.99,
        shift(-0.2, -0.2, -0.3, -0.1),
    ),
    def(
        "ovary",
        "Ovarian cancer",
        "Ovarialkarzinom",
        "C56",
        25.0,
        36.0,
        0.95,
        63.0,
        1.0,
        shift(0.1, 0.1, 0.1, 0.0),
    ),
    def(
        "endometrium",
        "Endometrial cancer",
        "Endometriumkarzinom",
        "C54",
        15.0,
        24.0,
        1.0,
        67.0,
        1.0,
        shift(0.0, 0.0, -0.1, 0.1),
    ),
    def(
        "cervix",
        "Cervical cancer",
        "Zervixkarzinom",
        "C53",
        15.0,
        18.0,
        1.05,
        52.0,
        1.0,
        shift(0.1, 0.1, 0.1, -0.1),
    ),
    def(
        "vulva",
        "Vulvar cancer",
        "Vulvakarzinom",
        "C51",
        4.0,
        14.0,
        1.1,
        70.0,
        1.0,
        shift(0.0, 0.1, 0.0, 0.2),
    ),
    def(
        "prostate",
        "Prostate cancer",
        "Prostatakarzinom",
        "C61",
        55.0,
        36.0,
        1.0,
        71.0,
        0.0,
        shift(-0.1, -0.2, -0.2, 0.1),
    ),
    def(
        "kidney",
        "Renal cell carcinoma",
        "Nierenzellkarzinom",
        "C64",
        25.0,
        36.0,
        0.95,
        64.0,
        0.3,
        shift(0.0, 0.2, 0.0, 0.0),
    ),
    def(
        "bladder",
        "Urothelial carcinoma",
        "Urothelkarzinom",
        "C65-C68",
        30.0,
        14.0,
        1.1,
        70.0,
        0.25,
        shift(0.1, 0.1, 0.1, 0.2),
    ),
    def(
        "testis",
        "Testicular germ cell tumour",
        "Keimzelltumor des Hodens",
        "C62",
        12.0,
        120.0,
        0.7,
        35.0,
        0.0,
        shift(-0.2, -0.3, -0.4, -0.5),
    ),
    def(
        "adrenal",
        "Adrenocortical carcinoma",
        "Nebennierenrindenkarzinom",
        "C74.0",
        3.0,
        18.0,
        1.05,
        52.0,
        0.6,
        shift(0.2, 0.0, 0.0, 0.0),
    ),
    def(
        "melanoma",
        "Cutaneous melanoma",
        "Kutanes Melanom",
        "C43",
        70.0,
        30.0,
        0.85,
        62.0,
        0.42,
        shift(0.0, -0.1, -0.3, -0.1),
    ),
    def(
        "uveal_melanoma",
        "Uveal melanoma",
        "Aderhautmelanom",
        "C69.3, C69.4",
        20.0,
        16.0,
        1.1,
        64.0,
        0.5,
        shift(0.1, -0.2, -0.3, -0.2),
    ),
    def(
        "merkel",
        "Merkel cell carcinoma",
        "Merkelzellkarzinom",
        "C4A",
        5.0,
        24.0,
        0.95,
        76.0,
        0.4,
        shift(0.0, 0.0, -0.1, 0.3),
    ),
    def(
        "skin_squamous",
        "Cutaneous squamous cell carcinoma",
        "Kutanes Plattenepithelkarzinom",
        "C44",
        8.0,
        24.0,
        1.0,
        78.0,
        0.3,
        shift(-0.1, 0.0, -0.1, 0.4),
    ),
    def(
        "soft_tissue_sarcoma",
        "Soft tissue sarcoma",
        "Weichteilsarkom",
        "C49",
        30.0,
        18.0,
        1.05,
        56.0,
        0.48,
        shift(0.1, 0.1, 0.1, -0.1),
    ),
    def(
        "bone_sarcoma",
        "Bone sarcoma",
        "Knochensarkom",
        "C40-C41",
        10.0,
        30.0,
        0.95,
        35.0,
        0.4,
        shift(0.0, 0.1, 0.0, -0.4),
    ),
    def(
        "glioblastoma",
        "Glioblastoma and high-grade glioma",
        "Glioblastom und höhergradiges Gliom",
        "C71",
        20.0,
        14.0,
        1.2,
        60.0,
        0.4,
        shift(-0.2, -0.3, -0.3, 0.2),
    ),
    def(
        "unknown_primary",
        "Cancer of unknown primary",
        "Karzinom bei unbekanntem Primärtumor",
        "C80",
        20.0,
        9.0,
        1.2,
        66.0,
        0.45,
        shift(0.4, 0.3, 0.3, 0.2),
    ),
];
