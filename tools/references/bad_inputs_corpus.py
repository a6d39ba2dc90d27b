"""Writes the hostile-input corpus: tests/fixtures/bad/{csv,model,onnx,fhir}/.

Every file is a small, deliberate variation of something a clinician might open: a hospital
export with the wrong separator or encoding, a model file cut short or edited by hand, an
ONNX export with an operator survlens does not read. What each file must produce (the error
code, row, column and message) is stated in tests/fixtures/bad/manifest.json and checked by
crates/survlens-app/tests/bad_inputs.rs; this script only writes the bytes, so the files can
be regenerated and reviewed.

Bases (committed, not written here):
- tests/fixtures/bad/model_valid.json: a small model file written by
  `survlens train --data data/veteran_lung.csv --time time --event event --id pid
   --markers num_karno,num_age,fac_celltype --time-unit days --folds 0
   --epochs-per-stage 5 --hidden-width 3 --learning-rate 1e-2 --batch-size 64`
- tests/fixtures/onnx/plain.onnx: a torch 2.15.0 export of Linear(5, 8) - ReLU - Linear(8, 1).

Run from the repository root with the reference environment (onnx 1.23.2):
    tools/references/.venv/bin/python tools/references/bad_inputs_corpus.py
"""

import json
import pathlib

import onnx
from onnx import TensorProto, helper

ROOT = pathlib.Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "fixtures" / "bad"


def write(path: str, data: bytes) -> None:
    target = BAD / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def csv_files() -> None:
    good = "id,time,event,age,crp\n1,120.5,1,64,3.2\n2,30,0,71,12.75\n3,400,1,58,\n"
    files = {
        # Separators and encodings.
        "wrong_delimiter_spaces.csv": "id time event age\n1 120 1 64\n2 30 0 71\n",
        "wrong_delimiter_fixed_comma.tsv": "id\ttime\tevent\tage\n1\t120\t1\t64\n2\t30\t0\t71\n",
        "bom_utf8.csv": "\ufeff" + good,
        "crlf_line_ends.csv": good.replace("\n", "\r\n"),
        "quoted_newline.csv": 'id,time,event,note\n1,120,1,"first line\nsecond line"\n'
        '2,30,0,plain\n3,400,1,"a ""quoted"" word"\n',
        "quoted_newline_then_bad_time.csv": 'id,time,event,note\n1,120,1,"first line\nsecond line"\n'
        "2,soon,0,plain\n",
        "unterminated_quote.csv": 'id,time,event,note\n1,120,1,"never closed\n2,30,0,plain\n',
        # Shape of the table.
        "ragged_short_row.csv": "id,time,event,age\n1,120,1,64\n2,30,0\n3,400,1,58\n",
        "ragged_long_row.csv": "id,time,event,age\n1,120,1,64\n2,30,0,71,extra\n",
        "empty.csv": "",
        "whitespace_only.csv": " \r\n\t\n\n",
        "header_only.csv": "id,time,event,age\n",
        "header_then_blank_lines.csv": "id,time,event,age\n\n\n\n",
        "no_header_row.csv": "1,120,1,64\n2,30,0,71\n",
        "duplicate_column_names.csv": "id,time,event,age,crp,age\n1,120,1,64,3.2,65\n",
        "duplicate_ids.csv": "id,time,event,age\nA7,120,1,64\nB2,30,0,71\nA7,400,1,58\n",
        "missing_time_column.csv": "id,os_days,event,age\n1,120,1,64\n",
        # Survival time and event.
        "time_text.csv": "id,time,event,age\n1,120,1,64\n2,about 30 days,0,71\n",
        "time_negative.csv": "id,time,event,age\n1,120,1,64\n2,-30,0,71\n",
        "time_zero.csv": "id,time,event,age\n1,120,1,64\n2,30,0,71\n3,0,1,58\n",
        "time_missing.csv": "id,time,event,age\n1,120,1,64\n2,NA,0,71\n",
        "time_nan.csv": "id,time,event,age\n1,120,1,64\n2,NaN,0,71\n",
        "time_infinity.csv": "id,time,event,age\n1,120,1,64\n2,inf,0,71\n",
        "time_1e308.csv": "id,time,event,age\n1,120,1,64\n2,1e308,0,71\n3,45,1,58\n",
        "time_1e309.csv": "id,time,event,age\n1,120,1,64\n2,1e309,0,71\n",
        "event_two.csv": "id,time,event,age\n1,120,1,64\n2,30,2,71\n",
        "event_text.csv": "id,time,event,age\n1,120,dead,64\n",
        "event_minus_one.csv": "id,time,event,age\n1,120,1,64\n2,30,-1,71\n",
        "all_censored.csv": "id,time,event,age\n1,120,0,64\n2,30,0,71\n3,400,0,58\n",
        "no_events_false.csv": "id,time,event,age\n1,120,false,64\n2,30,false,71\n",
        "one_row.csv": "id,time,event,age,crp\n1,120,1,64,3.2\n",
        # Marker values.
        "marker_nan.csv": "id,time,event,age\n1,120,1,64\n2,30,0,nan\n",
        "marker_minus_inf.csv": "id,time,event,age\n1,120,1,64\n2,30,0,-Infinity\n",
        "marker_1e308.csv": "id,time,event,age\n1,120,1,64\n2,30,0,1e308\n",
        "marker_bound_less_than.csv": "id,time,event,crp\n1,120,1,3.2\n2,30,0,<5\n3,400,1,12\n",
        "thousands_separator.csv": 'id,time,event,platelets\n1,120,1,"1,234.5"\n'
        '2,30,0,250\n3,400,1,310\n',
        "decimal_comma_in_comma_file.csv": 'id,time,event,crp\n1,120,1,"3,5"\n2,30,0,12\n'
        "3,400,1,4\n",
        "decimal_comma_semicolon.csv": "id;time;event;crp\n1;120,5;1;3,2\n2;30;0;12,75\n3;400,25;1;NA\n",
        # Missing-value codes (survlens_data::cell): read as missing in every column, so a
        # required one is a missing value, never text.
        "time_word_missing.csv": "id,time,event,age\n1,120,1,64\n2,missing,0,71\n",
        "event_question_mark.csv": "id,time,event,age\n1,120,1,64\n2,30,?,71\n",
        "id_sas_special_missing.csv": "id,time,event,age\n1,120,1,64\n.A,30,0,71\n",
        "marker_word_missing.csv": "id,time,event,age,stage\n1,120,1,64,II\n2,30,0,missing,MISSING\n"
        "3,400,1,58,III\n4,75,1,NaN,Missing\n",
        "time_added_code.csv": "id,time,event,age\n1,120,1,64\n2,unknown,0,71\n",
        "marker_added_numeric_code.csv": "id,time,event,age\n1,120,1,64\n2,30,0,-99\n3,400,1,-99.0\n",
        # Patients without an outcome: new patients a stored model explains.
        "no_outcome_columns.csv": "id,age,stage\n1,64,II\n2,71,missing\n3,58,III\n",
        "half_outcome.csv": "id,time,age\n1,120,64\n2,30,71\n",
        # tests/fixtures/bad/model_valid.json's markers, without time and event, with a
        # missing age and a missing cell type.
        "new_patients_markers_only.csv": "pid,num_karno,num_age,fac_celltype\n"
        "p1,60,69,squamous\np2,70,NA,smallcell\np3,40,58,missing\np4,90,63,adeno\n",
        # tests/fixtures/onnx/plain.onnx's five inputs, without time and event.
        "onnx_inputs_no_outcome.csv": "a,b,c,d,e\n0.1,0.2,0.3,0.4,0.5\n1,0,1,0,1\n",
    }
    files.update(extreme_but_valid())
    for name, text in files.items():
        write("csv/" + name, text.encode("utf-8"))

    binary = {
        # A Latin-1 export (Excel's "CSV" on Windows): 0xE9 is "é".
        "non_utf8_marker.csv": b"id,time,event,site\n1,120,1,lung\n2,30,0,f\xe9mur\n",
        "non_utf8_header.csv": b"id,time,event,r\xe9sultat\n1,120,1,3\n",
        # Excel's "Unicode text": UTF-16 little-endian with its byte order mark.
        "utf16le.csv": "\ufeffid,time,event\n1,120,1\n".encode("utf-16-le"),
        "bom_only.csv": b"\xef\xbb\xbf",
        # An .xlsx workbook renamed to .csv (a zip archive: "PK\x03\x04").
        "xlsx_renamed.csv": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xa2\x9d\x0f\xcd"
        + bytes(range(256)),
        "nul_bytes.csv": b"id,time,event\n1,12\x000,1\n",
    }
    for name, data in binary.items():
        write("csv/" + name, data)


def extreme_but_valid() -> dict:
    """Valid cohorts of 40 patients at the numeric edges: the job must finish with finite
    numbers. Deterministic (no random numbers): values follow the patient index."""
    n = 40
    ids = range(1, n + 1)
    event = [1 if i % 3 != 0 else 0 for i in ids]
    time = [10 + (i * 37) % 400 for i in ids]

    def table(header, rows):
        return ",".join(header) + "\n" + "".join(",".join(map(str, r)) + "\n" for r in rows)

    return {
        # Magnitudes near the ends of f32: 3e38 and 1e-38 (subnormal territory begins at
        # 1.2e-38), and a column spanning both.
        "valid_huge_and_tiny_values.csv": table(
            ["id", "time", "event", "huge", "tiny", "span"],
            [
                [i, t, e, f"{3.0e38 * (i % 7 + 1) / 8:.6e}", f"{1.0e-38 * (i % 5 + 1):.6e}",
                 "3.0e38" if i % 2 else "1.0e-38"]
                for i, t, e in zip(ids, time, event)
            ],
        ),
        # Every value of a column the same: scale 0.
        "valid_constant_column.csv": table(
            ["id", "time", "event", "constant", "age"],
            [[i, t, e, 5, 40 + i % 30] for i, t, e in zip(ids, time, event)],
        ),
        # A marker equal to the event: perfectly separates, the Cox likelihood has no
        # finite maximum.
        "valid_separating_marker.csv": table(
            ["id", "time", "event", "marker", "age"],
            [[i, t, e, e, 40 + i % 30] for i, t, e in zip(ids, time, event)],
        ),
        # Every patient has the same survival time.
        "valid_all_times_tied.csv": table(
            ["id", "time", "event", "age", "crp"],
            [[i, 100, e, 40 + i % 30, (i * 13) % 50 / 10] for i, e in zip(ids, event)],
        ),
    }


def model_files() -> None:
    text = (BAD / "model_valid.json").read_text()
    valid = json.loads(text)

    def edited(change) -> bytes:
        doc = json.loads(text)
        change(doc)
        return json.dumps(doc, indent=1).encode()

    layer0 = valid["network"]["layers"][0]
    n_weights = layer0["n_in"] * layer0["n_out"]

    def drop_last_weight(d):
        d["network"]["layers"][0]["weight"]["values"].pop()

    def unchained(d):
        d["network"]["layers"][1]["n_in"] = 4
        d["network"]["layers"][1]["weight"]["values"].append(0.5)

    def nan_weight(d):
        d["network"]["layers"][0]["weight"]["values"][4] = None

    def inf_bias(d):
        d["network"]["layers"][1]["bias"]["values"][0] = 1e39

    def arch_mismatch(d):
        d["network"]["architecture"]["hidden"] = [4]

    def absurd_layer(d):
        d["network"]["layers"][0]["n_in"] = 2**62
        d["network"]["layers"][0]["n_out"] = 2**62

    def renamed_marker(d):
        d["markers"][1] = "age_years"

    def no_baseline(d):
        del d["baseline"]

    def f16_odd(d):
        # "AA==" is one byte: half a 2-byte value.
        d["network"]["layers"][1]["bias"] = {"encoding": "f16_base64", "values": "AA=="}

    def unknown_encoding(d):
        d["network"]["layers"][1]["bias"] = {"encoding": "bf16", "values": "AAA="}

    def version_2(d):
        d["version"] = 2

    def version_text(d):
        d["version"] = "1"

    def negative_scale(d):
        d["encoder"]["markers"][0]["encoding"]["scale"] = -89.0

    files = {
        "truncated_half.json": text.encode()[: len(text) // 2],
        "truncated_last_byte.json": text.encode()[:-1],
        "empty.json": b"",
        "wrong_version.json": edited(version_2),
        "version_as_text.json": edited(version_text),
        "not_a_model.json": json.dumps({"format": "pycox", "net": [1, 2, 3]}).encode(),
        "json_array.json": b"[1, 2, 3]\n",
        "csv_instead.json": b"id,time,event\n1,120,1\n",
        "weights_one_short.json": edited(drop_last_weight),
        "layers_do_not_chain.json": edited(unchained),
        "nan_weight.json": edited(nan_weight),
        "infinite_bias.json": edited(inf_bias),
        "architecture_mismatch.json": edited(arch_mismatch),
        "absurd_layer_size.json": edited(absurd_layer),
        "marker_names_mismatch.json": edited(renamed_marker),
        "missing_baseline.json": edited(no_baseline),
        "f16_odd_bytes.json": edited(f16_odd),
        "unknown_weight_encoding.json": edited(unknown_encoding),
        "negative_scale.json": edited(negative_scale),
    }
    assert n_weights == len(layer0["weight"]["values"])
    for name, data in files.items():
        write("model/" + name, data)


def onnx_files() -> None:
    plain_bytes = (ROOT / "tests" / "fixtures" / "onnx" / "plain.onnx").read_bytes()

    def chain(nodes, initializers, opset=17) -> bytes:
        graph = helper.make_graph(
            nodes,
            "cox",
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["patients", 2])],
            [helper.make_tensor_value_info("log_risk", TensorProto.FLOAT, ["patients", 1])],
            initializer=initializers,
        )
        model = helper.make_model(
            graph,
            producer_name="survlens-corpus",
            opset_imports=[helper.make_opsetid("", opset)],
        )
        return model.SerializeToString()

    def weight(name, dims, values=None):
        count = 1
        for d in dims:
            count *= d
        return helper.make_tensor(name, TensorProto.FLOAT, dims, values or [0.5] * count)

    def gemm(inputs, output, name="/0/Gemm"):
        return helper.make_node("Gemm", inputs, [output], name=name, transB=1)

    def huge_tensor(name, dims):
        # Dimensions only: no data, so the file stays small while claiming a huge tensor.
        t = TensorProto()
        t.name = name
        t.data_type = TensorProto.FLOAT
        t.dims.extend(dims)
        t.raw_data = b"\x00" * 8
        return t

    files = {
        "truncated_half.onnx": plain_bytes[: len(plain_bytes) // 2],
        "truncated_tail.onnx": plain_bytes[:-6],
        "empty.onnx": b"",
        "csv_instead.onnx": b"id,time,event\n1,120,1\n",
        "unsupported_tanh.onnx": chain(
            [
                gemm(["x", "w0", "b0"], "h", "/0/Gemm"),
                helper.make_node("Tanh", ["h"], ["a"], name="/1/Tanh"),
                gemm(["a", "w1", "b1"], "log_risk", "/2/Gemm"),
            ],
            [weight("w0", [3, 2]), weight("b0", [3]), weight("w1", [1, 3]), weight("b1", [1])],
        ),
        "unsupported_custom_domain.onnx": chain(
            [
                gemm(["x", "w0", "b0"], "h"),
                helper.make_node("Relu", ["h"], ["a"], name="/1/Relu", domain="com.example"),
                gemm(["a", "w1", "b1"], "log_risk", "/2/Gemm"),
            ],
            [weight("w0", [3, 2]), weight("b0", [3]), weight("w1", [1, 3]), weight("b1", [1])],
        ),
        # 2^32 x 2^32 values: the product overflows 64 bits.
        "tensor_size_overflow.onnx": chain(
            [gemm(["x", "w0", "b0"], "log_risk")],
            [huge_tensor("w0", [2**32, 2**32]), weight("b0", [1])],
        ),
        # 2^20 x 2^20 = 2^40 values: no overflow, far above the limit.
        "tensor_too_large.onnx": chain(
            [gemm(["x", "w0", "b0"], "log_risk")],
            [huge_tensor("w0", [2**20, 2**20]), weight("b0", [1])],
        ),
        "tensor_negative_dim.onnx": chain(
            [gemm(["x", "w0", "b0"], "log_risk")],
            [huge_tensor("w0", [1, -2]), weight("b0", [1])],
        ),
        "tensor_raw_data_short.onnx": chain(
            [gemm(["x", "w0", "b0"], "log_risk")],
            [short_raw("w0"), weight("b0", [1])],
        ),
        "nan_weight.onnx": chain(
            [gemm(["x", "w0", "b0"], "log_risk")],
            [weight("w0", [1, 2], [0.5, float("nan")]), weight("b0", [1])],
        ),
        "weight_shape_mismatch.onnx": chain(
            [gemm(["x", "w0", "b0"], "log_risk")],
            [weight("w0", [1, 3]), weight("b0", [1])],
        ),
        "opset_too_old.onnx": chain(
            [gemm(["x", "w0", "b0"], "log_risk")],
            [weight("w0", [1, 2]), weight("b0", [1])],
            opset=6,
        ),
    }
    for name, data in files.items():
        write("onnx/" + name, data)


def fhir_files() -> None:
    """FHIR R4 exports (NDJSON and Bundles) with one thing wrong each, beside a valid
    patient where the rest must still be read."""

    def line(resource) -> str:
        return json.dumps(resource, ensure_ascii=False, separators=(",", ":"))

    patient = {"resourceType": "Patient", "id": "p1", "gender": "female", "birthDate": "1960-04-02"}

    def obs(id, loinc, quantity, date="2024-03-10", subject="Patient/p1", **extra):
        r = {
            "resourceType": "Observation",
            "id": id,
            "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": loinc}]},
            "subject": {"reference": subject},
            "effectiveDateTime": date,
        }
        if quantity is not None:
            r["valueQuantity"] = quantity
        r.update(extra)
        return r

    def ucum(value, code):
        return {"value": value, "unit": code, "system": "http://unitsofmeasure.org", "code": code}

    def ndjson(*resources) -> bytes:
        return ("\n".join(r if isinstance(r, str) else line(r) for r in resources) + "\n").encode()

    def bundle(kind, entries) -> bytes:
        return (json.dumps({"resourceType": "Bundle", "id": "b1", "type": kind, **entries}, indent=1) + "\n").encode()

    crea = lambda q, **kw: obs("o1", "2160-0", q, **kw)
    files = {
        "not_json.json": b'{"resourceType": "Bundle", "type": "collection", "entry": [\n  {"resource": {"resourceType": "Patient", "id": "p1"}}\n',
        "nan_token.ndjson": ndjson(patient, '{"resourceType":"Observation","id":"o1","valueQuantity":{"value":NaN}}'),
        "line_not_object.ndjson": ndjson(patient, "[1, 2, 3]"),
        "no_resource_type.ndjson": ndjson(patient, {"id": "o1", "status": "final"}),
        "wrong_resource_type.ndjson": ndjson(patient, {"resourceType": "observation", "id": "o1"}),
        "bundle_without_entries.json": bundle("collection", {}),
        "history_bundle.json": bundle("history", {"entry": [{"resource": patient}]}),
        "entry_without_resource.json": bundle(
            "transaction", {"entry": [{"resource": patient}, {"fullUrl": "urn:uuid:1", "request": {"method": "PUT"}}]}
        ),
        "observation_without_value.ndjson": ndjson(patient, crea(None)),
        "unknown_ucum_unit.ndjson": ndjson(patient, crea(ucum(1.1, "mg/dx"))),
        "unit_not_convertible.ndjson": ndjson(patient, obs("o1", "1988-5", ucum(12, "mmol/L"))),
        "missing_unit.ndjson": ndjson(patient, crea({"value": 1.1})),
        "quantity_not_a_number.ndjson": ndjson(patient, crea({"value": "1,1", "unit": "mg/dL"})),
        "non_finite_after_conversion.ndjson": ndjson(patient, obs("o1", "1988-5", ucum(1e305, "g/mL"))),
        "negative_count.ndjson": ndjson(patient, obs("o1", "6690-2", ucum(-3.2, "10*9/L"))),
        "haematocrit_as_fraction.ndjson": ndjson(patient, obs("o1", "4544-3", ucum(0.43, "L/L"))),
        "haematocrit_over_100_percent.ndjson": ndjson(patient, obs("o1", "4544-3", ucum(143, "%"))),
        "date_unparseable.ndjson": ndjson(patient, crea(ucum(1.1, "mg/dL"), date="10.03.2024")),
        "patient_missing.ndjson": ndjson(crea(ucum(1.1, "mg/dL"))),
        "duplicate_patient.ndjson": ndjson(patient, {**patient, "gender": "male"}),
        "patient_id_reads_as_missing.ndjson": ndjson({**patient, "id": "NA"}, {**patient, "id": "p2"}),
        "reference_to_missing_patient.ndjson": ndjson(patient, crea(ucum(1.1, "mg/dL"), subject="Patient/p9")),
        "reference_not_to_a_patient.ndjson": ndjson(patient, crea(ucum(1.1, "mg/dL"), subject="Group/g1")),
        "reference_not_a_string.ndjson": ndjson(
            patient, {**crea(ucum(1.1, "mg/dL")), "subject": {"reference": 17}}
        ),
        "medication_missing.ndjson": ndjson(
            patient,
            {
                "resourceType": "MedicationStatement",
                "id": "m1",
                "status": "active",
                "medicationReference": {"reference": "Medication/none"},
                "subject": {"reference": "Patient/p1"},
                "effectiveDateTime": "2024-03-10",
            },
        ),
        "lung_cancer_without_histology.ndjson": ndjson(
            patient,
            {
                "resourceType": "Condition",
                "id": "c1",
                "code": {"coding": [{"system": "http://fhir.de/CodeSystem/bfarm/icd-10-gm", "version": "2024", "code": "C34.1 G"}]},
                "subject": {"reference": "Patient/p1"},
            },
        ),
        "ecog_out_of_scale.ndjson": ndjson(
            patient,
            obs("o1", "89247-1", None, valueCodeableConcept={"coding": [{"code": "7"}]}),
        ),
        "birth_date_implausible.ndjson": ndjson(
            {**patient, "birthDate": "1800-01-01"}, crea(ucum(1.1, "mg/dL"))
        ),
        "text_only_codings.ndjson": ndjson(
            patient,
            obs("o1", "2160-0", ucum(1.1, "mg/dL")),
            {"resourceType": "Observation", "id": "o2", "status": "final", "code": {"text": "Befundkommentar"},
             "subject": {"reference": "Patient/p1"}, "valueString": "hämolytisch"},
            {"resourceType": "Condition", "id": "c1", "code": {"text": "Z.n. Appendektomie"},
             "subject": {"reference": "Patient/p1"}},
        ),
    }
    for name, data in files.items():
        write("fhir/" + name, data)


def short_raw(name):
    """A 1 x 2 float tensor with 6 bytes of raw data instead of 8."""
    t = TensorProto()
    t.name = name
    t.data_type = TensorProto.FLOAT
    t.dims.extend([1, 2])
    t.raw_data = b"\x00" * 6
    return t


if __name__ == "__main__":
    csv_files()
    model_files()
    onnx_files()
    fhir_files()
    # Sanity: the generated valid ONNX structure is what onnx itself accepts where expected.
    onnx.checker.check_model(onnx.load_from_string((BAD / "onnx" / "nan_weight.onnx").read_bytes()))
    print("wrote", sum(1 for p in BAD.rglob("*") if p.is_file()), "files under", BAD)
