//! Which LOINC codes measure the same analyte: a marker is found whichever code the
//! laboratory uses (mass or substance concentration, serum, plasma or whole blood, the
//! automated or the manual count), and mass and substance concentrations convert through
//! the analyte's molar mass.
//!
//! Codes and their parts (component, property `MCnc` mass concentration / `SCnc` substance
//! concentration / `NCnc` number concentration / `CCnc` catalytic concentration, system
//! `Ser/Plas`, `Bld`) are from LOINC (Regenstrief Institute, loinc.org, release 2.77). Molar
//! masses are PubChem's computed molecular weights (pubchem.ncbi.nlm.nih.gov) for molecules
//! and the IUPAC 2021 standard atomic weights for elements; where clinical chemistry uses a
//! convention instead, it is named (haemoglobin's monomer, triglycerides as triolein,
//! phosphate reported as phosphorus, urea nitrogen).
//!
//! A dictionary marker whose LOINC code is not in this table is still read under its own
//! code, with unit conversions that need no molar mass.

/// One LOINC code of an analyte.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Member {
    /// The LOINC code.
    pub loinc: &'static str,
    /// Grams per mole of what this code's mass concentration weighs, where it differs from
    /// the analyte's (urea nitrogen: the 28.0134 g of nitrogen in one mole of urea).
    pub molar_mass: Option<f64>,
}

/// An analyte: the dictionary marker it fills and the LOINC codes that measure it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Analyte {
    /// Dictionary id of the marker.
    pub marker: &'static str,
    /// Molar mass in g/mol, where mass and substance concentrations are both reported.
    pub molar_mass: Option<f64>,
    /// The marker's unit in UCUM, where the dictionary's unit text means another UCUM unit
    /// than it reads as (TSH's `mU/L` are milli-international units).
    pub ucum: Option<&'static str>,
    /// Whether a `U` in a reported unit means the international unit (TSH is reported in
    /// `mU/L` and `mIU/L` alike).
    pub international_units: bool,
    /// The LOINC codes; the first is the one survlens writes.
    pub members: &'static [Member],
}

const fn m(loinc: &'static str) -> Member {
    Member {
        loinc,
        molar_mass: None,
    }
}

const fn a(marker: &'static str, molar_mass: Option<f64>, members: &'static [Member]) -> Analyte {
    Analyte {
        marker,
        molar_mass,
        ucum: None,
        international_units: false,
        members,
    }
}

/// The analyte table. LOINC long names abbreviated: `[MCnc]` mass, `[SCnc]` substance,
/// `[NCnc]` number, `[CCnc]` catalytic concentration; `S/P` serum or plasma, `Bld` blood.
pub const ANALYTES: &[Analyte] = &[
    // Haemoglobin: 718-7 [MCnc] Bld, 59260-0 [SCnc] Bld. mmol/L as German laboratories
    // report it counts the monomer (one haem): 64,458 g/mol / 4 = 16,114.5 g/mol, so that
    // 1 g/dL = 0.6206 mmol/L.
    a(
        "lab_haemoglobin",
        Some(16_114.5),
        &[m("718-7"), m("59260-0")],
    ),
    // Haematocrit: 4544-3 volume fraction Bld automated, 20570-8 volume fraction Bld
    // (reported in % or L/L).
    a("lab_haematocrit", None, &[m("4544-3"), m("20570-8")]),
    // Erythrocytes: 789-8 [NCnc] Bld automated count, 26453-1 [NCnc] Bld.
    a("lab_rbc", None, &[m("789-8"), m("26453-1")]),
    a("lab_mcv", None, &[m("787-2")]),
    a("lab_mch", None, &[m("785-6")]),
    a("lab_mchc", None, &[m("786-4")]),
    a("lab_rdw", None, &[m("788-0")]),
    // Leukocytes: 6690-2 [NCnc] Bld automated count, 26464-8 [NCnc] Bld.
    a("lab_wbc", None, &[m("6690-2"), m("26464-8")]),
    // Differential counts: automated count, then the method-less code.
    a("lab_neutrophils", None, &[m("751-8"), m("26499-4")]),
    a("lab_lymphocytes", None, &[m("731-0"), m("26474-7")]),
    a("lab_monocytes", None, &[m("742-7"), m("26484-6")]),
    a("lab_eosinophils", None, &[m("711-2"), m("26449-9")]),
    a("lab_basophils", None, &[m("704-7"), m("26444-0")]),
    // Platelets: 777-3 [NCnc] Bld automated count, 26515-7 [NCnc] Bld.
    a("lab_platelets", None, &[m("777-3"), m("26515-7")]),
    a("lab_mpv", None, &[m("32623-1")]),
    // Electrolytes: [SCnc] S/P, then [SCnc] Bld; calcium, phosphate and magnesium also as
    // [MCnc] S/P (17861-6, 2777-1, 19123-9). Ca 40.078, Mg 24.305; phosphate in mg/dL is
    // reported as phosphorus, 30.974 g/mol.
    a("lab_sodium", Some(22.990), &[m("2951-2"), m("2947-0")]),
    a("lab_potassium", Some(39.098), &[m("2823-3"), m("6298-4")]),
    a("lab_chloride", Some(35.45), &[m("2075-0"), m("2069-3")]),
    a("lab_calcium", Some(40.078), &[m("2000-8"), m("17861-6")]),
    a("lab_phosphate", Some(30.974), &[m("14879-1"), m("2777-1")]),
    a("lab_magnesium", Some(24.305), &[m("2601-3"), m("19123-9")]),
    a("lab_bicarbonate", None, &[m("1963-8"), m("1959-6")]),
    // Creatinine: 2160-0 [MCnc] S/P, 14682-9 [SCnc] S/P, 38483-4 [MCnc] Bld, 59826-8 [SCnc]
    // Bld; C4H7N3O 113.12 g/mol (1 mg/dL = 88.40 µmol/L).
    a(
        "lab_creatinine",
        Some(113.12),
        &[m("2160-0"), m("14682-9"), m("38483-4"), m("59826-8")],
    ),
    a("lab_egfr", None, &[m("98979-8")]),
    // Urea: 3091-6 [MCnc] S/P, 22664-7 [SCnc] S/P; CH4N2O 60.06 g/mol. Urea nitrogen 3094-0
    // [MCnc] S/P weighs the two nitrogen atoms of each urea molecule, 28.0134 g/mol.
    a(
        "lab_urea",
        Some(60.06),
        &[
            m("3091-6"),
            m("22664-7"),
            Member {
                loinc: "3094-0",
                molar_mass: Some(28.0134),
            },
        ],
    ),
    // Urate: 3084-1 [MCnc] S/P, 14933-6 [SCnc] S/P; C5H4N4O3 168.11 g/mol.
    a("lab_uric_acid", Some(168.11), &[m("3084-1"), m("14933-6")]),
    a("lab_cystatin_c", None, &[m("33863-2")]),
    // Enzymes, [CCnc] S/P: U/L and µkat/L convert by 1 µkat = 60 U. ALT and AST also with
    // pyridoxal phosphate (1743-4, 30239-8); LDH also by the lactate-to-pyruvate reaction
    // (14804-9).
    a("lab_alt", None, &[m("1742-6"), m("1743-4")]),
    a("lab_ast", None, &[m("1920-8"), m("30239-8")]),
    a("lab_ggt", None, &[m("2324-2")]),
    a("lab_alp", None, &[m("6768-6")]),
    // Bilirubin: 1975-2 [MCnc] S/P, 14631-6 [SCnc] S/P; direct 1968-7, 14629-0;
    // C33H36N4O6 584.7 g/mol (1 mg/dL = 17.10 µmol/L).
    a("lab_bilirubin", Some(584.7), &[m("1975-2"), m("14631-6")]),
    a(
        "lab_bilirubin_direct",
        Some(584.7),
        &[m("1968-7"), m("14629-0")],
    ),
    // Albumin: 1751-7 [MCnc] S/P, 61151-7 by bromocresol green, 61152-5 by bromocresol
    // purple.
    a(
        "lab_albumin",
        None,
        &[m("1751-7"), m("61151-7"), m("61152-5")],
    ),
    a("lab_total_protein", None, &[m("2885-2")]),
    // INR: 6301-6 in platelet-poor plasma, 34714-6 in blood.
    a("lab_inr", None, &[m("6301-6"), m("34714-6")]),
    // aPTT: 14979-9 in platelet-poor plasma, 3173-2 in blood.
    a("lab_aptt", None, &[m("14979-9"), m("3173-2")]),
    a("lab_fibrinogen", None, &[m("3255-7")]),
    a("lab_lipase", None, &[m("3040-3")]),
    a("lab_amylase", None, &[m("1798-8")]),
    // CRP: 1988-5 [MCnc] S/P, 30522-7 high-sensitivity method.
    a("lab_crp", None, &[m("1988-5"), m("30522-7")]),
    a("lab_procalcitonin", None, &[m("33959-8"), m("75241-0")]),
    // Ferritin: 2276-4 [MCnc] S/P, 20567-4 by immunoassay.
    a("lab_ferritin", None, &[m("2276-4"), m("20567-4")]),
    a("lab_il6", None, &[m("26881-3")]),
    // ESR: 4537-7 by Westergren, 30341-2 method-less.
    a("lab_esr", None, &[m("4537-7"), m("30341-2")]),
    // Glucose: 2345-7 [MCnc] S/P, 14749-6 [SCnc] S/P, 2339-0 [MCnc] Bld, 15074-8 [SCnc] Bld;
    // C6H12O6 180.16 g/mol (1 mmol/L = 18.02 mg/dL).
    a(
        "lab_glucose",
        Some(180.16),
        &[m("2345-7"), m("14749-6"), m("2339-0"), m("15074-8")],
    ),
    // HbA1c as a share of haemoglobin: 4548-4, 17856-6 by HPLC. (IFCC mmol/mol, 59261-8,
    // relates to it by an offset, not a factor, and is not read.)
    a("lab_hba1c", None, &[m("4548-4"), m("17856-6")]),
    // Lipids: [MCnc] S/P, then [SCnc] S/P. Cholesterol C27H46O 386.65 g/mol (1 mmol/L =
    // 38.67 mg/dL); triglycerides by the triolein convention, 885.4 g/mol (1 mmol/L =
    // 88.54 mg/dL). LDL also measured directly (18262-6, 2089-1).
    a(
        "lab_cholesterol",
        Some(386.65),
        &[m("2093-3"), m("14647-2")],
    ),
    a(
        "lab_ldl",
        Some(386.65),
        &[m("13457-7"), m("18262-6"), m("2089-1"), m("22748-8")],
    ),
    a("lab_hdl", Some(386.65), &[m("2085-9"), m("14646-4")]),
    a(
        "lab_triglycerides",
        Some(885.4),
        &[m("2571-8"), m("14927-8")],
    ),
    Analyte {
        marker: "lab_tsh",
        molar_mass: None,
        ucum: Some("m[IU]/L"),
        international_units: true,
        members: &[m("3016-3")],
    },
    // Free thyroxine: 3024-7 [MCnc] S/P, 14920-3 [SCnc] S/P; C15H11I4NO4 776.87 g/mol
    // (the dictionary has no code for it).
    a("lab_ft4", Some(776.87), &[m("14920-3"), m("3024-7")]),
    a("lab_ck", None, &[m("2157-6")]),
    a("lab_ldh", None, &[m("2532-0"), m("14804-9")]),
    // Troponin T: 67151-1 high-sensitivity [MCnc] S/P (ng/L), 6598-7 [MCnc] S/P (µg/L).
    a("lab_troponin_t", None, &[m("67151-1"), m("6598-7")]),
    a("lab_nt_probnp", None, &[m("33762-6")]),
    // D-dimer in fibrinogen-equivalent units (48065-7); the D-dimer units of 48066-5 are
    // about half as large by convention, not by a factor, and are not read.
    Analyte {
        marker: "lab_d_dimer",
        molar_mass: None,
        ucum: Some("mg/L{FEU}"),
        international_units: false,
        members: &[m("48065-7")],
    },
    // 25-hydroxyvitamin D: 62292-8 [MCnc] S/P, C27H44O2 400.6 g/mol.
    a("lab_vitamin_d", Some(400.6), &[m("62292-8")]),
    // Cobalamin: 2132-9 [MCnc] S/P, 14685-2 [SCnc] S/P; C63H88CoN14O14P 1355.4 g/mol.
    a(
        "lab_vitamin_b12",
        Some(1355.4),
        &[m("2132-9"), m("14685-2")],
    ),
    // Folate: 2284-8 [MCnc] S/P, 14732-2 [SCnc] S/P; C19H19N7O6 441.4 g/mol.
    a("lab_folate", Some(441.4), &[m("2284-8"), m("14732-2")]),
    // Iron: 2498-4 [MCnc] S/P, 14798-3 [SCnc] S/P; Fe 55.845 g/mol.
    a("lab_iron", Some(55.845), &[m("2498-4"), m("14798-3")]),
    a("lab_transferrin", None, &[m("3034-6")]),
    a("lab_transferrin_saturation", None, &[m("2502-3")]),
    // Lactate: 2524-7 [SCnc] S/P, 32693-4 [SCnc] Bld.
    a("lab_lactate", None, &[m("2524-7"), m("32693-4")]),
    a("lab_haptoglobin", None, &[m("4542-7")]),
    a("lab_cortisol", None, &[m("2143-6")]),
    a("lab_cea", None, &[m("2039-6")]),
    a("lab_ca19_9", None, &[m("24108-3")]),
    a("lab_ca125", None, &[m("10334-1")]),
    a("lab_ca15_3", None, &[m("6875-9")]),
    a("lab_psa", None, &[m("2857-1")]),
    a("lab_afp", None, &[m("1834-1")]),
    a("lab_beta_hcg", None, &[m("21198-7")]),
    a("lab_nse", None, &[m("15060-7")]),
    a("lab_thyroglobulin", None, &[m("3013-0")]),
    // Vital signs: body weight also as 3141-9 (measured); oxygen saturation by pulse
    // oximetry (59408-5) and in arterial blood (2708-6).
    a("weight", None, &[m("29463-7"), m("3141-9")]),
    a("spo2", None, &[m("59408-5"), m("2708-6")]),
];

/// The analyte a LOINC code measures, with the member's own molar mass where it has one.
pub fn by_loinc(code: &str) -> Option<(&'static Analyte, &'static Member)> {
    ANALYTES.iter().find_map(|analyte| {
        analyte
            .members
            .iter()
            .find(|member| member.loinc == code)
            .map(|member| (analyte, member))
    })
}

/// The analyte of a dictionary marker.
pub fn by_marker(marker: &str) -> Option<&'static Analyte> {
    ANALYTES.iter().find(|a| a.marker == marker)
}
