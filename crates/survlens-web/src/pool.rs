//! The pool of workers: the job worker starts members, the same worker script under another
//! name (`survlens-pool-1`, ...), each with its own WebAssembly instance, and hands them
//! tasks (`survlens_app::job::pool`: a JSON header and `f32` buffers moved as transferable
//! `Float32Array`s). A member runs each task with the pure task function and posts back
//! the result. A member that stops (a panic, a trap) is reported to the job worker as a
//! [`WorkerFault`], and the job explains that member's share itself: the pool speeds the
//! job up and is never needed for it.

use futures::channel::mpsc;
use js_sys::{Array, ArrayBuffer, ArrayBufferOptions, Float32Array, Object, Reflect};
use survlens_app::job::pool::{self, Task, TaskResult, Wire};
use survlens_app::job::protocol::WorkerFault;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// The name prefix of a member's global scope; the worker's entry reads it to choose its role.
pub const MEMBER_PREFIX: &str = "survlens-pool-";

/// Whether this worker was started as a member of the pool.
pub fn is_member() -> bool {
    js_sys::global()
        .dyn_into::<web_sys::DedicatedWorkerGlobalScope>()
        .is_ok_and(|scope| scope.name().starts_with(MEMBER_PREFIX))
}

/// A message as a plain object `{header, buffers, crash}`, with the buffers to transfer.
/// Each buffer is a resizable `ArrayBuffer` (at most its own length), so that its receiver
/// can free it at once ([`copy_and_release`]).
pub fn to_js(wire: &Wire, crash: bool) -> (Object, Array) {
    let message = Object::new();
    let buffers = Array::new();
    let transfer = Array::new();
    for column in &wire.buffers {
        let bytes = size_of_val(column.as_slice());
        let buffer = ArrayBuffer::new_with_options(bytes, &ArrayBufferOptions::new(bytes));
        let array = Float32Array::new(&buffer);
        array.copy_from(column);
        transfer.push(&buffer);
        buffers.push(&array);
    }
    let _ = Reflect::set(&message, &"header".into(), &wire.header.as_str().into());
    let _ = Reflect::set(&message, &"buffers".into(), &buffers);
    let _ = Reflect::set(&message, &"crash".into(), &crash.into());
    (message, transfer)
}

/// The message `{header, buffers}` read back; `None` for anything else. Each buffer is
/// copied into this worker's WebAssembly memory and then released at once
/// ([`copy_and_release`]).
pub fn from_js(data: &JsValue) -> Option<(Wire, bool)> {
    let header = Reflect::get(data, &"header".into()).ok()?.as_string()?;
    let buffers = Reflect::get(data, &"buffers".into())
        .ok()?
        .dyn_into::<Array>()
        .ok()?
        .iter()
        .map(|b| b.dyn_into::<Float32Array>().map(|a| copy_and_release(&a)))
        .collect::<Result<Vec<_>, _>>()
        .ok()?;
    let crash = Reflect::get(data, &"crash".into())
        .ok()
        .and_then(|c| c.as_bool())
        .unwrap_or(false);
    Some((Wire { header, buffers }, crash))
}

/// A received array's values, copied into this worker's WebAssembly memory; the array's
/// own memory is then freed at once by resizing its buffer to 0 bytes ([`to_js`] makes
/// every buffer resizable). At 100,000 patients a fold's task is 40 MB and a share of
/// relevances 11 MB. Dropping the array, or detaching its buffer
/// (`ArrayBuffer.prototype.transfer` to a length of 0), leaves that memory to the worker's
/// garbage collector, which runs seconds later, or not at all while the worker is in one
/// long task (a member training a network, a minute). A buffer that cannot be resized
/// (from a browser without resizable buffers) is detached instead.
fn copy_and_release(array: &Float32Array) -> Vec<f32> {
    let values = array.to_vec();
    let buffer = array.buffer();
    if buffer.resize(0).is_err() {
        let _ = buffer.transfer_with_length(0);
    }
    values
}

/// A member's fault message, `{fault}` with [`WorkerFault::to_message`]'s text.
fn fault_to_js(fault: &WorkerFault) -> Object {
    let message = Object::new();
    let _ = Reflect::set(&message, &"fault".into(), &fault.to_message().into());
    message
}

/// In a member: runs each task the job worker sends and posts back its result (or its
/// failure); a panic is reported to the job worker, not to the page, and the member closes.
pub fn member_main() {
    let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() else {
        return;
    };
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() {
            let fault = WorkerFault {
                what: info.to_string(),
                panicked: true,
                memory_bytes: crate::fault::memory_bytes(),
            };
            let _ = scope.post_message(&fault_to_js(&fault));
            scope.close();
        }
    }));
    // What a training share's forward pass keeps for its backward pass, and a fold's test
    // patients between its batches of pair tests.
    let member = std::cell::RefCell::new(pool::Member::default());
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>()
            else {
                return;
            };
            let reply = match from_js(&event.data()) {
                Some((wire, crash)) => {
                    if crash {
                        crash_on_purpose();
                    }
                    match member.try_borrow_mut() {
                        Ok(mut member) => member.answer(wire),
                        Err(_) => TaskResult::failure_wire(&pool::PoolError::Header {
                            serde: "a task arrived while another ran".to_owned(),
                        }),
                    }
                }
                None => TaskResult::failure_wire(&pool::PoolError::Header {
                    serde: "a message without header and buffers".to_owned(),
                }),
            };
            let (message, transfer) = to_js(&reply, false);
            let _ = scope.post_message_with_transfer(&message, &transfer);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // A message posted before the handler was set would be lost: the job worker hands out
    // nothing until the member says it listens.
    let ready = Object::new();
    let _ = Reflect::set(&ready, &"ready".into(), &true.into());
    let _ = scope.post_message(&ready);
}

/// The test hook of `?pool-fault=panic`: a member panics, as a defect would.
#[allow(
    clippy::panic,
    reason = "the page asked a pool worker to fail on purpose"
)]
fn crash_on_purpose() {
    panic!("a pool worker was asked to fail (test hook ?pool-fault=panic)")
}

/// What a member told the job worker.
pub enum MemberEvent {
    /// Member `member` listens for tasks.
    Ready(usize),
    /// Member `member` answered its task.
    Reply(usize, Wire),
    /// Member `member` stopped.
    Fault(usize, WorkerFault),
}

/// One member as the job worker sees it.
struct Member {
    worker: web_sys::Worker,
    /// The job and key ([`pool::task_key`]) of the task it works on, and whether the task
    /// leaves it holding a training share ([`pool::makes_holder`]).
    busy: Option<(u64, usize, bool)>,
    /// The job and share of the training share whose forward pass it ran last.
    holds: Option<(u64, usize)>,
    /// The test ground it keeps between batches of pair tests.
    holdings: pool::Holdings,
    /// Whether it stopped (it gets no more tasks).
    stopped: bool,
    /// Whether it listens for tasks (its WebAssembly instance is up).
    ready: bool,
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::ErrorEvent)>,
}

impl Member {
    /// Whether it can take a task now.
    fn idle(&self) -> bool {
        self.ready && !self.stopped && self.busy.is_none()
    }
}

/// The job worker's members.
pub struct Pool {
    members: Vec<Member>,
    /// The job whose tasks are handed out now; replies to an earlier job's are dropped.
    job: u64,
    /// The test hook: the first task handed out makes its member panic.
    crash_next: bool,
}

impl Pool {
    /// Starts `workers - 1` members (the job worker is the first worker) on this worker's
    /// own script; their messages arrive on `events`. Members that cannot be started are
    /// left out (the job then does their share).
    pub fn start(workers: usize, crash: bool, events: &mpsc::UnboundedSender<MemberEvent>) -> Self {
        let mut members = Vec::new();
        let script = js_sys::global()
            .dyn_into::<web_sys::WorkerGlobalScope>()
            .ok()
            .map(|scope| scope.location().href());
        for index in 0..workers.saturating_sub(1) {
            let Some(script) = &script else { break };
            let options = web_sys::WorkerOptions::new();
            options.set_name(&format!("{MEMBER_PREFIX}{}", index + 1));
            let Ok(worker) = web_sys::Worker::new_with_options(script, &options) else {
                web_sys::console::warn_1(&"a pool worker could not be started".into());
                continue;
            };
            let member = members.len();
            let sender = events.clone();
            let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(
                move |event: web_sys::MessageEvent| {
                    let data = event.data();
                    let fault = Reflect::get(&data, &"fault".into())
                        .ok()
                        .and_then(|f| f.as_string());
                    let ready = Reflect::get(&data, &"ready".into())
                        .ok()
                        .and_then(|r| r.as_bool())
                        .unwrap_or(false);
                    let event = match (fault, from_js(&data)) {
                        _ if ready => MemberEvent::Ready(member),
                        (Some(text), _) => {
                            MemberEvent::Fault(member, WorkerFault::from_message(&text))
                        }
                        (None, Some((wire, _))) => MemberEvent::Reply(member, wire),
                        (None, None) => MemberEvent::Fault(
                            member,
                            WorkerFault {
                                what: "a pool worker sent a message that is not a result"
                                    .to_owned(),
                                panicked: false,
                                memory_bytes: f64::NAN,
                            },
                        ),
                    };
                    let _ = sender.unbounded_send(event);
                },
            );
            let sender = events.clone();
            let on_error =
                Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
                    event.prevent_default();
                    let _ = sender.unbounded_send(MemberEvent::Fault(
                        member,
                        WorkerFault {
                            what: event.message(),
                            panicked: false,
                            memory_bytes: f64::NAN,
                        },
                    ));
                });
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            members.push(Member {
                worker,
                busy: None,
                holds: None,
                holdings: pool::Holdings::default(),
                stopped: false,
                ready: false,
                _on_message: on_message,
                _on_error: on_error,
            });
        }
        Self {
            members,
            job: 0,
            crash_next: crash,
        }
    }

    /// A new job starts: what members still compute for the last one will be dropped.
    pub fn new_job(&mut self) {
        self.job += 1;
    }

    /// Members ready for a task.
    pub fn idle(&self) -> usize {
        self.members.iter().filter(|m| m.idle()).count()
    }

    /// Members that have not stopped.
    pub fn live(&self) -> usize {
        self.members.iter().filter(|m| !m.stopped).count()
    }

    /// Hands each task to an idle member (a training share's backward pass to the member
    /// that ran its forward pass, a batch of pair tests to one that keeps its fold's
    /// patients if one is idle); returns the key of each task no member took (the job
    /// takes those back).
    pub fn hand_out(&mut self, tasks: Vec<Task>) -> Vec<usize> {
        let mut left = Vec::new();
        for task in tasks {
            let start = pool::task_key(&task);
            let job = self.job;
            let holder = pool::needs_holder(&task);
            let fits = |m: &Member| m.idle() && (!holder || m.holds == Some((job, start)));
            let chosen = self
                .members
                .iter()
                .position(|m| fits(m) && m.holdings.keeps_ground_of(&task))
                .or_else(|| self.members.iter().position(fits));
            let Some(member) = chosen.and_then(|i| self.members.get_mut(i)) else {
                left.push(start);
                continue;
            };
            let makes_holder = pool::makes_holder(&task);
            let (message, transfer) = to_js(&member.holdings.wire(task), self.crash_next);
            self.crash_next = false;
            if member
                .worker
                .post_message_with_transfer(&message, &transfer)
                .is_err()
            {
                member.stopped = true;
                left.push(start);
                continue;
            }
            member.busy = Some((self.job, start, makes_holder));
        }
        left
    }

    /// Takes in what member `member` said: its reply to a task of the current job (`Ok`
    /// with the task's first patient and the message), or the first patient of the
    /// current job's task it will not answer (`Err`: it stopped or failed it). `None` when
    /// there is nothing for the job (a reply to an earlier job).
    pub fn receive(&mut self, event: MemberEvent) -> Option<Result<(usize, Wire), usize>> {
        let (member, reply) = match event {
            MemberEvent::Ready(member) => {
                if let Some(m) = self.members.get_mut(member) {
                    m.ready = true;
                }
                return None;
            }
            MemberEvent::Reply(member, wire) => (member, Some(wire)),
            MemberEvent::Fault(member, fault) => {
                web_sys::console::warn_1(
                    &format!(
                        "a pool worker stopped; the job does its share: {}",
                        fault.what
                    )
                    .into(),
                );
                (member, None)
            }
        };
        let current = self.job;
        let m = self.members.get_mut(member)?;
        let busy = m.busy.take();
        if reply.is_none() {
            m.stopped = true;
            m.worker.terminate();
        }
        if reply.as_ref().is_some_and(TaskResult::is_failure_wire) {
            m.holdings.forget();
        }
        match (busy, reply) {
            (Some((job, start, holds)), Some(wire)) if job == current => {
                m.holds = holds.then_some((job, start));
                Some(Ok((start, wire)))
            }
            (Some((job, start, _)), None) if job == current => Some(Err(start)),
            _ => None,
        }
    }
}
