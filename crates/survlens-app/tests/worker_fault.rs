//! A worker that stops is reported with what happened and what to try: running out of
//! memory is named with the memory it held, a panic as a defect, and the report survives
//! the text channel it crosses.

use survlens_app::job::protocol::WorkerFault;

#[test]
fn a_trap_near_the_address_limit_reads_as_out_of_memory() {
    let fault = WorkerFault {
        what: "RuntimeError: unreachable".into(),
        panicked: false,
        memory_bytes: 3.9 * 1024.0 * 1024.0 * 1024.0,
    };
    assert!(fault.out_of_memory());
    assert!(
        fault.sentence().contains("ran out of memory (3.9 GiB"),
        "{}",
        fault.sentence()
    );
    assert!(fault.advice().contains("fewer"));
    // Far from the limit, the same trap is named as it is.
    let small = WorkerFault {
        memory_bytes: 0.5 * 1024.0 * 1024.0 * 1024.0,
        ..fault
    };
    assert!(!small.out_of_memory());
    assert!(
        small
            .sentence()
            .contains("RuntimeError: unreachable; it held 0.5 GiB")
    );
}

#[test]
fn a_panic_reads_as_a_defect_and_a_failed_allocation_as_memory() {
    let panic = WorkerFault {
        what: "panicked at src/x.rs:1:1: index out of bounds.".into(),
        panicked: true,
        memory_bytes: 64.0 * 1024.0 * 1024.0,
    };
    assert!(!panic.out_of_memory());
    assert!(panic.sentence().contains("unexpected error: panicked at"));
    assert!(panic.advice().contains("defect"));
    let allocation = WorkerFault {
        what: "memory allocation of 1073741824 bytes failed".into(),
        ..panic
    };
    assert!(allocation.out_of_memory());
}

#[test]
fn a_fault_crosses_its_channel_as_text() {
    let fault = WorkerFault {
        what: "boom \"quoted\"".into(),
        panicked: true,
        memory_bytes: 1.5e9,
    };
    assert_eq!(WorkerFault::from_message(&fault.to_message()), fault);
    let other = WorkerFault::from_message("not json");
    assert_eq!(other.what, "not json");
}
