// Times the WebAssembly harness in Node (V8, the engine of Chromium) and prints one line per
// workload, `RESULT <key> <median s> <runs> <min s> <median CPU s>`, on stdout and a readable
// line on stderr. Times are wall-clock; the CPU time (the Node process's user + system time)
// shows how much of the wall-clock a busy machine took away.
//
//   node tools/bench/wasm/run.mjs <pkg dir from `wasm-bindgen --target nodejs`>
//       [--repeats 5] [--patients 15726] [--model-patients 1000] [--top-k 50]
//       [--only epoch,epoch_pool,lrp,lrp_pool,one,interactions,synth] [--pool 2]
//       [--train name=cohort.csv,...] [--train-repeats 1]
//
// Every workload runs once untimed (warm-up: V8 compiles the module lazily, the allocator
// grows the linear memory), then `--repeats` timed runs; one patient runs 20 + 200 times.
// Single-threaded, as in a page or a worker, except `epoch_pool` and `lrp_pool`: the same
// epoch with each mini-batch split among `--pool` workers, and the same cohort's LRP in the
// page's pool tasks (this thread and Node worker threads running `member.mjs`, each with its
// own instance of the module), the shares crossing as the page's pool messages.
//
// `--train` (not part of `--only`'s default) trains the `auto` recipe on every patient of
// each named cohort file (columns patient_id, entity, time, event, markers: what `survlens
// synth` writes), seed 0, `--train-repeats` times WITHOUT a warm-up: a page trains once, in a
// fresh worker, so the first run is the figure. It prints `RESULT train_<name> ...` and
// `CINDEX train_<name> <Harrell's C of the model on its own patients>`, which the native run
// of the same work must reproduce (up to rounding).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const args = process.argv.slice(2);
if (args.length === 0 || args[0].startsWith('-')) {
  console.error('usage: node run.mjs <pkg dir> [--repeats N] [--patients N] [--model-patients N] [--top-k K] [--only a,b]');
  process.exit(2);
}
const pkg = path.resolve(args[0]);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i > 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const repeats = Number(option('--repeats', '5'));
const patients = Number(option('--patients', '15726'));
const modelPatients = Number(option('--model-patients', '1000'));
const topK = Number(option('--top-k', '50'));
const only = new Set(option('--only', 'epoch,epoch_pool,lrp,lrp_pool,one,interactions,synth').split(','));
const poolSize = Number(option('--pool', '2'));
const train = option('--train', '').split(',').filter((x) => x.length > 0).map((x) => {
  const at = x.indexOf('=');
  if (at <= 0) {
    console.error(`--train wants name=file, got ${x}`);
    process.exit(2);
  }
  return [x.slice(0, at), x.slice(at + 1)];
});
const trainRepeats = Number(option('--train-repeats', '1'));

const require = createRequire(import.meta.url);
const wasm = require(path.join(pkg, 'survlens_bench_wasm.js'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// One untimed call (unless `warmUp` is false), then `runs` timed calls of `work` (awaited,
// for work spread over worker threads); seconds. The CPU time is the whole process's,
// worker threads included.
async function time(key, label, work, runs = repeats, warmUp = true) {
  if (warmUp) await work();
  const seconds = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await work(i);
    seconds.push((performance.now() - t0) / 1e3);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  const [m, lo, mc] = [median(seconds), Math.min(...seconds), median(cpu)];
  console.log(`RESULT ${key} ${m} ${runs} ${lo} ${mc}`);
  console.error(`  ${label}: median ${fmt(m)} (min ${fmt(lo)}, CPU ${fmt(mc)}, ${runs} runs)`);
}

function fmt(s) {
  if (s >= 1) return `${s.toFixed(3)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toFixed(2)} ms`;
  return `${(s * 1e6).toFixed(1)} µs`;
}

console.error(`node ${process.version}, simd128 ${wasm.simd128()}, ${patients} patients`);
if (!wasm.simd128()) console.error('warning: the module was built without +simd128');

if (only.has('epoch')) {
  const bench = new wasm.EpochBench(patients, 0.5);
  await time('epoch', `one training epoch 350-3500-1, ${patients} x 350, dropout 0.5`, () => bench.epoch());
  bench.free();
}
/** `n` Node worker threads running `member.mjs`; `next()` awaits a member's next reply. */
function startMembers(n) {
  return Array.from({ length: n }, () => {
    const worker = new Worker(new URL('./member.mjs', import.meta.url), { workerData: { pkg } });
    const replies = [];
    const waiting = [];
    worker.on('message', (m) => (waiting.length ? waiting.shift()(m) : replies.push(m)));
    worker.on('error', (e) => { console.error(e); process.exit(1); });
    return { worker, next: () => (replies.length ? Promise.resolve(replies.shift()) : new Promise((r) => waiting.push(r))) };
  });
}

/** Posts a pool message to `member`, its buffers transferred; resolves with the reply. */
function post(member, message) {
  const buffers = [];
  for (let i = 0; i < message.count(); i++) buffers.push(message.buffer(i));
  member.worker.postMessage({ header: message.header(), buffers }, buffers.map((b) => b.buffer));
  message.free();
  return member.next();
}

if (only.has('epoch_pool') && poolSize > 1) {
  // Member `s - 1` runs share `s`, forward and backward: the backward pass needs what the
  // member's forward pass kept, as in the page, where the pool hands it to the same member.
  const members = startMembers(poolSize - 1);
  const bench = new wasm.PooledEpochBench(patients, 0.5, poolSize - 1);
  const epoch = async () => {
    const out = [];
    for (;;) {
      const state = bench.advance();
      for (let task = bench.next_task(); task; task = bench.next_task()) {
        out.push(post(members[task.shard() - 1], task));
      }
      if (state === 0) return;
      if (state === 2) {
        const reply = await out.shift();
        const message = new wasm.PoolMessage(reply.header);
        for (const b of reply.buffers) message.push(b);
        bench.accept(message);
      }
    }
  };
  await time('epoch_pool', `one training epoch 350-3500-1, ${patients} x 350, dropout 0.5, ${poolSize} workers`, epoch);
  console.error(`  (epoch_pool: last training loss ${bench.last_train_loss().toFixed(4)})`);
  bench.free();
  for (const m of members) await m.worker.terminate();
}
if (only.has('lrp_pool') && poolSize > 1) {
  // As the page deals them: this thread explains from the front, each idle member takes the
  // next task from the back, and a member that answers takes the next one.
  const members = startMembers(poolSize - 1);
  const bench = new wasm.PooledLrpBench(patients);
  const cohort = async () => {
    let [front, back] = [0, bench.count()];
    const work = async (member) => {
      while (front < back) {
        back -= 1;
        await post(member, bench.task(back));
      }
    };
    const running = members.map(work);
    while (front < back) {
      bench.run_local(front);
      front += 1;
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(running);
  };
  await time('lrp_pool', `LRP gamma 0.01, cohort of ${patients}, ${poolSize} workers`, cohort);
  bench.free();
  for (const m of members) await m.worker.terminate();
}
if (only.has('lrp') || only.has('one')) {
  const bench = new wasm.LrpBench(patients);
  if (only.has('lrp')) {
    await time('lrp_cohort', `LRP gamma 0.01, cohort of ${patients}`, () => bench.cohort());
  }
  if (only.has('one')) {
    for (let i = 0; i < 20; i++) bench.one_patient(i);
    await time('lrp_one', 'LRP gamma 0.01, one patient', (i = 0) => bench.one_patient(i), 200);
  }
  bench.free();
}
if (only.has('interactions')) {
  const bench = new wasm.InteractionsBench(patients, modelPatients);
  const n = Math.min(modelPatients, patients);
  await time('interactions_model', `interactions top ${topK}, model-based, ${n} patients`,
    () => bench.model(topK), Math.max(1, Math.min(repeats, 3)));
  await time('interactions_statistical', `interactions top ${topK}, statistical, ${patients} patients`,
    () => bench.statistical(topK));
  bench.free();
}
if (only.has('synth')) {
  await time('synth', `synthetic pan-cancer cohort, ${patients} patients, default seed`,
    () => wasm.generate_cohort(patients));
}
for (const [name, file] of train) {
  const bench = new wasm.AutoTrainingBench(readFileSync(file), 'patient_id', 'entity');
  await time(`train_${name}`, `auto recipe, training on all ${bench.patients()} patients of ${name}`,
    () => bench.train(0), trainRepeats, false);
  console.log(`CINDEX train_${name} ${bench.harrell_c()}`);
  bench.free();
}
