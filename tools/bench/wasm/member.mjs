// A member of the pooled epoch (`run.mjs`, workload `epoch_pool`): a Node worker thread with
// its own instance of the WebAssembly module, as each of the page's pool workers has. It runs
// each task it is sent with the page's member code and posts the result back, its buffers
// transferred, not copied.
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const wasm = require(path.join(workerData.pkg, 'survlens_bench_wasm.js'));
const member = new wasm.PoolMemberBench();

parentPort.on('message', ({ header, buffers }) => {
  const task = new wasm.PoolMessage(header);
  for (const b of buffers) task.push(b);
  const result = member.run(task);
  const out = [];
  for (let i = 0; i < result.count(); i++) out.push(result.buffer(i));
  const reply = { header: result.header(), buffers: out };
  result.free();
  parentPort.postMessage(reply, out.map((b) => b.buffer));
});
