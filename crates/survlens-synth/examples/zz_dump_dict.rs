fn main() {
    let d = survlens_synth::Dictionary::for_preset(survlens_synth::Preset::PanCancer).unwrap();
    for m in d.markers() {
        let kind = match m.kind { survlens_synth::MarkerKind::Numeric => "num".to_string(), survlens_synth::MarkerKind::Binary => "bin".to_string(), survlens_synth::MarkerKind::Categorical{levels, ..} => format!("cat{:?}", levels) };
        println!("{}\t{:?}\t{}\t{}\t{:?}\t{:?}\t{}", m.id, m.modality, m.unit, kind, m.code, m.reference_range, m.name);
    }
    let t = survlens_synth::Dictionary::teaching();
    println!("---- teaching");
    for m in t.markers() { println!("{}\t{:?}\t{}\t{:?}\t{:?}", m.id, m.modality, m.unit, m.kind, m.code); }
}
