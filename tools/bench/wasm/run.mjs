// Times the WebAssembly harness in Node (V8, the engine of Chromium) and prints one line per
// workload, `RESULT <key> <median s> <runs> <min s> <median CPU s>`, on stdout and a readable
// line on stderr. Times are wall-clock; the CPU time (the Node process's user + system time)
// shows how much of the wall-clock a busy machine took away.
//
//   node tools/bench/wasm/run.mjs <pkg dir from `wasm-bindgen --target nodejs`>
//       [--repeats 5] [--patients 15726] [--model-patients 1000] [--top-k 50]
//       [--only epoch,lrp,one,interactions,synth]
//       [--train name=cohort.csv,...] [--train-repeats 1]
//
// Every workload runs once untimed (warm-up: V8 compiles the module lazily, the allocator
// grows the linear memory), then `--repeats` timed runs; one patient runs 20 + 200 times.
// Single-threaded, as in a page or a worker.
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
const only = new Set(option('--only', 'epoch,lrp,one,interactions,synth').split(','));
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

// One untimed call (unless `warmUp` is false), then `runs` timed calls of `work`; seconds.
function time(key, label, work, runs = repeats, warmUp = true) {
  if (warmUp) work();
  const seconds = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    work(i);
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
  time('epoch', `one training epoch 350-3500-1, ${patients} x 350, dropout 0.5`, () => bench.epoch());
  bench.free();
}
if (only.has('lrp') || only.has('one')) {
  const bench = new wasm.LrpBench(patients);
  if (only.has('lrp')) {
    time('lrp_cohort', `LRP gamma 0.01, cohort of ${patients}`, () => bench.cohort());
  }
  if (only.has('one')) {
    for (let i = 0; i < 20; i++) bench.one_patient(i);
    time('lrp_one', 'LRP gamma 0.01, one patient', (i = 0) => bench.one_patient(i), 200);
  }
  bench.free();
}
if (only.has('interactions')) {
  const bench = new wasm.InteractionsBench(patients, modelPatients);
  const n = Math.min(modelPatients, patients);
  time('interactions_model', `interactions top ${topK}, model-based, ${n} patients`,
    () => bench.model(topK), Math.max(1, Math.min(repeats, 3)));
  time('interactions_statistical', `interactions top ${topK}, statistical, ${patients} patients`,
    () => bench.statistical(topK));
  bench.free();
}
if (only.has('synth')) {
  time('synth', `synthetic pan-cancer cohort, ${patients} patients, default seed`,
    () => wasm.generate_cohort(patients));
}
for (const [name, file] of train) {
  const bench = new wasm.AutoTrainingBench(readFileSync(file), 'patient_id', 'entity');
  time(`train_${name}`, `auto recipe, training on all ${bench.patients()} patients of ${name}`,
    () => bench.train(0), trainRepeats, false);
  console.log(`CINDEX train_${name} ${bench.harrell_c()}`);
  bench.free();
}
