//! Cohort tables for survlens: patients with survival time, event and typed markers, and their import from CSV/TSV.
