//! The cancer entity of a patient from the tumour diagnoses (ICD-10) and, where a code fits
//! several entities or the histology decides, the ICD-O-3 morphology of the histology
//! Observation (LOINC 59847-4, as the MII oncology module records it).
//!
//! Morphology codes are from ICD-O-3.2 (WHO/IARC 2019): 8041-8045 small cell carcinoma,
//! 8050-8084 squamous cell carcinoma, 8140-8576 adenocarcinomas, 8240-8242 and 8249
//! neuroendocrine tumours (carcinoid, grade 1-2), 8246 neuroendocrine carcinoma, 8013 large
//! cell neuroendocrine carcinoma, 8247 Merkel cell carcinoma, 8720-8790 melanoma, 8936
//! gastrointestinal stromal tumour.

use crate::icd10::CodeRanges;

/// A morphology rule: codes `low..=high`, an optional site (ICD-10 ranges) and the entity.
struct Rule {
    low: u32,
    high: u32,
    site: Option<&'static str>,
    entity: &'static str,
}

const fn rule(low: u32, high: u32, site: Option<&'static str>, entity: &'static str) -> Rule {
    Rule {
        low,
        high,
        site,
        entity,
    }
}

/// The first rule that fits decides.
const RULES: [Rule; 11] = [
    rule(8936, 8936, None, "gist"),
    rule(8247, 8247, None, "merkel"),
    rule(8240, 8242, None, "net"),
    rule(8249, 8249, None, "net"),
    rule(8246, 8246, None, "nec"),
    rule(8013, 8013, None, "nec"),
    rule(8041, 8045, Some("C34"), "lung_small_cell"),
    rule(8041, 8045, None, "nec"),
    rule(8050, 8084, Some("C34"), "lung_squamous"),
    rule(8140, 8576, Some("C34"), "lung_adeno"),
    rule(8720, 8790, Some("C69"), "uveal_melanoma"),
];

/// The four-digit morphology of an ICD-O-3 code (`8140/3` -> 8140).
pub fn morphology(code: &str) -> Option<u32> {
    let digits = code.trim().split('/').next()?;
    (digits.len() == 4).then(|| digits.parse().ok()).flatten()
}

/// The entity id a morphology decides for a tumour coded `icd` (canonical), if a rule fits.
pub fn by_morphology(morphology: u32, icd: &str) -> Option<&'static str> {
    RULES
        .iter()
        .find(|r| {
            (r.low..=r.high).contains(&morphology)
                && r.site.is_none_or(|s| {
                    CodeRanges::parse(s).is_some_and(|ranges| ranges.matches(icd).is_some())
                })
        })
        .map(|r| r.entity)
}

/// The ICD-O-3 morphology survlens writes for an entity the diagnosis code alone does not
/// decide (the exporter's histology Observation).
pub fn typical_morphology(entity: &str) -> Option<&'static str> {
    Some(match entity {
        "lung_adeno" => "8140/3",
        "lung_squamous" => "8070/3",
        "lung_small_cell" => "8041/3",
        "net" => "8240/3",
        "nec" => "8246/3",
        "merkel" => "8247/3",
        "gist" => "8936/3",
        "uveal_melanoma" => "8720/3",
        _ => return None,
    })
}
